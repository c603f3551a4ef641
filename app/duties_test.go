package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"testing"
	"time"

	"shequ/app/duty"
	"shequ/app/store"
	"shequ/models"
)

func dutyDay(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.Local) }

func deptByName(t *testing.T, a *App, name string) models.Department {
	t.Helper()
	ds, err := a.Duties.Departments(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		if d.Name == name {
			return d
		}
	}
	t.Fatalf("no department %s", name)
	return models.Department{}
}

func taskByClause(t *testing.T, a *App, clause string, today time.Time) duty.TaskRow {
	t.Helper()
	rows, err := a.Duties.Tasks(context.Background(), duty.TaskFilter{}, today)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Task.Clause == clause {
			return r
		}
	}
	t.Fatalf("no task %s", clause)
	return duty.TaskRow{}
}

func TestDutySeeds(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	depts, err := a.Duties.Departments(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantDepts := []string{"组织部门", "宣传部门", "纪检监察机关", "社会管理综合治理部门", "人大内司委",
		"民政部门", "国土资源部门", "规划部门", "住建部门", "其他相关单位"}
	var names []string
	for _, d := range depts {
		names = append(names, d.Name)
		if d.Duty == "" || d.Clause != "四（二）" || d.SeedName != d.Name {
			t.Errorf("department %s: duty %q clause %q seed %q", d.Name, d.Duty, d.Clause, d.SeedName)
		}
	}
	if !slices.Equal(names, wantDepts) {
		t.Fatalf("departments %q, want %q once each in the policy's order", names, wantDepts)
	}
	if d := deptByName(t, a, "国土资源部门"); d.Duty != "国土资源部门负责优先将社区管理服务设施建设用地纳入年度供地计划，对符合划拨用地目录的单宗社区组织工作用房和居民公益性服务设施用地实行划拨。" {
		t.Errorf("国土资源部门 duty %q", d.Duty)
	}

	today := time.Now()
	rows, err := a.Duties.Tasks(ctx, duty.TaskFilter{}, today)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"三（一）1 建立完善议事制度", "三（一）2 建立论证、听证制度", "三（一）3 建立健全评议工作制度",
		"三（一）4 规范完善村规民约和居民公约", "三（一）5 建立民情恳谈制度", "三（一）6 建立小区（院落）自治制度",
		"三（一）7 完善村（居）务监督委员会制度", "三（一）8 规范村（居）务公开制度", "三（一）9 建立健全述职述廉制度",
		"三（一）10 建立问责制度", "三（二）1 开展社区标准化建设", "三（二）2 推进政社分开",
		"三（二）3 建立基层社区协商机制", "三（二）4 建立“三社互动”机制",
	}
	var refs []string
	for _, r := range rows {
		refs = append(refs, r.Task.Ref())
		if r.Lead != "民政部门" {
			t.Errorf("%s is led by %s, want 民政部门", r.Task.Ref(), r.Lead)
		}
		if r.Task.Content == "" || r.Task.Year != today.Year() || r.Task.Progress != models.ProgressNotStarted {
			t.Errorf("%s: content %d chars, year %d, progress %s", r.Task.Ref(), len(r.Task.Content), r.Task.Year, r.Task.Progress)
		}
		wantStage := models.TaskStageNone
		if r.Task.Clause == "三（一）2" {
			wantStage = models.TaskStagePilot
		}
		if r.Task.Stage != wantStage {
			t.Errorf("%s stage %q, want %q", r.Task.Ref(), r.Task.Stage, wantStage)
		}
		if wantDeadline := dutyDay(today.Year()+2, 12, 31); !r.Task.Deadline.Equal(wantDeadline) {
			t.Errorf("%s deadline %s, want the end of the three-year target", r.Task.Ref(), models.FormatDate(r.Task.Deadline))
		}
	}
	if !slices.Equal(refs, want) {
		t.Fatalf("tasks\n%q\nwant once each\n%q", refs, want)
	}
}

