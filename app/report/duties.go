package report

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"shequ/app/duty"
	"shequ/models"
	"shequ/reports/model"
)

func init() {
	RegisterSection(Section{ID: "duties", Title: "部门职责落实", Order: 40, Build: buildDutiesSection})
}

// reportDuties is the year's reform tasks by status and by department, judged on the report day:
// the tasks planned in the year and those of earlier plan years carried into it (not completed
// before the year began).
type reportDuties struct {
	Total, Carried int
	ByStatus       map[models.TaskStatus]int
	Depts          []deptTasks
	Overdue        []overdueTask
}

// overdueTask is an overdue task with its latest progress report (zero when none).
type overdueTask struct {
	duty.TaskRow
	Latest models.ProgressReport
}

type deptTasks struct {
	Name          string
	Lead, Support int
	ByStatus      map[models.TaskStatus]int
}

func (d deptTasks) total() int { return d.Lead + d.Support }

// inReportYear says whether a task belongs to the year's report: planned in the year, or planned
// earlier and not completed before the year began (its deadline runs past its plan year, or it
// is still unfinished).
func inReportYear(t models.ReformTask, status models.TaskStatus, year int) bool {
	switch {
	case t.Year == year:
		return true
	case t.Year > year:
		return false
	case status == models.TaskDone && !t.CompletedOn.IsZero() && t.CompletedOn.Year() < year:
		return false
	case status == models.TaskDone && t.CompletedOn.IsZero() && !t.Deadline.IsZero() && t.Deadline.Year() < year:
		return false
	}
	return true
}

// Duties reads the year's tasks once. Tasks belong to the county's plan, not to a township, so
// a whole-city report shows the same plan.
func (e *Env) Duties(ctx context.Context) (*reportDuties, error) {
	return e.duties.get(func() (*reportDuties, error) {
		all, err := e.svc.Duties.Tasks(ctx, duty.TaskFilter{}, e.Today)
		if err != nil {
			return nil, err
		}
		depts, err := e.svc.Duties.Departments(ctx)
		if err != nil {
			return nil, err
		}
		r := &reportDuties{ByStatus: map[models.TaskStatus]int{}}
		var tasks []duty.TaskRow
		for _, t := range all {
			if !inReportYear(t.Task, t.Status, e.Year) {
				continue
			}
			tasks = append(tasks, t)
			r.Total++
			if t.Task.Year < e.Year {
				r.Carried++
			}
			r.ByStatus[t.Status]++
			if t.Status == models.TaskOverdue {
				o := overdueTask{TaskRow: t}
				reps, err := e.svc.Duties.Reports(ctx, t.Task.ID)
				if err != nil {
					return nil, err
				}
				for _, rep := range reps {
					if rep.ReportedOn.After(o.Latest.ReportedOn) || (rep.ReportedOn.Equal(o.Latest.ReportedOn) && rep.ID > o.Latest.ID) {
						o.Latest = rep
					}
				}
				r.Overdue = append(r.Overdue, o)
			}
		}
		for _, d := range depts {
			dt := deptTasks{Name: d.Name, ByStatus: map[models.TaskStatus]int{}}
			for _, t := range tasks {
				switch {
				case t.Task.LeadID == d.ID:
					dt.Lead++
				case slices.Contains(t.Task.SupportIDs, d.ID):
					dt.Support++
				default:
					continue
				}
				dt.ByStatus[t.Status]++
			}
			r.Depts = append(r.Depts, dt)
		}
		return r, nil
	})
}

// latestText is the latest progress report as a table cell: date, department and what it said.
func (o overdueTask) latestText() string {
	if o.Latest.ReportedOn.IsZero() {
		return "尚无报送"
	}
	text := []rune(strings.TrimSpace(o.Latest.Text))
	if len(text) > 60 {
		text = append(text[:60], '…')
	}
	who := o.Latest.Department
	if who != "" {
		who += "："
	}
	return models.FormatDateCN(o.Latest.ReportedOn) + " " + who + string(text)
}

