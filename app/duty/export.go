package duty

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"shequ/models"
	"shequ/reports/xlsx"
)

// StatusFill is the background each status gets in the matrix and the task list, on screen and
// in Excel: grey not started, yellow underway, green done, red overdue.
var StatusFill = map[models.TaskStatus]string{
	models.TaskNotStarted: "E7E6E6",
	models.TaskUnderway:   "FFE699",
	models.TaskDone:       "A9D08E",
	models.TaskOverdue:    "F4A6A6",
}

// ExportXLSX writes the year's matrix (departments × tasks) and task list as one workbook,
// computed for today; year 0 takes every year.
func (s *Service) ExportXLSX(ctx context.Context, w io.Writer, year int, today time.Time) error {
	m, err := s.Matrix(ctx, year, today)
	if err != nil {
		return err
	}
	span := "全部年度"
	if year != 0 {
		span = fmt.Sprintf("%d年度", year)
	}
	stamp := "（截至 " + models.FormatDateCN(today) + "）"
	cols := []xlsx.Column{{Header: "部门", Width: 22}}
	for _, r := range m.Tasks {
		cols = append(cols, xlsx.Column{Header: r.Task.Clause, Group: "改革任务（●牵头 ○配合；底色为任务状态）", Width: 11})
	}
	cols = append(cols, xlsx.Column{Header: "牵头", Kind: xlsx.Int, Width: 7}, xlsx.Column{Header: "配合", Kind: xlsx.Int, Width: 7})
	var rows [][]any
	for i, d := range m.Departments {
		row := []any{d.Name}
		lead, support := 0, 0
		for j, r := range m.Tasks {
			switch m.Roles[i][j] {
			case RoleLead:
				lead++
				row = append(row, xlsx.Styled{Value: "●", Fill: StatusFill[r.Status], Center: true})
			case RoleSupport:
				support++
				row = append(row, xlsx.Styled{Value: "○", Fill: StatusFill[r.Status], Center: true})
			default:
				row = append(row, nil)
			}
		}
		rows = append(rows, append(row, lead, support))
	}
	matrix := xlsx.Sheet{Name: "任务矩阵", Title: span + "部门职责任务矩阵" + stamp, Columns: cols, Rows: rows}

	var trows [][]any
	for _, r := range m.Tasks {
		t := r.Task
		towns := ""
		if r.Townships > 0 {
			towns = fmt.Sprintf("%d/%d", r.TownsDone, r.Townships)
		}
		var since any
		if !r.LastReport.IsZero() {
			since = r.DaysSince
		}
		trows = append(trows, []any{t.Clause, t.Title, t.Year, r.Lead, strings.Join(r.Supporters, "、"), t.Deliverable,
			t.Deadline, string(t.Stage), xlsx.Styled{Value: string(r.Status), Fill: StatusFill[r.Status], Center: true},
			t.CompletedOn, towns, r.LastReport, since})
	}
	tasks := xlsx.Sheet{Name: "任务清单", Title: span + "改革任务清单" + stamp, Rows: trows, Columns: []xlsx.Column{
		{Header: "政策条款", Width: 11}, {Header: "任务名称", Width: 30}, {Header: "计划年度", Kind: xlsx.Int, Width: 9},
		{Header: "牵头部门", Width: 14}, {Header: "配合部门", Width: 24}, {Header: "成果形式", Width: 24},
		{Header: "完成期限", Kind: xlsx.Date, Width: 12}, {Header: "实施阶段", Width: 10}, {Header: "状态", Width: 9},
		{Header: "完成日期", Kind: xlsx.Date, Width: 12}, {Header: "乡镇完成", Width: 10},
		{Header: "最新报送", Kind: xlsx.Date, Width: 12}, {Header: "距今（天）", Kind: xlsx.Int, Width: 10},
	}}
	return xlsx.Write(w, matrix, tasks)
}
