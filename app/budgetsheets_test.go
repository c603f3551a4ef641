package app

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"shequ/app/budget"
	"shequ/app/checklist"
	"shequ/app/registry"
	"shequ/app/sheet"
	"shequ/assets"
	"shequ/models"
)

// realDivision is a township with some of its villages, from the shipped division list.
type realDivision struct {
	code, name string
	villages   [][2]string // code, name
}

// townshipsOf reads the first n townships of a county, each with up to v villages, from assets.DivisionsCSV.
func townshipsOf(t testing.TB, county string, n, v int) []realDivision {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(assets.DivisionsCSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var towns []realDivision
	at := map[string]int{}
	for _, r := range recs[1:] {
		code, name, level, parent := r[0], r[1], r[2], r[3]
		switch {
		case level == "township" && parent == county && len(towns) < n:
			at[code] = len(towns)
			towns = append(towns, realDivision{code: code, name: name})
		case level == "village":
			if i, ok := at[parent]; ok && len(towns[i].villages) < v {
				towns[i].villages = append(towns[i].villages, [2]string{code, name})
			}
		}
	}
	if len(towns) < n {
		t.Fatalf("county %s has %d townships", county, len(towns))
	}
	return towns
}

// amountForms are the ways clerks type one amount in a 元 column, with its value in fen.
var amountForms = []struct {
	cell any
	fen  models.Fen
}{
	{"245,847.31元", 24584731},
	{12000.5, 1200050},
	{"1.5万元", 1500000},
	{"2万", 20000 * 100},
	{"３，２００．０５", 320005},
	{"0.012345万元", 12345},
	{" 88 元 ", 8800},
}

// perTownshipWorkbook is the shape county offices send: a 说明 sheet, then one sheet per township
// named after it, with 村（社区）/经费类别/项目名称/金额（元）, amounts typed with their units, and
// a closing 小计 row; no township column. It returns the file and the total in fen.
func perTownshipWorkbook(t *testing.T, towns []realDivision, damage func(i int, sh *testSheet)) (string, models.Fen, []models.Fen) {
	t.Helper()
	sheets := []testSheet{{name: "说明", rows: [][]any{{"顺庆区2026年村（社区）经费保障预算填报说明"}, {"每个乡镇（街道）一张表，金额单位：元"}, {"村（社区）填写全称或简称"}}}}
	cats := []string{"工作经费", "人员报酬", "服务设施", "信息化建设"}
	var total models.Fen
	var perSheet []models.Fen
	k := 0
	for i, town := range towns {
		sh := testSheet{name: town.name, rows: [][]any{{town.name + "2026年村（社区）经费保障预算表"}, {"填报日期：2026年1月5日"},
			{"村（社区）", "经费类别", "项目名称", "金额（元）"}}}
		var sum models.Fen
		for j, v := range town.villages {
			f := amountForms[k%len(amountForms)]
			k++
			name := v[1]
			if j%2 == 1 {
				name = models.ShortName(name)
			}
			sh.rows = append(sh.rows, []any{name, cats[(i+j)%len(cats)], fmt.Sprintf("项目%d", j+1), f.cell})
			sum += f.fen
		}
		sh.rows = append(sh.rows, []any{"小计", "", "", sum.Yuan()})
		if damage != nil {
			damage(i, &sh)
		}
		sheets = append(sheets, sh)
		total += sum
		perSheet = append(perSheet, sum)
	}
	return writeWorkbook(t, "顺庆区2026年预算.xlsx", sheets...), total, perSheet
}

// TestImportSheetPerTownship: every township's sheet is imported, to the fen, each listed with its
// line count and total, the township taken from the sheet's name.
func TestImportSheetPerTownship(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	towns := townshipsOf(t, shunqing, 6, 8)
	path, total, perSheet := perTownshipWorkbook(t, towns, nil)

	res, err := a.Budget.Import(ctx, path, budget.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK {
		t.Fatalf("preview refused:\n%s", issues(res.Errors))
	}
	if len(res.Sheets) != len(towns) {
		t.Fatalf("preview lists %d sheets, want %d: %+v", len(res.Sheets), len(towns), res.Sheets)
	}
	for i, sh := range res.Sheets {
		if sh.Name != towns[i].name || sh.Township != towns[i].name || sh.Rows != len(towns[i].villages) || sh.Total != perSheet[i] {
			t.Errorf("sheet %d: %+v, want %s %d lines %d fen", i, sh, towns[i].name, len(towns[i].villages), perSheet[i])
		}
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %s", issues(res.Warnings))
	}
	for _, l := range res.Lines {
		if !strings.HasPrefix(l.DivisionCode, townCode(towns, l.Sheet)[:9]) {
			t.Errorf("line of sheet %s row %d went to %s %s", l.Sheet, l.Row, l.DivisionCode, l.DivisionName)
		}
	}

	res, err = a.Budget.Import(ctx, path, budget.ImportOptions{})
	if err != nil || !res.OK {
		t.Fatalf("import: %v %s", err, issues(res.Errors))
	}
	lines := 0
	for _, town := range towns {
		lines += len(town.villages)
	}
	if res.County != shunqing || res.Year != 2026 || res.Total != total || res.Rows != lines {
		t.Errorf("result county %s year %d rows %d total %d, want %d", res.County, res.Year, res.Rows, res.Total, total)
	}
	s, err := a.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Budget.Lines != int64(lines) || s.Budget.TotalFen != int64(total) {
		t.Errorf("stored %d lines, %d fen; want %d, %d", s.Budget.Lines, s.Budget.TotalFen, lines, total)
	}

	// --sheet limits the import to the sheets chosen.
	b := openSeeded(t)
	res, err = b.Budget.Import(ctx, path, budget.ImportOptions{Sheets: []string{towns[1].name, towns[3].name}})
	if err != nil || !res.OK {
		t.Fatalf("import of two sheets: %v %s", err, issues(res.Errors))
	}
	if len(res.Sheets) != 2 || res.Total != perSheet[1]+perSheet[3] || res.Sheet != towns[1].name+"、"+towns[3].name {
		t.Errorf("two sheets: %+v total %d", res.Sheets, res.Total)
	}
	res, _ = b.Budget.Import(ctx, path, budget.ImportOptions{DryRun: true, Sheets: []string{"不存在的表"}})
	if res.OK || !strings.Contains(issues(res.Errors), "没有名为“不存在的表”的工作表") {
		t.Errorf("unknown sheet: %s", issues(res.Errors))
	}
}

// TestImportTownshipFromNumberedNameOrTitle: "01 中城街道" is 中城街道; a sheet named "表3" is
// about the township its title names.
func TestImportTownshipFromNumberedNameOrTitle(t *testing.T) {
	a := openSeeded(t)
	towns := townshipsOf(t, shunqing, 3, 4)
	path, total, _ := perTownshipWorkbook(t, towns, func(i int, sh *testSheet) {
		switch i {
		case 0:
			sh.name = "01 " + sh.name
		case 2:
			sh.name = "表3"
			sh.rows[0][0] = "顺庆区" + towns[2].name + "2026年村（社区）经费预算"
		}
	})
	res, err := a.Budget.Import(context.Background(), path, budget.ImportOptions{})
	if err != nil || !res.OK || res.Total != total {
		t.Fatalf("%v ok=%v total %d want %d\n%s", err, res.OK, res.Total, total, issues(res.Errors))
	}
	if res.Sheets[0].Township != towns[0].name || res.Sheets[2].Township != towns[2].name {
		t.Errorf("townships %+v", res.Sheets)
	}
}

// TestImportSummarySheetNotCounted: a 汇总 sheet beside the townships' sheets repeats their
// amounts; it is listed and left out with a warning, never added to them.
func TestImportSummarySheetNotCounted(t *testing.T) {
	a := openSeeded(t)
	towns := townshipsOf(t, shunqing, 2, 3)
	path, total, perSheet := perTownshipWorkbook(t, towns, func(i int, sh *testSheet) {
		if i == 0 {
			sh.name = "汇总表"
			sh.rows = [][]any{{"顺庆区2026年经费预算汇总表"}, {"乡镇（街道）", "经费类别", "金额（元）"}, {towns[1].name, "工作经费", "100000"}}
		}
	})
	_ = total
	res, err := a.Budget.Import(context.Background(), path, budget.ImportOptions{})
	if err != nil || !res.OK || res.Total != perSheet[1] || len(res.Sheets) != 2 || !res.Sheets[0].Summary {
		t.Fatalf("%v ok=%v total %d want %d sheets %+v\n%s", err, res.OK, res.Total, perSheet[1], res.Sheets, issues(res.Errors))
	}
	if !strings.Contains(issues(res.Warnings), "工作表“汇总表”：是汇总表，没有导入") {
		t.Errorf("warnings: %s", issues(res.Warnings))
	}
}

// TestImportTownshipSubtotalChecked: a township sheet's closing 小计 that differs from its lines
// is a warning naming the sheet and row.
func TestImportTownshipSubtotalChecked(t *testing.T) {
	a := openSeeded(t)
	towns := townshipsOf(t, shunqing, 2, 3)
	path, _, _ := perTownshipWorkbook(t, towns, func(i int, sh *testSheet) {
		if i == 1 {
			sh.rows[len(sh.rows)-1][3] = "1.00"
		}
	})
	res, err := a.Budget.Import(context.Background(), path, budget.ImportOptions{DryRun: true})
	w := issues(res.Warnings)
	if err != nil || !res.OK || !strings.Contains(w, "工作表“"+towns[1].name+"”第 7 行 D 列（1.00）：表中小计为 1.00 元") {
		t.Errorf("%v ok=%v warnings:\n%s", err, res.OK, w)
	}
}

func townCode(towns []realDivision, name string) string {
	for _, t := range towns {
		if t.name == name {
			return t.code
		}
	}
	return "xxxxxxxxxxxx"
}

// TestImportSheetPerTownshipRefusals: one damaged township sheet refuses the whole workbook and
// names that sheet; nothing is written.
func TestImportSheetPerTownshipRefusals(t *testing.T) {
	ctx := context.Background()
	towns := townshipsOf(t, shunqing, 6, 5)
	others := townshipsOf(t, "511321000000", 1, 1) // 南部县
	tests := []struct {
		name   string
		damage func(i int, sh *testSheet)
		want   []string
	}{
		{"header lost its amount column", func(i int, sh *testSheet) {
			if i == 2 {
				sh.rows[2][3] = "钱"
			}
		}, []string{"工作表“" + towns[2].name + "”", "第 3 行像是预算表头，但没有“金额”列，无法读取这张表"}},
		{"header gone", func(i int, sh *testSheet) {
			if i == 4 {
				sh.rows = sh.rows[3:]
			}
		}, []string{"工作表“" + towns[4].name + "”", "以乡镇（街道）命名，但没有找到预算表头"}},
		{"amounts unreadable", func(i int, sh *testSheet) {
			if i == 1 {
				sh.rows[4][3] = "见附件"
			}
		}, []string{"工作表“" + towns[1].name + "”第 5 行 D 列（见附件）：不是有效的数字"}},
		{"a township of another county", func(i int, sh *testSheet) {
			if i == 3 {
				sh.name = others[0].name
			}
		}, []string{"工作表“" + others[0].name + "”", "不是顺庆区的乡镇（街道）"}},
		{"a sheet naming no township", func(i int, sh *testSheet) {
			if i == 5 {
				sh.name, sh.rows[0][0] = "Sheet7", "2026年预算"
			}
		}, []string{"工作表“Sheet7”：没有“乡镇（街道）”或“区划代码”列"}},
		{"unit contradicts the column", func(i int, sh *testSheet) {
			if i == 0 {
				sh.rows[2][3] = "金额（万元）"
				sh.rows[3][3] = "245,847.31元"
			}
		}, []string{"第 4 行 D 列（245,847.31元）：这一列的单位是万元"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := openSeeded(t)
			path, _, _ := perTownshipWorkbook(t, towns, tt.damage)
			for _, dry := range []bool{true, false} {
				res, err := a.Budget.Import(ctx, path, budget.ImportOptions{DryRun: dry})
				if err != nil {
					t.Fatal(err)
				}
				got := issues(res.Errors)
				if res.OK || res.Batch != 0 {
					t.Fatalf("accepted (dry %v): %+v", dry, res.Sheets)
				}
				for _, w := range tt.want {
					if !strings.Contains(got, w) {
						t.Errorf("dry %v: want %q in:\n%s", dry, w, got)
					}
				}
				if len(res.Sheets) != len(towns) {
					t.Errorf("dry %v: %d sheets listed, want every one of %d: %+v", dry, len(res.Sheets), len(towns), res.Sheets)
				}
			}
			if s, _ := a.Summary(ctx); s.Budget.Lines != 0 {
				t.Errorf("%d lines written", s.Budget.Lines)
			}
		})
	}
}

// TestAmountUnits: a trailing 元 is read, 万元/万 only when the cell says so, exact to the fen.

// TestImportMessagesCutLongCells: a 32,767-character cell is quoted by its start and its length.
func TestImportMessagesCutLongCells(t *testing.T) {
	a := openSeeded(t)
	long := strings.Repeat("九", 32767)
	path := writeWorkbook(t, "长.xlsx", simpleSheet("蓬安县2026年预算", []any{"巨龙镇", "龙云社区", long, "", long, ""}))
	res, err := a.Budget.Import(context.Background(), path, budget.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	all := issues(res.Errors)
	if res.OK || len(all) > 2000 || !strings.Contains(all, "…（共 32767 字）") {
		t.Errorf("%d bytes of messages:\n%.600s", len(all), all)
	}
	// Any issue, however made, is cut when printed or written as JSON.
	raw := sheet.Issue{Sheet: "s", Row: 3, Column: "E", Value: long, Message: "不是已知的经费类别（" + long + "）"}
	data, err := json.Marshal(raw)
	if err != nil || len(data) > 1000 || len(raw.String()) > 1000 || !strings.Contains(string(data), "共 32767 字") {
		t.Errorf("JSON %d bytes, String %d bytes", len(data), len(raw.String()))
	}
	for _, l := range res.Lines {
		if len(l.AmountText) > 200 {
			t.Errorf("preview amount text %d bytes", len(l.AmountText))
		}
	}
}

// TestImportWrongKindOfFile: a Word document renamed .xlsx and friends are named for what they are.
func TestImportWrongKindOfFile(t *testing.T) {
	a := openSeeded(t)
	dir := t.TempDir()
	docx := filepath.Join(dir, "预算.xlsx")
	writeZipFile(t, docx, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>", "xl/workbook.xml": "<document/>"})
	pdf := filepath.Join(dir, "预算2.xlsx")
	if err := os.WriteFile(pdf, []byte("%PDF-1.7\n1 0 obj\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{docx: "其实是 Word 文档", pdf: "其实是 PDF 文档"} {
		res, err := a.Budget.Import(context.Background(), path, budget.ImportOptions{DryRun: true})
		if err != nil || res.OK || !strings.Contains(issues(res.Errors), want) || strings.Contains(issues(res.Errors), "expected") {
			t.Errorf("%s: %v %s", filepath.Base(path), err, issues(res.Errors))
		}
		rr, err := a.Registry.Import(context.Background(), registry.KindWorkers, path)
		if err != nil || rr.OK || !strings.Contains(issues(rr.Errors), want) {
			t.Errorf("registry %s: %v %s", filepath.Base(path), err, issues(rr.Errors))
		}
		ar, err := a.Checklist.ImportAssessments(context.Background(), path, checklist.AssessmentImportOptions{Year: 2026})
		if err != nil || ar.OK || !strings.Contains(issues(ar.Errors), want) {
			t.Errorf("assessments %s: %v %s", filepath.Base(path), err, issues(ar.Errors))
		}
	}
}

// TestImportUTF16Text: Excel's "Unicode 文本" (UTF-16, tab-separated) imports like any sheet.
func TestImportUTF16Text(t *testing.T) {
	text := "蓬安县2026年预算\t\t\t\r\n乡镇（街道）\t村（社区）\t经费类别\t金额（元）\r\n巨龙镇\t龙云社区\t工作经费\t\"1,234.56\"\r\n巨龙镇\t街道社区\t人员报酬\t100元\r\n"
	for _, c := range []struct {
		name    string
		be, bom bool
	}{{"le-bom.csv", false, true}, {"le.csv", false, false}, {"be-bom.csv", true, true}, {"be.csv", true, false}} {
		a := openSeeded(t)
		path := filepath.Join(t.TempDir(), c.name)
		if err := os.WriteFile(path, utf16Bytes(text, c.be, c.bom), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := a.Budget.Import(context.Background(), path, budget.ImportOptions{})
		if err != nil || !res.OK || res.Total != 133456 || res.Rows != 2 {
			t.Errorf("%s: %v ok=%v rows=%d total=%d %s", c.name, err, res.OK, res.Rows, res.Total, issues(res.Errors))
		}
	}
}

func writeZipFile(t *testing.T, path string, parts map[string]string) {
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
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func utf16Bytes(s string, bigEndian, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	var out []byte
	for _, u := range units {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}
