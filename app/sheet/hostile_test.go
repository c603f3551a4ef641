package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

// hostileRows reads sheet XML with streamRows and says how many rows it gave, the error and
// how long it took.
func hostileRows(t *testing.T, xml string, sst []string) (int, error, time.Duration) {
	t.Helper()
	start := time.Now()
	rows := 0
	err := streamRows(context.Background(), strings.NewReader(xml), sst, func(Row) error { rows++; return nil })
	return rows, err, time.Since(start)
}

// A '>' inside a quoted attribute value does not make the scanner read the tag again from its
// start: 20 tags of 60,000 quoted '>' (a few hundred bytes zipped) took minutes when it did.
func TestHostileQuotedGreaterThan(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>`)
	for range 20 {
		b.WriteString(`<c a="` + strings.Repeat(">", 60000) + `"/>`)
	}
	b.WriteString(`</row></sheetData></worksheet>`)
	rows, err, took := hostileRows(t, b.String(), nil)
	if rows != 1 || err != nil || took > 2*time.Second {
		t.Fatalf("%d rows, %v, %v", rows, err, took)
	}
}

// A worksheet or shared-string table cut short (between rows, between items) is an error, not
// the rows before the cut passed off as the whole sheet.
func TestHostileTruncatedParts(t *testing.T) {
	full := `<worksheet><sheetData><row r="1"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row></sheetData></worksheet>`
	for _, cut := range []int{strings.Index(full, `<row r="2"`), strings.Index(full, `</sheetData>`)} {
		if rows, err, _ := hostileRows(t, full[:cut], nil); err == nil {
			t.Errorf("cut at %d: %d rows, no error", cut, rows)
		}
	}
	for _, whole := range []string{full, `<worksheet/>`, `<worksheet><sheetData/></worksheet>`} {
		if _, err, _ := hostileRows(t, whole, nil); err != nil {
			t.Errorf("%s: %v", whole, err)
		}
	}
	sst := `<sst><si><t>甲</t></si><si><t>乙</t></si></sst>`
	zr := zipOf(t, map[string]string{"xl/sharedStrings.xml": sst[:strings.Index(sst, `<si><t>乙`)]})
	if got, err := readSST(zr, 1<<20); err == nil {
		t.Errorf("cut shared strings: %q, no error", got)
	}
	zr = zipOf(t, map[string]string{"xl/sharedStrings.xml": sst})
	if got, err := readSST(zr, 1<<20); err != nil || len(got) != 2 {
		t.Errorf("shared strings: %q, %v", got, err)
	}
}

// zipOf is a zip of the given parts.
func zipOf(t *testing.T, parts map[string]string) *zip.Reader {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, _ := zw.Create(name)
		_, _ = w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

// A row of many large cells is refused once its text passes maxRowBytes, not after the whole
// row (hundreds of MB from a small zip) has been held.
func TestHostileHugeRow(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<worksheet><sheetData><row r="1">`)
	cell := `<c><v>` + strings.Repeat("1", maxTextBytes-16) + `</v></c>`
	for range 64 {
		b.WriteString(cell)
	}
	b.WriteString(`</row></sheetData></worksheet>`)
	xml := b.String()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	rows, err, _ := hostileRows(t, xml, nil)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; !errors.Is(err, errXMLLimit) || alloc > 6*maxRowBytes {
		t.Fatalf("%d rows, %v, %d MiB allocated", rows, err, alloc>>20)
	}
}

// Each cell far right (XFD) makes a row of 16,384 cells; a sheet of such rows is bounded by
// maxSheetCells, not read on at 256 KiB a row (20,000 of them: 5 GB allocated, seconds of CPU).
func TestHostileFarRightCells(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<worksheet><sheetData>`)
	for range maxSheetCells/maxSheetCols + 1 {
		b.WriteString(`<row><c r="XFD1"><v>1</v></c></row>`)
	}
	b.WriteString(`</sheetData></worksheet>`)
	if rows, err, took := hostileRows(t, b.String(), nil); !errors.Is(err, errXMLLimit) {
		t.Fatalf("%d rows, %v, %v", rows, err, took)
	}
}
