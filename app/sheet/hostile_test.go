package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"shequ/models"
)

// hostileRows reads sheet XML with streamRows and says how many rows it gave and the error. No
// test times it: a reader that hangs again shows as the test run's own timeout.
func hostileRows(t *testing.T, xml string, sst []string) (int, error) {
	t.Helper()
	rows := 0
	err := streamRows(context.Background(), strings.NewReader(xml), sst, func(Row) error { rows++; return nil })
	return rows, err
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
	rows, err := hostileRows(t, b.String(), nil)
	if rows != 1 || err != nil {
		t.Fatalf("%d rows, %v", rows, err)
	}
}

// A worksheet or shared-string table cut short (between rows, between items) is an error, not
// the rows before the cut passed off as the whole sheet.
func TestHostileTruncatedParts(t *testing.T) {
	full := `<worksheet><sheetData><row r="1"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row></sheetData></worksheet>`
	for _, cut := range []int{strings.Index(full, `<row r="2"`), strings.Index(full, `</sheetData>`)} {
		if rows, err := hostileRows(t, full[:cut], nil); err == nil {
			t.Errorf("cut at %d: %d rows, no error", cut, rows)
		}
	}
	for _, whole := range []string{full, `<worksheet/>`, `<worksheet><sheetData/></worksheet>`} {
		if _, err := hostileRows(t, whole, nil); err != nil {
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
	data := zipBytes(t, parts)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
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
	rows, err := hostileRows(t, xml, nil)
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
	if rows, err := hostileRows(t, b.String(), nil); !errors.Is(err, errXMLLimit) {
		t.Fatalf("%d rows, %v", rows, err)
	}
}

// minimalXLSX is a one-sheet workbook of the given worksheet and shared-string parts.
func minimalXLSX(t *testing.T, sheetXML, sstXML string) []byte {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml":        `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
		"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="收支" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   sheetXML,
	}
	if sstXML != "" {
		parts["xl/sharedStrings.xml"] = sstXML
	}
	return zipBytes(t, parts)
}

// hostileEach reads the one sheet of data through the Workbook, as an import does.
func hostileEach(t *testing.T, data []byte) ([]Row, error) {
	t.Helper()
	wb, err := OpenBytes("预算.xlsx", data, DefaultLimits())
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	var rows []Row
	err = wb.Each(context.Background(), 0, func(r Row) error { rows = append(rows, r); return nil })
	return rows, err
}

// A bad cell is a Chinese message naming the file, the sheet, the row, the cell and its value;
// a shared-string index outside the table is such a cell (excelize refuses it too), not an
// empty amount.
func TestHostileCellMessages(t *testing.T) {
	sst := `<sst><si><t>龙门镇</t></si></sst>`
	head := `<worksheet><sheetData><row r="2"><c r="A2" t="s"><v>0</v></c></row>`
	for _, c := range []struct{ name, rows, want string }{
		{"index past the table", `<row r="3"><c r="A3" t="s"><v>0</v></c><c r="C3" t="s"><v>7</v></c></row>`, "第 3 行单元格 C3（值“7”）"},
		{"negative index", `<row r="3"><c t="s"><v>-1</v></c></row>`, "第 3 行单元格 A3（值“-1”）"},
		{"column past the sheet", `<row r="3"><c r="XFE3"><v>1</v></c></row>`, "第 3 行单元格 XFE3"},
		{"rows going up", `<row r="1"><c><v>1</v></c></row>`, "第 2 行之后的行号“1”"},
		{"row zero", "", "第一行的行号“0”超出表格范围"},
		{"cell text too long", `<row r="3"><c r="B3"><v>` + strings.Repeat("9", maxTextBytes+1) + `</v></c></row>`, "第 3 行单元格 B3"},
	} {
		sheetXML := head + c.rows + `</sheetData></worksheet>`
		if c.rows == "" {
			sheetXML = `<worksheet><sheetData><row r="0"><c><v>1</v></c></row></sheetData></worksheet>`
		}
		_, err := hostileEach(t, minimalXLSX(t, sheetXML, sst))
		if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "文件“预算.xlsx”的工作表“收支”无法读取：") ||
			!strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// Tags out of order are an error, as encoding/xml gives them to excelize: a cell left open
// across </row> took the next row's value into this row.
func TestHostileMisnested(t *testing.T) {
	for name, xml := range map[string]string{
		"cell open across </row>":   `<row r="1"><c><v>1</v></row><row r="2"><c><v>2</v></c></row>`,
		"row open across a row":     `<row r="1"><c><v>1</v></c><row r="2"><c><v>2</v></c></row>`,
		"cell open across a cell":   `<row r="1"><c><v>1</v><c r="B1"><v>2</v></c></row>`,
		"row open across sheetData": `<row r="1"><c><v>1</v></c>`,
	} {
		rows, err := hostileRows(t, `<worksheet><sheetData>`+xml+`</sheetData></worksheet>`, nil)
		if !errors.Is(err, errXMLSyntax) {
			t.Errorf("%s: %d rows, %v", name, rows, err)
		}
	}
}

// A worksheet in UTF-16 (Excel and WPS write UTF-8) is an error, not an empty sheet: its root
// read as an unknown kind of sheet and excelize then gave no rows.
func TestHostileUTF16Sheet(t *testing.T) {
	xml := `<worksheet><sheetData><row r="1"><c><v>1</v></c></row></sheetData></worksheet>`
	b := []byte{0xFF, 0xFE}
	for _, r := range xml {
		b = append(b, byte(r), 0)
	}
	rows, err := hostileEach(t, minimalXLSX(t, string(b), ""))
	if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "表格开头") {
		t.Fatalf("%v, %v", rows, err)
	}
}

// A shared-string item too long, or a table cut short, is named in the message: which item of
// the shared strings, not just the sheet that uses them.
func TestHostileSharedStringMessage(t *testing.T) {
	ws := `<worksheet><sheetData><row r="1"><c t="s"><v>1</v></c></row></sheetData></worksheet>`
	long := strings.Repeat("<t>"+strings.Repeat("字", maxTextBytes/3-8)+"</t>", maxRowBytes/maxTextBytes+1)
	for sst, want := range map[string]string{
		`<sst><si><t>甲</t></si><si>` + long + `</si></sst>`: "共享文本第 2 项处内容超过上限",
		`<sst><si><t>甲</t></si><si><t>乙</t></si>`:           "共享文本第 3 项处内容格式错误或不完整",
	} {
		_, err := hostileEach(t, minimalXLSX(t, ws, sst))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%.40s…: %v", sst, err)
		}
	}
}

