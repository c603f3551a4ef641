package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shequ/models"
	"shequ/reports/internal/sample"
	"shequ/reports/model"
)

func writeReport(t *testing.T, r *model.Report) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteReport(&buf, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f, buf.Bytes()
}

// numFmt is the number format code of a cell's style.
func numFmt(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return fmt.Sprint(st.NumFmt)
}

// find returns the first cell of sheet whose text contains s.
func find(t *testing.T, f *excelize.File, sheet, s string) (string, int) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		for j, v := range row {
			if strings.Contains(v, s) {
				c, _ := excelize.CoordinatesToCellName(j+1, i+1)
				return c, i + 1
			}
		}
	}
	t.Fatalf("%s has no cell with %q", sheet, s)
	return "", 0
}

func TestReportWorkbookNumbersAndUnits(t *testing.T) {
	f, _ := writeReport(t, sample.City(40))
	sheet := "1 概况"
	// KPI figures are numbers with formats that show them as the PDF does.
	for label, want := range map[string]struct {
		v   string
		fmt string
	}{"村（社区）": {"3004", `#,##0 "个"`}, "预算金额": {"46650.16", `#,##0.00 "万元"`}, "达标率": {"0.857", "0.0%"}} {
		at, row := find(t, f, sheet, label)
		if at[0] != 'A' {
			continue
		}
		cell := fmt.Sprintf("B%d", row)
		raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		if raw != want.v || numFmt(t, f, sheet, cell) != want.fmt {
			t.Errorf("KPI %s: %q with format %q, want %q with %q", label, raw, numFmt(t, f, sheet, cell), want.v, want.fmt)
		}
	}
	// The table's amounts are yuan, and its caption, group header and note say so.
	cap, _ := find(t, f, sheet, "统计表")
	if v, _ := f.GetCellValue(sheet, cap); !strings.HasSuffix(v, "（单位：元）") {
		t.Errorf("caption %q", v)
	}
	note, _ := find(t, f, sheet, "注：")
	if v, _ := f.GetCellValue(sheet, note); v != "注：金额单位为元。" {
		t.Errorf("note %q", v)
	}
	group, _ := find(t, f, sheet, "经费（")
	if v, _ := f.GetCellValue(sheet, group); v != "经费（元）" {
		t.Errorf("group header %q", v)
	}
	// The 合计 row: amounts in yuan to the fen, the rate a number shown as a percent.
	_, total := find(t, f, sheet, "合计")
	if raw, _ := f.GetCellValue(sheet, fmt.Sprintf("C%d", total), excelize.Options{RawCellValue: true}); raw != "45000000" {
		t.Errorf("total budget %q", raw)
	}
	rate := fmt.Sprintf("E%d", total)
	if raw, _ := f.GetCellValue(sheet, rate, excelize.Options{RawCellValue: true}); !strings.HasPrefix(raw, "0.80") || numFmt(t, f, sheet, rate) != "0.0%" {
		t.Errorf("total rate %q with %q", raw, numFmt(t, f, sheet, rate))
	}
	if v, _ := f.GetCellValue(sheet, rate); v != "80.0%" {
		t.Errorf("total rate shows %q", v)
	}
}

func TestReportWorkbookPrintSetup(t *testing.T) {
	r := sample.City(40)
	long := &model.Table{Name: "长表", Caption: "表9 长表", Columns: []model.Column{{Header: "名称"}, {Header: "金额", Kind: model.Money}}}
	for i := range 45 {
		long.Rows = append(long.Rows, []any{fmt.Sprint("村", i), models.Fen(100 * i)})
	}
	r.Sections[1].Blocks = append(r.Sections[1].Blocks, long)
	short := &model.Table{Name: "短表", Columns: []model.Column{{Header: "名称"}}, Rows: [][]any{{"甲"}}}
	r.Sections[0].Blocks = append(r.Sections[0].Blocks, short)
	f, _ := writeReport(t, r)
	sheets := f.GetSheetList()
	want := []string{"1 概况", "2 领导机制", "长表", "3 社区标准化建设"}
	if strings.Join(sheets[:4], "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %v", sheets)
	}
	find(t, f, "2 领导机制", "见工作表“长表”")
	names := map[string]string{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" {
			names[d.Scope] = d.RefersTo
		}
	}
	// A sheet with several tables repeats none's header; a table's own sheet repeats its own.
	if _, ok := names["1 概况"]; ok {
		t.Errorf("概况 repeats a table's header on every page: %v", names)
	}
	if got := names["2 领导机制"]; got != "'2 领导机制'!$10:$11" {
		t.Errorf("领导机制 print titles %q", got)
	}
	if got := names["长表"]; got != "'长表'!$4:$4" {
		t.Errorf("长表 print titles %q", got)
	}
	if got := names["附表：各村（社区）主要指标"]; got != "'附表：各村（社区）主要指标'!$3:$3" {
		t.Errorf("appendix print titles %q (%v)", got, names)
	}
	for _, s := range []string{"1 概况", "长表"} {
		hf, err := f.GetHeaderFooter(s)
		if err != nil || hf.OddFooter != "&C— &P —" || !strings.Contains(hf.OddHeader, r.Title) {
			t.Errorf("%s header/footer %+v %v", s, hf, err)
		}
	}
	if v, _ := f.GetSheetVisible(chartSheet); v {
		t.Error("the chart data sheet is visible")
	}
}

// The charts: values in 万元 (not yuan), the value axis from 0 with the unit as its title, one
// colour per series.
func TestReportWorkbookCharts(t *testing.T) {
	_, b := writeReport(t, sample.City(40))
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		n++
		rc, _ := zf.Open()
		x, _ := io.ReadAll(rc)
		rc.Close()
		xml := string(x)
		for _, want := range []string{`<varyColors val="0">`, `<min val="0">`, "单位：万元", "图表数据", "C0392B"} {
			if !strings.Contains(xml, want) {
				t.Errorf("%s lacks %s", zf.Name, want)
			}
		}
	}
	if n != len(sample.Chapters) {
		t.Fatalf("%d charts", n)
	}
	f, _ := writeReport(t, sample.City(40))
	rows, _ := f.GetRows(chartSheet)
	if len(rows) < 10 || rows[0][1] != "预算金额" || rows[1][0] != "阆中市" || rows[1][1] != "900" {
		t.Fatalf("chart data %v", rows[:3])
	}
}

func TestKPINumber(t *testing.T) {
	for _, c := range []struct {
		in, fmt string
		v       float64
		ok      bool
	}{
		{"3,004 个", `#,##0 "个"`, 3004, true},
		{"46,650.16 万元", `#,##0.00 "万元"`, 46650.16, true},
		{"85.7%", "0.0%", 0.857, true},
		{"2,404", "#,##0", 2404, true},
		{"—", "", 0, false},
		{"3 / 9", "", 0, false},
	} {
		v, f, ok := kpiNumber(c.in)
		if ok != c.ok || f != c.fmt || ok && fmt.Sprintf("%.4f", v) != fmt.Sprintf("%.4f", c.v) {
			t.Errorf("%q: %v %q %v", c.in, v, f, ok)
		}
	}
}
