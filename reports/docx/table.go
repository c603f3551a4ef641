package docx

import (
	"strconv"

	"shequ/models"
	"shequ/reports/model"
)

const tableBorders = `<w:tblBorders>` +
	`<w:top w:val="single" w:sz="8" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:color="000000"/>` +
	`<w:left w:val="single" w:sz="4" w:color="6E6E6E"/><w:right w:val="single" w:sz="4" w:color="6E6E6E"/>` +
	`<w:insideH w:val="single" w:sz="4" w:color="6E6E6E"/><w:insideV w:val="single" w:sz="4" w:color="6E6E6E"/></w:tblBorders>`

// table writes the caption, a Word table whose header rows repeat on every page, the 合计 row
// in bold and the note. Cells read as in the PDF: amounts in 万元, rates as 85.7%.
func (d *doc) table(t *model.Table) {
	if t.Caption != "" {
		d.para("Caption", t.Caption, "", "")
	}
	widths := columnWidths(t)
	d.s(`<w:tbl><w:tblPr><w:tblW w:w="`, strconv.Itoa(textW), `" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/>`,
		tableBorders, `<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		d.s(`<w:gridCol w:w="`, strconv.Itoa(w), `"/>`)
	}
	d.s(`</w:tblGrid>`)
	d.tableHeader(t, widths)
	for _, row := range t.Rows {
		d.tableRow(t, row, false)
	}
	if t.Totals != nil {
		d.tableRow(t, t.Totals, true)
	}
	d.s(`</w:tbl>`)
	if t.Note != "" {
		d.para("Note", t.Note, "", "")
	} else {
		d.para("Note", "", "", "")
	}
}

// columnWidths shares the text width among the columns by their weights.
func columnWidths(t *model.Table) []int {
	sum := 0.0
	for _, c := range t.Columns {
		sum += weight(c)
	}
	out := make([]int, len(t.Columns))
	for i, c := range t.Columns {
		out[i] = int(float64(textW) * weight(c) / sum)
	}
	return out
}

func weight(c model.Column) float64 {
	if c.Weight > 0 {
		return c.Weight
	}
	return 1
}

const headCell = `<w:shd w:val="clear" w:color="auto" w:fill="F2DCDB"/><w:vAlign w:val="center"/>`

// tableHeader writes one header row, or two when columns share a group: the group spans its
// columns in the first row, a column without a group spans both rows.
func (d *doc) tableHeader(t *model.Table, widths []int) {
	grouped := false
	for _, c := range t.Columns {
		grouped = grouped || c.Group != ""
	}
	const trPr = `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`
	if !grouped {
		d.s(trPr)
		for i, c := range t.Columns {
			d.headCell(widths[i], 0, "", c.Header)
		}
		d.s(`</w:tr>`)
		return
	}
	d.s(trPr)
	for i := 0; i < len(t.Columns); {
		j, w := i+1, widths[i]
		g := t.Columns[i].Group
		for g != "" && j < len(t.Columns) && t.Columns[j].Group == g {
			w += widths[j]
			j++
		}
		if g == "" {
			d.headCell(w, 1, `<w:vMerge w:val="restart"/>`, t.Columns[i].Header)
		} else {
			d.headCell(w, j-i, "", g)
		}
		i = j
	}
	d.s(`</w:tr>`, trPr)
	for i, c := range t.Columns {
		if c.Group == "" {
			d.headCell(widths[i], 1, `<w:vMerge/>`, "")
		} else {
			d.headCell(widths[i], 1, "", c.Header)
		}
	}
	d.s(`</w:tr>`)
}

func (d *doc) headCell(w, span int, merge, text string) {
	d.s(`<w:tc><w:tcPr><w:tcW w:w="`, strconv.Itoa(w), `" w:type="dxa"/>`)
	if span > 1 {
		d.s(`<w:gridSpan w:val="`, strconv.Itoa(span), `"/>`)
	}
	d.s(merge, headCell, `</w:tcPr>`)
	d.para("TableHead", text, "", "")
	d.s(`</w:tc>`)
}

const (
	rightPPr = `<w:jc w:val="right"/>`
	boldRPr  = `<w:rFonts w:eastAsia="黑体" w:hint="eastAsia"/><w:b/>`
)

// tableRow writes a row; numbers are right-aligned.
func (d *doc) tableRow(t *model.Table, row []any, total bool) {
	d.s(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
	rPr := ""
	if total {
		rPr = boldRPr
	}
	for i, c := range t.Columns {
		var v any
		if i < len(row) {
			v = row[i]
		}
		pPr := ""
		if c.Kind != model.Text && isNumber(v) {
			pPr = rightPPr
		} else if total {
			pPr = `<w:jc w:val="center"/>`
		}
		d.s(`<w:tc>`)
		d.para("TableText", model.FormatCell(c.Kind, v), pPr, rPr)
		d.s(`</w:tc>`)
	}
	d.s(`</w:tr>`)
}

func isNumber(v any) bool {
	switch v.(type) {
	case int, int64, float64, models.Fen, model.Rate:
		return true
	}
	return false
}
