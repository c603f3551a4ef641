package ui

import (
	"image/color"
	"strings"

	"shequ/app/duty"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dutyMatrix is the departments × tasks table: ● where a department leads, ○ where it
// supports, on the task's status colour. Tapping a cell names the task; 打开任务 opens it.
type dutyMatrix struct {
	s *dutiesScreen

	root   fyne.CanvasObject
	year   *widget.Select
	table  *widget.Table
	info   *widget.Label
	open   *widget.Button
	m      duty.Matrix
	chosen int64
}

func newDutyMatrix(s *dutiesScreen) *dutyMatrix {
	d := &dutyMatrix{s: s}
	d.buildUI()
	return d
}

func (d *dutyMatrix) buildUI() {
	d.year = newSelect(nil, func(string) { d.refresh() })
	d.table = widget.NewTableWithHeaders(d.size, d.createCell, d.updateCell)
	// Headers are bare text: a label's padding would not leave room for "三（一）" in a column
	// narrow enough for all fourteen tasks to fit side by side.
	d.table.CreateHeader = func() fyne.CanvasObject {
		line := func() *canvas.Text {
			t := canvas.NewText("三（一）", theme.Color(theme.ColorNameForeground))
			t.TextSize = theme.TextSize()
			return t
		}
		return container.NewPadded(container.NewVBox(line(), line()))
	}
	d.table.UpdateHeader = d.updateHeader
	d.table.OnSelected = d.onSelected
	d.table.SetColumnWidth(-1, 168)
	d.info = widget.NewLabel(T("duty.matrix_hint"))
	d.info.Wrapping = fyne.TextWrapWord
	d.open = widget.NewButtonWithIcon(T("duty.open_task"), theme.NavigateNextIcon(), func() {
		if d.chosen != 0 {
			d.s.openTask(d.chosen)
		}
	})
	d.open.Disable()
	top := container.NewHBox(widget.NewLabel(T("duty.plan_year")), d.year, layout.NewSpacer(), statusLegend())
	bottom := container.NewBorder(nil, nil, nil, d.open, d.info)
	d.root = container.NewBorder(top, bottom, nil, nil, d.table)
}

func (d *dutyMatrix) refresh() {
	opts := d.s.yearOptions()
	d.year.Options = opts
	if d.year.Selected == "" {
		selectQuietly(d.year, opts[0])
	}
	m, err := d.s.w.app.Duties.Matrix(d.s.w.ctx, yearOf(d.year.Selected), d.s.today())
	if err != nil {
		d.s.w.showError(err)
		return
	}
	d.m = m
	for i := range m.Tasks {
		d.table.SetColumnWidth(i, 64)
	}
	for i := range m.Departments {
		d.table.SetRowHeight(i, 38)
	}
	d.table.UnselectAll()
	d.table.Refresh()
}

func (d *dutyMatrix) size() (int, int) { return len(d.m.Departments), len(d.m.Tasks) }

func (d *dutyMatrix) createCell() fyne.CanvasObject {
	bg := canvas.NewRectangle(color.Transparent)
	mark := canvas.NewText("●", theme.Color(theme.ColorNameForeground))
	mark.TextSize = 18
	return container.NewStack(bg, container.NewCenter(mark))
}

func (d *dutyMatrix) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*fyne.Container)
	bg := c.Objects[0].(*canvas.Rectangle)
	mark := c.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text)
	if id.Row >= len(d.m.Departments) || id.Col >= len(d.m.Tasks) {
		return
	}
	switch d.m.Roles[id.Row][id.Col] {
	case duty.RoleLead:
		mark.Text, bg.FillColor = "●", statusColor(d.m.Tasks[id.Col].Status)
	case duty.RoleSupport:
		mark.Text, bg.FillColor = "○", statusColor(d.m.Tasks[id.Col].Status)
	default:
		mark.Text, bg.FillColor = "", color.Transparent
	}
	bg.Refresh()
	mark.Refresh()
}

func (d *dutyMatrix) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	lines := o.(*fyne.Container).Objects[0].(*fyne.Container).Objects
	first, second := lines[0].(*canvas.Text), lines[1].(*canvas.Text)
	first.Text, second.Text = "", ""
	first.Alignment, second.Alignment = fyne.TextAlignCenter, fyne.TextAlignCenter
	switch {
	case id.Row < 0 && id.Col >= 0 && id.Col < len(d.m.Tasks):
		// "三（一）2" over two lines: section, then item number.
		c := d.m.Tasks[id.Col].Task.Clause
		first.Text = c
		if i := strings.LastIndex(c, "）"); i >= 0 {
			first.Text, second.Text = c[:i+len("）")], c[i+len("）"):]
		}
	case id.Col < 0 && id.Row >= 0 && id.Row < len(d.m.Departments):
		first.Alignment = fyne.TextAlignLeading
		first.Text = d.m.Departments[id.Row].Name
	}
	first.Refresh()
	second.Refresh()
}

func (d *dutyMatrix) onSelected(id widget.TableCellID) {
	if id.Row < 0 || id.Col < 0 || id.Col >= len(d.m.Tasks) || id.Row >= len(d.m.Departments) {
		return
	}
	r := d.m.Tasks[id.Col]
	role := T("duty.role_none")
	switch d.m.Roles[id.Row][id.Col] {
	case duty.RoleLead:
		role = T("duty.role_lead")
	case duty.RoleSupport:
		role = T("duty.role_support")
	}
	d.chosen = r.Task.ID
	d.info.SetText(Tf("duty.matrix_cell", map[string]any{"Task": r.Task.Ref(), "Dept": d.m.Departments[id.Row].Name,
		"Role": role, "Status": string(r.Status), "Deadline": r.DeadlineText()}))
	d.open.Enable()
}
