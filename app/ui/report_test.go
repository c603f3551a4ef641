package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"
)

// openReport shows 报表 with its save dialog replaced by a file in dir, and returns the screen
// and the path of the file last asked for.
func (f *fixture) openReport(t *testing.T, dir string) (*reportScreen, *string) {
	t.Helper()
	f.w.Show("nav.report")
	var s *reportScreen
	for _, sc := range f.w.screens {
		if r, ok := sc.(*reportScreen); ok {
			s = r
		}
	}
	if s == nil || f.w.body.Objects[0] != s.content() {
		t.Fatal("报表 is not in the body after Show(nav.report)")
	}
	last := new(string)
	s.chooseFile = func(name string, done func(fyne.URIWriteCloser, error)) {
		*last = filepath.Join(dir, name)
		wc, err := storage.Writer(storage.NewFileURI(*last))
		done(wc, err)
	}
	return s, last
}

func TestReportScreenWritesPDFAndWorkbook(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	s, last := f.openReport(t, dir)
	if len(s.area.Options) != 10 || s.area.Selected != "南充市" {
		t.Fatalf("areas %v, chosen %q", s.area.Options, s.area.Selected)
	}
	s.area.SetSelected("顺庆区")
	test.Tap(s.generate)
	pdf, err := os.ReadFile(*last)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("no PDF at %s: %v", *last, err)
	}
	if !strings.Contains(*last, "顺庆区城乡社区治理工作情况报告") || !strings.HasSuffix(*last, ".pdf") {
		t.Errorf("suggested file name %s", filepath.Base(*last))
	}
	if s.progress.Value != 1 || s.open.Disabled() || s.generate.Disabled() || !strings.Contains(s.status.Text, *last) {
		t.Errorf("after writing: progress %v, open enabled %v, status %q", s.progress.Value, !s.open.Disabled(), s.status.Text)
	}

	// Two chapters only, as a workbook: one sheet per table of those chapters.
	for i, c := range s.checks {
		c.SetChecked(i == 0 || c.Text == "经费保障")
	}
	s.format.SetSelected(T("report.format_xlsx"))
	test.Tap(s.generate)
	if !strings.HasSuffix(*last, ".xlsx") {
		t.Fatalf("workbook named %s", *last)
	}
	x, err := excelize.OpenFile(*last)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	sheets := strings.Join(x.GetSheetList(), " ")
	if !strings.Contains(sheets, "经费") || strings.Contains(sheets, "标准化") {
		t.Errorf("sheets of a 概况 + 经费保障 workbook: %s", sheets)
	}

	// No chapter chosen: told so, nothing written.
	for _, c := range s.checks {
		c.SetChecked(false)
	}
	*last = ""
	test.Tap(s.generate)
	if *last != "" {
		t.Errorf("a report without chapters was saved to %s", *last)
	}

	// One chapter's main table alone (经费保障 has no data in this database: it has no table).
	s.table.SetSelected("概况")
	test.Tap(s.tableBtn)
	if b, err := os.ReadFile(*last); err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !strings.Contains(*last, "概况") {
		t.Errorf("main table PDF %s: %v", *last, err)
	}
}

// TestReportScreenSaysDoneWhenUICallbackRunsLater runs the UI callbacks the way the real app
// does: after the background work (and its deferred cancel) has returned. A written file must
// say 已保存 and enable 打开, not 已取消.
func TestReportScreenSaysDoneWhenUICallbackRunsLater(t *testing.T) {
	f := newFixture(t)
	dir := t.TempDir()
	s, last := f.openReport(t, dir)
	var queued []func()
	old := reportOnUI
	reportOnUI = func(fn func()) { queued = append(queued, fn) }
	t.Cleanup(func() { reportOnUI = old })
	flush := func() {
		for len(queued) > 0 {
			fn := queued[0]
			queued = queued[1:]
			fn()
		}
	}
	for _, c := range s.checks {
		c.SetChecked(c.Text == "经费保障")
	}
	for _, format := range []string{T("report.format_pdf"), T("report.format_xlsx"), T("report.format_docx")} {
		s.format.SetSelected(format)
		test.Tap(s.generate)
		flush()
		if _, err := os.Stat(*last); err != nil {
			t.Fatalf("%s: nothing written: %v", format, err)
		}
		if strings.Contains(s.status.Text, "已取消") || !strings.Contains(s.status.Text, *last) || s.open.Disabled() {
			t.Errorf("%s after a save: status %q, 打开 enabled %v", format, s.status.Text, !s.open.Disabled())
		}
	}

	// 取消 pressed while the report is rendering: told so, 打开 stays disabled.
	s.format.SetSelected(T("report.format_pdf"))
	s.open.Disable()
	runAsyncOld := runAsync
	runAsync = func(work func()) { s.onCancel(); work() }
	t.Cleanup(func() { runAsync = runAsyncOld })
	test.Tap(s.generate)
	flush()
	if !strings.Contains(s.status.Text, "已取消") || !s.open.Disabled() {
		t.Errorf("after 取消: status %q, 打开 enabled %v", s.status.Text, !s.open.Disabled())
	}
}

// 设置 › 领导机制 stores what the clerk types, and the form shows it again next time.
func TestLeadershipFormSaves(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.settings")
	form := openLeadershipForm(f.w)
	if form == nil {
		t.Fatal("the form did not open")
	}
	form.group.SetText("南充市城乡社区治理工作领导小组")
	form.leader.SetText("市委副书记 张某某")
	form.members.SetText("市委组织部\n市民政局")
	form.save()
	l, err := f.app.Reports.Leadership(f.ctx)
	if err != nil || l.Leader != "市委副书记 张某某" || l.Members != "市委组织部\n市民政局" {
		t.Fatalf("stored %+v, %v", l, err)
	}
	again := openLeadershipForm(f.w)
	if again.group.Text != "南充市城乡社区治理工作领导小组" {
		t.Errorf("reopened form shows %q", again.group.Text)
	}
}

// TestReportProgressShownOnlyOnceARunStarts: before any report the screen shows no empty "0%" bar.
func TestReportProgressShownOnlyOnceARunStarts(t *testing.T) {
	f := newFixture(t)
	s, _ := f.openReport(t, t.TempDir())
	if s.progress.Visible() {
		t.Fatal("a progress bar is shown before any report was asked for")
	}
	s.busy(true)
	if !s.progress.Visible() {
		t.Fatal("no progress bar while a report is being made")
	}
	s.busy(false)
}
