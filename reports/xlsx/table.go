// Package xlsx writes shequ's Excel workbooks: styled tables that clerks can filter, print and
// re-use. Data in, io.Writer out: no database, no Fyne.
package xlsx

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"shequ/models"
)

// Kind says how a column's values are written and formatted.
type Kind int

const (
	Text    Kind = iota // string; never turned into a formula, whatever it starts with
	Int                 // int, int64
	Money               // models.Fen, shown in yuan as #,##0.00
	Decimal             // float64 as #,##0.00
	Percent             // float64 ratio (0.5 = 50%) as 0.0%
	Date                // time.Time as yyyy-mm-dd; the zero time is left empty
)

// Column is one column of a table.
type Column struct {
	Header string
	// Group, when set on any column, adds a header row above: adjacent columns with the same
	// Group share one merged cell; a column without a Group spans both header rows.
	Group string
	Width float64 // in characters; 0 picks one from the header
	Kind  Kind
}

// Sheet is one table on its own worksheet.
type Sheet struct {
	Name    string // at most 31 characters, no []:*?/\
	Title   string // optional first row above the header, merged across the table
	Columns []Column
	Rows    [][]any
	// Totals, when not nil, is written in bold under the rows (e.g. a 合计 row).
	Totals []any
	// Dropdowns offer a fixed list in a column's cells (data validation), e.g. in a template.
	Dropdowns []Dropdown
	// Source, when set, streams the rows instead of Rows, for tables too big to hold.
	Source *RowSource
}

// RowSource streams a sheet's rows from where they are read, e.g. a database query, without
// holding them all.
type RowSource struct {
	// Count is how many rows Each will give: the autofilter and print ranges are set before
	// the first row is written.
	Count int
	// Each calls emit with every row in order (emit copies the row: its slice may be reused)
	// and returns emit's first error.
	Each func(emit func(row []any) error) error
	// Totals, when set, gives the totals row once the last row is written (it replaces Totals).
	Totals func() []any
}

// ErrRowsChanged means a RowSource gave another number of rows than its Count said: the data
// changed while it was written.
var ErrRowsChanged = errors.New("导出期间数据有变动")

// Dropdown limits Rows cells below the header of column Column (0-based) to Options.
type Dropdown struct {
	Column  int
	Rows    int
	Options []string
}

