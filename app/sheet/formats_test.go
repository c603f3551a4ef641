package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

func encodeUTF16(s string, bigEndian, bom bool) []byte {
	var out []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// TestUTF16Text: what Excel's "Unicode 文本" writes (UTF-16 LE with a BOM, tab-separated) and
// its BE and BOM-less relatives read like any CSV; a comma-separated UTF-16 file too.
func TestUTF16Text(t *testing.T) {
	tabbed := "蓬安县2026年预算\t\t\r\n乡镇（街道）\t村（社区）\t金额（元）\r\n巨龙镇\t龙云社区\t\"1,234.50\"\r\n\r\n巨龙镇\t\"多行\n备注\"\t2\r\n"
	want := "1:蓬安县2026年预算|| 2:乡镇（街道）|村（社区）|金额（元） 3:巨龙镇|龙云社区|1,234.50 5:巨龙镇|多行\n备注|2"
	comma := strings.ReplaceAll(tabbed, "\t", ",")
	for _, c := range []struct {
		name    string
		text    string
		be, bom bool
	}{
		{"le-bom.txt", tabbed, false, true}, {"le.csv", tabbed, false, false},
		{"be-bom.csv", tabbed, true, true}, {"be.csv", tabbed, true, false},
		{"le-comma.csv", comma, false, true}, {"be-comma.csv", comma, true, false},
	} {
		wb, err := OpenBytes(c.name, encodeUTF16(c.text, c.be, c.bom), DefaultLimits())
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		rows, err := wb.ReadAll(context.Background(), 0)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, fmt.Sprintf("%d:%s", r.Num, strings.Join(r.Cells, "|")))
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s:\n got %q\nwant %q", c.name, strings.Join(got, " "), want)
		}
	}
	// UTF-8 tab-separated text reads the same way.
	wb, err := OpenBytes("tab.csv", []byte(tabbed), DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := wb.ReadAll(context.Background(), 0)
	if len(rows) != 4 || len(rows[1].Cells) != 3 {
		t.Errorf("utf-8 tabbed rows %v", rows)
	}
	// Real binary content is still refused.
	if _, err := OpenBytes("bin.csv", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0, 0, 0xff, 0xfe}, DefaultLimits()); err == nil || !strings.Contains(err.Error(), "二进制") {
		t.Errorf("binary: %v", err)
	}
}

func zipBytes(t *testing.T, parts map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWrongKindOfFile: a file that is not a spreadsheet says in Chinese what it really is,
// with no parser English, whatever its extension.
func TestWrongKindOfFile(t *testing.T) {
	docx := zipBytes(t, map[string]string{"[Content_Types].xml": "<Types/>", "_rels/.rels": "<Relationships/>",
		"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`,
		"xl/workbook.xml":   `<document/>`})
	pptx := zipBytes(t, map[string]string{"[Content_Types].xml": "<Types/>", "ppt/presentation.xml": "<p/>"})
	plainZip := zipBytes(t, map[string]string{"照片/1.jpg": "x", "说明.txt": "y"})
	ole := append(append([]byte{}, oleMagic...), make([]byte, 600)...)
	doc := append(append(append([]byte{}, ole...), utf16le("WordDocument")...), make([]byte, 100)...)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"预算.xlsx", docx, "Word 文档"},
		{"预算.csv", docx, "Word 文档"},
		{"预算.xlsx", pptx, "PowerPoint 演示文稿"},
		{"预算.xlsx", plainZip, "压缩包"},
		{"预算.xlsx", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), "PDF"},
		{"预算.csv", []byte("%PDF-1.4\n\x00\x01binary"), "PDF"},
		{"预算.xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "图片"},
		{"预算.xls", []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), "图片"},
		{"预算.xlsx", []byte("Rar!\x1a\x07\x00\xcf\x90"), "压缩包"},
		{"预算.xlsx", []byte("7z\xbc\xaf\x27\x1c\x00\x04"), "压缩包"},
		{"预算.xls", doc, "Word 97-2003 文档"},
		{"预算.xlsx", []byte("{\\rtf1\\ansi 预算}"), "RTF"},
	}
	for _, c := range cases {
		wb, err := OpenBytes(c.name, c.data, DefaultLimits())
		if err == nil {
			for i := range wb.Sheets() {
				if err = wb.Each(context.Background(), i, func(Row) error { return nil }); err != nil {
					break
				}
			}
		}
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.name) || hasLatinWords(err.Error()) {
			t.Errorf("%s as %s: want %q in a Chinese message, got %v", c.want, c.name, c.want, err)
		}
	}
}

