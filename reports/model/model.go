// Package model is the report as data: sections of headings, paragraphs, KPI lines, tables and
// bar charts. app/report fills it from the area services; reports/pdf and reports/xlsx render it,
// so the PDF and the workbook always show the same figures.
//
// It stays here beside its renderers rather than in models: it is a document's layout (headings,
// columns, chart series, formatted cells), not the bureau's domain, and it changes when a
// renderer needs something, not when the data does. models stays free of layout, and the
// renderers depend on nothing but this package and models.
package model

import (
	"fmt"
	"time"

	"shequ/models"
)

// Report is one 城乡社区治理工作情况报告.
type Report struct {
	Title    string    // 《南充市顺庆区城乡社区治理工作情况报告（2026年度）》 without the brackets
	Area     string    // 顺庆区
	Unit     string    // the issuing unit, e.g. 顺庆区民政局
	Year     int       // the report year
	Date     time.Time // the date on the cover
	Sections []Section
}

// Section is one chapter; its ID names it on the command line and as a sheet.
type Section struct {
	ID     string
	Title  string // 一、概况 is numbered by the renderer; Title is 概况
	Blocks []Block
	// Appendix sections (附表) come last and are not numbered 一、二、….
	Appendix bool
}

// Block is one of *Heading, *Paragraph, *KPIs, *Table, *BarChart.
type Block interface{ block() }

// Heading is a sub-heading inside a section, e.g. （一）按经费类别.
type Heading struct{ Text string }

// Paragraph is running text.
type Paragraph struct{ Text string }

// KPI is one figure with its label, e.g. 村（社区） 3,004 个.
type KPI struct {
	Label string
	Value string
	// Note qualifies the figure, in brackets: （2,003/3,004 个有人口）. The PDF sets it smaller beside
	// the figure when both do not fit; elsewhere it follows the figure.
	Note string
}

// Text is the figure with its note, as one string.
func (k KPI) Text() string { return k.Value + k.Note }

// KPIs is a group of figures shown as a grid.
type KPIs struct{ Items []KPI }

// Kind says how a column's values are written.
type Kind int

const (
	Text    Kind = iota // string
	Int                 // int or int64, thousands separators
	Money               // models.Fen, shown in 万元 with two decimals in the PDF, in yuan in Excel
	Percent             // Rate; "—" without a denominator
	Decimal             // float64 with two decimals, e.g. an average score
)

// Column is one column of a table. Weight is its share of the page width (0 = 1).
type Column struct {
	Header string
	Group  string // columns with the same adjacent Group share a first header row
	Kind   Kind
	Weight float64
}

// Rate is a share with its own "nothing to divide by".
type Rate struct {
	Value float64 // 0–1
	OK    bool
}

// RateOf is num/den, not OK when den is 0.
func RateOf(num, den int64) Rate {
	if den == 0 {
		return Rate{}
	}
	return Rate{Value: float64(num) / float64(den), OK: true}
}

// String writes the rate as 45.0%, or —.
func (r Rate) String() string {
	if !r.OK {
		return "—"
	}
	return fmt.Sprintf("%.1f%%", r.Value*100)
}

// Table is a table with a caption; Totals (optional) is its 合计 row. Every cell is a string
// (Text), int64 (Int), models.Fen (Money) or Rate (Percent); nil is an empty cell.
type Table struct {
	Name    string // short name for a sheet or a single-table PDF, e.g. 经费按类别
	Caption string // e.g. 表2 2026年经费按类别统计表（单位：万元）
	Columns []Column
	Rows    [][]any
	Totals  []any
	Note    string // a line under the table
	// Main marks the section's main table, the one a clerk can print alone.
	Main bool
	// Chart, when set, is drawn from this table in the workbook (native chart).
	Chart *BarChart
}

// BarChart is a grouped bar chart: one bar per series for each category.
type BarChart struct {
	Title      string
	Unit       string // the value axis, e.g. 万元 or %
	Categories []string
	Series     []Series
	// ValueCols are the table columns (0-based) the series come from, for the workbook's native
	// chart; the category column is the first.
	ValueCols []int
}

// Series is one bar colour with its legend name.
type Series struct {
	Name   string
	Values []float64
}

func (*Heading) block()   {}
func (*Paragraph) block() {}
func (*KPIs) block()      {}
func (*Table) block()     {}
func (*BarChart) block()  {}

// Wanyuan is a Fen as a float in 万元 for a chart (charts are drawn, never summed).
func Wanyuan(f models.Fen) float64 { return float64(f) / 1e6 }

// Count writes a whole number as the tables do, with thousands separators: 2,404. Prose uses it
// too, so a figure reads the same in a sentence and in the table under it.
func Count[T ~int | ~int32 | ~int64](n T) string { return FormatCell(Int, int64(n)) }

// FormatCell writes a cell as the PDF shows it: Money in 万元 with two decimals and separators.
func FormatCell(k Kind, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case models.Fen:
		return x.Wanyuan()
	case Rate:
		return x.String()
	case int:
		return models.Fen(int64(x) * 100).Yuan()[:len(models.Fen(int64(x)*100).Yuan())-3]
	case int64:
		s := models.Fen(x * 100).Yuan()
		return s[:len(s)-3]
	case float64:
		if k == Percent {
			return Rate{Value: x, OK: true}.String()
		}
		return fmt.Sprintf("%.2f", x)
	}
	return fmt.Sprint(v)
}

// MainTables lists the sections' main tables with their section.
func (r *Report) MainTables() []*Table {
	var out []*Table
	for _, s := range r.Sections {
		for _, b := range s.Blocks {
			if t, ok := b.(*Table); ok && t.Main {
				out = append(out, t)
			}
		}
	}
	return out
}

var digits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// ChineseNumber writes 1–99 as 一 … 九十九 for chapter numbers (一、概况).
func ChineseNumber(n int) string {
	switch {
	case n <= 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	case n%10 == 0:
		return digits[n/10] + "十"
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}