// Write renders the sheets to w as one workbook, streaming the rows.
func Write(w io.Writer, sheets ...Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				return fmt.Errorf("工作表名“%s”不可用：%w", sh.Name, err)
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			return fmt.Errorf("工作表名“%s”不可用：%w", sh.Name, err)
		}
		if err := writeSheet(f, st, sh); err != nil {
			return fmt.Errorf("写入工作表“%s”失败：%w", sh.Name, err)
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

type styles struct {
	title, header, text, integer, money, decimal, percent, date int
	totalText, totalMoney, totalInt, totalPercent               int

	f      *excelize.File
	font   *excelize.Font
	border []excelize.Border
	styled map[Styled]int // Styled cells' styles, keyed by the cell with its Value cleared
}

// Styled is a cell value with its own look, e.g. a status colour in a matrix: the value is
// written as its column's Kind says, on a Fill background (hex "RRGGBB", "" for none),
// centred when Center is set.
type Styled struct {
	Value  any
	Fill   string
	Center bool
	kind   Kind
}

// styledID returns (creating once) the style of a Styled cell in a column of kind k.
func (st *styles) styledID(k Kind, c Styled) int {
	key := Styled{Fill: c.Fill, Center: c.Center, kind: k}
	if id, ok := st.styled[key]; ok {
		return id
	}
	s := &excelize.Style{Font: st.font, Border: st.border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: k == Text}}
	if c.Fill != "" {
		s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.Fill}}
	}
	if c.Center {
		s.Alignment.Horizontal = "center"
	}
	switch k {
	case Int:
		s.NumFmt = 3
	case Money, Decimal:
		s.NumFmt = 4
	case Percent:
		s.CustomNumFmt = ptr("0.0%")
	case Date:
		s.CustomNumFmt = ptr("yyyy-mm-dd")
	}
	id, err := st.f.NewStyle(s)
	if err != nil {
		id = st.text // a style excelize refuses falls back to plain text, never loses the value
	}
	st.styled[key] = id
	return id
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1}}
	font := &excelize.Font{Family: "宋体", Size: 11}
	bold := &excelize.Font{Family: "黑体", Size: 11, Bold: true}
	var err error
	mk := styleMaker(f, &err)
	st := &styles{f: f, font: font, border: border, styled: map[Styled]int{}}
	st.title = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 16, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	st.header = mk(&excelize.Style{Font: bold, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2DCDB"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	st.text = mk(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	st.integer = mk(&excelize.Style{Font: font, Border: border, NumFmt: 3})
	st.money = mk(&excelize.Style{Font: font, Border: border, NumFmt: 4})
	st.decimal = mk(&excelize.Style{Font: font, Border: border, NumFmt: 4})
	st.percent = mk(&excelize.Style{Font: font, Border: border, CustomNumFmt: ptr("0.0%")})
	st.date = mk(&excelize.Style{Font: font, Border: border, CustomNumFmt: ptr("yyyy-mm-dd"),
		Alignment: &excelize.Alignment{Horizontal: "center"}})
	st.totalText = mk(&excelize.Style{Font: bold, Border: border, Alignment: &excelize.Alignment{Horizontal: "center"}})
	st.totalMoney = mk(&excelize.Style{Font: bold, Border: border, NumFmt: 4})
	st.totalInt = mk(&excelize.Style{Font: bold, Border: border, NumFmt: 3})
	st.totalPercent = mk(&excelize.Style{Font: bold, Border: border, CustomNumFmt: ptr("0.0%")})
	return st, err
}

func ptr[T any](v T) *T { return &v }

// styleMaker returns a function that makes styles until the first error, which it keeps in err.
func styleMaker(f *excelize.File, err *error) func(*excelize.Style) int {
	return func(s *excelize.Style) int {
		if *err != nil {
			return 0
		}
		id, e := f.NewStyle(s)
		*err = e
		return id
	}
}

func writeSheet(f *excelize.File, st *styles, sh Sheet) error {
	// The stream writer copies the worksheet's settings when it is made, so validations go first.
	for _, d := range sh.Dropdowns {
		if err := addDropdown(f, sh.Name, d, dataStart(sh)); err != nil {
			return err
		}
	}
	if err := sheetSettings(f, sh); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh.Name)
	if err != nil {
		return err
	}
	ncol := len(sh.Columns)
	if ncol == 0 {
		return fmt.Errorf("没有列")
	}
	lastCol, _ := excelize.ColumnNumberToName(ncol)
	for i, c := range sh.Columns {
		w := c.Width
		if w == 0 {
			w = max(8, float64(len([]rune(c.Header)))*2+2)
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	row := 1
	if sh.Title != "" {
		row++
	}
	grouped := false
	for _, c := range sh.Columns {
		grouped = grouped || c.Group != ""
	}
	headerRows := 1
	if grouped {
		headerRows = 2
	}
	firstData := row + headerRows
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: firstData - 1,
		TopLeftCell: fmt.Sprintf("A%d", firstData), ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if sh.Title != "" {
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: st.title, Value: sh.Title}},
			excelize.RowOpts{Height: 28}); err != nil {
			return err
		}
		if err := sw.MergeCell("A1", lastCol+"1"); err != nil {
			return err
		}
	}
	if err := writeHeader(sw, st, sh.Columns, row, grouped); err != nil {
		return err
	}
	if err := writeRows(sw, st, &sh, firstData); err != nil {
		return err
	}
	return sw.Flush()
}

// writeRows streams sh's rows from firstData on, then its totals row.
func writeRows(sw *excelize.StreamWriter, st *styles, sh *Sheet, firstData int) error {
	ncol := len(sh.Columns)
	row := firstData
	cells := make([]any, ncol) // SetRow writes the row out at once, so one slice serves every row
	emit := func(r []any) error {
		for i, c := range sh.Columns {
			var v any
			if i < len(r) {
				v = r[i]
			}
			cells[i] = cell(st, c.Kind, v, false)
		}
		cellName, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		row++
		return sw.SetRow(cellName, cells)
	}
	if sh.Source != nil {
		if err := sh.Source.Each(emit); err != nil {
			return err
		}
		if n := row - firstData; n != sh.Source.Count {
			return fmt.Errorf("%w（应有 %d 行，实际 %d 行），请重新导出", ErrRowsChanged, sh.Source.Count, n)
		}
		if sh.Source.Totals != nil {
			sh.Totals = sh.Source.Totals()
		}
	} else {
		for _, r := range sh.Rows {
			if err := emit(r); err != nil {
				return err
			}
		}
	}
	if sh.Totals != nil {
		cells := make([]any, ncol)
		for i, c := range sh.Columns {
			var v any
			if i < len(sh.Totals) {
				v = sh.Totals[i]
			}
			cells[i] = cell(st, c.Kind, v, true)
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", row), cells); err != nil {
			return err
		}
	}
	return nil
}

