package models

import (
	"testing"
	"time"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.Local) }

func TestTaskStatusOn(t *testing.T) {
	deadline := day(2026, 6, 30)
	tests := []struct {
		name     string
		progress TaskProgress
		deadline time.Time
		today    time.Time
		want     TaskStatus
	}{
		{"not started, well before", ProgressNotStarted, deadline, day(2026, 1, 5), TaskNotStarted},
		{"underway, day before", ProgressUnderway, deadline, day(2026, 6, 29), TaskUnderway},
		{"deadline day itself is on time", ProgressUnderway, deadline, day(2026, 6, 30), TaskUnderway},
		{"deadline day late in the evening", ProgressUnderway, deadline, time.Date(2026, 6, 30, 23, 59, 0, 0, time.Local), TaskUnderway},
		{"day after: overdue", ProgressUnderway, deadline, day(2026, 7, 1), TaskOverdue},
		{"not started and late", ProgressNotStarted, deadline, day(2027, 1, 1), TaskOverdue},
		{"done before the deadline", ProgressDone, deadline, day(2026, 7, 1), TaskDone},
		{"done late stays done", ProgressDone, deadline, day(2028, 1, 1), TaskDone},
		{"no deadline is never overdue", ProgressUnderway, time.Time{}, day(2099, 1, 1), TaskUnderway},
		{"deadline with a time of day", ProgressNotStarted, time.Date(2026, 6, 30, 8, 0, 0, 0, time.Local), time.Date(2026, 6, 30, 20, 0, 0, 0, time.Local), TaskNotStarted},
	}
	for _, tt := range tests {
		if got := TaskStatusOn(tt.progress, tt.deadline, tt.today); got != tt.want {
			t.Errorf("%s: TaskStatusOn = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestTaskDueWithin(t *testing.T) {
	today := day(2026, 11, 25)
	tests := []struct {
		progress TaskProgress
		deadline time.Time
		want     bool
	}{
		{ProgressUnderway, day(2026, 11, 25), true},  // today
		{ProgressUnderway, day(2026, 12, 25), true},  // 30 days ahead
		{ProgressUnderway, day(2026, 12, 26), false}, // 31 days ahead
		{ProgressUnderway, day(2026, 11, 24), false}, // already overdue
		{ProgressDone, day(2026, 12, 1), false},
		{ProgressNotStarted, time.Time{}, false},
	}
	for _, tt := range tests {
		if got := TaskDueWithin(tt.progress, tt.deadline, today, 30); got != tt.want {
			t.Errorf("TaskDueWithin(%s, %s) = %v, want %v", tt.progress, FormatDate(tt.deadline), got, tt.want)
		}
	}
	if n := CalendarDays(day(2026, 3, 28), day(2026, 3, 30)); n != 2 {
		t.Errorf("CalendarDays across a month end = %d", n)
	}
	if n := CalendarDays(day(2026, 12, 31), day(2026, 1, 1)); n != -364 {
		t.Errorf("CalendarDays backwards = %d", n)
	}
}

func TestRollUpTownships(t *testing.T) {
	tp := func(p TaskProgress, deadline, done time.Time) TownshipProgress {
		return TownshipProgress{Progress: p, Deadline: deadline, CompletedOn: done}
	}
	taskDeadline := day(2026, 12, 31)
	today := day(2026, 11, 25)
	tests := []struct {
		name       string
		towns      []TownshipProgress
		progress   TaskProgress
		status     TaskStatus
		completed  time.Time
		brokenDown bool
	}{
		{"no breakdown", nil, "", "", time.Time{}, false},
		{"none started", []TownshipProgress{tp(ProgressNotStarted, time.Time{}, time.Time{}), tp(ProgressNotStarted, time.Time{}, time.Time{})},
			ProgressNotStarted, TaskNotStarted, time.Time{}, true},
		{"one started", []TownshipProgress{tp(ProgressNotStarted, time.Time{}, time.Time{}), tp(ProgressUnderway, time.Time{}, time.Time{})},
			ProgressUnderway, TaskUnderway, time.Time{}, true},
		{"some done is underway", []TownshipProgress{tp(ProgressDone, time.Time{}, day(2026, 5, 1)), tp(ProgressNotStarted, time.Time{}, time.Time{})},
			ProgressUnderway, TaskUnderway, time.Time{}, true},
		{"all done: completed when the last finished", []TownshipProgress{tp(ProgressDone, time.Time{}, day(2026, 5, 1)), tp(ProgressDone, time.Time{}, day(2026, 9, 3))},
			ProgressDone, TaskDone, day(2026, 9, 3), true},
		{"a township past its own deadline makes the task overdue", []TownshipProgress{tp(ProgressUnderway, day(2026, 10, 31), time.Time{}), tp(ProgressDone, time.Time{}, day(2026, 5, 1))},
			ProgressUnderway, TaskOverdue, time.Time{}, true},
		{"a finished township past its deadline does not", []TownshipProgress{tp(ProgressDone, day(2026, 10, 31), day(2026, 11, 2)), tp(ProgressUnderway, time.Time{}, time.Time{})},
			ProgressUnderway, TaskUnderway, time.Time{}, true},
	}
	for _, tt := range tests {
		p, done, ok := RollUpTownships(tt.towns)
		if ok != tt.brokenDown || p != tt.progress || !done.Equal(tt.completed) {
			t.Errorf("%s: RollUpTownships = %s, %s, %v; want %s, %s, %v", tt.name, p, FormatDate(done), ok, tt.progress, FormatDate(tt.completed), tt.brokenDown)
		}
		if got := RollUpTownshipStatus(tt.towns, taskDeadline, today); got != tt.status {
			t.Errorf("%s: RollUpTownshipStatus = %s, want %s", tt.name, got, tt.status)
		}
	}
	// After the task's own deadline every unfinished breakdown is overdue.
	late := []TownshipProgress{tp(ProgressDone, time.Time{}, day(2026, 5, 1)), tp(ProgressUnderway, time.Time{}, time.Time{})}
	if got := RollUpTownshipStatus(late, taskDeadline, day(2027, 1, 1)); got != TaskOverdue {
		t.Errorf("after the task deadline: %s", got)
	}
}

func TestDepartmentAndTaskValidate(t *testing.T) {
	if err := (Department{Name: "民政部门", Phone: "0817-2222222"}).Validate(); err != nil {
		t.Errorf("valid department: %v", err)
	}
	err := Department{Name: " ", Phone: "12345"}.Validate()
	ve, ok := err.(*ValidationError)
	if !ok || len(ve.Fields) != 2 {
		t.Fatalf("want 2 field errors, got %v", err)
	}
	ok2 := ReformTask{Title: "建立问责制度", Year: 2026, LeadID: 1, Progress: ProgressNotStarted}
	if err := ok2.Validate(); err != nil {
		t.Errorf("valid task: %v", err)
	}
	bad := ReformTask{Year: 1999, SupportIDs: []int64{0}, Progress: "逾期", Stage: "试行"}
	ve, ok = bad.Validate().(*ValidationError)
	if !ok {
		t.Fatal("bad task accepted")
	}
	fields := map[string]bool{}
	for _, f := range ve.Fields {
		fields[f.Field] = true
	}
	for _, want := range []string{"任务名称", "计划年度", "牵头部门", "实施阶段", "进度"} {
		if !fields[want] {
			t.Errorf("no error for %s in %v", want, ve)
		}
	}
	early := ok2
	early.Deadline = day(2025, 12, 31)
	if early.Validate() == nil {
		t.Error("deadline before the plan year accepted")
	}
	if _, ok := ParseTaskProgress("逾期"); ok {
		t.Error("逾期 accepted as a recorded progress")
	}
}
