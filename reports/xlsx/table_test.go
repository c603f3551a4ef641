package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"shequ/models"
)

func TestWriteReadBack(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, Sheet{
		Name:  "经费",
		Title: "2026年度经费",
		Columns: []Column{
			{Header: "区划"},
			{Header: "合计", Group: "预算金额（元）", Kind: Money},
			{Header: "其中：县级财政", Group: "预算金额（元）", Kind: Money},
			{Header: "日期", Kind: Date},
			{Header: "条数", Kind: Int},
		},
		Rows: [][]any{
			{"=HYPERLINK(\"x\")", models.Fen(123456789), models.Fen(1), time.Date(2026, 1, 2, 0, 0, 0, 0, time.Local), 3},
			{"+86 138", models.Fen(1), nil, time.Time{}, 0},
		},
		Totals: []any{"合计", models.Fen(123456790), models.Fen(1), nil, 3},
	}, Sheet{Name: "第二页", Columns: []Column{{Header: "甲"}}, Rows: [][]any{{"乙"}}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "经费" {
		t.Fatalf("sheets %v", got)
	}
	get := func(c string) string { v, _ := f.GetCellValue("经费", c); return v }
	if get("A1") != "2026年度经费" || get("B2") != "预算金额（元）" || get("B3") != "合计" || get("A2") != "区划" {
		t.Fatalf("header: A1=%q A2=%q B2=%q B3=%q", get("A1"), get("A2"), get("B2"), get("B3"))
	}
	if get("A4") != `=HYPERLINK("x")` {
		t.Fatalf("A4 = %q", get("A4"))
	}
	if fo, _ := f.GetCellFormula("经费", "A4"); fo != "" {
		t.Fatalf("text became a formula: %q", fo)
	}
	raw, _ := f.GetCellValue("经费", "B4", excelize.Options{RawCellValue: true})
	if raw != "1234567.89" {
		t.Fatalf("B4 raw = %q", raw)
	}
	if get("B4") != "1,234,567.89" {
		t.Fatalf("B4 formatted = %q", get("B4"))
	}
	if get("A6") != "合计" || get("E6") != "3" {
		t.Fatalf("totals row: %q %q", get("A6"), get("E6"))
	}
	panes, _ := f.GetPanes("经费")
	if !panes.Freeze || panes.YSplit != 3 {
		t.Fatalf("panes %+v", panes)
	}
	merged, _ := f.GetMergeCells("经费")
	if len(merged) != 5 { // title, 区划, the group, 日期, 条数
		t.Fatalf("merged cells: %d", len(merged))
	}
}

func TestStyledCells(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, Sheet{
		Name:    "矩阵",
		Columns: []Column{{Header: "部门"}, {Header: "三（一）1"}, {Header: "件数", Kind: Int}},
		Rows: [][]any{
			{"民政部门", Styled{Value: "●", Fill: "F4CCCC", Center: true}, Styled{Value: 3, Fill: "D9EAD3"}},
			{"组织部门", Styled{Value: "○", Fill: "F4CCCC", Center: true}, 1},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	get := func(c string) string { v, _ := f.GetCellValue("矩阵", c); return v }
	if get("B2") != "●" || get("B3") != "○" || get("C2") != "3" {
		t.Fatalf("values: %q %q %q", get("B2"), get("B3"), get("C2"))
	}
	s1, _ := f.GetCellStyle("矩阵", "B2")
	s2, _ := f.GetCellStyle("矩阵", "B3")
	if s1 != s2 {
		t.Errorf("the same look made two styles: %d, %d", s1, s2)
	}
	st, err := f.GetStyle(s1)
	if err != nil || len(st.Fill.Color) != 1 || st.Fill.Color[0] != "F4CCCC" || st.Alignment.Horizontal != "center" {
		t.Fatalf("B2 style %+v, %v", st, err)
	}
	if st, _ := f.GetStyle(mustStyle(f, "C2")); st.NumFmt != 3 || st.Fill.Color[0] != "D9EAD3" {
		t.Errorf("C2 style: numfmt %d fill %v", st.NumFmt, st.Fill.Color)
	}
}

func mustStyle(f *excelize.File, cell string) int {
	id, _ := f.GetCellStyle("矩阵", cell)
	return id
}

// The autofilter and print setup survive streaming: read the sheet's XML back.
func TestFilterAndPrintSetupKept(t *testing.T) {
	var buf bytes.Buffer
	rows := [][]any{{"甲", 1}, {"乙", 2}}
	if err := Write(&buf, Sheet{Name: "表", Title: "标题", Columns: []Column{{Header: "名称"}, {Header: "数", Kind: Int}}, Rows: rows}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var sheet, book string
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		switch f.Name {
		case "xl/worksheets/sheet1.xml":
			sheet = string(b)
		case "xl/workbook.xml":
			book = string(b)
		}
	}
	for _, want := range []string{`<autoFilter ref="$A$2:$B$4"`, `orientation="landscape"`, `fitToWidth="1"`, `fitToPage`, `<oddFooter>&amp;C— &amp;P —</oddFooter>`} {
		if !strings.Contains(sheet, want) {
			t.Errorf("sheet XML lacks %s: %s", want, sheet[:min(700, len(sheet))])
		}
	}
	if !strings.Contains(book, "_xlnm.Print_Titles") || !strings.Contains(book, "$2:$2") {
		t.Errorf("workbook lacks the print titles: %s", book)
	}
}

func TestRowSourceStreamsLikeRows(t *testing.T) {
	cols := []Column{{Header: "名称"}, {Header: "金额", Kind: Money}}
	rows := [][]any{{"甲", models.Fen(101)}, {"=1+1", models.Fen(2)}, {"丙", nil}}
	var fixed, streamed bytes.Buffer
	if err := Write(&fixed, Sheet{Name: "表", Columns: cols, Rows: rows, Totals: []any{"合计", models.Fen(103)}}); err != nil {
		t.Fatal(err)
	}
	var sum models.Fen
	src := &RowSource{Count: len(rows),
		Each: func(emit func([]any) error) error {
			row := make([]any, 2) // reused: emit must copy it
			for _, r := range rows {
				copy(row, r)
				if v, ok := r[1].(models.Fen); ok {
					sum += v
				}
				if err := emit(row); err != nil {
					return err
				}
			}
			return nil
		},
		Totals: func() []any { return []any{"合计", sum} }}
	if err := Write(&streamed, Sheet{Name: "表", Columns: cols, Source: src}); err != nil {
		t.Fatal(err)
	}
	read := func(b *bytes.Buffer) ([][]string, string) {
		f, err := excelize.OpenReader(b)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		got, _ := f.GetRows("表")
		raw, _ := f.GetCellValue("表", "B5", excelize.Options{RawCellValue: true})
		return got, raw
	}
	filter := func(b []byte) string {
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.Name == "xl/worksheets/sheet1.xml" {
				rc, _ := f.Open()
				x, _ := io.ReadAll(rc)
				rc.Close()
				if i := bytes.Index(x, []byte("<autoFilter")); i >= 0 {
					return string(x[i : i+bytes.IndexByte(x[i:], '>')])
				}
			}
		}
		return ""
	}
	if fa, fb := filter(fixed.Bytes()), filter(streamed.Bytes()); fa == "" || fa != fb {
		t.Errorf("autofilter %q, streamed %q", fa, fb)
	}
	a, rawA := read(&fixed)
	b, rawB := read(&streamed)
	if fmt.Sprint(a) != fmt.Sprint(b) || rawA != "1.03" || rawB != "1.03" {
		t.Errorf("rows\n%v\nstreamed\n%v (合计 %s, %s)", a, b, rawA, rawB)
	}
	// A source that gives another number of rows than it said is an error, not a workbook with
	// its filter on the wrong rows.
	src.Count = 2
	sum = 0
	err := Write(io.Discard, Sheet{Name: "表", Columns: cols, Source: src})
	if !errors.Is(err, ErrRowsChanged) || !strings.Contains(err.Error(), "应有 2 行，实际 3 行") {
		t.Errorf("count mismatch: %v", err)
	}
}

// A rate in the 合计 row is a number shown with the percent format, as in the rows above.
func TestTotalsRateIsPercent(t *testing.T) {
	var buf bytes.Buffer
	err := Write(&buf, Sheet{Name: "表", Columns: []Column{{Header: "名称", Kind: Text}, {Header: "执行率", Kind: Percent}},
		Rows: [][]any{{"甲", 0.5}}, Totals: []any{"合计", 0.0824623}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("表")
	last := rows[len(rows)-1]
	if last[1] != "8.2%" {
		t.Errorf("totals rate shows %q", last[1])
	}
}