// A worksheet cut at any byte before its rows end is an error, never a panic, a hang or a
// shorter sheet; a whole .xlsx cut at any byte never panics or hangs.
func TestHostileCutEverywhere(t *testing.T) {
	data := generatedCells(t)
	var sheetXML []byte
	rezip(t, data, zip.Store, func(name string, b []byte) []byte {
		if name == "xl/worksheets/sheet1.xml" {
			sheetXML = b
		}
		return b
	})
	end := bytes.Index(sheetXML, []byte("</sheetData>"))
	for cut := 0; cut < end; cut++ {
		withDeadline(t, sheetXML[:cut], func() {
			rows, err := hostileRows(t, string(sheetXML[:cut]), []string{"a", "b", "c", "d", "e", "f"})
			if err == nil {
				t.Errorf("cut at %d of %d: %d rows, no error", cut, end, rows)
			}
		})
	}
	stored := rezip(t, data, zip.Store, nil)
	for cut := 0; cut < len(stored); cut += 7 {
		withDeadline(t, stored[:cut], func() { _, _ = hostileEach(t, stored[:cut]) })
	}
}

// More cells the streamed reader must give as excelize does: dates, formulas with cached
// values, shared formulas, merged cells, hidden rows, every cell type and numbers in exponent
// form; excelize writes the first sheet, the second is written by hand as other tools do.
func TestStreamedEdgeCasesMatchExcelize(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetCellValue("Sheet1", "A1", time.Date(2026, 3, 1, 8, 30, 0, 0, time.UTC)))
	must(f.SetCellValue("Sheet1", "B1", time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC)))
	must(f.SetCellValue("Sheet1", "C1", 12*time.Hour))
	must(f.SetCellValue("Sheet1", "A2", "合并"))
	must(f.MergeCell("Sheet1", "A2", "C3"))
	must(f.SetCellValue("Sheet1", "A4", "隐藏行"))
	must(f.SetRowVisible("Sheet1", 4, false))
	must(f.SetCellFormula("Sheet1", "B5", "A5*2"))
	must(f.SetCellValue("Sheet1", "A5", 1e21))
	must(f.SetCellValue("Sheet1", "C5", 1.5e-7))
	var buf bytes.Buffer
	must(f.Write(&buf))
	files := map[string][]byte{"excelize.xlsx": buf.Bytes()}

	ws := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
		`<row r="1" hidden="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*3</f><v>6</v></c></row>` +
		`<row r="2"><c r="B2"><f t="shared" si="0"/><v>0</v></c><c r="C2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c></row>` +
		`<row r="3"><c r="A3" t="b"><v>0</v></c><c r="B3" t="e"><f t="shared" si="0"/><v>#DIV/0!</v></c><c r="C3" t="d"><v>2026-03-01T00:00:00Z</v></c></row>` +
		`<row r="4"><c r="A4"><v>1.23E+5</v></c><c r="B4"><v>-4.5e-3</v></c><c r="C4" t="n"><v>0042</v></c><c r="D4" t="inlineStr"><is><t>内联</t></is></c><c r="E4" t="s"><v> 0 </v></c></row>` +
		`<row r="6" customHeight="1" ht="30"><c r="A6" s="3"/><c r="B6" t="s"><v>1</v></c></row>` +
		`</sheetData><mergeCells count="1"><mergeCell ref="A6:B6"/></mergeCells></worksheet>`
	files["byhand.xlsx"] = minimalXLSX(t, ws, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>甲</t></si><si><r><t>乙</t></r><r><rPr><b/></rPr><t>丙</t></r></si></sst>`)
	for name, data := range files {
		own, ref, ownErr, refErr := streamedAndExcelize(t, name, data)
		if len(own) == 0 {
			t.Fatalf("%s: no sheets read", name)
		}
		for sh := range own {
			if ownErr[sh] != nil || refErr[sh] != nil {
				t.Errorf("%s/%s: error %v, excelize %v", name, sh, ownErr[sh], refErr[sh])
			}
			if !reflect.DeepEqual(own[sh], ref[sh]) {
				t.Errorf("%s/%s: rows differ:\n%s", name, sh, firstDiff(own[sh], ref[sh]))
			}
		}
	}
}

// Sheets that all point at one part would have it unpacked and read once a sheet: 255 sheets of
// one 90 MB part (a 109 KB file) cost five minutes of CPU. Excel and WPS give each sheet its own
// part; such a workbook is refused with a message naming the sheets.
func TestHostileSheetsSharingAPart(t *testing.T) {
	var wb, rels strings.Builder
	for i := 1; i <= 3; i++ {
		fmt.Fprintf(&wb, `<sheet name="表%d" sheetId="%d" r:id="rId%d"/>`, i, i, i)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`, i)
	}
	ws := `<worksheet><sheetData><row r="1"><c><v>1</v></c></row></sheetData></worksheet>`
	data := withSheetList(t, ws, wb.String(), rels.String())
	_, err := OpenBytes("预算.xlsx", data, DefaultLimits())
	if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "“表2”与“表1”") {
		t.Fatalf("%v", err)
	}
}

