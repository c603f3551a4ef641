package xlsx

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"shequ/reports/model"
)

// chartSheet holds the charts' figures as the PDF draws them (万元, percentages, sorted bars):
// the tables keep amounts in yuan to the fen, which as a chart axis would read 90,000,000.
const chartSheet = "图表数据"

// palette is the PDF's series colours: one colour per series, never one per bar.
var palette = []string{"C0392B", "2E6DA4", "E6961E", "279660"}

// chartData gathers each chart's figures, one block under another, for the hidden chartSheet
// written last (so it is the last sheet).
type chartData struct {
	f    *excelize.File
	rows [][]any
}

// add keeps c's figures and returns the series for a chart drawn from them.
func (cd *chartData) add(c *model.BarChart) []excelize.ChartSeries {
	top := len(cd.rows) + 1
	head := []any{c.Title}
	for _, s := range c.Series {
		head = append(head, s.Name)
	}
	cd.rows = append(cd.rows, head)
	// Excel draws a bar chart's first category at the bottom: written last to first, the
	// bars read top-down in the PDF's order and the value axis stays under them.
	for i := len(c.Categories) - 1; i >= 0; i-- {
		row := []any{c.Categories[i]}
		for _, s := range c.Series {
			v := 0.0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			row = append(row, v)
		}
		cd.rows = append(cd.rows, row)
	}
	first, last := top+1, top+len(c.Categories)
	cd.rows = append(cd.rows, nil)
	var series []excelize.ChartSeries
	for j := range c.Series {
		col, _ := excelize.ColumnNumberToName(j + 2)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$%d", chartSheet, col, top),
			Categories: fmt.Sprintf("'%s'!$A$%d:$A$%d", chartSheet, first, last),
			Values:     fmt.Sprintf("'%s'!$%s$%d:$%s$%d", chartSheet, col, first, col, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{palette[j%len(palette)]}},
		})
	}
	return series
}

// finish writes the chart sheet, hidden: it is the charts' source, not something to print.
func (cd *chartData) finish() error {
	if len(cd.rows) == 0 {
		return nil
	}
	f := cd.f
	if _, err := f.NewSheet(chartSheet); err != nil {
		return err
	}
	for i, row := range cd.rows {
		if err := f.SetSheetRow(chartSheet, fmt.Sprintf("A%d", i+1), &row); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(chartSheet, "A", "A", 30); err != nil {
		return err
	}
	return f.SetSheetVisible(chartSheet, false)
}

// chart adds a native clustered bar chart below the table: bars in the PDF's order, the value
// axis from 0 with its unit as its title.
func (w *sectionWriter) chart(c *model.BarChart) error {
	series := w.charts.add(c)
	numFmt := "#,##0"
	if c.Unit == "%" {
		numFmt = "0\"%\""
	}
	var axisTitle excelize.ChartTitle
	if c.Unit != "" {
		axisTitle.Paragraph = []excelize.RichTextRun{{Text: "单位：" + c.Unit}}
	}
	axisFont := excelize.Font{Size: 9, Color: "333333"}
	rows := len(c.Categories)
	height := uint(min(900, max(280, rows*len(series)*14+120)))
	err := w.f.AddChart(w.sheet, w.cell(1, w.row), &excelize.Chart{
		Type:       excelize.Bar,
		Series:     series,
		VaryColors: ptr(false),
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title}}},
		Legend:     excelize.ChartLegend{Position: "top"},
		XAxis:      excelize.ChartAxis{Font: axisFont},
		YAxis: excelize.ChartAxis{Minimum: ptr(0.0), MajorGridLines: true, Font: axisFont, NumFmt: excelize.ChartNumFmt{CustomNumFmt: numFmt},
			Title: axisTitle},
		Dimension: excelize.ChartDimension{Width: 720, Height: height},
	})
	if err != nil {
		return err
	}
	w.row += int(height)/20 + 2
	return nil
}

// kpiFigure reads a KPI's value as the PDF writes it ("3,004 个", "46,650.16 万元", "85.7%").
var kpiFigure = regexp.MustCompile(`^([0-9][0-9,]*)(\.[0-9]+)?\s*(%|[^0-9\s%][^0-9]*)?$`)

// kpiNumber turns a KPI value into a number and the format that shows it the same way; ok is
// false for a value that is not one figure ("—", "3 / 9").
func kpiNumber(s string) (v float64, numFmt string, ok bool) {
	m := kpiFigure.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, "", false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", "")+m[2], 64)
	if err != nil {
		return 0, "", false
	}
	format := "#,##0"
	if m[2] != "" {
		format += "." + strings.Repeat("0", len(m[2])-1)
	}
	switch unit := strings.TrimSpace(m[3]); unit {
	case "":
	case "%":
		return v / 100, strings.TrimPrefix(format, "#,##") + "%", true
	default:
		format += ` "` + strings.ReplaceAll(unit, `"`, "") + `"`
	}
	return v, format, true
}

// kpis writes figures as label and value rows; a value that is one figure is a number cell.
func (w *sectionWriter) kpis(items []model.KPI) error {
	f := w.f
	for _, k := range items {
		label, value := w.cell(1, w.row), w.cell(2, w.row)
		if err := f.SetCellStr(w.sheet, label, k.Label); err != nil {
			return err
		}
		if err := f.SetCellStyle(w.sheet, label, label, w.kpiLabel); err != nil {
			return err
		}
		style := w.kpiValue
		if v, numFmt, ok := kpiNumber(k.Text()); ok {
			var err error
			if style, err = w.kpiStyle(numFmt); err != nil {
				return err
			}
			if err := f.SetCellFloat(w.sheet, value, v, -1, 64); err != nil {
				return err
			}
		} else if err := f.SetCellStr(w.sheet, value, k.Text()); err != nil {
			return err
		}
		if err := f.SetCellStyle(w.sheet, value, value, style); err != nil {
			return err
		}
		w.row++
	}
	w.row++
	return nil
}
