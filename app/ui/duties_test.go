package ui

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shequ/app/duty"
	"shequ/models"
)

// openDuties shows 部门职责 with "today" fixed at 2026-11-25 and five tasks given deadlines,
// years, progress and a supporting department around it.
func (f *fixture) openDuties(t *testing.T) *dutiesScreen {
	t.Helper()
	var s *dutiesScreen
	for _, sc := range f.w.screens {
		if d, ok := sc.(*dutiesScreen); ok {
			s = d
		}
	}
	if s == nil {
		t.Fatal("no 部门职责 screen in the navigation")
	}
	today := time.Date(2026, 11, 25, 0, 0, 0, 0, time.Local)
	s.today = func() time.Time { return today }
	svc := f.app.Duties
	depts, err := svc.Departments(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	zuzhi := depts[0].ID // 组织部门
	rows, err := svc.Tasks(f.ctx, duty.TaskFilter{}, today)
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string]func(*models.ReformTask){
		"三（一）1": func(x *models.ReformTask) { x.Year, x.Deadline = 2026, today.AddDate(0, 0, -1) },
		"三（一）2": func(x *models.ReformTask) {
			x.Year, x.Deadline, x.Progress, x.SupportIDs = 2026, today.AddDate(0, 0, 10), models.ProgressUnderway, []int64{zuzhi}
		},
		"三（一）3": func(x *models.ReformTask) {
			x.Year, x.Deadline, x.Progress = 2026, today.AddDate(0, -2, 0), models.ProgressDone
		},
		"三（二）4": func(x *models.ReformTask) {
			x.Year, x.Deadline, x.LeadID = 2027, time.Date(2027, 6, 30, 0, 0, 0, 0, time.Local), zuzhi
		},
	}
	for _, r := range rows {
		x := r.Task
		x.Year = 2026
		if e, ok := edits[x.Clause]; ok {
			e(&x)
		} else {
			x.Deadline = time.Date(2028, 12, 31, 0, 0, 0, 0, time.Local)
		}
		if _, err := svc.SaveTask(f.ctx, x, today); err != nil {
			t.Fatalf("%s: %v", x.Clause, err)
		}
	}
	f.w.Show("nav.duties")
	if f.w.body.Objects[0] != s.content() {
		t.Fatal("部门职责 is not in the body after Show(nav.duties)")
	}
	return s
}

func listClauses(l *dutyTaskList) []string {
	var out []string
	for _, r := range l.rows {
		out = append(out, r.Task.Clause)
	}
	return out
}

func TestDutyTaskListFilters(t *testing.T) {
	f := newFixture(t)
	s := f.openDuties(t)
	l := s.list
	s.tabs.SelectIndex(1)
	all := len(l.rows)
	if all != 14 || l.count.Text != "共 14 项" {
		t.Fatalf("unfiltered list: %d rows, %q", all, l.count.Text)
	}
	tests := []struct {
		name    string
		dept    string
		status  string
		year    string
		overdue bool
		want    []string // nil: only the count is checked
		count   int
	}{
		{name: "overdue only", overdue: true, want: []string{"三（一）1"}, count: 1},
		{name: "status 已完成", status: "已完成", want: []string{"三（一）3"}, count: 1},
		{name: "status 推进中", status: "推进中", want: []string{"三（一）2"}, count: 1},
		{name: "status 逾期 equals overdue only", status: "逾期", want: []string{"三（一）1"}, count: 1},
		{name: "组织部门 leads or supports", dept: "组织部门", want: []string{"三（一）2", "三（二）4"}, count: 2},
		{name: "year 2027", year: "2027年", want: []string{"三（二）4"}, count: 1},
		{name: "民政部门 in 2026", dept: "民政部门", year: "2026年", count: 13},
		{name: "民政部门, overdue, 2026", dept: "民政部门", year: "2026年", overdue: true, want: []string{"三（一）1"}, count: 1},
		{name: "宣传部门 has nothing", dept: "宣传部门", want: []string{}, count: 0},
		{name: "everything again", count: 14},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pick := func(sel *widget.Select, v, all string) {
				if v == "" {
					v = all
				}
				sel.SetSelected(v)
			}
			pick(l.dept, tt.dept, "全部部门")
			pick(l.status, tt.status, "全部状态")
			pick(l.year, tt.year, "全部年度")
			if l.overdue.Checked != tt.overdue {
				test.Tap(l.overdue)
			}
			got := listClauses(l)
			if len(got) != tt.count || (len(tt.want) > 0 && !slices.Equal(got, tt.want)) {
				t.Errorf("rows %q, want %d %q", got, tt.count, tt.want)
			}
			if want := Tf("duty.task_count", map[string]any{"N": tt.count}); l.count.Text != want {
				t.Errorf("count label %q, want %q", l.count.Text, want)
			}
			if r, c := l.table.Length(); r != tt.count || c != len(taskColumns) {
				t.Errorf("table is %d×%d", r, c)
			}
		})
	}
	// The overdue row reads as a clerk expects.
	l.dept.SetSelected("全部部门")
	l.status.SetSelected("全部状态")
	l.year.SetSelected("全部年度")
	if !l.overdue.Checked {
		test.Tap(l.overdue)
	}
	cell := l.table.CreateCell()
	l.table.UpdateCell(widget.TableCellID{Row: 0, Col: 4}, cell)
	if !containsText(cell, "2026-11-24（逾期 1 天）") {
		t.Errorf("deadline cell shows %q", visibleTexts(cell))
	}
	l.table.UpdateCell(widget.TableCellID{Row: 0, Col: 5}, cell)
	if !containsText(cell, "逾期") {
		t.Errorf("status cell shows %q", visibleTexts(cell))
	}
	// Tapping a row opens the task page; 返回 comes back to the tabs with the filters kept.
	l.table.OnSelected(widget.TableCellID{Row: 0, Col: 1})
	if s.root.Objects[0] != s.page.root || s.page.heading.Text != "三（一）1 建立完善议事制度" {
		t.Fatalf("task page not shown: %q", s.page.heading.Text)
	}
	test.Tap(button(t, s.page.root, "返回"))
	if s.root.Objects[0] != s.tabs || !l.overdue.Checked || len(l.rows) != 1 {
		t.Fatalf("back: tabs shown %v, overdue kept %v, rows %d", s.root.Objects[0] == s.tabs, l.overdue.Checked, len(l.rows))
	}
}

