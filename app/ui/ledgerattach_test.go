package ui

import (
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// confirmTop taps the confirming (highlighted) button of the confirmation dialog on top.
func confirmTop(t *testing.T, w fyne.Window) {
	t.Helper()
	for _, x := range visibleObjects(topOverlay(t, w)) {
		if b, ok := x.(*widget.Button); ok && b.Importance == widget.HighImportance {
			test.Tap(b)
			return
		}
	}
	t.Fatal("no confirming button in the dialog")
}

func TestLedgersMeetingAttachments(t *testing.T) {
	f := newFixture(t)
	f.app.Ledgers.Today = func() time.Time { return time.Date(2026, 5, 20, 0, 0, 0, 0, time.Local) }
	if _, err := f.app.Ledgers.SaveMeeting(f.ctx, models.Meeting{DivisionCode: "511302001001", Kind: models.MeetingSentiment,
		HeldOn: time.Date(2026, 5, 10, 0, 0, 0, 0, time.Local), Topic: "夏季防汛", Present: 20, Entitled: 25}); err != nil {
		t.Fatal(err)
	}
	s := f.openLedgers(t, "平城街社区", "511302001001")
	s.year.SetSelected("2026")
	meetings := s.ledgers[0]
	if meetings.rows.len() != 1 || meetings.rows.rows[0].cells[6] != "" {
		t.Fatalf("rows %+v", meetings.rows.rows)
	}
	files := button(t, meetings.root, "附件…")
	if !files.Disabled() {
		t.Fatal("附件… is enabled without a meeting selected")
	}
	meetings.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(files)
	p := s.files
	if p == nil {
		t.Fatal("the attachments dialog did not open")
	}
	dlg := topOverlay(t, f.w.Win)
	if !containsText(dlg, "尚未添加附件。") || !containsText(dlg, "夏季防汛") {
		t.Fatalf("dialog: %q", visibleTexts(dlg))
	}
	// An empty file is refused with the reason; a real one is listed.
	p.addFile("空.txt", nil)
	if !strings.Contains(p.message.Text, "空文件") {
		t.Fatalf("empty file: %q", p.message.Text)
	}
	p.addFile("会议记录.txt", []byte("防汛责任到人"))
	if !containsText(dlg, "会议记录.txt（18 字节，") || p.message.Text != "已添加“会议记录.txt”。" {
		t.Fatalf("after adding: %q / %q", visibleTexts(dlg), p.message.Text)
	}
	test.Tap(button(t, dlg, "打开"))
	if data, err := os.ReadFile(p.lastOpened); err != nil || string(data) != "防汛责任到人" {
		t.Fatalf("opened %q: %q, %v", p.lastOpened, data, err)
	}
	p.addFile("签到表.jpg", []byte{0xff, 0xd8, 0xff})
	// Closing the dialog shows the count in the meeting list.
	test.Tap(button(t, dlg, "关闭"))
	if s.files != nil || meetings.rows.rows[0].cells[6] != "2 个" {
		t.Fatalf("after closing: %q", meetings.rows.rows[0].cells)
	}
	// Removing a file asks first.
	meetings.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(files)
	p, dlg = s.files, topOverlay(t, f.w.Win)
	test.Tap(button(t, dlg, "删除"))
	confirmTop(t, f.w.Win)
	if len(p.files) != 1 || p.files[0].Name != "签到表.jpg" || !strings.Contains(p.message.Text, "已删除“会议记录.txt”") {
		t.Fatalf("after removing: %+v, %q", p.files, p.message.Text)
	}
}

func TestLedgersCouncilTerms(t *testing.T) {
	f := newFixture(t)
	s := f.openLedgers(t, "平城街社区", "511302001001")
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.Local) }
	if _, err := f.app.Ledgers.SaveSupervision(f.ctx, models.SupervisionCommittee{DivisionCode: "511302001001",
		EstablishedOn: day(2020, 3, 1), Members: "甲\n乙\n丙", TermStart: day(2020, 3, 1), TermEnd: day(2025, 2, 28)}); err != nil {
		t.Fatal(err)
	}
	s.tabs.SelectIndex(len(s.ledgers) + 1) // 监督委员会
	b := s.bodies[1]
	if b.terms.Selected != "第 1 届（2020-03-01 至 2025-02-28）· 现任" {
		t.Fatalf("terms offered %q, selected %q", b.terms.Options, b.terms.Selected)
	}
	test.Tap(button(t, b.root, "新一届"))
	form := formIn(t, b.root)
	entries := map[string]*widget.Entry{}
	for _, it := range form.Items {
		entries[it.Text] = it.Widget.(*widget.Entry)
	}
	if entries["成立日期"].Text != "2020-03-01" || entries["任期开始"].Text != "2025-03-01" || entries["成员"].Text != "" {
		t.Fatalf("new term prefilled: %q %q %q", entries["成立日期"].Text, entries["任期开始"].Text, entries["成员"].Text)
	}
	test.Type(entries["成员"], "丁\n戊\n己")
	test.Type(entries["任期结束"], "2030-02-28")
	test.Tap(button(t, b.root, "保存"))
	if b.message.Text != "已保存。" || len(b.terms.Options) != 2 || b.terms.Selected != "第 2 届（2025-03-01 至 2030-02-28）· 现任" {
		t.Fatalf("after saving: %q, %q, %q", b.message.Text, b.terms.Options, b.terms.Selected)
	}
	// The earlier term is still there and can be looked at.
	b.terms.SetSelectedIndex(1)
	if entries["成员"].Text != "甲\n乙\n丙" {
		t.Fatalf("first term members %q", entries["成员"].Text)
	}
}

