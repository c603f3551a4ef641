package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/reports/model"
)

// homeScreen shows what is in the database at a glance.
type homeScreen struct {
	w *MainWindow

	root      fyne.CanvasObject
	counties  *canvas.Text
	townships *canvas.Text
	villages  *canvas.Text
	profiles  *canvas.Text
	changed   *widget.Label
	dbPath    *widget.Label
	dash      *dashboard
}

func newHomeScreen(w *MainWindow) *homeScreen {
	s := &homeScreen{w: w}
	return s
}

func (s *homeScreen) title() string { return T("nav.home") }

// content builds the screen on its first visit.
func (s *homeScreen) content() fyne.CanvasObject {
	if s.root == nil {
		s.buildUI()
	}
	return s.root
}

func (s *homeScreen) buildUI() {
	big := func() *canvas.Text {
		t := canvas.NewText("0", theme.Color(theme.ColorNamePrimary))
		t.TextSize = 36
		t.TextStyle.Bold = true
		return t
	}
	s.counties, s.townships, s.villages, s.profiles = big(), big(), big(), big()
	s.changed = widget.NewLabel("")
	s.dbPath = widget.NewLabel("")
	s.dbPath.Truncation = fyne.TextTruncateEllipsis
	heading := widget.NewLabelWithStyle(T("home.heading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	tiles := container.NewGridWithColumns(4,
		kpiTile(T("home.counties"), s.counties),
		kpiTile(T("home.townships"), s.townships),
		kpiTile(T("home.villages"), s.villages),
		kpiTile(T("home.profiles"), s.profiles),
	)
	open := widget.NewButton(T("home.open_divisions"), func() { s.w.Show("nav.divisions") })
	s.dash = newDashboard(s.w)
	// Scrolls rather than grow the window when the dashboard is taller than the screen.
	s.root = container.NewVScroll(container.NewPadded(container.NewVBox(
		heading,
		widget.NewLabel(homeSubtitle(s.w)),
		tiles,
		container.NewHBox(open, s.changed, layout.NewSpacer()),
		s.dash.root,
		s.dbPath,
	)))
}

func kpiTile(label string, value *canvas.Text) fyne.CanvasObject {
	bg := canvas.NewRectangle(color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0x14})
	bg.CornerRadius = 8
	caption := widget.NewLabel(label)
	return container.NewStack(bg, container.NewPadded(container.NewVBox(caption, container.NewPadded(value))))
}

func (s *homeScreen) shown() {
	sum, err := s.w.app.Summary(s.w.ctx)
	if err != nil {
		s.w.showError(err)
		return
	}
	// The same thousands separators as the dashboard's tiles below: 3,004.
	set := func(t *canvas.Text, n any) { t.Text = model.FormatCell(model.Int, n); t.Refresh() }
	set(s.counties, sum.Divisions.County)
	set(s.townships, sum.Divisions.Township)
	set(s.villages, sum.Divisions.Village)
	set(s.profiles, sum.Profiles)
	if sum.DataChangedAt != nil {
		s.changed.SetText(T("home.changed_at") + sum.DataChangedAt.Local().Format("2006年1月2日 15:04"))
	} else {
		s.changed.SetText(T("home.never_changed"))
	}
	where := T("home.db_path")
	if s.w.app.Shared() {
		where = T("home.db_shared")
	}
	s.dbPath.SetText(where + s.w.app.DBPath())
	s.dash.load()
}

// release: 首页 only shows what it reads again on every visit.
func (s *homeScreen) release() screen { return newHomeScreen(s.w) }

// homeSubtitle says where the data is kept: this computer's database, or the shared one.
func homeSubtitle(w *MainWindow) string {
	if w.app.Shared() {
		return Tf("home.subtitle_shared", map[string]any{"Where": w.app.DBPath()})
	}
	return T("home.subtitle")
}
