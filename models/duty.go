package models

import (
	"strconv"
	"strings"
	"time"
)

// Department is a unit with duties under 四（二）明确部门职责: 组织部门, 民政部门 …
type Department struct {
	ID      int64
	Name    string // what the county calls it now (国土资源部门 may have become 自然资源部门)
	Duty    string // the duty as the policy words it, editable
	Clause  string // where the duty comes from, e.g. "四（二）"
	Contact string // 联系人
	Phone   string // 联系电话
	Order   int
	// SeedName is the policy's own name for a seeded department, kept when the clerk renames it.
	SeedName  string
	UpdatedAt time.Time
	UpdatedBy string
	// RowVersion is the row's version when read; saving checks it is still current (0: no check).
	RowVersion int64
}

// Validate returns every problem of the department at once, in Chinese.
func (d Department) Validate() error {
	var v ValidationError
	switch n := len([]rune(strings.TrimSpace(d.Name))); {
	case n == 0:
		v.Add("部门名称", "不能为空")
	case n > 50:
		v.Add("部门名称", "不能超过 50 个字")
	}
	if len([]rune(d.Duty)) > 2000 {
		v.Add("部门职责", "不能超过 2000 个字")
	}
	if len([]rune(d.Contact)) > 30 {
		v.Add("联系人", "不能超过 30 个字")
	}
	if p := strings.TrimSpace(d.Phone); p != "" && !ValidPhone(p) {
		v.Add("联系电话", "格式不正确，应为 11 位手机号或带区号的座机号（如 0817-2222222）")
	}
	return v.Err()
}

// TaskProgress is what a clerk records about a task's work; 逾期 is never one of them.
type TaskProgress string

const (
	ProgressNotStarted TaskProgress = "未启动"
	ProgressUnderway   TaskProgress = "推进中"
	ProgressDone       TaskProgress = "已完成"
)

// TaskProgresses lists the recordable progress values in order.
var TaskProgresses = []TaskProgress{ProgressNotStarted, ProgressUnderway, ProgressDone}

// TaskStatus is what supervision sees: the progress, or 逾期 when the deadline has passed
// without completion. It is computed for a given day and never stored.
type TaskStatus string

const (
	TaskNotStarted TaskStatus = "未启动"
	TaskUnderway   TaskStatus = "推进中"
	TaskDone       TaskStatus = "已完成"
	TaskOverdue    TaskStatus = "逾期"
)

// TaskStatuses lists every status in the order supervision reads them.
var TaskStatuses = []TaskStatus{TaskNotStarted, TaskUnderway, TaskDone, TaskOverdue}

// TaskStage is where a task stands between pilot and full roll-out (三（一）2: 试点…全面实施).
type TaskStage string

const (
	TaskStageNone  TaskStage = ""
	TaskStagePilot TaskStage = "试点"
	TaskStageFull  TaskStage = "全面实施"
)

// TaskStatusOn derives the status on day today: done stays done; otherwise a deadline that lies
// before today makes the task overdue (the deadline day itself is still on time); a zero
// deadline never makes anything overdue.
func TaskStatusOn(p TaskProgress, deadline, today time.Time) TaskStatus {
	if p == ProgressDone {
		return TaskDone
	}
	if !deadline.IsZero() && Day(today).After(Day(deadline)) {
		return TaskOverdue
	}
	if p == ProgressUnderway {
		return TaskUnderway
	}
	return TaskNotStarted
}

// TaskDueWithin reports whether an unfinished task's deadline falls in the next days days
// (today included) — what a supervision meeting chases before it becomes overdue.
func TaskDueWithin(p TaskProgress, deadline, today time.Time, days int) bool {
	if p == ProgressDone || deadline.IsZero() {
		return false
	}
	n := CalendarDays(today, deadline)
	return n >= 0 && n <= days
}

// ReformTask is one reform task of section 三, planned for a year of the three-year target.
type ReformTask struct {
	ID          int64
	Clause      string // e.g. "三（一）2"
	Title       string // e.g. "建立论证、听证制度"
	Content     string // the policy text of the item
	Year        int    // the plan year the task is scheduled in
	LeadID      int64  // 牵头部门
	SupportIDs  []int64
	Deliverable string    // 成果形式
	Deadline    time.Time // zero: no deadline set
	Stage       TaskStage
	// Progress is as recorded; for a task broken down per township it is the roll-up of the townships.
	Progress    TaskProgress
	CompletedOn time.Time
	Order       int
	UpdatedAt   time.Time
	UpdatedBy   string
	// RowVersion is the row's version when read; saving checks it is still current (0: no check).
	RowVersion int64
}

// Ref is the clause and title together, as supervision papers cite a task: "三（一）2 建立论证、听证制度".
func (t ReformTask) Ref() string { return strings.TrimSpace(t.Clause + " " + t.Title) }

// StatusOn is the task's status on day today.
func (t ReformTask) StatusOn(today time.Time) TaskStatus {
	return TaskStatusOn(t.Progress, t.Deadline, today)
}

