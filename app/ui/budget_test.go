package ui

import (
	"image/color"
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/budget"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
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
	if s.lines.len() != 2 || !strings.Contains(s.totals.Text, "预算合计 13.35 万元") {
		t.Errorf("screen after import: %d rows, %q", s.lines.len(), s.totals.Text)
	}
}

func openBudget(t *testing.T) (*fixture, *budgetScreen) {
	t.Helper()
	f := newFixture(t)
	f.w.Show("nav.budget")
	for _, sc := range f.w.screens {
		if b, ok := sc.(*budgetScreen); ok {
			return f, b
		}
	}
	t.Fatal("no 经费保障 screen")
	return nil, nil
}

// previewCell renders one preview cell the way the table does and returns its tint and label.
func previewCell(b *budgetImport, row, col int) (color.Color, *widget.Label) {
	box := container.NewStack(canvas.NewRectangle(transparentFill), widget.NewLabel(""))
	b.updatePreview(widget.TableCellID{Row: row, Col: col}, box)
	return box.Objects[0].(*canvas.Rectangle).FillColor, box.Objects[1].(*widget.Label)
}

// TestBudgetImportPreviewMarksErrorsInPlace: every row of a refused sheet is in the preview;
// a row with an error is tinted, the cell the error names is marked, and the row says why.
func TestBudgetImportPreviewMarksErrorsInPlace(t *testing.T) {
	f, s := openBudget(t)
	path := writeBudgetSheet(t, [][]any{{"蓬安县2026年经费预算表"}, {"乡镇（街道）", "村（社区）", "经费类别", "项目名称", "金额（元）"},
		{"巨龙镇", "街道社区", "工作经费", "办公", "100"},
		{"巨龙镇", "没有这个村", "工作经费", "", "200"},
		{"兴旺镇", "街道社区", "人员报酬", "", "壹万元"}})
	s.imp.open(path)
	dlg := topOverlay(t, f.w.Win)
	if len(s.imp.lines) != 3 || s.imp.nErr != 2 || !s.imp.confirm.Disabled() {
		t.Fatalf("lines %+v errors %d", s.imp.lines, s.imp.nErr)
	}
	tests := []struct {
		name      string
		row, col  int
		fill      color.Color
		important widget.Importance
		text      string
	}{
		{"good row", 1, 1, transparentFill, widget.MediumImportance, "街道社区居民委员会（511323102001）"},
		{"good row, no problem", 1, 6, transparentFill, widget.MediumImportance, ""},
		{"unknown village: the division cell", 2, 1, errorCellColor, widget.DangerImportance, "巨龙镇 没有这个村"},
		{"unknown village: another cell of the row", 2, 5, errorRowColor, widget.MediumImportance, "200.00"},
		{"unknown village: the message", 2, 6, errorRowColor, widget.DangerImportance, "没有村（社区）“没有这个村”"},
		{"bad amount: the amount cell as written", 3, 5, errorCellColor, widget.DangerImportance, "壹万元"},
		{"bad amount: the division is fine", 3, 1, errorRowColor, widget.MediumImportance, "（5113231"},
	}
	for _, tc := range tests {
		fill, l := previewCell(s.imp, tc.row, tc.col)
		if fill != tc.fill || l.Importance != tc.important || !strings.Contains(l.Text, tc.text) || tc.text == "" && l.Text != "" {
			t.Errorf("%s: fill %v importance %v text %q; want %v %v %q", tc.name, fill, l.Importance, l.Text, tc.fill, tc.important, tc.text)
		}
	}
	// What the clerk sees: the message is in the table too, not only in the list above it.
	s.imp.preview.ScrollToLeading()
	if !containsText(dlg, "壹万元") || !containsText(dlg, T("budget.col_problem")) {
		t.Errorf("preview texts %q", visibleTexts(dlg))
	}
}

