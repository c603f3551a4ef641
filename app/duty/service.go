package duty

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"shequ/app/division"
	"shequ/app/store"
	"shequ/models"
)

// PlanYears is the horizon of the work target: “经过3年的努力” (二（三）).
const PlanYears = 3

// DueSoonDays is how far ahead supervision looks for deadlines coming up.
const DueSoonDays = 30

// Service keeps the departments' duties and the reform tasks, their progress reports and
// their per-township breakdown, and answers the supervision questions: who owes what by when,
// what is late. Every view takes "today", so status is computed, never stored.
type Service struct {
	st    *store.Store
	actor string
	divs  *division.Service
}

// Params are what the service needs: the store, who is working and the division lookup.
type Params struct {
	Store     *store.Store
	Session   *models.Session
	Divisions *division.Service
}

// New makes the service.
func New(p Params) *Service { return &Service{st: p.Store, actor: p.Session.Actor, divs: p.Divisions} }

// TaskRow is a task as lists show it, with what was computed for today.
type TaskRow struct {
	Task       models.ReformTask // Progress and CompletedOn rolled up when broken down per township
	Lead       string
	Supporters []string
	Status     models.TaskStatus
	// DaysLeft is the days from today to the deadline (negative: days overdue); HasDeadline says whether there is one.
	DaysLeft    int
	HasDeadline bool
	Townships   int // townships the task is broken down into (0: not broken down)
	TownsDone   int
	LastReport  time.Time // zero: no report yet
	DaysSince   int       // days since the last report
}

// DeadlineText is the deadline with how far away it is: "2026-12-31（还有 36 天）", "2026-11-01（逾期 24 天）".
func (r TaskRow) DeadlineText() string {
	if !r.HasDeadline {
		return "未定期限"
	}
	d := models.FormatDate(r.Task.Deadline)
	switch {
	case r.Status == models.TaskDone:
		return d
	case r.DaysLeft < 0:
		return fmt.Sprintf("%s（逾期 %d 天）", d, -r.DaysLeft)
	case r.DaysLeft == 0:
		return d + "（今天到期）"
	}
	return fmt.Sprintf("%s（还有 %d 天）", d, r.DaysLeft)
}

// LastReportText is the latest report's date and the days since: "2026-11-20（5 天前）".
func (r TaskRow) LastReportText() string {
	if r.LastReport.IsZero() {
		return "尚无报送"
	}
	if r.DaysSince == 0 {
		return models.FormatDate(r.LastReport) + "（今天）"
	}
	return fmt.Sprintf("%s（%d 天前）", models.FormatDate(r.LastReport), r.DaysSince)
}

// TaskFilter narrows Tasks; zero fields match everything.
type TaskFilter struct {
	DepartmentID int64 // leading or supporting
	Status       models.TaskStatus
	OverdueOnly  bool
	Year         int
}

// Departments lists the departments in the policy's order.
func (s *Service) Departments(ctx context.Context) ([]models.Department, error) {
	return s.st.Departments(ctx)
}

// SaveDepartment validates and stores a department (ID 0 adds one) and returns it as stored.
func (s *Service) SaveDepartment(ctx context.Context, d models.Department) (models.Department, error) {
	d.Name, d.Duty = strings.TrimSpace(d.Name), strings.TrimSpace(d.Duty)
	d.Contact, d.Phone = strings.TrimSpace(d.Contact), strings.TrimSpace(d.Phone)
	if err := d.Validate(); err != nil {
		return d, err
	}
	id, err := s.st.SaveDepartment(ctx, d, s.actor)
	if err != nil {
		return d, err
	}
	d.ID = id
	return d, nil
}

// Tasks lists the tasks that pass f, in plan order, computed for today.
func (s *Service) Tasks(ctx context.Context, f TaskFilter, today time.Time) ([]TaskRow, error) {
	all, err := s.rows(ctx, today)
	if err != nil {
		return nil, err
	}
	var out []TaskRow
	for _, r := range all {
		t := r.Task
		switch {
		case f.Year != 0 && t.Year != f.Year:
		case f.DepartmentID != 0 && t.LeadID != f.DepartmentID && !slices.Contains(t.SupportIDs, f.DepartmentID):
		case f.Status != "" && r.Status != f.Status:
		case f.OverdueOnly && r.Status != models.TaskOverdue:
		default:
			out = append(out, r)
		}
	}
	return out, nil
}

// Task returns one task as a row computed for today.
func (s *Service) Task(ctx context.Context, id int64, today time.Time) (TaskRow, error) {
	all, err := s.rows(ctx, today)
	if err != nil {
		return TaskRow{}, err
	}
	for _, r := range all {
		if r.Task.ID == id {
			return r, nil
		}
	}
	return TaskRow{}, fmt.Errorf("%w：改革任务 %d", models.ErrNotFound, id)
}

