package pdf

import (
	"shequ/reports/model"
)

const (
	tableLine  = 4.4 // mm per text line at sizeTable
	maxLines   = 3   // a text cell wraps to at most this many lines, then ends in an ellipsis
	minNumSize = 6.0 // numbers shrink down to this size before they are clipped
	// rowPad is the space above and below a row's text together: 4.8 mm rows of 9 pt text (a
	// spreadsheet's default row is about as tall for 11 pt) put 44 villages on a page of the
	// appendix instead of 35.
	rowPad = 0.4
)

// layout is a table's column geometry.
type layout struct {
	x []float64
	w []float64
}

func (d *doc) columns(t *model.Table, cells *formatted) (layout, error) {
	var sum float64
	for _, c := range t.Columns {
		sum += weight(c)
	}
	l := layout{x: make([]float64, len(t.Columns)), w: make([]float64, len(t.Columns))}
	for i, c := range t.Columns {
		l.w[i] = bodyW * weight(c) / sum
	}
	if err := d.fitFigures(t, cells, l.w); err != nil {
		return l, err
	}
	x := marginLeft
	for i := range l.w {
		l.x[i] = x
		x += l.w[i]
	}
	return l, nil
}

func weight(c model.Column) float64 {
	if c.Weight > 0 {
		return c.Weight
	}
	return 1
}

// table writes a caption, the header (repeated at the top of every page the table runs onto),
// the rows and the 合计 row.
func (d *doc) table(t *model.Table) error {
	cells := format(t)
	l, err := d.columns(t, cells)
	if err != nil {
		return err
	}
	if err := d.font(faceHeading, sizeTable); err != nil {
		return err
	}
	headH := d.headerHeight(t, l)
	captionH := 0.0
	if t.Caption != "" {
		captionH = 9
	}
	d.need(captionH + headH + 2*tableLine + 2) // caption, header and a first row stay together
	if t.Caption != "" {
		if err := d.font(faceHeading, 11); err != nil {
			return err
		}
		d.f.SetX(marginLeft)
		d.f.CellFormat(bodyW, 8, d.fit(t.Caption, bodyW), "", 1, "C", false, 0, "")
		d.f.Ln(1)
	}
	if err := d.tableHeader(t, l, headH); err != nil {
		return err
	}
	d.bodyTop = d.f.GetY()
	for i, row := range t.Rows {
		if err := d.tableRow(t, l, headH, row, cells.rows[i], false); err != nil {
			return err
		}
	}
	if t.Totals != nil {
		if err := d.tableRow(t, l, headH, t.Totals, cells.totals, true); err != nil {
			return err
		}
	}
	d.columnRules(l)
	if t.Note != "" {
		if err := d.font(faceBody, sizeSmall); err != nil {
			return err
		}
		d.f.Ln(1)
		for _, line := range d.wrap(t.Note, bodyW) {
			d.need(5)
			d.f.SetX(marginLeft)
			d.f.CellFormat(bodyW, 5, line, "", 1, "L", false, 0, "")
		}
	}
	d.f.Ln(4)
	return d.f.Error()
}

// groups returns the spans of the first header row: start, end (exclusive), group text.
type span struct {
	from, to int
	text     string
}

func groups(t *model.Table) []span {
	var out []span
	for i := 0; i < len(t.Columns); {
		j := i + 1
		g := t.Columns[i].Group
		for g != "" && j < len(t.Columns) && t.Columns[j].Group == g {
			j++
		}
		out = append(out, span{i, j, g})
		i = j
	}
	return out
}

func grouped(t *model.Table) bool {
	for _, c := range t.Columns {
		if c.Group != "" {
			return true
		}
	}
	return false
}

func (d *doc) headerHeight(t *model.Table, l layout) float64 {
	n := 1
	for i, c := range t.Columns {
		n = max(n, min(maxLines, len(d.wrap(c.Header, l.w[i]-2.4))))
	}
	h := float64(n)*tableLine + 2
	if grouped(t) {
		h += tableLine + 2
	}
	return h
}

func (d *doc) tableHeader(t *model.Table, l layout, h float64) error {
	if err := d.font(faceHeading, sizeTable); err != nil {
		return err
	}
	f := d.f
	y := f.GetY()
	f.SetFillColor(242, 220, 219)
	f.SetDrawColor(110, 110, 110)
	row2 := y
	if grouped(t) {
		row2 = y + tableLine + 2
		for _, s := range groups(t) {
			if s.text == "" {
				continue
			}
			x, w := l.x[s.from], l.x[s.to-1]+l.w[s.to-1]-l.x[s.from]
			f.Rect(x, y, w, row2-y, "FD")
			d.cellText(x, y, w, row2-y, d.fit(s.text, w-2.4), "C")
		}
	}
	defer d.plainFill()
	for i, c := range t.Columns {
		top := row2
		if c.Group == "" {
			top = y
		}
		hh := y + h - top
		f.Rect(l.x[i], top, l.w[i], hh, "FD")
		d.lines(l.x[i], top, l.w[i], hh, d.wrap(c.Header, l.w[i]-2.4), "C")
	}
	f.SetXY(marginLeft, y+h)
	return nil
}

