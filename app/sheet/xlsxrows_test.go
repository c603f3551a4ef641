package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shequ/models"
)

// streamedAndExcelize reads every sheet of an .xlsx both ways: with streamRows (what imports
// use) and with excelize's row iterator (what they used before).
func streamedAndExcelize(t *testing.T, name string, data []byte) (own, ref map[string][]Row, ownErr, refErr map[string]error) {
	t.Helper()
	wb, err := OpenBytes(name, data, DefaultLimits())
	if err != nil {
		t.Logf("%s: %v", name, err)
		return nil, nil, nil, nil
	}
	defer wb.Close()
	x := wb.r.(*xlsxReader)
	own, ref = map[string][]Row{}, map[string][]Row{}
	ownErr, refErr = map[string]error{}, map[string]error{}
	for i, sh := range wb.Sheets() {
		collect := func(rows *[]Row) func(Row) error {
			return func(r Row) error { *rows = append(*rows, r); return nil }
		}
		var a, b []Row
		ownErr[sh] = x.each(context.Background(), i, collect(&a))
		refErr[sh] = x.eachExcelize(context.Background(), i, collect(&b))
		own[sh], ref[sh] = a, b
	}
	if x.f != nil {
		if got, want := wb.Sheets(), x.f.GetSheetList(); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: sheets %q, excelize %q", name, got, want)
		}
	}
	return own, ref, ownErr, refErr
}