func TestDutyMatrixAndSupervision(t *testing.T) {
	f := newFixture(t)
	s := f.openDuties(t)
	m := s.matrix
	m.year.SetSelected("2026年")
	if r, c := m.table.Length(); r != 10 || c != 13 {
		t.Fatalf("matrix %d×%d, want 10 departments × 13 tasks of 2026", r, c)
	}
	cell := m.table.CreateCell()
	m.table.UpdateCell(widget.TableCellID{Row: 5, Col: 0}, cell) // 民政部门 × 三（一）1
	if !containsText(cell, "●") {
		t.Errorf("民政部门 does not lead 三（一）1: %q", visibleTexts(cell))
	}
	m.table.UpdateCell(widget.TableCellID{Row: 0, Col: 1}, cell) // 组织部门 × 三（一）2
	if !containsText(cell, "○") {
		t.Errorf("组织部门 does not support 三（一）2: %q", visibleTexts(cell))
	}
	m.table.Select(widget.TableCellID{Row: 0, Col: 1})
	if !containsText(m.info, "三（一）2 建立论证、听证制度：组织部门配合，推进中") {
		t.Errorf("cell info %q", m.info.Text)
	}
	test.Tap(m.open)
	if s.root.Objects[0] != s.page.root || s.page.stage.Selected != "试点" {
		t.Fatalf("打开任务 did not open 三（一）2 in its pilot stage")
	}
	s.back()

	v := s.super
	s.tabs.SelectIndex(2)
	if !containsText(v.root, "共 14 项任务，已完成 1 项，逾期 1 项，30 天内到期 1 项") {
		t.Errorf("supervision summary %q", v.summary.Text)
	}
	var mz duty.DepartmentSupervision
	for _, d := range v.rows {
		if d.Department.Name == "民政部门" {
			mz = d
		}
	}
	if mz.RateText() != "1/13（7.7%）" || len(mz.Overdue) != 1 || len(mz.DueSoon) != 1 {
		t.Errorf("民政部门 supervision %s, %d overdue, %d due soon", mz.RateText(), len(mz.Overdue), len(mz.DueSoon))
	}
	if !containsText(v.list, "逾期 1 项：") || !containsText(v.list, "30 天内到期 1 项：") {
		t.Errorf("supervision list: %q", visibleTexts(v.list))
	}
}

