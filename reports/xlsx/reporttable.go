package xlsx

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"shequ/models"
	"shequ/reports/model"
)

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
	money := false
	cols := make([]Column, len(t.Columns))
	for i, c := range t.Columns {
		header, group := c.Header, c.Group
		if c.Kind == model.Money {
			money = true
			header, group = inYuan(header), inYuan(group)
			if !strings.Contains(header+group, "元") {
				header += "（元）"
			}
		}
		cols[i] = Column{Header: header, Group: group, Kind: kindOf(c.Kind)}
		w.widen(i, c, header)
	}
	w.maxCols = max(w.maxCols, len(cols))
	if t.Caption != "" {
		caption := t.Caption
		if money {
			caption = inYuan(caption)
		}
		if err := w.text(caption, w.caption); err != nil {
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
	w.heads = append(w.heads, [2]int{headTop, first - 1})
	for _, row := range t.Rows {
		if err := w.put(cols, row, false); err != nil {
			return err
		}
	}
	last := w.row - 1
	if t.Totals != nil {
		if err := w.put(cols, t.Totals, true); err != nil {
			return err
		}
	}
	// One autofilter per sheet (Excel allows no more): the first table's.
	if !w.filtered && len(t.Rows) > 0 {
		w.filtered = true
		lastCol, _ := excelize.ColumnNumberToName(len(cols))
		if err := f.AutoFilter(w.sheet, fmt.Sprintf("A%d:%s%d", first-1, lastCol, last), nil); err != nil {
			return err
		}
	}
	if t.Note != "" {
		note := t.Note
		if money {
			note = inYuan(note)
		}
		if err := w.text(note, w.note); err != nil {
			return err
		}
	}
	w.row++
	if t.Chart != nil && len(t.Chart.Categories) > 0 {
		if err := w.chart(t.Chart); err != nil {
			return err
		}
	}
	return nil
}

// widen keeps column i wide enough for this table's header and kind.
func (w *sectionWriter) widen(i int, c model.Column, header string) {
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

// put writes one row of a table.
func (w *sectionWriter) put(cols []Column, row []any, total bool) error {
	for i, c := range cols {
		var v any
		if i < len(row) {
			v = value(row[i])
		}
		ce := cell(w.st, c.Kind, v, total).(excelize.Cell)
		if str, ok := v.(string); ok && c.Kind == Text && strings.ContainsAny(str, ",.%") {
			// A figure in a text column (本年 "2,404", "85.7%" in the 同比 table) is a number.
			if f, numFmt, ok := kpiNumber(str); ok {
				id, err := w.numberStyle(numFmt, total)
				if err != nil {
					return err
				}
				ce = excelize.Cell{StyleID: id, Value: f}
			}
		}
		at := w.cell(i+1, w.row)
		if err := w.f.SetCellValue(w.sheet, at, ce.Value); err != nil {
			return err
		}
		if err := w.f.SetCellStyle(w.sheet, at, at, ce.StyleID); err != nil {
			return err
		}
	}
	w.row++
	return nil
}

// unitWanyuan finds the PDF's statements of the money unit: "单位：万元" in a caption,
// "金额单位为万元，四舍五入保留两位小数；合计按分累加…" in a note.
var unitWanyuan = regexp.MustCompile(`金额单位为万元[^。]*|单位：万元|（万元）`)

// inYuan restates the unit of a caption, header or note for the workbook, whose amounts are
// in yuan, exact to the fen (so the PDF's rounding remark does not apply either).
func inYuan(s string) string {
	return unitWanyuan.ReplaceAllStringFunc(s, func(m string) string {
		switch {
		case strings.HasPrefix(m, "金额"):
			return "金额单位为元"
		case strings.HasPrefix(m, "（"):
			return "（元）"
		}
		return "单位：元"
	})
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

// numberStyle is a bordered table cell with a number format, made once per format.
func (w *sectionWriter) numberStyle(numFmt string, total bool) (int, error) {
	key := numFmt
	font := w.st.font
	if total {
		key, font = "B"+numFmt, &excelize.Font{Family: "黑体", Size: 11, Bold: true}
	}
	if id, ok := w.cellFormats[key]; ok {
		return id, nil
	}
	id, err := w.f.NewStyle(&excelize.Style{Font: font, Border: w.st.border, CustomNumFmt: &numFmt})
	w.cellFormats[key] = id
	return id, err
}