// The streamed reader gives the same rows and cells as excelize on every real spreadsheet of the
// corpus, and on sheets written here with every kind of cell excelize writes.
func TestStreamedRowsMatchExcelize(t *testing.T) {
	files := map[string][]byte{"generated.xlsx": generatedCells(t)}
	paths, _ := filepath.Glob(filepath.Join(corpusDir, "*.xlsx"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files[filepath.Base(p)] = data
	}
	if len(paths) == 0 {
		t.Logf("%s not found: only the generated sheet is compared", corpusDir)
	}
	compared := 0
	for name, data := range files {
		own, ref, ownErr, refErr := streamedAndExcelize(t, name, data)
		for sh := range own {
			if (ownErr[sh] == nil) != (refErr[sh] == nil) {
				t.Errorf("%s/%s: error %v, excelize %v", name, sh, ownErr[sh], refErr[sh])
				continue
			}
			if !reflect.DeepEqual(own[sh], ref[sh]) {
				t.Errorf("%s/%s: rows differ:\n%s", name, sh, firstDiff(own[sh], ref[sh]))
			}
			compared += len(own[sh])
		}
	}
	t.Logf("%d files, %d rows compared", len(files), compared)
}

func firstDiff(a, b []Row) string {
	for i := range max(len(a), len(b)) {
		var x, y Row
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if !reflect.DeepEqual(x, y) {
			return fmt.Sprintf("streamed %d %q\nexcelize %d %q", x.Num, x.Cells, y.Num, y.Cells)
		}
	}
	return ""
}

// generatedCells writes shared and inline strings, numbers, booleans, formulas, escapes, gaps
// in rows and columns, entities and a second sheet.
func generatedCells(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	set := func(sheet, cell string, v any) {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("Sheet1", "A1", "蓬安县2026年村（社区）经费预算表")
	set("Sheet1", "A3", "乡镇（街道）")
	set("Sheet1", "C3", "a & b < c > \"d\" 'e'")
	set("Sheet1", "D3", 1234.5600000000002)
	set("Sheet1", "E3", true)
	set("Sheet1", "F3", "line\r\nbreak\rcr")
	set("Sheet1", "G3", "_x000D_ and _x005F_x0041_")
	set("Sheet1", "AA9", -0.001)
	set("Sheet1", "B12", "  spaces kept  ")
	if err := f.SetCellFormula("Sheet1", "H3", "SUM(D3:D4)"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellRichText("Sheet1", "A13", []excelize.RichTextRun{{Text: "富"}, {Text: "文本"}}); err != nil {
		t.Fatal(err)
	}
	_, _ = f.NewSheet("第二页")
	sw, err := f.NewStreamWriter("第二页")
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 50; i++ {
		cell, _ := excelize.CoordinatesToCellName(1+i%3, i*2)
		_ = sw.SetRow(cell, []any{fmt.Sprintf("行%d", i), float64(i) + 0.25, "", i, nil, "x"})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Hand-written worksheet XML: what other writers do, and what a broken or hostile file does.
func TestStreamRowsByHand(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>`
	sst := []string{"甲", "", "乙"}
	for _, c := range []struct {
		name, xml string
		want      []Row
		err       error
	}{
		{"prefixed, no references", head + `<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c><x:v>1.5</x:v></x:c></x:row><x:row/><x:row><x:c t="s"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
			[]Row{{Num: 1, Cells: []string{"甲", "1.5"}}, {Num: 3, Cells: []string{"乙"}}}, nil},
		{"gaps, empty shared string", head + `<x:row r="4" spans="1:5"><x:c r="C4" t="s"><x:v>1</x:v></x:c><x:c r="E4" t="inlineStr"><x:is><x:r><x:t>a</x:t></x:r><x:rPh><x:t>ignored</x:t></x:rPh><x:r><x:t xml:space="preserve"> b</x:t></x:r></x:is></x:c></x:row></x:sheetData></x:worksheet>`,
			[]Row{{Num: 4, Cells: []string{"", "", "", "", "a b"}}}, nil},
		{"entities and a comment", head + `<!-- c --><x:row r="2"><x:c r="B2" t="str"><x:v>&#x9F99;&#38;&lt;&amp;amp;</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
			[]Row{{Num: 2, Cells: []string{"", "龙&<&amp;"}}}, nil},
		{"a formula without a value keeps its place", head + `<x:row r="1"><x:c r="B1"><x:f>A1</x:f></x:c><x:c r="D1"><x:v>7</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
			[]Row{{Num: 1, Cells: []string{"", "", "", "7"}}}, nil},
		{"shared string index past the table", head + `<x:row r="4"><x:c r="D4" t="s"><x:v>9</x:v></x:c></x:row></x:sheetData></x:worksheet>`, nil, errSharedIndex},
		{"rows going up", head + `<x:row r="5"><x:c><x:v>1</x:v></x:c></x:row><x:row r="5"/></x:sheetData></x:worksheet>`, nil, errCellRef},
		{"row past the sheet", head + `<x:row r="1048577"/></x:sheetData></x:worksheet>`, nil, errCellRef},
		{"column past the sheet", head + `<x:row r="1"><x:c r="XFE1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`, nil, errCellRef},
		{"a column twice", head + `<x:row r="1"><x:c r="B1"><x:v>1</x:v></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`, nil, errCellRef},
		{"reference without a row", head + `<x:row r="1"><x:c r="B"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`, nil, errCellRef},
		{"unknown entity", head + `<x:row r="1"><x:c t="str"><x:v>&bomb;</x:v></x:c></x:row></x:sheetData></x:worksheet>`, nil, errXMLSyntax},
		{"DOCTYPE", `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet/>`, nil, errXMLFallback},
		{"GBK declared", `<?xml version="1.0" encoding="GBK"?><worksheet/>`, nil, errXMLFallback},
		{"a chart", `<chartsheet/>`, nil, nil},
		{"cut off", head + `<x:row r="1"><x:c><x:v>1`, nil, errXMLSyntax},
		{"empty", ``, nil, errXMLSyntax},
		{"huge tag", head + `<x:row r="1"><x:c r="A1" s="` + strings.Repeat("9", maxTagBytes) + `"/></x:row>`, nil, errXMLLimit},
		{"huge text", head + `<x:row r="1"><x:c><x:v>` + strings.Repeat("9", maxTextBytes+1) + `</x:v></x:c></x:row>`, nil, errXMLLimit},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []Row
			err := streamRows(context.Background(), strings.NewReader(c.xml), sst, func(r Row) error {
				got = append(got, r)
				return nil
			})
			if !errors.Is(err, c.err) || c.err == nil && !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got %v, %v; want %v, %v", got, err, c.want, c.err)
			}
		})
	}
}

// A broken worksheet is a Chinese message naming the file and sheet, not a panic or a silent
// end (excelize's iterator stopped at the first XML error, so the rows before it passed for the
// whole sheet).
func TestStreamedBrokenSheetMessage(t *testing.T) {
	data := rezip(t, generatedCells(t), zip.Deflate, func(name string, b []byte) []byte {
		if name != "xl/worksheets/sheet1.xml" {
			return b
		}
		return b[:bytes.Index(b, []byte("<row r=\"12\""))+20]
	})
	wb, err := OpenBytes("预算.xlsx", data, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows := 0
	err = wb.Each(context.Background(), 0, func(Row) error { rows++; return nil })
	if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "文件“预算.xlsx”的工作表“Sheet1”无法读取") {
		t.Fatalf("%d rows, %v", rows, err)
	}
}

// rezip writes the parts of an .xlsx again with method (zip.Store leaves the XML open to a
// fuzzer's mutations), each through edit when it is given.
func rezip(tb testing.TB, data []byte, method uint16, edit func(name string, b []byte) []byte) []byte {
	tb.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if edit != nil {
			b = edit(zf.Name, b)
		}
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: method})
		_, _ = w.Write(b)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return out.Bytes()
}