func buildDutiesSection(ctx context.Context, e *Env) (model.Section, error) {
	d, err := e.Duties(ctx)
	if err != nil {
		return model.Section{}, err
	}
	done := d.ByStatus[models.TaskDone]
	s := model.Section{}
	if d.Total == 0 {
		s.Blocks = append(s.Blocks, &model.Paragraph{Text: fmt.Sprintf("%d年度尚未录入改革任务，也没有以前年度结转的未完成任务。可在“部门职责”中录入本年度改革任务及牵头、配合部门。", e.Year)})
		return s, nil
	}
	carried := ""
	if d.Carried > 0 {
		carried = fmt.Sprintf("（其中本年度计划 %s 项，以前年度结转 %s 项）", model.Count(d.Total-d.Carried), model.Count(d.Carried))
	}
	s.Blocks = append(s.Blocks,
		&model.Paragraph{Text: fmt.Sprintf("%d年度改革任务共 %s 项%s，截至%s已完成 %s 项，推进中 %s 项，未启动 %s 项，逾期 %s 项，完成率 %s。",
			e.Year, model.Count(d.Total), carried, models.FormatDateCN(e.Today), model.Count(done), model.Count(d.ByStatus[models.TaskUnderway]),
			model.Count(d.ByStatus[models.TaskNotStarted]), model.Count(d.ByStatus[models.TaskOverdue]), model.RateOf(int64(done), int64(d.Total)))},
		&model.KPIs{Items: []model.KPI{
			{Label: "改革任务（项）", Value: fmt.Sprint(d.Total)},
			{Label: "已完成（项）", Value: fmt.Sprint(done)},
			{Label: "逾期（项）", Value: fmt.Sprint(d.ByStatus[models.TaskOverdue])},
		}},
		&model.Heading{Text: "（一）各部门任务落实情况"})
	cols := []model.Column{{Header: "部门", Weight: 2.4},
		{Header: "牵头", Group: "承担任务（项）", Kind: model.Int}, {Header: "配合", Group: "承担任务（项）", Kind: model.Int}}
	for _, st := range models.TaskStatuses {
		cols = append(cols, model.Column{Header: string(st), Group: "任务状态（项）", Kind: model.Int})
	}
	cols = append(cols, model.Column{Header: "完成率", Kind: model.Percent, Weight: 1.1})
	t := &model.Table{Name: "部门职责落实", Caption: fmt.Sprintf("%d年各部门改革任务落实情况表", e.Year), Main: true, Columns: cols,
		Note: "注：一项任务由牵头部门和配合部门共同承担，各部门分别计数；合计行按任务计，不重复计算。"}
	chart := &model.BarChart{Title: fmt.Sprintf("%d年各部门任务完成率", e.Year), Unit: "%", ValueCols: []int{len(cols) - 1},
		Series: []model.Series{{Name: "完成率"}}}
	for _, dt := range d.Depts {
		row := []any{dt.Name, int64(dt.Lead), int64(dt.Support)}
		for _, st := range models.TaskStatuses {
			row = append(row, int64(dt.ByStatus[st]))
		}
		rate := model.RateOf(int64(dt.ByStatus[models.TaskDone]), int64(dt.total()))
		t.Rows = append(t.Rows, append(row, rate))
		if dt.total() > 0 {
			chart.Categories = append(chart.Categories, dt.Name)
			chart.Series[0].Values = append(chart.Series[0].Values, rate.Value*100)
		}
	}
	tot := []any{"合计", int64(d.Total), nil}
	for _, st := range models.TaskStatuses {
		tot = append(tot, int64(d.ByStatus[st]))
	}
	t.Totals = append(tot, model.RateOf(int64(done), int64(d.Total)))
	t.Chart = chart
	s.Blocks = append(s.Blocks, t, chart, &model.Heading{Text: "（二）逾期任务清单"})
	if len(d.Overdue) == 0 {
		s.Blocks = append(s.Blocks, &model.Paragraph{Text: "截至报告日，没有逾期任务。"})
		return s, nil
	}
	od := &model.Table{Name: "逾期任务", Caption: fmt.Sprintf("%d年逾期改革任务清单", e.Year),
		Columns: []model.Column{{Header: "序号", Kind: model.Int, Weight: 0.5}, {Header: "改革任务", Weight: 2.6},
			{Header: "牵头部门", Weight: 1.3}, {Header: "配合部门", Weight: 1.6}, {Header: "完成时限", Weight: 1.2},
			{Header: "逾期天数", Kind: model.Int, Weight: 0.8}, {Header: "最近一次进展报送", Weight: 3}}}
	for i, r := range d.Overdue {
		support := strings.Join(r.Supporters, "、")
		if support == "" {
			support = "—"
		}
		od.Rows = append(od.Rows, []any{int64(i + 1), r.Task.Ref(), r.Lead, support, models.FormatDateCN(r.Task.Deadline),
			int64(-r.DaysLeft), r.latestText()})
	}
	s.Blocks = append(s.Blocks, od)
	return s, nil
}