// hasLatinWords finds parser English: a run of three or more ASCII letters that is not a
// file type or product name a clerk knows.
func hasLatinWords(s string) bool {
	known := map[string]bool{"xlsx": true, "xls": true, "csv": true, "Excel": true, "WPS": true, "Word": true, "PDF": true,
		"PowerPoint": true, "docx": true, "doc": true, "RTF": true, "UTF": true, "GBK": true, "txt": true, "pptx": true, "zip": true, "HTML": true, "OFD": true}
	word := ""
	for _, c := range s + " " {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			word += string(c)
			continue
		}
		if len(word) >= 3 && !known[word] {
			return true
		}
		word = ""
	}
	return false
}

// TestChartSheetIsNotData: a chart sheet is marked as such, so importers can pass over it.
func TestChartSheetIsNotData(t *testing.T) {
	path := filepath.Join(corpusDir, "tealeg_testchartsheet.xlsx")
	if _, err := os.Stat(path); err != nil {
		t.Skip("corpus not available")
	}
	wb, err := Open(path, DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	var chartErr error
	for i := range wb.Sheets() {
		if _, err := wb.Merges(i); err != nil {
			chartErr = err
		}
	}
	if !errors.Is(chartErr, ErrNotWorksheet) || !strings.Contains(chartErr.Error(), "图表") ||
		hasLatinWords(strings.NewReplacer("Chart1", "", "tealeg_testchartsheet", "").Replace(chartErr.Error())) {
		t.Errorf("chart sheet: %v", chartErr)
	}
}

// TestDamagedSheetMessage: a worksheet whose XML is broken names the sheet, in Chinese only.
func TestDamagedSheetMessage(t *testing.T) {
	f := excelize.NewFile()
	_ = f.SetCellValue("Sheet1", "A1", "区划代码")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	parts := map[string]string{}
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		var b bytes.Buffer
		_, _ = b.ReadFrom(rc)
		rc.Close()
		parts[zf.Name] = b.String()
	}
	sh := parts["xl/worksheets/sheet1.xml"]
	parts["xl/worksheets/sheet1.xml"] = sh[:strings.Index(sh, "<sheetData>")+len("<sheetData>")] + `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="n"><v>`
	wb, err := OpenBytes("坏表.xlsx", zipBytes(t, parts), DefaultLimits())
	if err == nil {
		if err = wb.Each(context.Background(), 0, func(Row) error { return nil }); err == nil {
			_, err = wb.Merges(0)
		}
	}
	if err == nil || !strings.Contains(err.Error(), "Sheet1") || hasLatinWords(strings.ReplaceAll(err.Error(), "Sheet1", "")) {
		t.Errorf("damaged sheet: %v", err)
	}
}

func TestClip(t *testing.T) {
	long := strings.Repeat("长", 32767)
	got := Clip(long)
	if !strings.HasPrefix(got, strings.Repeat("长", 40)+"…") || !strings.Contains(got, "共 32767 字") || len(got) > 200 {
		t.Errorf("Clip: %q", got)
	}
	if Clip("短文本") != "短文本" {
		t.Error("short text changed")
	}
	msg := "不是有效的数字（" + long + "）"
	if got := ClipQuoted(msg); len(got) > 300 || !strings.HasPrefix(got, "不是有效的数字（长长") || !strings.HasSuffix(got, "）") {
		t.Errorf("ClipQuoted: %q", got)
	}
}