// TestBudgetCategoriesDialog: the categories are listed with their aliases; a category and an
// alias can be added; an empty or already used name is refused in the dialog.
func TestBudgetCategoriesDialog(t *testing.T) {
	f, s := openBudget(t)
	c := s.openCategories()
	dlg := topOverlay(t, f.w.Win)
	if !containsText(dlg, "办公经费") || !containsText(dlg, "县级财政") {
		t.Errorf("dialog texts %q", visibleTexts(dlg))
	}
	n := len(c.cats)
	test.Tap(c.addCat)
	if c.message.Importance != widget.DangerImportance || !strings.Contains(c.message.Text, "不能为空") {
		t.Errorf("empty name: %q", c.message.Text)
	}
	test.Type(c.newName, "阵地建设")
	test.Tap(c.addCat)
	if len(c.cats) != n+1 || c.cats[n].Name != "阵地建设" || !contains(s.category.Options, "阵地建设") {
		t.Fatalf("after adding: %q %+v", c.message.Text, c.cats)
	}
	test.Type(c.alias, "阵地经费")
	test.Tap(c.addAlias)
	if !strings.Contains(c.message.Text, "请先选择") {
		t.Errorf("alias without category: %q", c.message.Text)
	}
	c.target.SetSelected("阵地建设")
	test.Tap(c.addAlias)
	if c.message.Importance != widget.SuccessImportance || len(c.cats[n].Aliases) != 1 || c.alias.Text != "" {
		t.Fatalf("alias: %q %+v", c.message.Text, c.cats[n])
	}
	c.target.SetSelected("工作经费")
	test.Type(c.alias, "阵地 经费")
	test.Tap(c.addAlias)
	if c.message.Importance != widget.DangerImportance || !strings.Contains(c.message.Text, "只能用一次") {
		t.Errorf("alias used twice: %q", c.message.Text)
	}
	if !containsText(dlg, "别名：阵地经费") {
		t.Errorf("list does not show the alias: %q", visibleTexts(dlg))
	}
}

// TestBudgetLineFormAndRates: a line entered by hand (division found by search, amount in 元)
// is saved, shows in the table, and counts in the execution-rate summary.
func TestBudgetLineFormAndRates(t *testing.T) {
	f, s := openBudget(t)
	form := s.openLineForm()
	test.Tap(form.save)
	if !strings.Contains(form.message.Text, "区划") || !strings.Contains(form.message.Text, "经费类别") {
		t.Errorf("empty form: %q", form.message.Text)
	}
	test.Type(form.search, "511323102001")
	if form.division.Selected == "" || !strings.Contains(form.division.Selected, "巨龙镇 街道社区") {
		t.Fatalf("search: %q of %q", form.division.Selected, form.division.Options)
	}
	form.category.SetSelected("工作经费")
	test.Type(form.item, "办公")
	test.Type(form.amount, "12,345.6")
	form.year.SetText("2026")
	test.Tap(form.save)
	if form.saved == 0 {
		t.Fatalf("not saved: %q", form.message.Text)
	}
	if f.w.Win.Canvas().Overlays().Top() != nil {
		t.Errorf("form still open")
	}
	if s.lines.len() != 1 || s.lines.rows[0].Amount != 1234560 || !strings.Contains(s.totals.Text, "1.23 万元") {
		t.Fatalf("screen: %d rows, %q", s.lines.len(), s.totals.Text)
	}
	if _, err := f.app.Budget.AddDisbursement(f.ctx, s.lines.rows[0].ID, "2026-02-01", "6172.80", ""); err != nil {
		t.Fatal(err)
	}
	s.tabs.SelectIndex(1)
	if len(s.rates.rows) != 1 || s.rates.rows[0].Name != "巨龙镇" || s.rates.rows[0].Rate != "50.0%" {
		t.Errorf("rates by township: %+v", s.rates.rows)
	}
	s.rates.by.SetSelected(T("budget.by_year"))
	if len(s.rates.rows) != 1 || s.rates.rows[0].Name != "2026年" || !containsText(s.rates.root, "50.0%") {
		t.Errorf("rates by year: %+v %q", s.rates.rows, visibleTexts(s.rates.root))
	}
}

func TestBudgetAddFundingSource(t *testing.T) {
	f, s := openBudget(t)
	c := s.openCategories()
	test.Type(c.newSource, "社会捐赠")
	test.Tap(button(t, topOverlay(t, f.w.Win), "添加来源"))
	if !strings.Contains(c.message.Text, "社会捐赠") || !strings.Contains(c.sources.Text, "社会捐赠") {
		t.Fatalf("message %q, sources %q", c.message.Text, c.sources.Text)
	}
	if !contains(s.source.Options, "社会捐赠") {
		t.Fatalf("the source filter does not offer the new source: %q", s.source.Options)
	}
}