func TestDutyInitTwiceKeepsEdits(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	today := time.Now()
	d := deptByName(t, a, "国土资源部门")
	d.Name, d.Contact, d.Phone = "自然资源部门", "张三", "13812345678"
	if _, err := a.Duties.SaveDepartment(ctx, d); err != nil {
		t.Fatal(err)
	}
	r := taskByClause(t, a, "三（一）8", today)
	r.Task.Title = "规范村（居）务公开制度（县定）"
	r.Task.Progress = models.ProgressUnderway
	if _, err := a.Duties.SaveTask(ctx, r.Task, today); err != nil {
		t.Fatal(err)
	}
	before, _ := a.Summary(ctx)
	if _, err := a.Init(ctx); err != nil {
		t.Fatal(err)
	}
	after, _ := a.Summary(ctx)
	if before.Tasks != after.Tasks || !before.DataChangedAt.Equal(*after.DataChangedAt) {
		t.Fatalf("second init changed the summary: %+v → %+v", before, after)
	}
	depts, _ := a.Duties.Departments(ctx)
	if len(depts) != 10 {
		t.Fatalf("%d departments after a second init", len(depts))
	}
	if got := deptByName(t, a, "自然资源部门"); got.SeedName != "国土资源部门" || got.Phone != "13812345678" {
		t.Fatalf("renamed department %+v", got)
	}
	rows, _ := a.Duties.Tasks(ctx, duty.TaskFilter{}, today)
	if len(rows) != 14 {
		t.Fatalf("%d tasks after a second init", len(rows))
	}
	if got := taskByClause(t, a, "三（一）8", today); got.Task.Title != "规范村（居）务公开制度（县定）" || got.Task.Progress != models.ProgressUnderway {
		t.Fatalf("init overwrote a clerk's edit: %+v", got.Task)
	}
}

func TestDutyFiltersAndStatus(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	today := dutyDay(2026, 11, 25)
	zz := deptByName(t, a, "组织部门")
	mz := deptByName(t, a, "民政部门")
	set := func(clause string, f func(*models.ReformTask)) {
		r := taskByClause(t, a, clause, today)
		f(&r.Task)
		if _, err := a.Duties.SaveTask(ctx, r.Task, today); err != nil {
			t.Fatalf("%s: %v", clause, err)
		}
	}
	set("三（一）1", func(x *models.ReformTask) { x.Deadline, x.Year = dutyDay(2026, 11, 24), 2026 }) // overdue by a day
	set("三（一）2", func(x *models.ReformTask) {
		x.Deadline, x.Progress, x.SupportIDs = dutyDay(2026, 11, 25), models.ProgressUnderway, []int64{zz.ID}
	}) // due today
	set("三（一）3", func(x *models.ReformTask) { x.Deadline, x.Progress = dutyDay(2026, 1, 1), models.ProgressDone }) // late but done
	set("三（一）4", func(x *models.ReformTask) { x.Deadline = dutyDay(2026, 12, 20) })                                // due within 30 days
	set("三（二）4", func(x *models.ReformTask) { x.Year, x.Deadline, x.LeadID = 2027, dutyDay(2027, 12, 31), zz.ID })

	tests := []struct {
		name   string
		f      duty.TaskFilter
		clause []string // nil: just count
		count  int
	}{
		{"everything", duty.TaskFilter{}, nil, 14},
		{"overdue only", duty.TaskFilter{OverdueOnly: true}, []string{"三（一）1"}, 1},
		{"status overdue", duty.TaskFilter{Status: models.TaskOverdue}, []string{"三（一）1"}, 1},
		{"status done", duty.TaskFilter{Status: models.TaskDone}, []string{"三（一）3"}, 1},
		{"status underway", duty.TaskFilter{Status: models.TaskUnderway}, []string{"三（一）2"}, 1},
		{"department leads or supports", duty.TaskFilter{DepartmentID: zz.ID}, []string{"三（一）2", "三（二）4"}, 2},
		{"year 2027", duty.TaskFilter{Year: 2027}, []string{"三（二）4"}, 1},
		{"民政部门 in 2027", duty.TaskFilter{Year: 2027, DepartmentID: mz.ID}, []string{}, 0},
		{"民政部门 overdue", duty.TaskFilter{DepartmentID: mz.ID, OverdueOnly: true}, []string{"三（一）1"}, 1},
	}
	for _, tt := range tests {
		rows, err := a.Duties.Tasks(ctx, tt.f, today)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.Task.Clause)
		}
		if len(rows) != tt.count || (tt.clause != nil && !slices.Equal(got, tt.clause) && len(got)+len(tt.clause) > 0) {
			t.Errorf("%s: %q, want %d %q", tt.name, got, tt.count, tt.clause)
		}
	}
	if r := taskByClause(t, a, "三（一）1", today); r.DeadlineText() != "2026-11-24（逾期 1 天）" {
		t.Errorf("deadline text %q", r.DeadlineText())
	}
	if r := taskByClause(t, a, "三（一）3", today); !r.Task.CompletedOn.Equal(today) {
		t.Errorf("completing did not stamp today: %s", models.FormatDate(r.Task.CompletedOn))
	}
	sup, err := a.Duties.Supervision(ctx, 0, today)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sup {
		switch s.Department.Name {
		case "民政部门":
			if s.Total != 13 || s.Done != 1 || len(s.Overdue) != 1 || len(s.DueSoon) != 2 || s.RateText() != "1/13（7.7%）" {
				t.Errorf("民政部门 supervision: total %d done %d overdue %d due soon %d rate %s", s.Total, s.Done, len(s.Overdue), len(s.DueSoon), s.RateText())
			}
		case "组织部门":
			if s.Total != 2 || len(s.DueSoon) != 1 || s.DueSoon[0].Task.Clause != "三（一）2" {
				t.Errorf("组织部门 supervision: %+v", s)
			}
		case "宣传部门":
			if s.Total != 0 || s.RateText() != "无任务" {
				t.Errorf("宣传部门 supervision: %+v", s)
			}
		}
	}
	c, err := a.Duties.Counts(ctx, today)
	if err != nil || c != (duty.TaskCounts{Total: 14, Done: 1, Overdue: 1}) {
		t.Errorf("counts %+v, %v", c, err)
	}
	m, err := a.Duties.Matrix(ctx, 2026, today)
	if err != nil || len(m.Tasks) != 13 || len(m.Departments) != 10 {
		t.Fatalf("matrix: %d tasks, %v", len(m.Tasks), err)
	}
	if m.Roles[0][1] != duty.RoleSupport || m.Roles[5][1] != duty.RoleLead || m.Roles[0][0] != duty.RoleNone {
		t.Errorf("matrix roles: %v", m.Roles[0])
	}
	// 逾期 can never be typed; an unknown lead is refused.
	r := taskByClause(t, a, "三（一）5", today)
	r.Task.Progress = "逾期"
	r.Task.LeadID = 9999
	if _, err := a.Duties.SaveTask(ctx, r.Task, today); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("typed 逾期 / unknown lead: %v", err)
	}
}

