package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"
)

func writeBudgetSheet(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "预算.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBudgetImportPreviewAndConfirm: a sheet with an error shows it and cannot be confirmed;
// a good sheet previews its lines, and confirming imports them into the screen's table.
func TestBudgetImportPreviewAndConfirm(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.budget")
	var s *budgetScreen
	for _, sc := range f.w.screens {
		if b, ok := sc.(*budgetScreen); ok {
			s = b
		}
	}
	s.imp.run = func(fn func()) { fn() }
	head := [][]any{{"蓬安县2026年经费预算表"}, {"乡镇（街道）", "村（社区）", "经费类别", "项目名称", "金额（万元）"}}

	bad := writeBudgetSheet(t, append(head, []any{"", "街道社区", "工作经费", "", 1}))
	s.imp.open(bad)
	dlg := topOverlay(t, f.w.Win)
	if !s.imp.confirm.Disabled() || s.imp.nErr != 1 || !containsText(dlg, "整表未导入") {
		t.Fatalf("bad sheet: confirm enabled=%v errors=%d texts=%q", !s.imp.confirm.Disabled(), s.imp.nErr, visibleTexts(dlg))
	}
	if !strings.Contains(s.imp.notes[0].String(), "第 3 行 B 列") {
		t.Errorf("error not located: %s", s.imp.notes[0])
	}
	s.imp.dlg.Hide()

	good := writeBudgetSheet(t, append(head, []any{"巨龙镇", "街道社区", "工作经费", "办公", "12.345678"},
		[]any{"兴旺镇", "街道社区", "人员报酬", "", 1}))
	s.imp.open(good)
	if s.imp.confirm.Disabled() || len(s.imp.lines) != 2 || s.imp.lines[0].DivisionCode != "511323102001" {
		t.Fatalf("preview: %q lines %+v", s.imp.status.Text, s.imp.lines)
	}
	test.Tap(s.imp.confirm)
	if s.imp.result.Batch == 0 || !strings.Contains(s.imp.status.Text, "已导入 2 条") {
		t.Fatalf("confirm: %q", s.imp.status.Text)
	}
	if len(s.rows) != 2 || !strings.Contains(s.totals.Text, "预算合计 13.35 万元") {
		t.Errorf("screen after import: %d rows, %q", len(s.rows), s.totals.Text)
	}
}