// A phonetic guide closed that was never opened is an error, not every later run of the item
// taken for phonetic text and dropped.
func TestHostileUnopenedPhonetic(t *testing.T) {
	zr := zipOf(t, map[string]string{"xl/sharedStrings.xml": `<sst><si></rPh><t>龙门镇</t></si></sst>`})
	if got, err := readSST(zr, 1<<20); !errors.Is(err, errXMLSyntax) {
		t.Fatalf("%q, %v", got, err)
	}
}

// An importer keeps a few cells of each row (a name, an amount); a large cell beside them must
// not stay in memory with them. The row's cells shared one string: 64 rows of a kept name and
// a 1 MB note pinned 64 MB.
func TestHostileKeptCellDoesNotPinRow(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<worksheet><sheetData>`)
	note := strings.Repeat("注", maxTextBytes/3-8)
	for i := 1; i <= 64; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c t="inlineStr"><is><t>龙门村</t></is></c><c t="str"><v>%s</v></c></row>`, i, note)
	}
	b.WriteString(`</sheetData></worksheet>`)
	xml := b.String()
	var kept []string
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	err := streamRows(context.Background(), strings.NewReader(xml), nil, func(r Row) error {
		kept = append(kept, r.Cells[0])
		return nil
	})
	runtime.GC()
	runtime.ReadMemStats(&after)
	if held := int64(after.HeapAlloc) - int64(before.HeapAlloc); err != nil || len(kept) != 64 || held > 8<<20 {
		t.Fatalf("%d rows, %v, %d MiB held", len(kept), err, held>>20)
	}
	runtime.KeepAlive(xml)
}

