package sheet

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The rows of one worksheet part, read with xmlScanner instead of excelize's row iterator:
// the same cells excelize gives with RawCellValue (the differential test over the corpus holds
// the two together), in about a quarter of the CPU time, with two allocations a row (its text
// and its cells) where excelize makes several a cell.

// Excel's own bounds: a cell reference beyond them is a broken or hostile file.
const (
	maxSheetRows = 1_048_576
	maxSheetCols = 16_384
	maxRowBytes  = 16 << 20
	// maxSheetCells bounds the cells of a sheet with the empty ones before each row's last:
	// 200,000 rows of 167 columns, where rows of one cell in column XFD are 2,048.
	maxSheetCells = 1 << 25
	// sharedRowBytes: a row's cells share one string up to this size of its text (a budget
	// row is a few hundred bytes), so a kept cell holds at most this much of its row.
	sharedRowBytes = 1 << 10
)

var errCellRef = errors.New("bad cell reference")

// cellSpan is one cell of the row being read: empty (padding), text in rowReader.buf, or a
// shared string.
type cellSpan struct {
	kind       uint8 // spanEmpty, spanText, spanInline, spanShared
	start, end int   // buf[start:end], or sst[start]
}

const (
	spanEmpty = iota
	spanText
	spanInline // inline rich text: excelize unescapes _xHHHH_ in it
	spanShared
)

type rowReader struct {
	sc    *xmlScanner
	sst   []string
	buf   []byte
	spans []cellSpan
	// where the reader is, for posError: the cell's column, or its reference and value as
	// found when they are the fault
	col            int
	badRef, badVal string
}

