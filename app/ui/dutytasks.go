package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/app/duty"
	"shequ/models"
)

// dutyTaskList is the task list with its filters: department, status, overdue only, year.
type dutyTaskList struct {
	s *dutiesScreen

	root    fyne.CanvasObject
	dept    *widget.Select
	status  *widget.Select
	overdue *widget.Check
	year    *widget.Select
	count   *widget.Label
	table   *widget.Table

	depts []models.Department
	rows  []duty.TaskRow
}

// taskColumns are the list's columns: header key and width.
var taskColumns = []struct {
	key   string
	width float32
}{
	{"duty.col_clause", 96}, {"duty.col_title", 260}, {"duty.col_year", 64}, {"duty.col_lead", 130},
	{"duty.col_deadline", 190}, {"duty.col_status", 76}, {"duty.col_last_report", 180},
}

func newDutyTaskList(s *dutiesScreen) *dutyTaskList {
	l := &dutyTaskList{s: s}
	l.buildUI()
	return l
}

func (l *dutyTaskList) buildUI() {
	l.dept = newSelect(nil, func(string) { l.load() })
	statuses := []string{T("duty.all_statuses")}
	for _, st := range models.TaskStatuses {
		statuses = append(statuses, string(st))
	}
	l.status = newSelect(statuses, func(string) { l.load() })
	l.status.SetSelected(statuses[0])
	l.overdue = widget.NewCheck(T("duty.overdue_only"), func(bool) { l.load() })
	l.year = newSelect(nil, func(string) { l.load() })
	l.count = widget.NewLabel("")
	l.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(l.rows), len(taskColumns) },
		func() fyne.CanvasObject {
			c, _, lbl := statusBadge()
			lbl.Alignment = fyne.TextAlignLeading
			lbl.Truncation = fyne.TextTruncateEllipsis
			return c
		},
		l.updateCell)
	l.table.ShowHeaderColumn = false
	l.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(taskColumns) {
			o.(*widget.Label).SetText(T(taskColumns[id.Col].key))
		}
	}
	l.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	for i, c := range taskColumns {
		l.table.SetColumnWidth(i, c.width)
	}
	l.table.OnSelected = func(id widget.TableCellID) {
		l.table.UnselectAll()
		if id.Row >= 0 && id.Row < len(l.rows) {
			l.s.openTask(l.rows[id.Row].Task.ID)
		}
	}
	filters := container.NewHBox(
		widget.NewLabel(T("duty.filter_department")), l.dept,
		widget.NewLabel(T("duty.filter_status")), l.status,
		widget.NewLabel(T("duty.plan_year")), l.year,
		l.overdue, l.count,
	)
	l.root = container.NewBorder(filters, nil, nil, nil, l.table)
}

// refresh re-reads the departments and years for the filters, keeping the choices, then the rows.
func (l *dutyTaskList) refresh() {
	depts, err := l.s.w.app.Duties.Departments(l.s.w.ctx)
	if err != nil {
		l.s.w.showError(err)
		return
	}
	l.depts = depts
	opts := []string{T("duty.all_departments")}
	for _, d := range depts {
		opts = append(opts, d.Name)
	}
	l.dept.Options = opts
	if l.dept.SelectedIndex() < 0 {
		selectQuietly(l.dept, opts[0])
	}
	years := l.s.yearOptions()
	l.year.Options = years
	if l.year.SelectedIndex() < 0 {
		selectQuietly(l.year, years[0])
	}
	l.load()
}

// filter is what the controls ask for.
func (l *dutyTaskList) filter() duty.TaskFilter {
	f := duty.TaskFilter{OverdueOnly: l.overdue.Checked, Year: yearOf(l.year.Selected)}
	if i := l.dept.SelectedIndex(); i > 0 && i-1 < len(l.depts) {
		f.DepartmentID = l.depts[i-1].ID
	}
	if i := l.status.SelectedIndex(); i > 0 {
		f.Status = models.TaskStatuses[i-1]
	}
	return f
}

func (l *dutyTaskList) load() {
	if l.dept.Options == nil {
		return // still being built
	}
	rows, err := l.s.w.app.Duties.Tasks(l.s.w.ctx, l.filter(), l.s.today())
	if err != nil {
		l.s.w.showError(err)
		return
	}
	l.rows = rows
	l.count.SetText(Tf("duty.task_count", map[string]any{"N": len(rows)}))
	l.table.Refresh()
}

func (l *dutyTaskList) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if id.Row < 0 || id.Row >= len(l.rows) {
		return
	}
	c := o.(*fyne.Container)
	bg, lbl := c.Objects[0].(*canvas.Rectangle), c.Objects[1].(*widget.Label)
	r := l.rows[id.Row]
	text := ""
	var st models.TaskStatus
	switch id.Col {
	case 0:
		text = r.Task.Clause
	case 1:
		text = r.Task.Title
	case 2:
		text = strconv.Itoa(r.Task.Year)
	case 3:
		text = r.Lead
	case 4:
		text = r.DeadlineText()
	case 5:
		text, st = string(r.Status), r.Status
	case 6:
		text = r.LastReportText()
	}
	bg.FillColor = statusColor(st)
	bg.Refresh()
	lbl.SetText(text)
}
