package duty

import (
	"context"
	"fmt"
	"slices"
	"time"

	"shequ/models"
)

// Role is a department's part in a task.
type Role int

const (
	RoleNone    Role = iota
	RoleLead         // 牵头 ●
	RoleSupport      // 配合 ○
)

// Matrix is departments × tasks of one plan year (0: all years).
type Matrix struct {
	Departments []models.Department
	Tasks       []TaskRow
	Roles       [][]Role // [department][task]
}

// Matrix builds the departments × tasks table for year (0: every year), computed for today.
func (s *Service) Matrix(ctx context.Context, year int, today time.Time) (Matrix, error) {
	var m Matrix
	var err error
	if m.Departments, err = s.st.Departments(ctx); err != nil {
		return m, err
	}
	if m.Tasks, err = s.Tasks(ctx, TaskFilter{Year: year}, today); err != nil {
		return m, err
	}
	m.Roles = make([][]Role, len(m.Departments))
	for i, d := range m.Departments {
		m.Roles[i] = make([]Role, len(m.Tasks))
		for j, r := range m.Tasks {
			switch {
			case r.Task.LeadID == d.ID:
				m.Roles[i][j] = RoleLead
			case slices.Contains(r.Task.SupportIDs, d.ID):
				m.Roles[i][j] = RoleSupport
			}
		}
	}
	return m, nil
}

// DepartmentSupervision is what a supervision meeting goes through for one department.
type DepartmentSupervision struct {
	Department models.Department
	Total      int // tasks the department leads or supports
	Done       int
	Overdue    []TaskRow
	DueSoon    []TaskRow // unfinished, deadline within DueSoonDays
}

// Rate is the share of the department's tasks completed, 0 when it has none.
func (d DepartmentSupervision) Rate() float64 {
	if d.Total == 0 {
		return 0
	}
	return float64(d.Done) / float64(d.Total)
}

// RateText is the completion rate as "3/14（21.4%）", or "无任务".
func (d DepartmentSupervision) RateText() string {
	if d.Total == 0 {
		return "无任务"
	}
	return fmt.Sprintf("%d/%d（%.1f%%）", d.Done, d.Total, d.Rate()*100)
}

// Supervision lists every department with its overdue and soon-due tasks and its completion
// rate for year (0: all years), computed for today.
func (s *Service) Supervision(ctx context.Context, year int, today time.Time) ([]DepartmentSupervision, error) {
	m, err := s.Matrix(ctx, year, today)
	if err != nil {
		return nil, err
	}
	out := make([]DepartmentSupervision, len(m.Departments))
	for i, d := range m.Departments {
		ds := DepartmentSupervision{Department: d}
		for j, r := range m.Tasks {
			if m.Roles[i][j] == RoleNone {
				continue
			}
			ds.Total++
			switch {
			case r.Status == models.TaskDone:
				ds.Done++
			case r.Status == models.TaskOverdue:
				ds.Overdue = append(ds.Overdue, r)
			case models.TaskDueWithin(r.Task.Progress, r.Task.Deadline, today, DueSoonDays):
				ds.DueSoon = append(ds.DueSoon, r)
			}
		}
		out[i] = ds
	}
	return out, nil
}

// TaskCounts are the totals `summary --json` reports under "tasks".
type TaskCounts struct {
	Total   int `json:"total"`
	Done    int `json:"done"`
	Overdue int `json:"overdue"`
}

// Counts counts every task, the completed ones and the overdue ones on today.
func (s *Service) Counts(ctx context.Context, today time.Time) (TaskCounts, error) {
	rows, err := s.rows(ctx, today)
	if err != nil {
		return TaskCounts{}, err
	}
	c := TaskCounts{Total: len(rows)}
	for _, r := range rows {
		switch r.Status {
		case models.TaskDone:
			c.Done++
		case models.TaskOverdue:
			c.Overdue++
		}
	}
	return c, nil
}