func TestDutyTaskPageReportsAndEvidence(t *testing.T) {
	f := newFixture(t)
	s := f.openDuties(t)
	id := s.list.rows[4].Task.ID // 三（一）5
	mz := s.list.depts[5]
	if _, err := f.app.Duties.AddReport(f.ctx, models.ProgressReport{TaskID: id, DepartmentID: mz.ID, ReportedOn: s.today().AddDate(0, 0, -3),
		Text: "召开民情恳谈会 8 场。"}, []duty.EvidenceUpload{{Name: "恳谈会记录.txt", Data: []byte("记录")}}, s.today()); err != nil {
		t.Fatal(err)
	}
	s.openTask(id)
	p := s.page
	if !containsText(p.root, "召开民情恳谈会 8 场。") || !containsText(p.root, "证明材料：恳谈会记录.txt（6 字节）") ||
		!containsText(p.facts, "2026-11-22（3 天前）") {
		t.Fatalf("task page: %q", visibleTexts(p.root))
	}
	test.Tap(button(t, p.reports, "打开"))
	if data, err := os.ReadFile(p.lastOpened); err != nil || string(data) != "记录" {
		t.Errorf("opened evidence at %q: %q, %v", p.lastOpened, data, err)
	}
	// An invalid deadline and a bad year are reported, not saved.
	p.deadline.SetText("2026-02-30")
	test.Tap(button(t, p.root, "保存"))
	if !containsText(p.message, "完成期限") {
		t.Errorf("bad deadline message %q", p.message.Text)
	}
	p.deadline.SetText("2026-12-31")
	p.progress.SetSelected("推进中")
	test.Tap(button(t, p.root, "保存"))
	if p.message.Text != "已保存。" || p.badge.Text != "推进中" {
		t.Errorf("save: %q, badge %q", p.message.Text, p.badge.Text)
	}
	// Breaking down over 顺庆区 hands the progress to the townships.
	p.county.SetSelected("顺庆区")
	test.Tap(button(t, p.root, "分解到其全部乡镇（街道）"))
	if !p.progress.Disabled() || !containsText(p.townsSum, "已完成 0/") {
		t.Errorf("after breakdown: progress enabled %v, %q", !p.progress.Disabled(), p.townsSum.Text)
	}
}

func TestDutyDepartmentEdit(t *testing.T) {
	f := newFixture(t)
	s := f.openDuties(t)
	d := s.depts
	s.tabs.SelectIndex(3)
	d.list.Select(6) // 国土资源部门
	retype(d.name, "自然资源部门")
	retype(d.phone, "12345")
	test.Tap(button(t, d.root, "保存"))
	if !containsText(d.message, "联系电话") {
		t.Fatalf("bad phone not reported: %q", d.message.Text)
	}
	retype(d.phone, "0817-2222222")
	retype(d.contact, "王五")
	test.Tap(button(t, d.root, "保存"))
	if d.message.Text != "已保存。" || d.depts[6].Name != "自然资源部门" || !containsText(d.origin, "政策原称“国土资源部门”") {
		t.Fatalf("save: %q, %q, %q", d.message.Text, d.depts[6].Name, d.origin.Text)
	}
	if !slices.Contains(s.list.dept.Options, "自然资源部门") {
		t.Errorf("the task filter still offers %q", s.list.dept.Options)
	}
}

// TestDutyNewReportDoesNotOverlapBreakdown: a new progress report's text was drawn over the
// "按乡镇（街道）分解" header until the page was reopened: the page was not laid out again
// after the report's wrapped text learnt its height.
func TestDutyNewReportDoesNotOverlapBreakdown(t *testing.T) {
	f := newFixture(t)
	f.w.Win.Resize(fyne.NewSize(1280, 720))
	s := f.openDuties(t)
	s.openTask(s.list.rows[4].Task.ID)
	p := s.page
	test.Tap(button(t, p.root, T("duty.add_report")))
	dlg := topOverlay(t, f.w.Win)
	form := formIn(t, dlg)
	long := strings.Repeat("召开民情恳谈会，收集群众意见并逐条答复，形成台账。", 12)
	for _, it := range form.Items {
		if e, ok := it.Widget.(*widget.Entry); ok && e.MultiLine {
			e.SetText(long)
		}
	}
	test.Tap(button(t, dlg, T("duty.save")))
	var text, header fyne.CanvasObject
	for _, o := range visibleObjects(p.root) {
		if l, ok := o.(*widget.Label); ok {
			switch l.Text {
			case long:
				text = l
			case T("duty.breakdown"):
				header = l
			}
		}
	}
	if text == nil || header == nil {
		t.Fatalf("report text found %v, header found %v", text != nil, header != nil)
	}
	d := fyne.CurrentApp().Driver()
	bottom := d.AbsolutePositionForObject(text).Y + text.Size().Height
	if top := d.AbsolutePositionForObject(header).Y; bottom > top {
		t.Errorf("the report text ends at %.0f, below the breakdown header's top %.0f", bottom, top)
	}
	if text.Size().Height < text.MinSize().Height {
		t.Errorf("the report text is %.0f high, needs %.0f", text.Size().Height, text.MinSize().Height)
	}
}
