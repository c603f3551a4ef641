package ui

import (
	"context"
	"fmt"
	"image/color"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"shequ/app/report"
	"shequ/reports/model"
)

// dashboardSections are the report sections the 首页 dashboard draws on: the KPIs of 概况 and the
// charts of the modules. The figures are the report's, so the dashboard and the PDF agree.
var dashboardSections = []string{"overview", "checklist", "registry", "budget", "duties", "ledgers"}

// registeredDashboardSections keeps those dashboardSections that a module has registered.
func registeredDashboardSections() []string {
	have := map[string]bool{}
	for _, s := range report.Sections() {
		have[s.ID] = true
	}
	var out []string
	for _, id := range dashboardSections {
		if have[id] {
			out = append(out, id)
		}
	}
	return out
}

// dashboardCharts is how many charts 首页 shows; a chart shows at most dashboardBars
// categories of one series (every county of the city fits), or dashboardGroups of two or more.
const (
	dashboardCharts = 3
	dashboardBars   = 10
	dashboardGroups = 6
)

// dashboard is the lower half of 首页: KPI tiles and charts for a chosen year and area.
type dashboard struct {
	w      *MainWindow
	root   *fyne.Container
	year   *widget.Select
	area   *widget.Select
	status *widget.Label
	kpis   *fyne.Container
	charts *fyne.Container
	areas  []string // codes, parallel to area.Options
	seq    int      // drops results of a build that a newer one replaced
}

func newDashboard(w *MainWindow) *dashboard {
	d := &dashboard{w: w}
	var years []string
	for y := time.Now().Year(); y >= time.Now().Year()-4; y-- {
		years = append(years, fmt.Sprint(y))
	}
	d.year = newSelect(years, func(string) { d.refresh() })
	d.year.Selected = years[0]
	d.area = newSelect(nil, func(string) { d.refresh() })
	d.status = widget.NewLabel("")
	d.status.Importance = widget.LowImportance
	d.kpis = container.NewGridWithColumns(5)
	d.charts = container.NewGridWithColumns(dashboardCharts)
	bar := container.NewHBox(widget.NewLabel(T("home.dash_year")), d.year, widget.NewLabel(T("home.dash_area")), d.area, d.status)
	d.root = container.NewVBox(widget.NewSeparator(), bar, d.kpis, d.charts)
	return d
}

// load fills the area list once and draws the dashboard.
func (d *dashboard) load() {
	if len(d.areas) == 0 {
		areas, err := d.w.app.Reports.ReportAreas(d.w.ctx)
		if err != nil {
			d.status.SetText(userMessage(err))
			return
		}
		var names []string
		for _, a := range areas {
			d.areas = append(d.areas, a.Code)
			names = append(names, a.Name)
		}
		d.area.Options = names
		d.area.Selected = names[0]
		d.area.Refresh()
	}
	d.refresh()
}

// refresh builds the figures off the UI goroutine and draws them when they arrive.
func (d *dashboard) refresh() {
	if len(d.areas) == 0 {
		return
	}
	var year int
	fmt.Sscan(d.year.Selected, &year)
	code := d.areas[max(0, d.area.SelectedIndex())]
	d.seq++
	seq := d.seq
	d.status.SetText(T("home.dash_loading"))
	req := report.Request{Year: year, Area: code, Sections: registeredDashboardSections()}
	runAsync(func() {
		r, err := d.w.app.Reports.Build(context.Background(), req)
		fyne.Do(func() {
			if seq != d.seq {
				return
			}
			if err != nil {
				d.status.SetText(userMessage(err))
				return
			}
			d.status.SetText("")
			d.show(r)
		})
	})
}

func (d *dashboard) show(r *model.Report) {
	var kpis []model.KPI
	// One chart with data from each section first, then the sections' other charts.
	var firsts, others []*model.BarChart
	seen := map[string]bool{}
	for _, s := range r.Sections {
		found := false
		add := func(c *model.BarChart) {
			if c == nil || !hasData(c) || seen[c.Title] {
				return
			}
			seen[c.Title] = true
			if !found {
				firsts, found = append(firsts, c), true
			} else {
				others = append(others, c)
			}
		}
		for _, b := range s.Blocks {
			switch x := b.(type) {
			case *model.KPIs:
				if s.ID == "overview" {
					kpis = append(kpis, x.Items...)
				}
			case *model.BarChart:
				add(x)
			case *model.Table:
				add(x.Chart)
			}
		}
	}
	charts := append(firsts, others...)
	d.kpis.Objects = nil
	for _, k := range kpis {
		d.kpis.Add(smallTile(k.Label, k.Text()))
	}
	d.charts.Objects = nil
	d.charts.Layout = layout.NewGridLayoutWithColumns(dashboardCharts)
	for _, c := range charts[:min(dashboardCharts, len(charts))] {
		bars := dashboardBars
		if len(c.Series) > 1 {
			bars = dashboardGroups
		}
		d.charts.Add(barChartView(c, bars))
	}
	if len(charts) == 0 {
		l := widget.NewLabel(T("home.dash_no_charts"))
		l.Wrapping = fyne.TextWrapWord           // never wider than the window
		d.charts.Layout = layout.NewVBoxLayout() // the width of the screen, not one chart's column
		d.charts.Add(l)
	}
	d.kpis.Refresh()
	d.charts.Refresh()
}

func hasData(c *model.BarChart) bool {
	for _, s := range c.Series {
		for _, v := range s.Values {
			if v != 0 {
				return true
			}
		}
	}
	return false
}

