package pdf

import (
	"unicode/utf8"

	"shequ/reports/model"
)

// formatted is a table's cells as text, formatted once for measuring the columns and writing.
type formatted struct {
	rows   [][]string
	totals []string
}

func format(t *model.Table) *formatted {
	line := func(row []any) []string {
		out := make([]string, len(t.Columns))
		for i, c := range t.Columns {
			out[i] = model.FormatCell(c.Kind, rowValue(row, i))
		}
		return out
	}
	f := &formatted{rows: make([][]string, len(t.Rows))}
	for i, row := range t.Rows {
		f.rows[i] = line(row)
	}
	if t.Totals != nil {
		f.totals = line(t.Totals)
	}
	return f
}

// minText is the narrowest a text column gets when it gives room to a figure: three characters.
const minText = 3*3.2 + 2*cellMargin

// fitFigures widens the columns whose widest figure (a row's, or the 合计 row's in bold) would not
// fit at the table size, so that no figure is shrunk or cut. The room comes, in this order, from
// figure columns wider than their figures (down to their header on two lines, or one if short), from text columns
// wider than their longest text, and last from the text columns themselves, whose text then wraps.
// Only when none can give enough does a figure still shrink (see number).
func (d *doc) fitFigures(t *model.Table, cells *formatted, w []float64) error {
	need, err := d.contentWidths(t, cells)
	if err != nil {
		return err
	}
	short := 0.0
	for i, c := range t.Columns {
		if c.Kind != model.Text {
			short += max(0, need[i]-w[i])
		}
	}
	if short == 0 {
		return nil
	}
	if err := d.font(faceHeading, sizeTable); err != nil {
		return err
	}
	floors := [3][]float64{make([]float64, len(w)), make([]float64, len(w)), make([]float64, len(w))}
	for i, c := range t.Columns {
		head := d.f.GetStringWidth(c.Header)/2 + 3.2 + 2*cellMargin // on two lines
		if utf8.RuneCountInString(c.Header) <= 3 {
			head = d.f.GetStringWidth(c.Header) + 2*cellMargin // 执行率 on one
		}
		if c.Kind != model.Text {
			floors[0][i], floors[1][i], floors[2][i] = max(need[i], head), max(need[i], head), max(need[i], head)
			continue
		}
		floors[0][i], floors[1][i], floors[2][i] = w[i], max(need[i], minText), minText
	}
	for _, floor := range floors {
		spare := make([]float64, len(w))
		total := 0.0
		for i := range w {
			spare[i] = max(0, w[i]-floor[i])
			total += spare[i]
		}
		if total == 0 {
			continue
		}
		give := min(short, total)
		for i := range w {
			w[i] -= give * spare[i] / total
		}
		if short -= give; short <= 1e-9 {
			break
		}
	}
	// Hand the room taken to the figures that lack it, in proportion to what each lacks.
	var lack float64
	for i, c := range t.Columns {
		if c.Kind != model.Text {
			lack += max(0, need[i]-w[i])
		}
	}
	free := bodyW
	for _, x := range w {
		free -= x
	}
	for i, c := range t.Columns {
		if gap := max(0, need[i]-w[i]); gap > 0 && c.Kind != model.Text {
			w[i] += free * gap / lack
		}
	}
	return nil
}

// contentWidths measures each column's widest content with its cell margins: for a figure column
// the longest figure among the rows and the 合计 row's in bold, for a text column its longest text
// on one line. Figures or texts of one length differ little in width, so only the longest (in
// characters) of each column is measured.
func (d *doc) contentWidths(t *model.Table, cells *formatted) ([]float64, error) {
	longest := make([]string, len(t.Columns))
	for r, row := range cells.rows {
		for i, c := range t.Columns {
			figure := isNumber(rowValue(t.Rows[r], i))
			if (c.Kind == model.Text || figure) && utf8.RuneCountInString(row[i]) > utf8.RuneCountInString(longest[i]) {
				longest[i] = row[i]
			}
		}
	}
	if err := d.font(faceBody, sizeTable); err != nil {
		return nil, err
	}
	need := make([]float64, len(t.Columns))
	for i := range need {
		need[i] = d.f.GetStringWidth(longest[i]) + 2*cellMargin + 0.4
	}
	if cells.totals == nil {
		return need, nil
	}
	if err := d.font(faceHeading, sizeTable); err != nil {
		return nil, err
	}
	for i, c := range t.Columns {
		if c.Kind != model.Text && isNumber(rowValue(t.Totals, i)) {
			need[i] = max(need[i], d.f.GetStringWidth(cells.totals[i])+2*cellMargin+0.4)
		}
	}
	return need, nil
}