// tableRow writes one row, starting a new page with the header repeated when it does not fit.
func (d *doc) tableRow(t *model.Table, l layout, headH float64, row []any, text []string, total bool) error {
	if err := d.font(strong(total), sizeTable); err != nil {
		return err
	}
	cells := make([][]string, len(t.Columns))
	n := 1
	for i, c := range t.Columns {
		s := text[i]
		if c.Kind == model.Text || !isNumber(rowValue(row, i)) {
			ls := d.wrap(s, l.w[i]-2.4)
			if len(ls) > maxLines {
				ls = ls[:maxLines]
				ls[maxLines-1] = d.fit(ls[maxLines-1]+"…", l.w[i]-2.4)
			}
			cells[i] = ls
		} else {
			cells[i] = []string{s}
		}
		n = max(n, len(cells[i]))
	}
	h := float64(n)*tableLine + rowPad
	if n > 1 { // wrapped lines get air above and below, or they touch the rules
		h += 0.8
	}
	if d.f.GetY()+h > pageBreakY {
		d.columnRules(l)
		d.f.AddPage()
		d.f.SetXY(marginLeft, marginTop)
		if err := d.tableHeader(t, l, headH); err != nil {
			return err
		}
		d.bodyTop = d.f.GetY()
		if err := d.font(strong(total), sizeTable); err != nil {
			return err
		}
	}
	f := d.f
	y := f.GetY()
	right := l.x[len(l.x)-1] + l.w[len(l.w)-1]
	if total {
		f.SetFillColor(248, 240, 228)
		f.Rect(marginLeft, y, right-marginLeft, h, "F")
		d.plainFill()
		f.Line(marginLeft, y, right, y) // the shading covered half of the rule above
	}
	// The row's rule below it; the column rules are drawn once per page (columnRules), not as
	// a box around every cell: a whole-city appendix has 30,000 cells.
	f.Line(marginLeft, y+h, right, y+h)
	for i, c := range t.Columns {
		if len(cells[i]) == 1 && c.Kind != model.Text && isNumber(rowValue(row, i)) {
			if err := d.number(l.x[i], y, l.w[i], h, cells[i][0], total); err != nil {
				return err
			}
			continue
		}
		align := "L"
		if total && i == 0 || c.Kind != model.Text {
			align = "C"
		}
		d.lines(l.x[i], y, l.w[i], h, cells[i], align)
	}
	f.SetXY(marginLeft, y+h)
	return nil
}

// columnRules draws the vertical rules of the table's rows on this page, from below the header
// to the last row written.
func (d *doc) columnRules(l layout) {
	y := d.f.GetY()
	if y <= d.bodyTop {
		return
	}
	for i, x := range l.x {
		d.f.Line(x, d.bodyTop, x, y)
		if i == len(l.x)-1 {
			d.f.Line(x+l.w[i], d.bodyTop, x+l.w[i], y)
		}
	}
}

// plainFill sets the fill colour back to the text colour (black) after a shaded header or 合计
// row: while the two differ, fpdf wraps every piece of text in a colour save and restore.
func (d *doc) plainFill() { d.f.SetFillColor(0, 0, 0) }

func rowValue(row []any, i int) any {
	if i < len(row) {
		return row[i]
	}
	return nil
}

func isNumber(v any) bool {
	switch v.(type) {
	case int, int64, float64, model.Rate:
		return true
	}
	_, ok := v.(interface{ Wanyuan() string })
	return ok
}

// number writes a figure right-aligned, shrinking the font and at last clipping it so it never
// leaves its cell.
func (d *doc) number(x, y, w, h float64, s string, bold bool) error {
	size := float64(sizeTable)
	sw := d.f.GetStringWidth(s)
	for sw > w-2*cellMargin && size > minNumSize {
		size -= 0.5
		if err := d.font(strong(bold), size); err != nil {
			return err
		}
		sw = d.f.GetStringWidth(s)
	}
	if sw > w-2*cellMargin {
		s = d.fit(s, w-2*cellMargin)
		sw = -1
	}
	d.textIn(x, y, w, h, s, "R", sw)
	if size != sizeTable {
		return d.font(strong(bold), sizeTable)
	}
	return nil
}

// lines writes wrapped lines vertically centred in a cell.
func (d *doc) lines(x, y, w, h float64, ls []string, align string) {
	top := y + (h-float64(len(ls))*tableLine)/2
	for i, s := range ls {
		d.cellText(x, top+float64(i)*tableLine, w, tableLine, s, align)
	}
}

// cellText writes s in the box x, y, w, h, vertically centred and aligned L, C or R inside the
// cell margin, as CellFormat would place it, but as bare text: CellFormat's border, fill and
// link handling cost more than the text itself over a whole-city appendix.
func (d *doc) cellText(x, y, w, h float64, s, align string) {
	d.textIn(x, y, w, h, s, align, -1)
}

// textIn is cellText with the width of s when the caller has measured it already (else -1).
func (d *doc) textIn(x, y, w, h float64, s, align string, sw float64) {
	if s == "" {
		return
	}
	if sw < 0 && align != "L" {
		sw = d.f.GetStringWidth(s)
	}
	dx := cellMargin
	switch align {
	case "R":
		dx = w - cellMargin - sw
	case "C":
		dx = (w - sw) / 2
	}
	_, size := d.f.GetFontSize()
	d.f.Text(x+dx, y+0.5*h+0.3*size, s)
}
