package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"
)

// townshipWorkbook is a 说明 sheet and one sheet per township of 顺庆区, named after it, without a
// township column; bad names a sheet whose header lost its amount column.
func townshipWorkbook(t *testing.T, bad string) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	_ = f.SetSheetName("Sheet1", "说明")
	_ = f.SetCellValue("说明", "A1", "每个乡镇（街道）一张表")
	sheets := []struct {
		name  string
		lines [][]any
	}{
		{"中城街道", [][]any{{"平城街社区", "工作经费", "办公", "245,847.31元"}, {"滨江社区", "人员报酬", "补贴", "1.5万元"}}},
		{"北城街道", [][]any{{"长征路社区", "工作经费", "办公", 1000}}},
		{"西城街道", [][]any{{"小西街社区", "服务设施", "维修", "2万"}, {"大北街社区", "工作经费", "", "300元"}}},
	}
	for _, sh := range sheets {
		_, _ = f.NewSheet(sh.name)
		amount := "金额（元）"
		if sh.name == bad {
			amount = "钱"
		}
		rows := append([][]any{{sh.name + "2026年村（社区）经费预算表"}, {"村（社区）", "经费类别", "项目名称", amount}}, sh.lines...)
		for r, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			_ = f.SetSheetRow(sh.name, cell, &row)
		}
	}
	path := filepath.Join(t.TempDir(), "顺庆区预算.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func sheetChecks(b *budgetImport) []*widget.Check {
	var out []*widget.Check
	for _, o := range b.sheetBox.Objects {
		if c, ok := o.(*widget.Check); ok {
			out = append(out, c)
		}
	}
	return out
}

// TestBudgetImportEverySheet: the preview of a workbook with one sheet per township lists every
// sheet with its lines and total; unticking a sheet leaves it out of the preview and the import.
func TestBudgetImportEverySheet(t *testing.T) {
	f, s := openBudget(t)
	s.imp.open(townshipWorkbook(t, ""))
	dlg := topOverlay(t, f.w.Win)
	checks := sheetChecks(s.imp)
	if len(checks) != 3 || s.imp.confirm.Disabled() || len(s.imp.lines) != 5 {
		t.Fatalf("sheets %d, lines %d, status %q", len(checks), len(s.imp.lines), s.imp.status.Text)
	}
	for i, want := range []string{"中城街道：2 条，合计 260,847.31 元", "北城街道：1 条，合计 1,000.00 元", "西城街道：2 条，合计 20,300.00 元"} {
		if checks[i].Text != want || !checks[i].Checked {
			t.Errorf("sheet %d: %q checked=%v, want %q", i, checks[i].Text, checks[i].Checked, want)
		}
	}
	if !containsText(dlg, "3 个工作表") || !containsText(dlg, "北城街道：1 条") {
		t.Errorf("dialog texts %q", visibleTexts(dlg))
	}
	test.Tap(s.imp.replace) // any new preview keeps every sheet
	if len(s.imp.lines) != 5 || s.imp.confirm.Disabled() {
		t.Fatalf("preview again: lines %d, status %q", len(s.imp.lines), s.imp.status.Text)
	}
	test.Tap(s.imp.replace)
	_, l := previewCell(s.imp, 3, 0)
	if l.Text != "北城街道 3" {
		t.Errorf("row cell %q, want the sheet and its row", l.Text)
	}

	test.Tap(checks[1]) // leave 北城街道 out
	if len(s.imp.lines) != 4 || s.imp.confirm.Disabled() || len(sheetChecks(s.imp)) != 3 {
		t.Fatalf("after unticking: lines %d, status %q", len(s.imp.lines), s.imp.status.Text)
	}
	if c := sheetChecks(s.imp)[1]; c.Checked || !strings.Contains(c.Text, "不导入") {
		t.Errorf("left-out sheet shows %q checked=%v", c.Text, c.Checked)
	}
	test.Tap(s.imp.confirm)
	if s.imp.result.Batch == 0 || !strings.Contains(s.imp.status.Text, "已导入 4 条") {
		t.Fatalf("confirm: %q", s.imp.status.Text)
	}
	if c := sheetChecks(s.imp)[0]; !c.Disabled() {
		t.Error("the sheet choice can still be changed after the import")
	}
}

// TestBudgetImportDamagedSheet: a sheet that cannot be read refuses the whole workbook and is
// listed with its problem; unticking it lets the others be imported.
func TestBudgetImportDamagedSheet(t *testing.T) {
	_, s := openBudget(t)
	s.imp.open(townshipWorkbook(t, "北城街道"))
	checks := sheetChecks(s.imp)
	if len(checks) != 3 || !s.imp.confirm.Disabled() || !strings.Contains(checks[1].Text, "北城街道：无法导入") {
		t.Fatalf("damaged: %d checks %q, status %q", len(checks), checkTexts(checks), s.imp.status.Text)
	}
	if !strings.Contains(s.imp.status.Text, "取消勾选有问题的工作表") {
		t.Errorf("status %q", s.imp.status.Text)
	}
	if !strings.Contains(s.imp.notes[0].String(), "工作表“北城街道”") {
		t.Errorf("first issue: %s", s.imp.notes[0])
	}
	test.Tap(checks[1])
	if s.imp.confirm.Disabled() || len(s.imp.lines) != 4 {
		t.Fatalf("without the damaged sheet: %q", s.imp.status.Text)
	}
	for _, i := range []int{0, 2} {
		test.Tap(sheetChecks(s.imp)[i])
	}
	if !s.imp.confirm.Disabled() || len(s.imp.lines) != 0 || !strings.Contains(s.imp.status.Text, "请至少勾选一个") {
		t.Errorf("nothing ticked: lines %d, status %q", len(s.imp.lines), s.imp.status.Text)
	}
}

func checkTexts(cs []*widget.Check) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Text)
	}
	return out
}

// TestBudgetImportSummarySheet: a 汇总 sheet is listed unticked, not added to the townships'.
func TestBudgetImportSummarySheet(t *testing.T) {
	_, s := openBudget(t)
	path := townshipWorkbook(t, "")
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_ = f.SetSheetName("北城街道", "汇总")
	_ = f.SetSheetRow("汇总", "A2", &[]any{"乡镇（街道）", "经费类别", "项目名称", "金额（元）"})
	_ = f.SetSheetRow("汇总", "A3", &[]any{"北城街道", "工作经费", "", 1000})
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	s.imp.open(path)
	checks := sheetChecks(s.imp)
	if len(checks) != 3 || checks[1].Checked || !strings.Contains(checks[1].Text, "汇总：汇总表，不导入") || len(s.imp.lines) != 4 || s.imp.confirm.Disabled() {
		t.Fatalf("checks %q lines %d status %q", checkTexts(checks), len(s.imp.lines), s.imp.status.Text)
	}
}