// sheetSettings sets the autofilter and print setup. They must be set before the stream writer
// is made: it copies the worksheet's settings then, and what is set after Flush is lost.
func sheetSettings(f *excelize.File, sh Sheet) error {
	firstData := dataStart(sh)
	headerRows := 1
	for _, c := range sh.Columns {
		if c.Group != "" {
			headerRows = 2
		}
	}
	lastCol, _ := excelize.ColumnNumberToName(max(1, len(sh.Columns)))
	n := len(sh.Rows)
	if sh.Source != nil {
		n = sh.Source.Count
	}
	lastData := firstData + n - 1
	if sh.Totals != nil || sh.Source != nil && sh.Source.Totals != nil {
		lastData++
	}
	lastData = max(lastData, firstData)
	if err := f.AutoFilter(sh.Name, fmt.Sprintf("A%d:%s%d", firstData-1, lastCol, lastData), nil); err != nil {
		return err
	}
	if err := printSetup(f, sh.Name, sh.Title); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh.Name,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sh.Name, firstData-headerRows, firstData-1)})
}

func writeHeader(sw *excelize.StreamWriter, st *styles, cols []Column, row int, grouped bool) error {
	top := make([]any, len(cols))
	bottom := make([]any, len(cols))
	for i, c := range cols {
		bottom[i] = excelize.Cell{StyleID: st.header, Value: c.Header}
		if c.Group != "" {
			top[i] = excelize.Cell{StyleID: st.header, Value: c.Group}
		} else {
			top[i] = excelize.Cell{StyleID: st.header, Value: c.Header}
		}
	}
	if !grouped {
		return sw.SetRow(fmt.Sprintf("A%d", row), bottom, excelize.RowOpts{Height: 24})
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", row), top, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", row+1), bottom, excelize.RowOpts{Height: 22}); err != nil {
		return err
	}
	for i := 0; i < len(cols); {
		j := i
		for j+1 < len(cols) && cols[i].Group != "" && cols[j+1].Group == cols[i].Group {
			j++
		}
		a, _ := excelize.CoordinatesToCellName(i+1, row)
		if cols[i].Group == "" {
			b, _ := excelize.CoordinatesToCellName(i+1, row+1)
			if err := sw.MergeCell(a, b); err != nil {
				return err
			}
		} else if j > i {
			b, _ := excelize.CoordinatesToCellName(j+1, row)
			if err := sw.MergeCell(a, b); err != nil {
				return err
			}
		}
		i = j + 1
	}
	return nil
}

// cell converts one value for its column kind. Strings are always written as text cells, so a
// value such as "=HYPERLINK(…)" or "+86…" is shown, never evaluated.
func cell(st *styles, k Kind, v any, total bool) any {
	var style int
	switch k {
	case Text:
		style = st.text
	case Int:
		style = st.integer
	case Money:
		style = st.money
	case Decimal:
		style = st.decimal
	case Percent:
		style = st.percent
	case Date:
		style = st.date
	}
	if total {
		switch k {
		case Money, Decimal:
			style = st.totalMoney
		case Int:
			style = st.totalInt
		case Percent: // a rate in the 合计 row is a number shown as 8.3%, not 0.0831
			style = st.totalPercent
		default:
			style = st.totalText
		}
	}
	if sc, ok := v.(Styled); ok {
		if total {
			return cell(st, k, sc.Value, total)
		}
		c := cell(st, k, sc.Value, false).(excelize.Cell)
		c.StyleID = st.styledID(k, sc)
		return c
	}
	switch x := v.(type) {
	case nil:
		return excelize.Cell{StyleID: style}
	case models.Fen:
		return excelize.Cell{StyleID: style, Value: float64(x) / 100}
	case time.Time:
		if x.IsZero() {
			return excelize.Cell{StyleID: style}
		}
		return excelize.Cell{StyleID: style, Value: x}
	case string:
		return excelize.Cell{StyleID: style, Value: x}
	default:
		return excelize.Cell{StyleID: style, Value: x}
	}
}

func addDropdown(f *excelize.File, sheet string, d Dropdown, firstData int) error {
	col, err := excelize.ColumnNumberToName(d.Column + 1)
	if err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s%d:%s%d", col, firstData, col, firstData+max(d.Rows, 1)-1)
	if err := dv.SetDropList(d.Options); err != nil {
		return fmt.Errorf("下拉选项过长：%w", err)
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "输入有误", "请从下拉列表中选择")
	return f.AddDataValidation(sheet, dv)
}

// dataStart is the first data row of sh: below the optional title and one or two header rows.
func dataStart(sh Sheet) int {
	row := 2
	if sh.Title != "" {
		row++
	}
	for _, c := range sh.Columns {
		if c.Group != "" {
			return row + 1
		}
	}
	return row
}