// Validate returns every problem of the task at once, in Chinese.
func (t ReformTask) Validate() error {
	var v ValidationError
	if strings.TrimSpace(t.Title) == "" {
		v.Add("任务名称", "不能为空")
	} else if len([]rune(t.Title)) > 100 {
		v.Add("任务名称", "不能超过 100 个字")
	}
	if len([]rune(t.Clause)) > 30 {
		v.Add("政策条款", "不能超过 30 个字")
	}
	if !ValidYear(t.Year) {
		v.Add("计划年度", "应为 "+YearRange+" 之间的年份")
	}
	if t.LeadID == 0 {
		v.Add("牵头部门", "请选择牵头部门")
	}
	for _, id := range t.SupportIDs {
		if id == t.LeadID && id != 0 {
			v.Add("配合部门", "牵头部门不必再列为配合部门")
			break
		}
	}
	if !t.Deadline.IsZero() && t.Year >= MinYear && t.Deadline.Year() < t.Year {
		v.Add("完成期限", "早于计划年度 "+strconv.Itoa(t.Year)+" 年")
	}
	switch t.Stage {
	case TaskStageNone, TaskStagePilot, TaskStageFull:
	default:
		v.Add("实施阶段", "应为“试点”或“全面实施”")
	}
	if !validProgress(t.Progress) {
		v.Add("进度", "应为未启动、推进中或已完成")
	}
	if len([]rune(t.Deliverable)) > 500 {
		v.Add("成果形式", "不能超过 500 个字")
	}
	return v.Err()
}

func validProgress(p TaskProgress) bool {
	for _, x := range TaskProgresses {
		if p == x {
			return true
		}
	}
	return false
}

// ParseTaskProgress accepts a recorded progress; 逾期 is refused because it is computed.
func ParseTaskProgress(s string) (TaskProgress, bool) {
	p := TaskProgress(strings.TrimSpace(s))
	return p, validProgress(p)
}

// TownshipProgress is one township's share of a task broken down per township.
type TownshipProgress struct {
	TaskID       int64
	DivisionCode string
	Name         string // filled when read, for display
	Progress     TaskProgress
	Deadline     time.Time // zero: the task's deadline applies
	CompletedOn  time.Time
	Note         string
	UpdatedAt    time.Time
	UpdatedBy    string
	// RowVersion is the row's version when read; saving checks it is still current (0: no check).
	RowVersion int64
}

// StatusOn is the township's status on today, against its own deadline or else the task's.
func (p TownshipProgress) StatusOn(taskDeadline, today time.Time) TaskStatus {
	d := p.Deadline
	if d.IsZero() {
		d = taskDeadline
	}
	return TaskStatusOn(p.Progress, d, today)
}

// RollUpTownships is the task progress its townships add up to: done when every township is done,
// underway when any has started, not started otherwise; ok is false for an empty breakdown.
// completed is the day the last township finished, when all are done.
func RollUpTownships(ps []TownshipProgress) (p TaskProgress, completed time.Time, ok bool) {
	if len(ps) == 0 {
		return "", time.Time{}, false
	}
	done, started := 0, 0
	for _, x := range ps {
		switch x.Progress {
		case ProgressDone:
			done++
			started++
			if x.CompletedOn.After(completed) {
				completed = x.CompletedOn
			}
		case ProgressUnderway:
			started++
		}
	}
	switch {
	case done == len(ps):
		return ProgressDone, completed, true
	case started > 0:
		return ProgressUnderway, time.Time{}, true
	}
	return ProgressNotStarted, time.Time{}, true
}

// RollUpTownshipStatus is the task's status on today given its townships: overdue as soon as any
// unfinished township is past its deadline, even when the task's own deadline is later.
func RollUpTownshipStatus(ps []TownshipProgress, taskDeadline, today time.Time) TaskStatus {
	p, _, ok := RollUpTownships(ps)
	if !ok {
		return ""
	}
	st := TaskStatusOn(p, taskDeadline, today)
	if st == TaskDone || st == TaskOverdue {
		return st
	}
	for _, x := range ps {
		if x.StatusOn(taskDeadline, today) == TaskOverdue {
			return TaskOverdue
		}
	}
	return st
}

// ProgressReport is a department's report on a task, with its evidence files.
type ProgressReport struct {
	ID           int64
	TaskID       int64
	ReportedOn   time.Time
	DepartmentID int64
	Department   string // filled when read
	Text         string
	Evidence     []EvidenceFile
	CreatedAt    time.Time
	CreatedBy    string
}

// Validate returns every problem of the report at once, in Chinese.
func (r ProgressReport) Validate(today time.Time) error {
	var v ValidationError
	if r.ReportedOn.IsZero() {
		v.Add("报送日期", "不能为空")
	} else if Day(r.ReportedOn).After(Day(today)) {
		v.Add("报送日期", FormatDate(r.ReportedOn)+" 晚于今天")
	}
	if r.DepartmentID == 0 {
		v.Add("报送部门", "请选择报送部门")
	}
	if strings.TrimSpace(r.Text) == "" {
		v.Add("进展情况", "不能为空")
	} else if len([]rune(r.Text)) > 5000 {
		v.Add("进展情况", "不能超过 5000 个字")
	}
	return v.Err()
}

// EvidenceFile is one file attached to a progress report (会议记录, 照片, 文件扫描件 …).
type EvidenceFile struct {
	ID       int64
	ReportID int64
	Name     string
	Size     int64
	SHA256   string // hex
}

// MaxEvidenceSize bounds one evidence file: the files live in the database, which is backed up whole.
const MaxEvidenceSize = 20 << 20
