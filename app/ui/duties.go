package ui

import (
	"image/color"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/app/duty"
	"shequ/models"
)

// dutiesScreen is 部门职责: the departments × tasks matrix, the task list with its filters,
// the 督查 view and the departments, each on a tab; a task opens on its own page in place of
// the tabs.
type dutiesScreen struct {
	w *MainWindow
	// today is the day statuses are computed for; tests fix it.
	today func() time.Time

	root   *fyne.Container
	tabs   *container.AppTabs
	matrix *dutyMatrix
	list   *dutyTaskList
	super  *dutySupervision
	depts  *dutyDepartments
	page   *dutyTaskPage
	kept   *filterValues // what the clerk chose before the screen was released
}

func newDutiesScreen(w *MainWindow) *dutiesScreen {
	s := &dutiesScreen{w: w, today: time.Now}
	return s
}

func (s *dutiesScreen) title() string { return T("nav.duties") }

// content builds the screen on its first visit.
func (s *dutiesScreen) content() fyne.CanvasObject {
	if s.root == nil {
		s.buildUI()
		s.restore()
	}
	return s.root
}

func (s *dutiesScreen) buildUI() {
	s.matrix = newDutyMatrix(s)
	s.list = newDutyTaskList(s)
	s.super = newDutySupervision(s)
	s.depts = newDutyDepartments(s)
	s.page = newDutyTaskPage(s)
	s.tabs = container.NewAppTabs(
		container.NewTabItem(T("duty.tab_matrix"), s.matrix.root),
		container.NewTabItem(T("duty.tab_tasks"), s.list.root),
		container.NewTabItem(T("duty.tab_supervision"), s.super.root),
		container.NewTabItem(T("duty.tab_departments"), s.depts.root),
	)
	s.root = container.NewStack(s.tabs)
}

func (s *dutiesScreen) shown() { s.refresh() }

// refresh re-reads everything the tabs show; a county has a few dozen tasks, so this is instant.
func (s *dutiesScreen) refresh() {
	s.matrix.refresh()
	s.list.refresh()
	s.super.refresh()
	s.depts.refresh()
}

// openTask shows a task's page in place of the tabs.
func (s *dutiesScreen) openTask(id int64) {
	if err := s.page.show(id); err != nil {
		s.w.showError(err)
		return
	}
	s.root.Objects = []fyne.CanvasObject{s.page.root}
	s.root.Refresh()
}

// back returns from a task page to the tabs, showing what the page changed.
func (s *dutiesScreen) back() {
	s.root.Objects = []fyne.CanvasObject{s.tabs}
	s.root.Refresh()
	s.refresh()
}

// yearOptions are the plan years for a year filter, with "全部年度" first.
func (s *dutiesScreen) yearOptions() []string {
	years, err := s.w.app.Duties.Years(s.w.ctx, s.today())
	if err != nil {
		s.w.showError(err)
	}
	out := []string{T("duty.all_years")}
	for _, y := range years {
		out = append(out, Tf("duty.year", map[string]any{"Year": y}))
	}
	return out
}

// yearOf reads back a year option: 0 for 全部年度.
func yearOf(option string) int {
	digits := ""
	for _, c := range option {
		if c >= '0' && c <= '9' {
			digits += string(c)
		}
	}
	n, _ := strconv.Atoi(digits)
	return n
}

// statusColor is a status's background on screen, the same colours as in Excel.
func statusColor(st models.TaskStatus) color.Color {
	hex := duty.StatusFill[st]
	if len(hex) != 6 {
		return color.Transparent
	}
	v, _ := strconv.ParseUint(hex, 16, 32)
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// statusBadge is a status on its coloured background.
func statusBadge() (*fyne.Container, *canvas.Rectangle, *widget.Label) {
	bg := canvas.NewRectangle(color.Transparent)
	bg.CornerRadius = 4
	l := widget.NewLabel("")
	l.Alignment = fyne.TextAlignCenter
	return container.NewStack(bg, l), bg, l
}

func setBadge(bg *canvas.Rectangle, l *widget.Label, st models.TaskStatus) {
	bg.FillColor = statusColor(st)
	bg.Refresh()
	l.SetText(string(st))
}

// legend explains the matrix symbols and the status colours.
func statusLegend() fyne.CanvasObject {
	items := []fyne.CanvasObject{widget.NewLabel(T("duty.legend_roles"))}
	for _, st := range models.TaskStatuses {
		sw := canvas.NewRectangle(statusColor(st))
		sw.SetMinSize(fyne.NewSize(18, 18))
		sw.CornerRadius = 3
		items = append(items, container.NewCenter(sw), widget.NewLabel(string(st)))
	}
	return container.NewHBox(items...)
}

// selectQuietly sets a Select without firing its OnChanged.
func selectQuietly(sel *widget.Select, option string) {
	f := sel.OnChanged
	sel.OnChanged = nil
	sel.SetSelected(option)
	sel.OnChanged = f
}