// TestBudgetImportProgressSaysHowItEnded: the bar was red "100%" for a refused sheet and a good
// one alike, and 停止 stayed enabled after the work ended. Now a refused sheet ends red with an
// error status, a checked or imported sheet green, and 停止 is enabled only while work runs.
func TestBudgetImportProgressSaysHowItEnded(t *testing.T) {
	_, s := openBudget(t)
	head := [][]any{{"蓬安县2026年经费预算表"}, {"乡镇（街道）", "村（社区）", "经费类别", "项目名称", "金额（元）"}}
	tests := []struct {
		name   string
		row    []any
		state  progressState
		status widget.Importance
	}{
		{"refused sheet", []any{"巨龙镇", "没有这个村", "工作经费", "", "200"}, progressFailed, widget.DangerImportance},
		{"good sheet", []any{"巨龙镇", "街道社区", "工作经费", "办公", "100"}, progressOK, widget.MediumImportance},
	}
	for _, tc := range tests {
		s.imp.open(writeBudgetSheet(t, append(head, tc.row)))
		if s.imp.progress.state != tc.state || s.imp.status.Importance != tc.status {
			t.Errorf("%s: state %v status importance %v (%q), want %v %v", tc.name, s.imp.progress.state, s.imp.status.Importance,
				s.imp.status.Text, tc.state, tc.status)
		}
		if !s.imp.progress.stop.Disabled() {
			t.Errorf("%s: 停止 is enabled after the check ended", tc.name)
		}
		if tc.state == progressOK {
			test.Tap(s.imp.confirm)
			if s.imp.progress.state != progressOK || !s.imp.progress.stop.Disabled() || s.imp.status.Importance != widget.SuccessImportance {
				t.Errorf("after importing: state %v stop enabled %v status %q", s.imp.progress.state, !s.imp.progress.stop.Disabled(), s.imp.status.Text)
			}
		}
		s.imp.dlg.Hide()
	}
}

// budgetCell renders one cell of the lines table the way the table does.
func budgetCell(s *budgetScreen, row, col int) string {
	l := widget.NewLabel("")
	s.updateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text
}

// TestBudgetAmountsInYuanOrWanyuan: 45,800.50 元 showed only as "4.58" (万元); the clerk chooses
// the unit, and the headers and totals say which one is shown.
func TestBudgetAmountsInYuanOrWanyuan(t *testing.T) {
	f, s := openBudget(t)
	cats, _ := f.app.Budget.Categories(f.ctx)
	srcs, _ := f.app.Budget.Sources(f.ctx)
	if _, err := f.app.Budget.AddLine(f.ctx, budget.LineInput{Year: 2026, DivisionCode: "511323102001", CategoryID: cats[0].ID,
		Item: "办公", AmountText: "45800.50", SourceID: srcs[0].ID}); err != nil {
		t.Fatal(err)
	}
	s.shown()
	tests := []struct{ unit, amount, header, total string }{
		{"元", "45,800.50", "预算（元）", "预算合计 45,800.50 元"},
		{"万元", "4.58", "预算（万元）", "预算合计 4.58 万元"},
	}
	for _, tc := range tests {
		s.unit.SetSelected(tc.unit)
		if got := budgetCell(s, 1, 5); got != tc.amount {
			t.Errorf("%s: amount cell %q, want %q", tc.unit, got, tc.amount)
		}
		if got := budgetCell(s, 0, 5); got != tc.header {
			t.Errorf("%s: header %q, want %q", tc.unit, got, tc.header)
		}
		if !strings.Contains(s.totals.Text, tc.total) {
			t.Errorf("%s: totals %q, want %q", tc.unit, s.totals.Text, tc.total)
		}
	}
}

// TestBudgetCountyFilter: the lines of one county only, and its townships in the township filter.
func TestBudgetCountyFilter(t *testing.T) {
	f, s := openBudget(t)
	cats, _ := f.app.Budget.Categories(f.ctx)
	srcs, _ := f.app.Budget.Sources(f.ctx)
	for _, code := range []string{"511323102001", "511302001001"} { // 蓬安县, 顺庆区
		if _, err := f.app.Budget.AddLine(f.ctx, budget.LineInput{Year: 2026, DivisionCode: code, CategoryID: cats[0].ID,
			Item: "办公", AmountText: "100", SourceID: srcs[0].ID}); err != nil {
			t.Fatal(err)
		}
	}
	s.shown()
	if s.lines.len() != 2 {
		t.Fatalf("all counties: %d rows", s.lines.len())
	}
	s.county.SetSelected("蓬安县")
	if s.lines.len() != 1 || s.lines.rows[0].DivisionCode != "511323102001" {
		t.Fatalf("蓬安县: %+v", s.lines.rows)
	}
	for _, o := range s.township.Options[1:] {
		if code := s.townCodes[o]; code[:6] != "511323" {
			t.Errorf("township %s (%s) of another county offered", o, code)
		}
	}
	s.county.SetSelected(T("budget.all"))
	if s.lines.len() != 2 {
		t.Errorf("back to all: %d rows", s.lines.len())
	}
}