// rows reads every task with its departments, breakdown and latest report in four queries.
func (s *Service) rows(ctx context.Context, today time.Time) ([]TaskRow, error) {
	tasks, err := s.st.Tasks(ctx)
	if err != nil {
		return nil, err
	}
	depts, err := s.st.Departments(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, d := range depts {
		names[d.ID] = d.Name
	}
	towns, err := s.st.TaskTownships(ctx, 0)
	if err != nil {
		return nil, err
	}
	byTask := map[int64][]models.TownshipProgress{}
	for _, p := range towns {
		byTask[p.TaskID] = append(byTask[p.TaskID], p)
	}
	latest, err := s.st.LatestReportDays(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]TaskRow, len(tasks))
	for i, t := range tasks {
		out[i] = makeRow(t, names, byTask[t.ID], latest[t.ID], today)
	}
	return out, nil
}

func makeRow(t models.ReformTask, names map[int64]string, towns []models.TownshipProgress, last, today time.Time) TaskRow {
	r := TaskRow{Lead: names[t.LeadID], Townships: len(towns), LastReport: last}
	for _, id := range t.SupportIDs {
		r.Supporters = append(r.Supporters, names[id])
	}
	if p, done, ok := models.RollUpTownships(towns); ok {
		t.Progress, t.CompletedOn = p, done
		r.Status = models.RollUpTownshipStatus(towns, t.Deadline, today)
	} else {
		r.Status = t.StatusOn(today)
	}
	for _, p := range towns {
		if p.Progress == models.ProgressDone {
			r.TownsDone++
		}
	}
	r.Task = t
	if !t.Deadline.IsZero() {
		r.HasDeadline, r.DaysLeft = true, models.CalendarDays(today, t.Deadline)
	}
	if !last.IsZero() {
		r.DaysSince = models.CalendarDays(last, today)
	}
	return r
}

// Years are the plan years to choose from: the three years from the earliest planned task,
// and any other year a task is planned in.
func (s *Service) Years(ctx context.Context, today time.Time) ([]int, error) {
	tasks, err := s.st.Tasks(ctx)
	if err != nil {
		return nil, err
	}
	first := today.Year()
	for _, t := range tasks {
		first = min(first, t.Year)
	}
	years := []int{}
	for y := first; y < first+PlanYears; y++ {
		years = append(years, y)
	}
	for _, t := range tasks {
		if !slices.Contains(years, t.Year) {
			years = append(years, t.Year)
		}
	}
	slices.Sort(years)
	return years, nil
}

// SaveTask validates and stores a task (ID 0 adds one) and returns its ID. Completing a task
// stamps today as its completion day; reopening clears it. A task broken down per township
// takes its progress from the townships.
func (s *Service) SaveTask(ctx context.Context, t models.ReformTask, today time.Time) (int64, error) {
	t.Clause, t.Title = strings.TrimSpace(t.Clause), strings.TrimSpace(t.Title)
	t.Deliverable = strings.TrimSpace(t.Deliverable)
	if t.Progress == "" {
		t.Progress = models.ProgressNotStarted
	}
	var rules models.ValidationError
	if ve := (*models.ValidationError)(nil); errors.As(t.Validate(), &ve) {
		rules = *ve
	}
	depts, err := s.st.Departments(ctx)
	if err != nil {
		return 0, err
	}
	known := map[int64]bool{}
	for _, d := range depts {
		known[d.ID] = true
	}
	if t.LeadID != 0 && !known[t.LeadID] {
		rules.Add("牵头部门", "所选部门不存在")
	}
	for _, id := range t.SupportIDs {
		if !known[id] {
			rules.Add("配合部门", "所选部门不存在")
			break
		}
	}
	var old models.ReformTask
	if t.ID != 0 {
		if old, err = s.st.Task(ctx, t.ID); err != nil {
			return 0, err
		}
		towns, err := s.st.TaskTownships(ctx, t.ID)
		if err != nil {
			return 0, err
		}
		if len(towns) > 0 {
			// The stored progress of a broken-down task is not what users see; keep it untouched.
			if p, _, _ := models.RollUpTownships(towns); t.Progress != p && t.Progress != old.Progress {
				rules.Add("进度", "此任务已按乡镇（街道）分解，进度由各乡镇汇总，请在分解表中填写")
			}
			t.Progress = old.Progress
		}
	}
	if err := rules.Err(); err != nil {
		return 0, err
	}
	t.SupportIDs = slices.Compact(slices.Sorted(slices.Values(t.SupportIDs)))
	switch {
	case t.Progress != models.ProgressDone:
		t.CompletedOn = time.Time{}
	case old.Progress == models.ProgressDone && !old.CompletedOn.IsZero():
		t.CompletedOn = old.CompletedOn
	default:
		t.CompletedOn = models.Day(today)
	}
	return s.st.SaveTask(ctx, t, s.actor)
}