func TestDutyBreakdownRollsUp(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	today := dutyDay(2026, 11, 25)
	r := taskByClause(t, a, "三（二）1", today)
	n, err := a.Duties.BreakDown(ctx, r.Task.ID, "511302000000") // 顺庆区
	if err != nil || n == 0 {
		t.Fatalf("break down over 顺庆区: %d, %v", n, err)
	}
	if again, _ := a.Duties.BreakDown(ctx, r.Task.ID, "511302001000"); again != 0 {
		t.Errorf("adding 中城街道 again added %d", again)
	}
	if _, err := a.Duties.BreakDown(ctx, r.Task.ID, "511302001001"); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("break down to a community: %v", err)
	}
	towns, err := a.Duties.Breakdown(ctx, r.Task.ID, today)
	if err != nil || len(towns) != n || towns[0].Name == "" {
		t.Fatalf("breakdown %d rows (%v), want %d", len(towns), err, n)
	}
	if got := taskByClause(t, a, "三（二）1", today); got.Status != models.TaskNotStarted || got.Townships != n {
		t.Fatalf("fresh breakdown: %s, %d townships", got.Status, got.Townships)
	}
	if err := a.Duties.SetTownshipProgress(ctx, r.Task.ID, towns[0].DivisionCode, models.ProgressUnderway, today); err != nil {
		t.Fatal(err)
	}
	if got := taskByClause(t, a, "三（二）1", today); got.Status != models.TaskUnderway {
		t.Fatalf("one township underway rolls up to %s", got.Status)
	}
	// Typing the task's progress is refused while it is broken down.
	got := taskByClause(t, a, "三（二）1", today)
	got.Task.Progress = models.ProgressDone
	if _, err := a.Duties.SaveTask(ctx, got.Task, today); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("typed progress on a broken-down task: %v", err)
	}
	for i, tw := range towns {
		if err := a.Duties.SetTownshipProgress(ctx, r.Task.ID, tw.DivisionCode, models.ProgressDone, today.AddDate(0, 0, -i)); err != nil {
			t.Fatal(err)
		}
	}
	done := taskByClause(t, a, "三（二）1", today)
	if done.Status != models.TaskDone || done.TownsDone != n || !done.Task.CompletedOn.Equal(today) {
		t.Fatalf("all townships done: %s, %d/%d, completed %s", done.Status, done.TownsDone, n, models.FormatDate(done.Task.CompletedOn))
	}
	if err := a.Duties.SetTownshipProgress(ctx, r.Task.ID, towns[0].DivisionCode, "逾期", today); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("typed 逾期 for a township: %v", err)
	}
	entries, _ := a.store.AuditEntries(ctx, store.AuditFilter{Entity: "任务分解"})
	if len(entries) != 2+n { // the breakdown, one underway, n done
		t.Errorf("%d audit entries for the breakdown, want %d", len(entries), 2+n)
	}
}