func smallTile(label, value string) fyne.CanvasObject {
	bg := canvas.NewRectangle(color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0x10})
	bg.CornerRadius = 6
	caption := canvas.NewText(label, color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff})
	caption.TextSize = 12
	v := canvas.NewText(value, color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0xff})
	v.TextSize = 20
	v.TextStyle.Bold = true
	return container.NewStack(bg, container.NewPadded(container.NewVBox(caption, v)))
}

// seriesColours are the bar colours, in legend order.
var seriesColours = []color.Color{
	color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0xff},
	color.NRGBA{R: 0x1e, G: 0x6f, B: 0xb8, A: 0xff},
	color.NRGBA{R: 0x3a, G: 0x9a, B: 0x4a, A: 0xff},
	color.NRGBA{R: 0xe0, G: 0x9a, B: 0x1a, A: 0xff},
}

// barChartView draws a horizontal bar chart with Fyne primitives: the largest categories (by
// their first series) first, at most bars of them and a line saying how many more there are, a
// legend, and each bar's value. A category's bars sit close together under its label, with a
// gap before the next category.
func barChartView(c *model.BarChart, bars int) fyne.CanvasObject {
	order := make([]int, len(c.Categories))
	for i := range order {
		order[i] = i
	}
	first := func(i int) float64 {
		if len(c.Series) == 0 || i >= len(c.Series[0].Values) {
			return 0
		}
		return c.Series[0].Values[i]
	}
	sort.SliceStable(order, func(a, b int) bool { return first(order[a]) > first(order[b]) })
	hidden := len(order) - min(bars, len(order))
	order = order[:min(bars, len(order))]
	// A percentage is drawn against 0–100 % (2.5 % is a short bar, not a full one); a count or
	// an amount against the largest value shown.
	top := 0.0
	if c.Unit == "%" {
		top = 100
	}
	for _, s := range c.Series {
		for _, i := range order {
			if i < len(s.Values) {
				top = max(top, s.Values[i])
			}
		}
	}
	title := canvas.NewText(c.Title, color.NRGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff})
	title.TextStyle.Bold = true
	title.TextSize = 13
	legend := container.NewHBox()
	for k, s := range c.Series {
		sw := canvas.NewRectangle(seriesColours[k%len(seriesColours)])
		sw.SetMinSize(fyne.NewSize(10, 10))
		name := canvas.NewText(s.Name, color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff})
		name.TextSize = 11
		legend.Add(container.NewCenter(sw))
		legend.Add(name)
	}
	if c.Unit != "" {
		unit := canvas.NewText(T("home.dash_unit")+c.Unit, color.NRGBA{R: 0x77, G: 0x77, B: 0x77, A: 0xff})
		unit.TextSize = 11
		legend.Add(layout.NewSpacer())
		legend.Add(unit)
	}
	gap := float32(3)
	if len(c.Series) > 1 {
		gap = 11
	}
	rows := container.New(layout.NewCustomPaddedVBoxLayout(gap))
	for _, i := range order {
		label := canvas.NewText(clip(c.Categories[i], 6), color.NRGBA{R: 0x33, G: 0x33, B: 0x33, A: 0xff})
		label.TextSize = 11
		barsBox := container.New(layout.NewCustomPaddedVBoxLayout(1))
		for k, s := range c.Series {
			v := 0.0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			frac := float32(0)
			if top > 0 {
				frac = float32(v / top)
			}
			rect := canvas.NewRectangle(seriesColours[k%len(seriesColours)])
			val := canvas.NewText(c.ValueLabel(v), color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff})
			val.TextSize = 10
			barsBox.Add(container.New(&barLayout{frac: frac}, rect, val))
		}
		rows.Add(container.NewBorder(nil, nil, container.New(&fixedWidth{w: 84}, label), nil, barsBox))
	}
	if hidden > 0 {
		more := canvas.NewText(Tf("home.dash_more", map[string]any{"N": hidden}), color.NRGBA{R: 0x77, G: 0x77, B: 0x77, A: 0xff})
		more.TextSize = 10
		rows.Add(more)
	}
	if len(order) == 0 {
		l := widget.NewLabel(T("home.dash_no_data"))
		l.Wrapping = fyne.TextWrapWord
		rows.Add(l)
	}
	bg := canvas.NewRectangle(color.NRGBA{R: 0xfa, G: 0xfa, B: 0xfa, A: 0xff})
	bg.StrokeColor = color.NRGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}
	bg.StrokeWidth = 1
	return container.NewStack(bg, container.NewPadded(container.NewVBox(title, legend, rows)))
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// barLayout sizes a bar to frac of the width (leaving room for its value) and puts the value
// just after it.
type barLayout struct{ frac float32 }

func (l *barLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(60, max(12, objs[1].MinSize().Height))
}

func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	valW := objs[1].MinSize().Width + 4
	w := (size.Width - valW) * l.frac
	objs[0].Resize(fyne.NewSize(w, size.Height-3))
	objs[0].Move(fyne.NewPos(0, 1))
	objs[1].Resize(objs[1].MinSize())
	objs[1].Move(fyne.NewPos(w+4, (size.Height-objs[1].MinSize().Height)/2))
}

// fixedWidth gives its one child a fixed width (chart category labels).
type fixedWidth struct{ w float32 }

func (l *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(l.w, objs[0].MinSize().Height)
}

func (l *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(fyne.NewSize(l.w, size.Height))
	objs[0].Move(fyne.NewPos(0, (size.Height-objs[0].MinSize().Height)/2))
}
