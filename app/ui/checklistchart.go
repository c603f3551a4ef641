package ui

import (
	"fmt"
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"shequ/app/checklist"
	"shequ/models"
)

// historyChart is a community's total score over the years: one bar per year in its level's
// colour, with the score above and the year below, over the 达标/良好/优秀 thresholds drawn across.
type historyChart struct {
	rows   []checklist.HistoryRow
	levels models.LevelRule
	max    int

	bars, scores, years []fyne.CanvasObject
	lines, marks        []fyne.CanvasObject
}

const (
	chartHeight = 124
	chartLeft   = 64 // room for the threshold labels
	chartTop    = 16 // room for the scores above the bars
	chartBottom = 18 // room for the years
)

// newHistoryChart draws rows (oldest first) against the thresholds; max is the library's total points.
func newHistoryChart(rows []checklist.HistoryRow, levels models.LevelRule, max int) (*historyChart, *fyne.Container) {
	c := &historyChart{rows: rows, levels: levels, max: max}
	for _, r := range rows {
		if r.Score > c.max {
			c.max = r.Score
		}
	}
	if levels.Excellent > c.max {
		c.max = levels.Excellent
	}
	if c.max <= 0 {
		c.max = 100
	}
	fg := theme.Color(theme.ColorNameForeground)
	var objs []fyne.CanvasObject
	for _, th := range []struct {
		level string
		min   int
	}{{models.LevelStandard, levels.Standard}, {models.LevelGood, levels.Good}, {models.LevelExcellent, levels.Excellent}} {
		line := canvas.NewRectangle(darker(levelColor(th.level)))
		mark := canvas.NewText(fmt.Sprintf("%s %d", th.level, th.min), fg)
		mark.TextSize = 10
		c.lines, c.marks = append(c.lines, line), append(c.marks, mark)
		objs = append(objs, line, mark)
	}
	for _, r := range rows {
		bar := canvas.NewRectangle(levelColor(r.Level))
		sc := canvas.NewText(strconv.Itoa(r.Score), fg)
		sc.TextSize = 12
		sc.Alignment = fyne.TextAlignCenter
		yr := canvas.NewText(strconv.Itoa(r.Year), fg)
		yr.TextSize = 12
		yr.Alignment = fyne.TextAlignCenter
		c.bars, c.scores, c.years = append(c.bars, bar), append(c.scores, sc), append(c.years, yr)
		objs = append(objs, bar, sc, yr)
	}
	return c, &fyne.Container{Layout: c, Objects: objs}
}

func darker(c color.Color) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 9), G: uint8(g >> 9), B: uint8(b >> 9), A: 0xFF}
}

// y is the vertical position of a score inside a chart of height h.
func (c *historyChart) y(score int, h float32) float32 {
	plot := h - chartTop - chartBottom
	return chartTop + plot*(1-float32(score)/float32(c.max))
}

// Layout places the bars, their texts and the threshold lines for size.
func (c *historyChart) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	h := size.Height
	plotW := size.Width - chartLeft
	n := len(c.rows)
	slot := plotW
	if n > 0 {
		slot = plotW / float32(n)
	}
	barW := slot * 0.6
	if barW > 48 {
		barW = 48
	}
	base := c.y(0, h)
	for i, r := range c.rows {
		cx := chartLeft + slot*(float32(i)+0.5)
		top := c.y(r.Score, h)
		c.bars[i].Move(fyne.NewPos(cx-barW/2, top))
		c.bars[i].Resize(fyne.NewSize(barW, base-top))
		c.scores[i].Move(fyne.NewPos(cx-slot/2, top-16))
		c.scores[i].Resize(fyne.NewSize(slot, 14))
		c.years[i].Move(fyne.NewPos(cx-slot/2, base+3))
		c.years[i].Resize(fyne.NewSize(slot, 14))
	}
	for i, min := range []int{c.levels.Standard, c.levels.Good, c.levels.Excellent} {
		y := c.y(min, h)
		c.lines[i].Move(fyne.NewPos(chartLeft-4, y))
		c.lines[i].Resize(fyne.NewSize(plotW+4, 1.5))
		c.marks[i].Move(fyne.NewPos(0, y-7))
		c.marks[i].Resize(fyne.NewSize(chartLeft-6, 14))
	}
}

// MinSize keeps the chart small: a fixed height, any width.
func (c *historyChart) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(chartLeft+60, chartHeight)
}