// Reports lists a task's progress reports, newest first.
func (s *Service) Reports(ctx context.Context, taskID int64) ([]models.ProgressReport, error) {
	return s.st.Reports(ctx, taskID)
}

// EvidenceUpload is a file to attach to a report.
type EvidenceUpload = store.EvidenceUpload

// AddReport validates and stores a progress report with its evidence files.
func (s *Service) AddReport(ctx context.Context, r models.ProgressReport, files []EvidenceUpload, today time.Time) (int64, error) {
	r.Text = strings.TrimSpace(r.Text)
	var v models.ValidationError
	if ve := (*models.ValidationError)(nil); errors.As(r.Validate(today), &ve) {
		v = *ve
	}
	if _, err := s.st.Task(ctx, r.TaskID); err != nil {
		return 0, err
	}
	for i, f := range files {
		// Keep only the file's own name, whichever separator the path it came from used.
		f.Name = strings.TrimSpace(f.Name)
		f.Name = f.Name[strings.LastIndexAny(f.Name, `/\`)+1:]
		files[i] = f
		switch {
		case f.Name == "" || f.Name == "." || f.Name == "..":
			v.Add("证明材料", fmt.Sprintf("第 %d 个文件没有文件名", i+1))
		case len(f.Data) == 0:
			v.Add("证明材料", fmt.Sprintf("“%s”是空文件", f.Name))
		case len(f.Data) > models.MaxEvidenceSize:
			v.Add("证明材料", fmt.Sprintf("“%s”有 %.1f MB，超过每个文件 %d MB 的上限", f.Name,
				float64(len(f.Data))/(1<<20), models.MaxEvidenceSize>>20))
		}
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	return s.st.AddReport(ctx, r, files, s.actor)
}

// Evidence returns an evidence file with its content, verified against its SHA-256.
func (s *Service) Evidence(ctx context.Context, fileID int64) (models.EvidenceFile, []byte, error) {
	return s.st.EvidenceContent(ctx, fileID)
}

// TownshipRow is one township of a task's breakdown with its status for today.
type TownshipRow struct {
	models.TownshipProgress
	Status models.TaskStatus
}

// Breakdown lists a task's townships with their status for today.
func (s *Service) Breakdown(ctx context.Context, taskID int64, today time.Time) ([]TownshipRow, error) {
	t, err := s.st.Task(ctx, taskID)
	if err != nil {
		return nil, err
	}
	towns, err := s.st.TaskTownships(ctx, taskID)
	if err != nil {
		return nil, err
	}
	out := make([]TownshipRow, len(towns))
	for i, p := range towns {
		out[i] = TownshipRow{TownshipProgress: p, Status: p.StatusOn(t.Deadline, today)}
	}
	return out, nil
}

// BreakDown splits a task over the active townships of a county (or one township) and returns
// how many were added; townships already listed keep their progress.
func (s *Service) BreakDown(ctx context.Context, taskID int64, code string) (int, error) {
	if _, err := s.st.Task(ctx, taskID); err != nil {
		return 0, err
	}
	d, err := s.divs.Get(ctx, code)
	if err != nil {
		return 0, err
	}
	var codes []string
	switch d.Level {
	case models.LevelTownship:
		codes = []string{d.Code}
	case models.LevelCounty:
		kids, err := s.divs.Children(ctx, code)
		if err != nil {
			return 0, err
		}
		for _, k := range kids {
			if k.Active() {
				codes = append(codes, k.Code)
			}
		}
	default:
		return 0, fmt.Errorf("%w：只能按县（市、区）或乡镇（街道）分解，%s 是%s", models.ErrInvalid, d.Name, d.Level.Label())
	}
	if !d.Active() {
		return 0, fmt.Errorf("%w：%s 已撤销", models.ErrInvalid, d.Name)
	}
	return s.st.AddTaskTownships(ctx, taskID, codes, s.actor)
}

// SetTownshipProgress records one township's progress; completing stamps today.
func (s *Service) SetTownshipProgress(ctx context.Context, taskID int64, code string, p models.TaskProgress, today time.Time) error {
	if _, ok := models.ParseTaskProgress(string(p)); !ok {
		return fmt.Errorf("%w：进度应为未启动、推进中或已完成，不能填“%s”", models.ErrInvalid, p)
	}
	towns, err := s.st.TaskTownships(ctx, taskID)
	if err != nil {
		return err
	}
	for _, x := range towns {
		if x.DivisionCode != code {
			continue
		}
		if x.Progress == p {
			return nil
		}
		x.Progress = p
		x.CompletedOn = time.Time{}
		if p == models.ProgressDone {
			x.CompletedOn = models.Day(today)
		}
		return s.st.SaveTaskTownship(ctx, x, s.actor)
	}
	return fmt.Errorf("%w：任务未分解到区划 %s", models.ErrNotFound, code)
}
