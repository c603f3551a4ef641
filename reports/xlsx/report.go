package xlsx

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"shequ/models"
	"shequ/reports/model"
)

// WriteReport writes a report model as a workbook: one sheet per section with its figures and
// tables (amounts in yuan, exact to the fen), a native bar chart beside each charted table.
// Sheets are written cell by cell rather than streamed: report sheets are small, and excelize
// keeps charts and several tables per sheet only on non-streamed worksheets.
func WriteReport(w io.Writer, r *model.Report) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	kpiLabel, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11, Color: "666666"}})
	if err != nil {
		return err
	}
	kpiValue, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12, Bold: true, Color: "962020"}})
	if err != nil {
		return err
	}
	caption, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 12, Bold: true}})
	if err != nil {
		return err
	}
	note, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 10, Color: "555555"}})
	if err != nil {
		return err
	}
	used := map[string]bool{}
	n := 0
	for i, s := range r.Sections {
		name := s.Title
		if !s.Appendix {
			n++
			name = fmt.Sprintf("%d %s", n, s.Title)
		}
		name = sheetName(name, used)
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("工作表名“%s”不可用：%w", name, err)
		}
		sw := &sectionWriter{f: f, st: st, sheet: name, kpiLabel: kpiLabel, kpiValue: kpiValue, caption: caption, note: note}
		if err := sw.write(r, s); err != nil {
			return fmt.Errorf("写入工作表“%s”失败：%w", name, err)
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

// sheetName makes a valid, unique sheet name of at most 31 characters.
func sheetName(s string, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, strings.ReplaceAll(s, "　", " "))
	rs := []rune(s)
	if len(rs) > 31 {
		rs = rs[:31]
	}
	s = string(rs)
	for i := 2; used[s]; i++ {
		s = fmt.Sprintf("%s%d", string(rs[:min(len(rs), 28)]), i)
	}
	used[s] = true
	return s
}

type sectionWriter struct {
	f                                 *excelize.File
	st                                *styles
	sheet                             string
	kpiLabel, kpiValue, caption, note int
	row, maxCols                      int
	filtered, frozen                  bool
	widths                            []float64
}

func (w *sectionWriter) cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

func (w *sectionWriter) write(r *model.Report, s model.Section) error {
	f := w.f
	w.row = 1
	title := s.Title
	if err := f.SetCellStr(w.sheet, "A1", r.Title+"　"+title); err != nil {
		return err
	}
	if err := f.SetCellStyle(w.sheet, "A1", "A1", w.st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(w.sheet, 1, 28); err != nil {
		return err
	}
	w.row = 3
	for _, b := range s.Blocks {
		var err error
		switch x := b.(type) {
		case *model.Heading:
			err = w.text(x.Text, w.caption)
		case *model.Paragraph:
			err = w.text(x.Text, w.note)
		case *model.KPIs:
			for _, k := range x.Items {
				if err = f.SetCellStr(w.sheet, w.cell(1, w.row), k.Label); err == nil {
					err = f.SetCellStr(w.sheet, w.cell(2, w.row), k.Value)
				}
				if err == nil {
					err = f.SetCellStyle(w.sheet, w.cell(1, w.row), w.cell(1, w.row), w.kpiLabel)
				}
				if err == nil {
					err = f.SetCellStyle(w.sheet, w.cell(2, w.row), w.cell(2, w.row), w.kpiValue)
				}
				w.row++
			}
			w.row++
		case *model.Table:
			err = w.table(x)
		}
		if err != nil {
			return err
		}
	}
	for i, wd := range w.widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(w.sheet, col, col, wd); err != nil {
			return err
		}
	}
	lastCol, _ := excelize.ColumnNumberToName(max(1, w.maxCols))
	if err := f.MergeCell(w.sheet, "A1", lastCol+"1"); err != nil {
		return err
	}
	if err := f.SetPageLayout(w.sheet, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0)}); err != nil {
		return err
	}
	return f.SetSheetProps(w.sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)})
}

func (w *sectionWriter) text(s string, style int) error {
	if err := w.f.SetCellStr(w.sheet, w.cell(1, w.row), s); err != nil {
		return err
	}
	if err := w.f.SetCellStyle(w.sheet, w.cell(1, w.row), w.cell(1, w.row), style); err != nil {
		return err
	}
	w.row++
	return nil
}

func kindOf(k model.Kind) Kind {
	switch k {
	case model.Int:
		return Int
	case model.Money:
		return Money
	case model.Percent:
		return Percent
	case model.Decimal:
		return Decimal
	}
	return Text
}

// value turns a model cell into what cell() writes: rates as ratios, "—" rates as text.
func value(v any) any {
	switch x := v.(type) {
	case model.Rate:
		if !x.OK {
			return "—"
		}
		return x.Value
	case models.Fen, nil:
		return x
	case int:
		return int64(x)
	}
	return v
}