func TestLedgersUpwardView(t *testing.T) {
	f := newFixture(t)
	if _, err := f.app.Ledgers.SaveEvaluation(f.ctx, models.Evaluation{DivisionCode: "511302001001", Kind: models.EvalUpward,
		Year: 2026, HeldOn: time.Date(2026, 12, 10, 0, 0, 0, 0, time.Local), Subject: "中城街道办事处",
		Satisfied: 20, Basic: 5, Dissatisfied: 1}); err != nil {
		t.Fatal(err)
	}
	s := f.openLedgers(t, "平城街社区", "511302001001")
	s.year.SetSelected("2025")
	s.tabs.SelectIndex(len(s.tabs.Items) - 1)
	if len(s.upward.rows) != 0 || !strings.Contains(s.upward.head.Text, "2025 年度尚无") {
		t.Fatalf("2025: %q %q", s.upward.head.Text, s.upward.rows)
	}
	s.year.SetSelected("2026")
	want := []string{"中城街道", "中城街道办事处", "1", "20", "5", "1", "96.2%（25/26）"}
	if len(s.upward.rows) != 1 || strings.Join(s.upward.rows[0], "|") != strings.Join(want, "|") ||
		!strings.HasPrefix(s.upward.head.Text, "顺庆区 2026 年度") {
		t.Fatalf("2026: %q %q", s.upward.head.Text, s.upward.rows)
	}
}

// An attachment that is not a document or an image (纪要.exe) is never handed to the system's
// opener: the clerk is told why, in Chinese, and offered 另存为 instead.
func TestOpenAttachmentRefusesPrograms(t *testing.T) {
	f := newFixture(t)
	if _, err := f.app.Ledgers.SaveMeeting(f.ctx, models.Meeting{DivisionCode: "511302001001", Kind: models.MeetingSentiment,
		HeldOn: time.Date(2026, 5, 10, 0, 0, 0, 0, time.Local), Topic: "夏季防汛", Present: 20, Entitled: 25}); err != nil {
		t.Fatal(err)
	}
	s := f.openLedgers(t, "平城街社区", "511302001001")
	s.year.SetSelected("2026")
	meetings := s.ledgers[0]
	meetings.table.Select(widget.TableCellID{Row: 0, Col: 0})
	test.Tap(button(t, meetings.root, "附件…"))
	p := s.files
	p.addFile("纪要.exe", []byte("MZ"))
	test.Tap(button(t, topOverlay(t, f.w.Win), "打开"))
	if p.lastOpened != "" {
		t.Fatalf("纪要.exe was copied out and opened: %s", p.lastOpened)
	}
	dlg := topOverlay(t, f.w.Win)
	if !containsText(dlg, "不是文档或图片") || !containsText(dlg, "另存为") {
		t.Fatalf("no explanation shown: %q", visibleTexts(dlg))
	}
	if _, err := os.Stat(p.lastOpened); err == nil {
		t.Fatal("a copy was written")
	}
}