func TestDutyReportsAndEvidence(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	today := dutyDay(2026, 11, 25)
	r := taskByClause(t, a, "三（一）5", today)
	mz := deptByName(t, a, "民政部门")
	if r.LastReportText() != "尚无报送" {
		t.Errorf("no report yet: %q", r.LastReportText())
	}
	photo := bytes.Repeat([]byte("照片"), 1000)
	_, err := a.Duties.AddReport(ctx, models.ProgressReport{TaskID: r.Task.ID, DepartmentID: mz.ID, ReportedOn: dutyDay(2026, 11, 20),
		Text: "已召开民情恳谈会 12 场。"}, []duty.EvidenceUpload{{Name: `C:\材料\恳谈会.jpg`, Data: photo}, {Name: "记录.txt", Data: []byte("记录")}}, today)
	if err != nil {
		t.Fatal(err)
	}
	// A second report with the same photo stores its content once.
	if _, err := a.Duties.AddReport(ctx, models.ProgressReport{TaskID: r.Task.ID, DepartmentID: mz.ID, ReportedOn: dutyDay(2026, 11, 10),
		Text: "制定方案。"}, []duty.EvidenceUpload{{Name: "恳谈会.jpg", Data: photo}}, today); err != nil {
		t.Fatal(err)
	}
	got := taskByClause(t, a, "三（一）5", today)
	if got.LastReportText() != "2026-11-20（5 天前）" {
		t.Errorf("latest report %q", got.LastReportText())
	}
	reps, err := a.Duties.Reports(ctx, r.Task.ID)
	if err != nil || len(reps) != 2 || len(reps[0].Evidence) != 2 || reps[0].Department != "民政部门" {
		t.Fatalf("reports %+v, %v", reps, err)
	}
	ev := reps[0].Evidence[0]
	sum := sha256.Sum256(photo)
	if ev.Name != "恳谈会.jpg" || ev.Size != int64(len(photo)) || ev.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("evidence %+v", ev)
	}
	f, data, err := a.Duties.Evidence(ctx, ev.ID)
	if err != nil || !bytes.Equal(data, photo) || f.Name != "恳谈会.jpg" {
		t.Fatalf("evidence content: %v", err)
	}
	bad := []struct {
		r     models.ProgressReport
		files []duty.EvidenceUpload
	}{
		{models.ProgressReport{TaskID: r.Task.ID, DepartmentID: mz.ID, ReportedOn: dutyDay(2026, 11, 26), Text: "明天的"}, nil},
		{models.ProgressReport{TaskID: r.Task.ID, ReportedOn: today, Text: " "}, nil},
		{models.ProgressReport{TaskID: r.Task.ID, DepartmentID: mz.ID, ReportedOn: today, Text: "空文件"}, []duty.EvidenceUpload{{Name: "a.txt"}}},
		{models.ProgressReport{TaskID: r.Task.ID, DepartmentID: mz.ID, ReportedOn: today, Text: "太大"},
			[]duty.EvidenceUpload{{Name: "big.pdf", Data: make([]byte, models.MaxEvidenceSize+1)}}},
	}
	for i, b := range bad {
		if _, err := a.Duties.AddReport(ctx, b.r, b.files, today); !errors.Is(err, models.ErrInvalid) {
			t.Errorf("bad report %d accepted: %v", i, err)
		}
	}
	entries, _ := a.store.AuditEntries(ctx, store.AuditFilter{Entity: "进展报送"})
	if len(entries) != 2 || entries[1].Changes[len(entries[1].Changes)-1].Field != "证明材料" {
		t.Errorf("report audit entries: %+v", entries)
	}
}

func TestDutyDepartmentEdits(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	d := deptByName(t, a, "民政部门")
	d.Contact, d.Phone = "李四", "0817-1234567"
	if _, err := a.Duties.SaveDepartment(ctx, d); err != nil {
		t.Fatal(err)
	}
	d.Phone = "123"
	d.Name = ""
	if _, err := a.Duties.SaveDepartment(ctx, d); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("bad phone and empty name: %v", err)
	}
	dup := deptByName(t, a, "宣传部门")
	dup.Name = "民政部门"
	if _, err := a.Duties.SaveDepartment(ctx, dup); !errors.Is(err, models.ErrConflict) {
		t.Errorf("duplicate name: %v", err)
	}
	nd, err := a.Duties.SaveDepartment(ctx, models.Department{Name: "财政部门", Duty: "落实经费保障"})
	if err != nil || nd.ID == 0 {
		t.Fatalf("new department: %+v, %v", nd, err)
	}
	entries, _ := a.store.AuditEntries(ctx, store.AuditFilter{Entity: "部门"})
	if len(entries) != 2 || entries[1].Action != store.ActionUpdate || len(entries[1].Changes) != 2 {
		t.Errorf("department audit entries: %+v", entries)
	}
}
