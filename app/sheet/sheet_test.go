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
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"shequ/models"
)

// corpusDir holds real and hostile spreadsheets gathered for tests (../shared/data/SOURCES.md).
// They are never copied into the repository.
const corpusDir = "../../../shared/data/xlsx-corpus"

// readEverything opens a file and walks every sheet, as an importer would.
func readEverything(path string) (sheets, rows int, err error) {
	wb, err := Open(path, DefaultLimits())
	if err != nil {
		return 0, 0, err
	}
	defer wb.Close()
	for i := range wb.Sheets() {
		if _, err := wb.Merges(i); err != nil {
			return 0, 0, err
		}
		if err := wb.Each(context.Background(), i, func(Row) error { rows++; return nil }); err != nil {
			return 0, 0, err
		}
	}
	return len(wb.Sheets()), rows, nil
}

func hasChinese(s string) bool {
	for _, c := range s {
		if c >= 0x4e00 && c <= 0x9fff {
			return true
		}
	}
	return false
}

// TestCorpus: every file of the shared corpus gives a result or a clear Chinese error, never a panic.
func TestCorpus(t *testing.T) {
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	want := map[string]string{ // files that must be refused, and a word the message must carry
		"excelize_encryptAES.xlsx":    "密码",
		"excelize_encryptSHA1.xlsx":   "密码",
		"excelize_encryptSHA512.xlsx": "密码",
	}
	mustRead := map[string]int{ // files that must open, with at least this many non-empty rows
		"tbx_department_budget_template.xlsx": 100,
		"tbx_unit_budget_template.xlsx":       100,
		"tbx_budget_template.xls":             100,
		"nbs_admin_2012.xls":                  20,
		"nbs_admin_2013.xls":                  20,
		"nbs_admin_2020.xls":                  20,
		"excelize_Book1.xlsx":                 1,
		"tealeg_inlineStrings.xlsx":           1,
		"tealeg_wpsBlankLineTest.xlsx":        1,
	}
	for _, e := range entries {
		t.Run(e.Name(), func(t *testing.T) {
			sheets, rows, err := readEverything(filepath.Join(corpusDir, e.Name()))
			t.Logf("%d sheets, %d rows, err=%v", sheets, rows, err)
			if err != nil {
				if !hasChinese(err.Error()) || !strings.Contains(err.Error(), e.Name()) {
					t.Errorf("error is not a Chinese sentence naming the file: %v", err)
				}
				if !errors.Is(err, models.ErrInvalid) {
					t.Errorf("error does not wrap ErrInvalid: %v", err)
				}
			}
			if w, ok := want[e.Name()]; ok && (err == nil || !strings.Contains(err.Error(), w)) {
				t.Errorf("want an error mentioning %q, got %v", w, err)
			}
			if n, ok := mustRead[e.Name()]; ok && (err != nil || rows < n) {
				t.Errorf("want at least %d rows, got %d (%v)", n, rows, err)
			}
		})
	}
}

// TestCorpusBudgetTemplateCells checks that the WPS .xls and .xlsx templates read as text a clerk recognises.
func TestCorpusBudgetTemplateCells(t *testing.T) {
	for _, name := range []string{"tbx_budget_template.xls", "tbx_unit_budget_template.xlsx", "nbs_admin_2012.xls"} {
		path := filepath.Join(corpusDir, name)
		if _, err := os.Stat(path); err != nil {
			t.Skip("corpus not available")
		}
		wb, err := Open(path, DefaultLimits())
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for i := range wb.Sheets() {
			_ = wb.Each(context.Background(), i, func(r Row) error {
				for _, c := range r.Cells {
					if !utf8.ValidString(c) {
						t.Errorf("%s: invalid UTF-8 in row %d", name, r.Num)
						return ErrStop
					}
					if strings.Contains(c, "预算") || strings.Contains(c, "行政区划") || strings.Contains(c, "地区") {
						found = true
					}
				}
				return nil
			})
		}
		wb.Close()
		if !found {
			t.Errorf("%s: no Chinese header text read", name)
		}
	}
}

