package pdf

import (
	"math"

	"shequ/reports/model"
)

// palette holds the series colours: 中国红 first, then colours that stay apart in grey print.
var palette = [][3]int{{192, 57, 43}, {46, 109, 164}, {230, 150, 30}, {39, 150, 96}}

const maxChartH = 200.0 // mm; a chart never needs more than one page

// chart draws a horizontal grouped bar chart: category names on the left (legible in Chinese
// however long the list), bars to the right with their values, a legend and a value axis.
func (d *doc) chart(c *model.BarChart) error {
	if len(c.Categories) == 0 || len(c.Series) == 0 {
		return nil
	}
	f := d.f
	ns := float64(len(c.Series))
	bar := 3.6
	band := bar*ns + 2.4
	if h := band * float64(len(c.Categories)); h > maxChartH {
		band = maxChartH / float64(len(c.Categories))
		bar = max(1.2, (band-1.2)/ns)
	}
	labelSize := math.Min(sizeTable, math.Max(5.5, band*2.2))
	plotH := band * float64(len(c.Categories))
	totalH := 9 + 7 + plotH + 8
	d.need(totalH)
	y := f.GetY()

	if err := d.chartLegend(c, y); err != nil {
		return err
	}
	top := y + 16

	// Geometry: the longest category name, capped at a third of the width.
	if err := d.font(faceBody, labelSize); err != nil {
		return err
	}
	labelW := 0.0
	for _, cat := range c.Categories {
		labelW = max(labelW, f.GetStringWidth(cat))
	}
	labelW = math.Min(labelW+2, bodyW/3)
	x0 := marginLeft + labelW
	plotW := bodyW - labelW - 16 // room for the value at the end of the longest bar
	axisMax, step := c.Axis()

	// Grid and axis labels.
	f.SetDrawColor(215, 215, 215)
	f.SetLineWidth(0.15)
	for v := 0.0; v <= axisMax+step/2; v += step {
		x := x0 + plotW*v/axisMax
		f.Line(x, top, x, top+plotH)
		s := model.AxisLabel(v, step)
		f.SetXY(x-10, top+plotH+0.5)
		f.CellFormat(20, 4, s, "", 0, "C", false, 0, "")
	}
	f.SetDrawColor(80, 80, 80)
	f.SetLineWidth(0.3)
	f.Line(x0, top, x0, top+plotH)
	f.SetLineWidth(0.2)

	// Bars.
	for i, cat := range c.Categories {
		by := top + float64(i)*band + (band-bar*ns)/2
		f.SetXY(marginLeft, top+float64(i)*band)
		f.CellFormat(labelW-1, band, d.fit(cat, labelW-1.5), "", 0, "R", false, 0, "")
		for j, s := range c.Series {
			v := 0.0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			col := palette[j%len(palette)]
			f.SetFillColor(col[0], col[1], col[2])
			w := plotW * v / axisMax
			f.Rect(x0, by+float64(j)*bar, w, bar*0.92, "F")
			if bar >= 2.2 {
				f.SetXY(x0+w+0.5, by+float64(j)*bar)
				f.CellFormat(16, bar, c.ValueLabel(v), "", 0, "L", false, 0, "")
			}
		}
	}
	f.SetDrawColor(0, 0, 0)
	d.plainFill()
	f.SetXY(marginLeft, top+plotH+8)
	return f.Error()
}

// chartLegend writes the chart's title, its series' colours and its unit from y down.
func (d *doc) chartLegend(c *model.BarChart, y float64) error {
	f := d.f
	if err := d.font(faceHeading, 11); err != nil {
		return err
	}
	f.SetXY(marginLeft, y)
	f.CellFormat(bodyW, 8, d.fit(c.Title, bodyW), "", 1, "C", false, 0, "")
	if err := d.font(faceBody, sizeSmall); err != nil {
		return err
	}
	lx := marginLeft
	for i, s := range c.Series {
		col := palette[i%len(palette)]
		f.SetFillColor(col[0], col[1], col[2])
		f.Rect(lx, y+9.8, 4, 3, "F")
		name := d.fit(s.Name, 50)
		f.SetXY(lx+4.5, y+8.8)
		f.CellFormat(f.GetStringWidth(name)+3, 5, name, "", 0, "L", false, 0, "")
		lx += 4.5 + f.GetStringWidth(name) + 8
	}
	if c.Unit != "" {
		f.SetXY(marginLeft, y+8.8)
		f.CellFormat(bodyW, 5, "单位："+c.Unit, "", 0, "R", false, 0, "")
	}
	return nil
}