// A workbook listing hundreds of thousands of sheets is refused by their count before each is
// matched with its relationship and part (which took sheets × relationships string compares).
func TestHostileManySheetsListed(t *testing.T) {
	var wb, rels strings.Builder
	const n = 100_000
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&wb, `<sheet name="%d" r:id="r%d"/>`, i, i)
		fmt.Fprintf(&rels, `<Relationship Id="r%d" Type="w" Target="worksheets/s%d.xml"/>`, i, i)
	}
	data := withSheetList(t, `<worksheet/>`, wb.String(), rels.String())
	_, err := OpenBytes("预算.xlsx", data, DefaultLimits())
	if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "超过上限 255 个") {
		t.Fatalf("%v", err)
	}
}

// A sheet whose relationship points at no part of the file (a missing part, a path out of the
// package such as ../../etc/passwd) is a message saying so; nothing outside the zip is read.
func TestHostileSheetPartMissing(t *testing.T) {
	ws := `<worksheet><sheetData><row r="1"><c><v>1</v></c></row></sheetData></worksheet>`
	for _, target := range []string{"../../etc/passwd", "/etc/passwd", "worksheets/none.xml"} {
		data := rezip(t, minimalXLSX(t, ws, ""), zip.Deflate, func(name string, b []byte) []byte {
			if name == "xl/_rels/workbook.xml.rels" {
				return bytes.Replace(b, []byte(`worksheets/sheet1.xml`), []byte(target), 1)
			}
			return b
		})
		rows, err := hostileEach(t, data)
		if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "工作表“收支”的数据在文件中找不到") {
			t.Errorf("%s: %v, %v", target, rows, err)
		}
	}
}

// A sheet name that is not valid UTF-8 never reaches the importers (it would be stored with
// the batch and shown): encoding/xml refuses it, and so does the workbook reader.
func TestHostileSheetNameInvalidUTF8(t *testing.T) {
	data := rezip(t, minimalXLSX(t, `<worksheet/>`, ""), zip.Deflate, func(name string, b []byte) []byte {
		if name == "xl/workbook.xml" {
			return bytes.Replace(b, []byte(`name="收支"`), []byte("name=\"\xff收支\""), 1)
		}
		return b
	})
	wb, err := OpenBytes("预算.xlsx", data, DefaultLimits())
	if err != nil {
		return
	}
	defer wb.Close()
	for _, n := range wb.Sheets() {
		if !utf8.ValidString(n) {
			t.Fatalf("sheet name %q", n)
		}
	}
}

// The streamed path holds to the sizes the zip directory declares (and checkZipDirectory bounds):
// a sheet part that inflates past its declared size is an error after that many bytes, not a
// read of all it inflates to.
func TestHostileSheetInflatesPastDeclaredSize(t *testing.T) {
	ws := `<worksheet><sheetData>` + strings.Repeat(`<row><c><v>1</v></c></row>`, 400_000) + `</sheetData></worksheet>`
	data := minimalXLSX(t, ws, "")
	i := bytes.LastIndex(data, []byte("xl/worksheets/sheet1.xml")) // its central directory entry
	binary.LittleEndian.PutUint32(data[i-46+24:], 1000)            // the uncompressed size
	rows, err := hostileEach(t, data)
	if !errors.Is(err, models.ErrInvalid) || len(rows) > 100 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
}

// A zip holding two parts of one name (Excel never writes one) is refused: the streamed reader
// read the first copy and excelize the last, so a sheet's rows and its merged cells could come
// from different data.
func TestHostileDuplicatePartNames(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	src := minimalXLSX(t, `<worksheet><sheetData><row r="1"><c><v>1</v></c></row></sheetData></worksheet>`, "")
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if err := zw.Copy(zf); err != nil {
			t.Fatal(err)
		}
	}
	w, _ := zw.Create("xl/worksheets/Sheet1.xml")
	_, _ = w.Write([]byte(`<worksheet><sheetData><row r="1"><c><v>999</v></c></row></sheetData></worksheet>`))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	rows, err := hostileEach(t, buf.Bytes())
	if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "重名") {
		t.Fatalf("%v, %v", rows, err)
	}
}

// withSheetList is a minimal workbook whose one sheet part is ws and whose sheet list and
// relationships are replaced by sheets and rels.
func withSheetList(t *testing.T, ws, sheets, rels string) []byte {
	t.Helper()
	return rezip(t, minimalXLSX(t, ws, ""), zip.Deflate, func(name string, b []byte) []byte {
		switch name {
		case "xl/workbook.xml":
			return bytes.Replace(b, []byte(`<sheet name="收支" sheetId="1" r:id="rId1"/>`), []byte(sheets), 1)
		case "xl/_rels/workbook.xml.rels":
			return []byte(`<Relationships>` + rels + `</Relationships>`)
		}
		return b
	})
}
