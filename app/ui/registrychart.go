package ui

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// typeColours colour the organisation types in the stacked bars, in models.OrgTypes order.
var typeColours = []color.Color{
	color.NRGBA{R: 0x3b, G: 0x82, B: 0xc4, A: 0xff},
	color.NRGBA{R: 0xe0, G: 0x8a, B: 0x2c, A: 0xff},
	color.NRGBA{R: 0x4c, G: 0xa6, B: 0x5a, A: 0xff},
	color.NRGBA{R: 0xc2, G: 0x4b, B: 0x5a, A: 0xff},
}

// segLayout lays its objects side by side, each as wide as its share of the whole width.
type segLayout struct{ shares []float32 }

func (l segLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := size.Width * l.shares[i]
		o.Move(fyne.NewPos(x, 5))
		o.Resize(fyne.NewSize(w, size.Height-10))
		x += w
	}
}

func (l segLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(60, 30) }

// drawChart draws one horizontal bar per township for the chosen measure: organisations
// stacked by type, certified workers per 10,000 residents, or grid coverage.
func (t *regStatsTab) drawChart() {
	t.chart.RemoveAll()
	if len(t.stats) == 0 {
		t.chart.Add(widget.NewLabel(T("registry.no_stats")))
		return
	}
	orgs := t.metric.Selected == T("registry.metric_orgs")
	values := make([][]float64, len(t.stats))
	texts := make([]string, len(t.stats))
	max := 0.0
	for i, st := range t.stats {
		switch t.metric.Selected {
		case T("registry.metric_per_10k"):
			values[i], texts[i] = []float64{max0(st.PerTenThousand)}, perTenThousandText(st)
		case T("registry.metric_coverage"):
			values[i], texts[i] = []float64{max0(st.Coverage) * 100}, coverageText(st)
		default:
			for _, typ := range models.OrgTypes {
				values[i] = append(values[i], float64(st.OrgsByType[typ]))
			}
			texts[i] = strconv.Itoa(st.Orgs)
		}
		sum := 0.0
		for _, v := range values[i] {
			sum += v
		}
		max = maxf(max, sum)
	}
	if t.metric.Selected == T("registry.metric_coverage") {
		max = maxf(max, 100) // a percentage runs from 0 to 100 %: 2.5 % is a short bar
	}
	if orgs {
		legend := container.NewHBox()
		for i, typ := range models.OrgTypes {
			sw := canvas.NewRectangle(typeColours[i])
			sw.SetMinSize(fyne.NewSize(14, 14))
			legend.Add(container.NewCenter(sw))
			legend.Add(widget.NewLabel(typ))
		}
		t.chart.Add(legend)
	}
	for i, st := range t.stats {
		var bars []fyne.CanvasObject
		var shares []float32
		for j, v := range values[i] {
			c := theme.Color(theme.ColorNamePrimary)
			if orgs {
				c = typeColours[j]
			}
			bars = append(bars, canvas.NewRectangle(c))
			share := float32(0)
			if max > 0 {
				share = float32(v / max)
			}
			shares = append(shares, share)
		}
		name := widget.NewLabel(st.Township)
		name.Truncation = fyne.TextTruncateEllipsis
		value := widget.NewLabel(texts[i])
		row := container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(120, 30), name),
			container.NewGridWrap(fyne.NewSize(70, 30), value), container.New(segLayout{shares}, bars...))
		t.chart.Add(row)
	}
	t.chart.Refresh()
}

func max0(v float64) float64 { return maxf(v, 0) }

func maxf(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}
