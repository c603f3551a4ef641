package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// FuzzOpenCSV: any bytes given as a .csv give rows or an error, never a panic, and every
// cell is valid UTF-8 with rows numbered upwards.
func FuzzOpenCSV(f *testing.F) {
	for _, s := range []string{
		"乡镇（街道）,村（社区）,金额\r\n龙门镇,龙门村,\"1,234.50\"\r\n",
		"\xEF\xBB\xBFa,b\n\"x\"\"y\",\"多\n行\"\n",
		"\xc1\xfa\xc3\xc5\xd5\xf2,1\n", // GBK 龙门镇
		"\"unterminated,1\n2,3",
		"a,\"b\"c,d\n\n\n,,\n",
		"\r\r\n\"\r\n\"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := DefaultLimits()
		lim.MaxRows = 1000
		wb, err := OpenBytes("fuzz.csv", data, lim)
		if err != nil {
			return
		}
		last := 0
		_ = wb.Each(context.Background(), 0, func(r Row) error {
			if r.Num <= last {
				t.Fatalf("row %d after %d", r.Num, last)
			}
			last = r.Num
			for _, c := range r.Cells {
				if !utf8.ValidString(c) {
					t.Fatalf("invalid UTF-8 cell %q", c)
				}
			}
			return nil
		})
	})
}

// FuzzOpenBytes: any bytes named .xlsx never panic the readers.
func FuzzOpenBytes(f *testing.F) {
	f.Add([]byte("PK\x03\x04garbage"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0})
	f.Add([]byte("PK\x05\x06\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
	f.Add(smallXLSX(f)) // a real workbook, so the fuzzer mutates the parts the sheet reader reads
	f.Fuzz(func(t *testing.T, data []byte) {
		withDeadline(t, data, func() {
			lim := DefaultLimits()
			lim.MaxRows = 1000
			wb, err := OpenBytes("fuzz.xlsx", data, lim)
			if err != nil {
				return
			}
			defer wb.Close()
			for i := range wb.Sheets() {
				_, _ = wb.Merges(i)
				_ = wb.Each(context.Background(), i, func(Row) error { return nil })
			}
		})
	})
}

// FuzzStreamRows: any bytes as a worksheet's XML give rows or an error, never a panic or a hang:
// rows numbered upwards within the sheet, cells valid UTF-8 within the sheet's columns.
func FuzzStreamRows(f *testing.F) {
	for _, s := range []string{
		`<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>1</v></c><c t="inlineStr"><is><r><t>a&amp;b</t></r><rPh><t>x</t></rPh></is></c></row></sheetData></worksheet>`,
		`<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="m"><x:sheetData><x:row><x:c><x:f>A1</x:f><x:v>&#x9F99;</x:v></x:c></x:row><x:row/></x:sheetData></x:worksheet>`,
		`<worksheet><!-- a > b --><sheetData><row r="1048576"><c r="XFD1" a='>'><v>1</v></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row r="3"><c r="A3"><v>1`,
		`<chartsheet/>`,
		`<worksheet><sheetData><row r="1"><c a=">>'>"><v>1</v></row><row r="2"><c><f t="shared" si="0"/><v>2</v></c></row></sheetData></worksheet>`,
		`<worksheet><sheetData><row><c r="XFD1" t="s"><v>-1</v></c><c t="inlineStr"><is></rPh><t>x</t></is></c></row>`,
	} {
		f.Add([]byte(s))
	}
	sst := []string{"甲", "", "_x0041_"}
	f.Fuzz(func(t *testing.T, data []byte) {
		withDeadline(t, data, func() {
			last := 0
			_ = streamRows(context.Background(), bytes.NewReader(data), sst, func(r Row) error {
				if r.Num <= last || r.Num > maxSheetRows || len(r.Cells) > maxSheetCols {
					t.Fatalf("row %d with %d cells after row %d", r.Num, len(r.Cells), last)
				}
				last = r.Num
				for _, c := range r.Cells {
					if !utf8.ValidString(c) {
						t.Fatalf("invalid UTF-8 cell %q", c)
					}
				}
				return nil
			})
		})
	})
}

// FuzzReadSST: any bytes as the shared-string table give strings or an error, never a panic or
// a hang, and every string is valid UTF-8.
func FuzzReadSST(f *testing.F) {
	for _, s := range []string{
		`<sst xmlns="m"><si><t>甲</t></si><si/><si><r><t>乙</t></r><rPh><t>x</t></rPh></si></sst>`,
		`<x:sst xmlns:x="m"><x:si><x:t xml:space="preserve"> _x0041_ &amp;&#x9F99;</x:t></x:si></x:sst>`,
		`<sst><si></rPh><t>a</t></si>`,
		`<?xml version="1.0" encoding="GBK"?><sst/>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: "xl/sharedStrings.xml", Method: zip.Store})
		_, _ = w.Write(data)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		withDeadline(t, data, func() {
			sst, _ := readSST(zr, 1<<20)
			for _, s := range sst {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 string %q", s)
				}
			}
		})
	})
}

// withDeadline fails the input when reading it takes longer than a clerk would wait, so the
// fuzzer saves a hanging input as a failure instead of stalling silently.
func withDeadline(t *testing.T, data []byte, read func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		read()
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("reading %d bytes took longer than 10 s", len(data))
	}
}

// smallXLSX is a workbook of a few cells of each kind, stored without compression so that
// mutations reach the XML.
func smallXLSX(f *testing.F) []byte {
	x := excelize.NewFile()
	defer x.Close()
	_ = x.SetCellValue("Sheet1", "A1", "乡镇（街道）")
	_ = x.SetCellValue("Sheet1", "B2", 1234.5)
	_ = x.SetCellFormula("Sheet1", "C2", "B2*2")
	_ = x.SetCellRichText("Sheet1", "A3", []excelize.RichTextRun{{Text: "富"}, {Text: "文本"}})
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		f.Fatal(err)
	}
	return rezip(f, buf.Bytes(), zip.Store, nil)
}