func writeZip(t *testing.T, path string, parts map[string][]byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.xlsx")
	f := excelize.NewFile()
	_ = f.SetCellValue("Sheet1", "A1", "区划代码")
	if err := f.SaveAs(good); err != nil {
		t.Fatal(err)
	}
	goodBytes, _ := os.ReadFile(good)
	lim := DefaultLimits()

	cases := []struct {
		name  string
		setup func(path string)
		lim   func(l *Limits)
		want  string
	}{
		{"truncated.xlsx", func(p string) { _ = os.WriteFile(p, goodBytes[:len(goodBytes)/2], 0o644) }, nil, "损坏"},
		{"binary.xlsx", func(p string) { _ = os.WriteFile(p, bytes.Repeat([]byte{0x7f, 0x45, 0x4c, 0x46, 0}, 500), 0o644) }, nil, "不是 Excel"},
		{"binary.csv", func(p string) { _ = os.WriteFile(p, []byte("a,b\x00c\n"), 0o644) }, nil, "二进制"},
		{"empty.xlsx", func(p string) { _ = os.WriteFile(p, nil, 0o644) }, nil, "空的"},
		{"emptyzip.xlsx", func(p string) { writeZip(t, p, map[string][]byte{}) }, nil, "xlsx"},
		{"bomb.xlsx", func(p string) {
			writeZip(t, p, map[string][]byte{"xl/worksheets/sheet1.xml": bytes.Repeat([]byte("0"), 8<<20),
				"[Content_Types].xml": []byte("<Types/>")})
		}, func(l *Limits) { l.MaxUnzipBytes = 4 << 20; l.MaxXMLInMemory = 1 << 20 }, "压缩炸弹"},
		{"bigpart.xlsx", func(p string) {
			writeZip(t, p, map[string][]byte{"xl/styles.xml": bytes.Repeat([]byte(" "), 3<<20)})
		}, func(l *Limits) { l.MaxPartBytes = 1 << 20 }, "超过上限"},
		{"huge.csv", func(p string) { _ = os.WriteFile(p, bytes.Repeat([]byte("1,2\n"), 1000), 0o644) },
			func(l *Limits) { l.MaxFileBytes = 1000 }, "超过上限"},
		{"manyrows.csv", func(p string) { _ = os.WriteFile(p, bytes.Repeat([]byte("1,2\n"), 1000), 0o644) },
			func(l *Limits) { l.MaxRows = 100 }, "超过 100 行"},
		{"manysheets.xlsx", func(p string) {
			f := excelize.NewFile()
			for i := 2; i <= 300; i++ {
				_, _ = f.NewSheet(fmt.Sprintf("S%d", i))
			}
			_ = f.SaveAs(p)
		}, nil, "300 个工作表"},
		{"nosheets.xlsx", func(p string) {
			data, _ := os.ReadFile(filepath.Join(corpusDir, "excelize_BadWorkbook.xlsx"))
			if data == nil { // no corpus here: a real workbook whose sheet list is emptied
				var buf bytes.Buffer
				_ = excelize.NewFile().Write(&buf)
				zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
				parts := map[string][]byte{}
				for _, zf := range zr.File {
					rc, _ := zf.Open()
					parts[zf.Name], _ = io.ReadAll(rc)
					rc.Close()
				}
				parts["xl/workbook.xml"] = []byte(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>`)
				writeZip(t, p, parts)
				return
			}
			_ = os.WriteFile(p, data, 0o644)
		}, nil, "没有工作表"},
		{"missing.xlsx", func(string) {}, nil, "不存在"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(dir, c.name)
			c.setup(p)
			l := lim
			if c.lim != nil {
				c.lim(&l)
			}
			wb, err := Open(p, l)
			if err == nil {
				for i := range wb.Sheets() {
					if err = wb.Each(context.Background(), i, func(Row) error { return nil }); err != nil {
						break
					}
				}
				wb.Close()
			}
			if err == nil || !strings.Contains(err.Error(), c.want) || !hasChinese(err.Error()) {
				t.Errorf("want an error with %q, got %v", c.want, err)
			}
		})
	}
}

func TestCSVEncodings(t *testing.T) {
	text := "标题 2026年\r\n乡镇（街道）,\"村（社区）\",金额\r\n龙门镇,\"龙门村\",\"1,234.50\"\r\n\r\n\"多行\n备注\",x,1\n末行,y,2"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"utf8.csv":    []byte(text),
		"utf8bom.csv": append([]byte("\xEF\xBB\xBF"), text...),
		"gbk.csv":     []byte(gbk),
		"lf.csv":      []byte(strings.ReplaceAll(text, "\r\n", "\n")),
	} {
		wb, err := OpenBytes(name, data, DefaultLimits())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		rows, err := wb.ReadAll(context.Background(), 0)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, fmt.Sprintf("%d:%s", r.Num, strings.Join(r.Cells, "|")))
		}
		want := "1:标题 2026年 2:乡镇（街道）|村（社区）|金额 3:龙门镇|龙门村|1,234.50 5:多行\n备注|x|1 6:末行|y|2"
		if strings.Join(got, " ") != want {
			t.Errorf("%s:\n got %q\nwant %q", name, strings.Join(got, " "), want)
		}
		if wb.Format != CSV || wb.Sheets()[0] != strings.TrimSuffix(name, ".csv") {
			t.Errorf("%s: format %s sheets %v", name, wb.Format, wb.Sheets())
		}
	}
}

func TestCanonNumber(t *testing.T) {
	for in, want := range map[string]string{
		"1234.5600000000002":  "1234.56",
		"0.30000000000000004": "0.3",
		"1E-3":                "0.001",
		"12.345678":           "12.345678",
		"511302199001011234":  "511302199001011234",
		"abc":                 "abc",
		"1,234.5":             "1,234.5",
		"-5":                  "-5",
	} {
		if got := canonNumber(in); got != want {
			t.Errorf("canonNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestColumnLetter(t *testing.T) {
	for i, want := range map[int]string{0: "A", 25: "Z", 26: "AA", 27: "AB", 701: "ZZ", 702: "AAA"} {
		if got := ColumnLetter(i); got != want {
			t.Errorf("ColumnLetter(%d) = %s, want %s", i, got, want)
		}
	}
}

var budgetCols = []Column{
	{Key: "township", Names: []string{"乡镇(街道)", "乡镇", "街道"}},
	{Key: "village", Names: []string{"村(社区)", "村", "社区"}},
	{Key: "amount", Names: []string{"金额", "预算金额", "预算数"}},
	{Key: "note", Names: []string{"备注"}},
}

func TestFindHeader(t *testing.T) {
	need := func(m map[string]int) bool { _, a := m["amount"]; _, b := m["township"]; return a && b }
	row := func(n int, c ...string) Row { return Row{Num: n, Cells: c} }
	tests := []struct {
		name   string
		rows   []Row
		merges []Merge
		first  int
		cols   map[string]int
	}{
		{"one row, full-width and line breaks", []Row{row(1, "2026年预算表"), row(2, "单位：万元"),
			row(3, "序号", "乡镇\n（街道）", "村 （社区）", "金额（万元）", "备　注")}, nil, 3,
			map[string]int{"township": 1, "village": 2, "amount": 3, "note": 4}},
		{"two rows merged", []Row{row(1, "标题"), row(2, "乡镇（街道）", "村（社区）", "预算金额", "", "备注"),
			row(3, "", "", "合计", "其中：县级财政", "")},
			[]Merge{{2, 0, 3, 0}, {2, 1, 3, 1}, {2, 2, 2, 3}, {2, 4, 3, 4}}, 2,
			map[string]int{"township": 0, "village": 1, "amount": 2, "note": 4}},
		{"two rows, 其中 first", []Row{row(4, "乡镇", "村", "预算金额", "", ""),
			row(5, "", "", "其中：县级财政", "其中：上级补助", "合计")},
			[]Merge{{4, 2, 4, 4}}, 4, map[string]int{"township": 0, "village": 1, "amount": 4}},
		{"two rows without merge info", []Row{row(1, "乡镇", "村", "预算金额", ""),
			row(2, "", "", "合计", "其中：县级财政")}, nil, 1,
			map[string]int{"township": 0, "village": 1, "amount": 2}},
	}
	for _, tt := range tests {
		h, ok := FindHeader(tt.rows, func() []Merge { return tt.merges }, budgetCols, need)
		if !ok {
			t.Errorf("%s: no header", tt.name)
			continue
		}
		if h.FirstRow != tt.first || fmt.Sprint(h.Cols) != fmt.Sprint(tt.cols) {
			t.Errorf("%s: header at %d cols %v, want %d %v", tt.name, h.FirstRow, h.Cols, tt.first, tt.cols)
		}
	}
	if _, ok := FindHeader([]Row{row(1, "姓名", "身份证号")}, nil, budgetCols, need); ok {
		t.Error("header found in a sheet without the columns")
	}
}

func TestSplitUnit(t *testing.T) {
	for in, want := range map[string][2]string{
		"金额(万元)": {"金额", "万元"}, "预算数(单位:元)": {"预算数", "元"}, "金额": {"金额", ""}, "村(社区)": {"村", "社区"},
	} {
		b, u := SplitUnit(in)
		if b != want[0] || u != want[1] {
			t.Errorf("SplitUnit(%q) = %q %q", in, b, u)
		}
	}
}