// streamRows calls fn with each non-empty row of the worksheet XML in r, numbered as the sheet
// shows it. A chartsheet has no rows (as excelize gives it; Merges says it is a chart); a part
// excelize should read gives errXMLFallback.
func streamRows(ctx context.Context, r io.Reader, sst []string, fn func(Row) error) error {
	rr := &rowReader{sc: newXMLScanner(r), sst: sst}
	sc := rr.sc
	if !sc.next(nil) {
		return orSyntax(sc.err)
	}
	switch {
	case sc.is("chartsheet"):
		return nil
	case sc.is("dialogsheet") || sc.is("macrosheet"):
		return errXMLFallback // excelize says what it is
	case !sc.is("worksheet"):
		return &posError{err: errXMLSyntax} // another part, or UTF-16 read as bytes
	case sc.closed:
		return nil
	}
	num, cells := 0, 0
	for n := 0; ; n++ {
		if !sc.next(nil) { // cut short: the rows so far are not the whole sheet
			return &posError{row: num, err: orSyntax(sc.err)}
		}
		if sc.end {
			if sc.is("sheetData") || sc.is("worksheet") {
				break
			}
			continue
		}
		if !sc.is("row") {
			continue
		}
		at, err := rowNumber(sc.attrBytes("r"), num)
		if err != nil {
			return &posError{row: num, after: quoted(sc.attrBytes("r")), err: err}
		}
		num = at
		if sc.closed {
			continue
		}
		if err := rr.row(); err != nil {
			return rr.at(num, err)
		}
		if cells += len(rr.spans); cells > maxSheetCells {
			return &posError{row: num, err: errXMLLimit}
		}
		if len(rr.spans) > 0 {
			if err := fn(Row{Num: num, Cells: rr.cells()}); err != nil {
				return err
			}
		}
		if n%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return sc.err
}

func orSyntax(err error) error {
	if err == nil {
		return errXMLSyntax // an empty part
	}
	return err
}

// rowNumber is the row's r attribute, or the one after the last; rows only go down the sheet.
func rowNumber(r []byte, last int) (int, error) {
	if len(r) == 0 {
		if last >= maxSheetRows {
			return 0, errCellRef
		}
		return last + 1, nil
	}
	n, err := strconv.Atoi(string(r))
	if err != nil || n <= last || n > maxSheetRows {
		return 0, errCellRef
	}
	return n, nil
}

// row reads the cells up to </row>.
func (rr *rowReader) row() error {
	rr.buf, rr.spans = rr.buf[:0], rr.spans[:0]
	rr.col, rr.badRef, rr.badVal = 0, "", ""
	sc := rr.sc
	col := 0
	for sc.next(nil) {
		switch {
		case sc.end && sc.is("row"):
			if !utf8.Valid(rr.buf) {
				rr.col = 0
				return errXMLSyntax // encoding/xml refuses such bytes too
			}
			return nil
		case sc.end || !sc.is("c"):
			if outOfPlace(sc) {
				return errXMLSyntax
			}
			continue
		}
		at, err := cellColumn(sc.attrBytes("r"), col)
		if err != nil {
			if rr.badRef = quoted(sc.attrBytes("r")); rr.badRef == "" {
				rr.col = col + 1
			}
			return err
		}
		col, rr.col = at, at
		if err := rr.cell(col); err != nil {
			return err
		}
		if len(rr.buf) > maxRowBytes { // checked each cell: one is at most maxTextBytes
			return errXMLLimit
		}
	}
	return orSyntax(sc.err)
}

// cell reads one <c> element and, as excelize does, keeps it when it has a value or a formula.
func (rr *rowReader) cell(col int) error {
	sc := rr.sc
	typ := string(sc.attrBytes("t")) // one of a few short constants: no allocation kept
	if sc.closed {
		return nil
	}
	var v, is cellSpan
	hasF, hasIS := false, false
	for sc.next(nil) {
		if sc.end && sc.is("c") {
			return rr.keep(col, typ, v, is, hasF, hasIS)
		}
		if outOfPlace(sc) {
			return errXMLSyntax
		}
		if sc.end {
			continue
		}
		switch {
		case sc.closed:
			hasF = hasF || sc.is("f")
			hasIS = hasIS || sc.is("is")
		case sc.is("v"):
			start := len(rr.buf)
			if !sc.next(&rr.buf) || !sc.end || !sc.is("v") {
				return orSyntax(sc.err)
			}
			v = cellSpan{kind: spanText, start: start, end: len(rr.buf)}
		case sc.is("f"):
			hasF = true
			if err := skipTo(sc, "f"); err != nil {
				return err
			}
		case sc.is("is"):
			hasIS = true
			start := len(rr.buf)
			var err error
			if rr.buf, err = appendRichText(sc, rr.buf, "is"); err != nil {
				return err
			}
			is = cellSpan{kind: spanInline, start: start, end: len(rr.buf)}
		}
	}
	return orSyntax(sc.err)
}

// keep adds the cell's value at its column, as excelize's getValueFrom gives it raw.
func (rr *rowReader) keep(col int, typ string, v, is cellSpan, hasF, hasIS bool) error {
	val := v
	switch typ {
	case "s":
		val = cellSpan{}
		if v.end > v.start {
			i, err := strconv.Atoi(strings.TrimSpace(string(rr.buf[v.start:v.end])))
			if err != nil || i < 0 || i >= len(rr.sst) {
				rr.badVal = quoted(rr.buf[v.start:v.end])
				return errSharedIndex
			}
			if rr.sst[i] != "" {
				val = cellSpan{kind: spanShared, start: i}
			}
		}
	case "inlineStr":
		if hasIS {
			val = is
		}
	}
	if val.kind != spanShared && val.end == val.start && !hasF {
		return nil
	}
	for len(rr.spans) < col-1 {
		rr.spans = append(rr.spans, cellSpan{})
	}
	rr.spans = append(rr.spans, val)
	return nil
}

// cells makes the row's strings: one allocation for all its text, one for the slice. A row of
// more than sharedRowBytes gets a string a cell, so that a cell an importer keeps does not keep
// a large cell beside it in memory.
func (rr *rowReader) cells() []string {
	text := ""
	if len(rr.buf) <= sharedRowBytes {
		text = string(rr.buf)
	}
	cell := func(sp cellSpan) string {
		if text == "" {
			return string(rr.buf[sp.start:sp.end])
		}
		return text[sp.start:sp.end]
	}
	out := make([]string, len(rr.spans))
	for i, sp := range rr.spans {
		switch sp.kind {
		case spanText:
			out[i] = cell(sp)
		case spanInline:
			out[i] = bstrUnescape(cell(sp))
		case spanShared:
			out[i] = rr.sst[sp.start]
		}
	}
	return out
}

// cellColumn is the 1-based column of a cell reference ("B7", "$B$7"), or the one after the
// last when the cell has none. A reference outside the sheet is an error, as in excelize; so is
// one left of or on the last cell (excelize appended such a cell at the row's end).
func cellColumn(ref []byte, last int) (int, error) {
	if len(ref) == 0 {
		if last >= maxSheetCols {
			return 0, errCellRef
		}
		return last + 1, nil
	}
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c == '$':
		case c >= 'A' && c <= 'Z':
			col = col*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			col = col*26 + int(c-'a') + 1
		default:
			goto digits
		}
		if col > maxSheetCols {
			return 0, errCellRef
		}
	}
