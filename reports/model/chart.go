package model

import (
	"math"

	"shequ/models"
)

// Axis is the value axis of a bar chart: from 0 to axisMax in steps of step (1-2-5), about
// five grid lines, shared by the PDF and the Word document so both draw the same scale.
func (c *BarChart) Axis() (axisMax, step float64) {
	maxV := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			maxV = max(maxV, v)
		}
	}
	step = niceStep(maxV)
	axisMax = step * math.Ceil(maxV/step)
	if axisMax == 0 {
		axisMax = 1
	}
	return axisMax, step
}

// niceStep picks a 1-2-5 grid step giving about five lines up to max.
func niceStep(maxV float64) float64 {
	if maxV <= 0 {
		return 1
	}
	raw := maxV / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if raw <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// AxisLabel writes v with as many decimals as step needs, at most two, with thousands separators.
func AxisLabel(v, step float64) string {
	switch {
	case step >= 1:
		return groupedNumber(v, 0)
	case step >= 0.1:
		return groupedNumber(v, 1)
	}
	return groupedNumber(v, 2)
}

// ValueLabel writes a bar's value as the tables do: rates as 85.7%, amounts as 8,066.11 and
// counts as 1,234.
func (c *BarChart) ValueLabel(v float64) string {
	switch {
	case c.Unit == "%":
		return groupedNumber(v, 1) + "%"
	case v == math.Trunc(v) && c.Unit != "万元":
		return groupedNumber(v, 0)
	}
	return groupedNumber(v, 2)
}

// groupedNumber writes v with dec decimals and thousands separators.
func groupedNumber(v float64, dec int) string {
	p := math.Pow(10, float64(dec))
	n := int64(math.Round(math.Abs(v) * p))
	s := models.Fen(n).Yuan() // two decimals, grouped
	switch dec {
	case 0:
		s = models.Fen(n * 100).Yuan()
		s = s[:len(s)-3]
	case 1:
		s = models.Fen(n * 10).Yuan()
		s = s[:len(s)-1]
	}
	if v < 0 && n != 0 {
		return "-" + s
	}
	return s
}

// Labels are the sections' headings as the documents number them: 一、概况 …; appendices keep
// their title.
func (r *Report) Labels() []string {
	out := make([]string, len(r.Sections))
	n := 0
	for i, s := range r.Sections {
		out[i] = s.Title
		if !s.Appendix {
			n++
			out[i] = ChineseNumber(n) + "、" + s.Title
		}
	}
	return out
}
