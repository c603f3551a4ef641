package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// openLedgers shows 民主自治 with a village picked through the search, as a clerk does.
func (f *fixture) openLedgers(t *testing.T, search, code string) *ledgersScreen {
	t.Helper()
	f.w.Show("nav.ledgers")
	var s *ledgersScreen
	for _, sc := range f.w.screens {
		if ls, ok := sc.(*ledgersScreen); ok {
			s = ls
		}
	}
	if s == nil || f.w.body.Objects[0] != s.content() {
		t.Fatal("民主自治 is not shown")
	}
	test.Type(s.search, search)
	if len(s.found) == 0 {
		t.Fatalf("searching %q offered nothing", search)
	}
	s.results.Select(0)
	if s.code != code {
		t.Fatalf("picked %s, want %s", s.code, code)
	}
	return s
}

// TestLedgersOnePicker: the village is chosen with one control: typing lists the matches in
// place of the ledgers, Enter takes the first, a click another; clearing the text goes back.
func TestLedgersOnePicker(t *testing.T) {
	f := newFixture(t)
	s := f.openLedgers(t, "平城街社区", "511302001001")
	if s.body.Objects[0] != s.tabs || s.search.Text != "" || !strings.Contains(s.place.Text, "平城街社区") {
		t.Fatalf("after picking: body %T, search %q, place %q", s.body.Objects[0], s.search.Text, s.place.Text)
	}
	for _, o := range visibleTexts(s.root) {
		if o == "选择村（社区）" {
			t.Error("a second picker (select) is still shown")
		}
	}
	test.Type(s.search, "街道社区")
	if s.body.Objects[0] != s.pickList || len(s.found) < 2 {
		t.Fatalf("typing: body %T, %d found", s.body.Objects[0], len(s.found))
	}
	want := s.found[0].Code
	s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.code != want || s.body.Objects[0] != s.tabs {
		t.Fatalf("Enter: code %s want %s", s.code, want)
	}
	test.Type(s.search, "没有这个村子")
	if s.body.Objects[0] != s.pickList || !strings.Contains(s.pickCount.Text, "没有") {
		t.Errorf("no match: %q", s.pickCount.Text)
	}
	s.search.SetText("")
	if s.body.Objects[0] != s.tabs || s.code != want {
		t.Errorf("cleared: body %T code %s", s.body.Objects[0], s.code)
	}
}

func TestLedgersRecordMeetingMovesCount(t *testing.T) {
	f := newFixture(t)
	f.app.Ledgers.Today = func() time.Time { return time.Date(2026, 5, 20, 0, 0, 0, 0, time.Local) }
	s := f.openLedgers(t, "平城街社区", "511302001001")
	s.year.SetSelected("2026")
	meetings := s.ledgers[0]
	if !containsText(s.root, "会议 0 次") || meetings.count.Text != "共 0 条" {
		t.Fatalf("before: stats %q, count %q", s.stats.Text, meetings.count.Text)
	}

	test.Tap(button(t, meetings.root, "新增"))
	dlg := topOverlay(t, f.w.Win)
	form := formIn(t, dlg)
	entries := map[string]*widget.Entry{}
	for _, it := range form.Items {
		if e, ok := it.Widget.(*widget.Entry); ok {
			entries[it.Text] = e
		}
		if sel, ok := it.Widget.(*widget.Select); ok && it.Text == "会议类型" {
			sel.SetSelected("民情恳谈会")
		}
	}
	// A first try with too many present people is refused and the dialog stays open.
	test.Type(entries["日期"], "2026-05-10")
	test.Type(entries["议题"], "夏季防汛与停车难")
	test.Type(entries["实到人数"], "40")
	test.Type(entries["应到人数"], "30")
	test.Tap(button(t, dlg, "保存"))
	if !containsText(dlg, "多于应到 30 人") || f.w.Win.Canvas().Overlays().Top() == nil {
		t.Fatalf("invalid meeting: dialog shows %q", visibleTexts(dlg))
	}
	retype(entries["实到人数"], "28")
	test.Tap(button(t, dlg, "保存"))
	if f.w.Win.Canvas().Overlays().Top() != nil {
		t.Fatalf("dialog still open: %q", visibleTexts(dlg))
	}
	if meetings.count.Text != "共 1 条" || !strings.Contains(s.stats.Text, "会议 1 次（民情恳谈会 1 次）") {
		t.Fatalf("after: stats %q, count %q", s.stats.Text, meetings.count.Text)
	}
	if got := meetings.rows.rows[0].cells; got[1] != "民情恳谈会" || got[3] != "28/30" || got[4] != "93.3%（28/30）" {
		t.Fatalf("row %q", got)
	}
	if sum, _ := f.app.Summary(f.ctx); sum.Ledgers.Meetings != 1 {
		t.Fatalf("summary meetings %d", sum.Ledgers.Meetings)
	}

	// The township view no longer lists this community as lacking a 恳谈会 this quarter.
	s.tabs.SelectIndex(len(s.ledgers) + len(s.bodies)) // the township gaps
	var row []string
	for _, r := range s.gaps.rows {
		if r[0] == "平城街社区" {
			row = r
		}
	}
	if row == nil || row[1] != "已召开" || !strings.HasPrefix(s.gaps.head.Text, "中城街道：6 个村（社区）") {
		t.Fatalf("gap view: head %q, row %q", s.gaps.head.Text, row)
	}
}

func TestLedgersConsultationSteps(t *testing.T) {
	f := newFixture(t)
	f.app.Ledgers.Today = func() time.Time { return time.Date(2026, 5, 20, 0, 0, 0, 0, time.Local) }
	s := f.openLedgers(t, "平城街社区", "511302001001")
	s.year.SetSelected("2026")
	s.tabs.SelectIndex(2)
	tab := s.ledgers[2]
	test.Tap(button(t, tab.root, "新增"))
	dlg := topOverlay(t, f.w.Win)
	form := formIn(t, dlg)
	form.Items[0].Widget.(*widget.Entry).SetText("小区停车位划定")
	form.Items[2].Widget.(*widget.Entry).SetText("居民代表张某提议")
	test.Tap(button(t, dlg, "保存"))
	if tab.rows.len() != 1 || tab.rows.rows[0].cells[1] != "提议" || tab.rows.rows[0].cells[2] != "告知" {
		t.Fatalf("rows %+v", tab.rows.rows)
	}
	tab.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(button(t, tab.root, "记录下一环节"))
	dlg = topOverlay(t, f.w.Win)
	form = formIn(t, dlg)
	if st := form.Items[0].Widget.(*widget.Entry).Text; st != "告知" {
		t.Fatalf("next step offered: %q", st)
	}
	retype(form.Items[1].Widget.(*widget.Entry), "2026-05-01") // before the proposal (today, 20 May)
	form.Items[2].Widget.(*widget.Entry).SetText("公开栏张贴")
	test.Tap(button(t, dlg, "保存"))
	if !containsText(dlg, "早于上一环节") {
		t.Fatalf("out-of-order date accepted: %q", visibleTexts(dlg))
	}
	retype(form.Items[1].Widget.(*widget.Entry), "2026-05-20")
	test.Tap(button(t, dlg, "保存"))
	if tab.rows.rows[0].cells[1] != "告知" {
		t.Fatalf("after the step: %q", tab.rows.rows[0].cells)
	}
}

// formIn finds the form inside a dialog.
func formIn(t *testing.T, o fyne.CanvasObject) *widget.Form {
	t.Helper()
	for _, x := range visibleObjects(o) {
		if f, ok := x.(*widget.Form); ok {
			return f
		}
	}
	t.Fatal("no form in the dialog")
	return nil
}