digits:
	row := 0
	for j := i; j < len(ref); j++ {
		c := ref[j]
		switch {
		case c == '$' && j == i:
		case c >= '0' && c <= '9':
			row = row*10 + int(c-'0')
			if row > maxSheetRows {
				return 0, errCellRef
			}
		default:
			return 0, errCellRef
		}
	}
	if col <= last || row == 0 {
		return 0, errCellRef
	}
	return col, nil
}

// outOfPlace: a tag that has no place inside a cell or a string item, met because one was left
// open (encoding/xml refuses such XML too); read on, the next row's value became this row's.
func outOfPlace(sc *xmlScanner) bool {
	switch string(sc.local) {
	case "c", "row", "sheetData", "worksheet", "si", "sst":
		return true
	}
	return false
}

// skipTo passes over everything up to the end tag of name.
func skipTo(sc *xmlScanner, name string) error {
	for sc.next(nil) {
		if sc.end && sc.is(name) {
			return nil
		}
		if outOfPlace(sc) {
			return errXMLSyntax
		}
	}
	return orSyntax(sc.err)
}

// appendRichText appends the text of a string item (<si> or <is>) up to its end tag: its <t>
// runs, direct or in <r>, but not the phonetic guide (<rPh>) excelize leaves out too.
func appendRichText(sc *xmlScanner, buf []byte, end string) ([]byte, error) {
	phonetic := 0
	for sc.next(nil) {
		switch {
		case sc.end && sc.is(end):
			return buf, nil
		case outOfPlace(sc):
			return buf, errXMLSyntax
		case sc.is("rPh") && !sc.closed:
			if sc.end {
				if phonetic--; phonetic < 0 {
					return buf, errXMLSyntax
				}
			} else {
				phonetic++
			}
		case !sc.end && !sc.closed && sc.is("t"):
			var text *[]byte // nil: the phonetic guide's text is skipped
			if phonetic == 0 {
				text = &buf
			}
			if !sc.next(text) || !sc.end || !sc.is("t") {
				return buf, orSyntax(sc.err)
			}
			if len(buf) > maxRowBytes {
				return buf, errXMLLimit
			}
		}
	}
	return buf, orSyntax(sc.err)
}

// bstrUnescape undoes the _xHHHH_ escapes Excel writes for characters XML cannot hold, the way
// excelize does ("_x005F_" is "_"; an escape of no valid character is dropped).
func bstrUnescape(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' && isHex(s[i+2:i+6]) {
			n, _ := strconv.ParseUint(s[i+2:i+6], 16, 32)
			if r := rune(n); utf8.ValidRune(r) {
				b.WriteRune(r)
			}
			i += 7
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !bytes.ContainsRune([]byte("0123456789abcdefABCDEF"), rune(s[i])) {
			return false
		}
	}
	return true
}