func (w *sectionWriter) table(t *model.Table) error {
	f := w.f
	cols := make([]Column, len(t.Columns))
	for i, c := range t.Columns {
		header := c.Header
		if c.Kind == model.Money && !strings.Contains(header+c.Group, "元") {
			header += "（元）"
		}
		group := strings.ReplaceAll(c.Group, "（万元）", "（元）")
		cols[i] = Column{Header: header, Group: group, Kind: kindOf(c.Kind)}
		wd := max(10, float64(len([]rune(header)))*2+2)
		if c.Kind == model.Text {
			wd = max(wd, 6*c.Weight+6)
		} else if c.Kind == model.Money {
			wd = max(wd, 16)
		}
		for len(w.widths) <= i {
			w.widths = append(w.widths, 0)
		}
		w.widths[i] = min(60, max(w.widths[i], wd))
	}
	w.maxCols = max(w.maxCols, len(cols))
	if t.Caption != "" {
		if err := w.text(t.Caption, w.caption); err != nil {
			return err
		}
	}
	grouped := false
	for _, c := range cols {
		grouped = grouped || c.Group != ""
	}
	headTop := w.row
	if err := w.header(cols, grouped); err != nil {
		return err
	}
	first := w.row
	ncol := len(cols)
	put := func(row []any, total bool) error {
		cells := make([]any, ncol)
		for i, c := range cols {
			var v any
			if i < len(row) {
				v = value(row[i])
			}
			ce := cell(w.st, c.Kind, v, total).(excelize.Cell)
			cells[i] = ce
			if err := f.SetCellValue(w.sheet, w.cell(i+1, w.row), ce.Value); err != nil {
				return err
			}
		}
		for i := range cols {
			c := cells[i].(excelize.Cell)
			if err := f.SetCellStyle(w.sheet, w.cell(i+1, w.row), w.cell(i+1, w.row), c.StyleID); err != nil {
				return err
			}
		}
		w.row++
		return nil
	}
	for _, row := range t.Rows {
		if err := put(row, false); err != nil {
			return err
		}
	}
	last := w.row - 1
	if t.Totals != nil {
		if err := put(t.Totals, true); err != nil {
			return err
		}
	}
	lastCol, _ := excelize.ColumnNumberToName(ncol)
	// One autofilter and one set of frozen, printed header rows per sheet: the first table's.
	if !w.filtered && len(t.Rows) > 0 {
		w.filtered = true
		if err := f.AutoFilter(w.sheet, fmt.Sprintf("A%d:%s%d", first-1, lastCol, last), nil); err != nil {
			return err
		}
	}
	if !w.frozen {
		w.frozen = true
		if err := f.SetPanes(w.sheet, &excelize.Panes{Freeze: true, YSplit: first - 1,
			TopLeftCell: fmt.Sprintf("A%d", first), ActivePane: "bottomLeft"}); err != nil {
			return err
		}
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: w.sheet,
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", w.sheet, headTop, first-1)}); err != nil {
			return err
		}
	}
	if t.Note != "" {
		if err := w.text(t.Note, w.note); err != nil {
			return err
		}
	}
	w.row++
	if t.Chart != nil && len(t.Rows) > 0 {
		if err := w.chart(t, first, last); err != nil {
			return err
		}
	}
	return nil
}

func (w *sectionWriter) header(cols []Column, grouped bool) error {
	f := w.f
	top, bottom := w.row, w.row
	if grouped {
		bottom++
	}
	for i, c := range cols {
		if err := f.SetCellStr(w.sheet, w.cell(i+1, bottom), c.Header); err != nil {
			return err
		}
		if grouped {
			v := c.Header
			if c.Group != "" {
				v = c.Group
			}
			if err := f.SetCellStr(w.sheet, w.cell(i+1, top), v); err != nil {
				return err
			}
		}
	}
	if err := f.SetCellStyle(w.sheet, w.cell(1, top), w.cell(len(cols), bottom), w.st.header); err != nil {
		return err
	}
	if grouped {
		for i := 0; i < len(cols); {
			j := i
			for j+1 < len(cols) && cols[i].Group != "" && cols[j+1].Group == cols[i].Group {
				j++
			}
			var err error
			if cols[i].Group == "" {
				err = f.MergeCell(w.sheet, w.cell(i+1, top), w.cell(i+1, bottom))
			} else if j > i {
				err = f.MergeCell(w.sheet, w.cell(i+1, top), w.cell(j+1, top))
			}
			if err != nil {
				return err
			}
			i = j + 1
		}
	}
	w.row = bottom + 1
	return nil
}

// chart adds a native clustered bar chart of the table's value columns below the table.
func (w *sectionWriter) chart(t *model.Table, first, last int) error {
	c := t.Chart
	catCol, _ := excelize.ColumnNumberToName(1)
	var series []excelize.ChartSeries
	for _, vc := range c.ValueCols {
		col, _ := excelize.ColumnNumberToName(vc + 1)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$%d", w.sheet, col, first-1),
			Categories: fmt.Sprintf("'%s'!$%s$%d:$%s$%d", w.sheet, catCol, first, catCol, last),
			Values:     fmt.Sprintf("'%s'!$%s$%d:$%s$%d", w.sheet, col, first, col, last),
		})
	}
	rows := last - first + 1
	height := uint(min(900, max(280, rows*len(series)*14+120)))
	err := w.f.AddChart(w.sheet, w.cell(1, w.row), &excelize.Chart{
		Type:      excelize.Bar,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title}}},
		Legend:    excelize.ChartLegend{Position: "top"},
		XAxis:     excelize.ChartAxis{ReverseOrder: true},
		Dimension: excelize.ChartDimension{Width: 720, Height: height},
		PlotArea:  excelize.ChartPlotArea{ShowVal: false},
	})
	if err != nil {
		return err
	}
	w.row += int(height)/20 + 2
	return nil
}
