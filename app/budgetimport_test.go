package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"shequ/app/budget"
	"shequ/app/sheet"
	"shequ/app/store"
	"shequ/models"
)

const pengan = "511323000000" // 蓬安县: eight villages named 街道社区

// testSheet is one worksheet of a generated workbook.
type testSheet struct {
	name   string
	rows   [][]any
	merges [][2]string
}

func writeWorkbook(t testing.TB, name string, sheets ...testSheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(sh.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range sh.merges {
			if err := f.MergeCell(sh.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// simpleSheet is a one-row-header budget sheet under a title.
func simpleSheet(title string, lines ...[]any) testSheet {
	rows := [][]any{{title}, {"乡镇（街道）", "村（社区）", "经费类别", "项目名称", "金额（元）", "备注"}}
	return testSheet{name: "预算", rows: append(rows, lines...)}
}

func issues(list []sheet.Issue) string {
	var b []string
	for _, i := range list {
		b = append(b, i.String())
	}
	return strings.Join(b, "\n")
}

// TestImportRealisticSheet: an instructions sheet first, title, unit line, a two-row merged
// header, official and short names, codes, text and full-width amounts, subtotal, total and notes.
func TestImportRealisticSheet(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	data := testSheet{name: "预算表", rows: [][]any{
		{"蓬安县2026年村（社区）经费保障预算表"},
		{"单位：万元"},
		{"序号", "乡镇\n（街道）", "村（社区）", "区划代码", "经费类别", "项目名称", "预算金额", "", "备注"},
		{"", "", "", "", "", "", "合计", "其中：县级财政", ""},
		{1, "巨龙镇", "街道社区居民委员会", "", "工作经费", "办公经费", 2.5, 2, ""},
		{2, "巨龙镇", "龙云社区", "", "办公经费", "", "1,234.5", "", "别名"},
		{3, "", "", "511323102003", "人员报酬", "村干部报酬", "１２．３４５６７８", "", "全角数字"},
		{"", "巨龙镇", "小计", "", "", "", 1249.345678, "", ""},
		{},
		{4, "正源镇", "街道社区", "", "服务设施", "阵地维修", " 3 ", "", ""},
		{5, "周口街道办事处", "", "", "信息化建设", "乡镇本级", 0.01, "", "乡镇本级"},
		{"合计", "", "", "", "", "", 1252.355678, "", ""},
		{"注：本表金额以万元为单位。"},
		{"填表人：张三", "", "审核人：李四"},
	}, merges: [][2]string{{"A3", "A4"}, {"B3", "B4"}, {"C3", "C4"}, {"D3", "D4"}, {"E3", "E4"}, {"F3", "F4"}, {"G3", "H3"}, {"I3", "I4"}}}
	path := writeWorkbook(t, "预算.xlsx", testSheet{name: "填表说明", rows: [][]any{{"请按说明填写"}, {"金额单位：万元"}}}, data)

	res, err := a.Budget.Import(ctx, path, budget.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK {
		t.Fatalf("refused:\n%s", issues(res.Errors))
	}
	if res.Sheet != "预算表" || res.Year != 2026 || res.County != pengan || res.Rows != 5 || res.Unit != models.Wanyuan {
		t.Errorf("result %+v", res)
	}
	want := models.Fen(2500000 + 1234500000 + 12345678 + 3000000 + 10000)
	if res.Total != want {
		t.Errorf("total %d, want %d", res.Total, want)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %s", issues(res.Warnings))
	}
	wantCodes := []string{"511323102001", "511323102002", "511323102003", "511323103001", "511323001000"}
	for i, l := range res.Lines {
		if l.DivisionCode != wantCodes[i] {
			t.Errorf("line %d (row %d) → %s %s, want %s", i, l.Row, l.DivisionCode, l.DivisionName, wantCodes[i])
		}
	}
	if res.Lines[1].Category != "工作经费" {
		t.Errorf("alias 办公经费 gave %s", res.Lines[1].Category)
	}
	s, err := a.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Budget.Lines != 5 || s.Budget.TotalFen != int64(want) {
		t.Errorf("summary budget %+v", s.Budget)
	}
}

func TestImportRowRules(t *testing.T) {
	title := "蓬安县2026年预算"
	tests := []struct {
		name    string
		sheet   testSheet
		opt     budget.ImportOptions
		ok      bool
		total   models.Fen
		errs    []string // each must appear in some error
		warning string
	}{
		{"万元 header exact", testSheet{name: "s", rows: [][]any{{title}, {"乡镇", "村", "类别", "金额（万元）"},
			{"巨龙镇", "龙云社区", "工作经费", "12.345678"}}}, budget.ImportOptions{}, true, 12345678, nil, ""},
		{"finer than fen in 万元", testSheet{name: "s", rows: [][]any{{title}, {"乡镇", "村", "类别", "金额（万元）"},
			{"巨龙镇", "龙云社区", "工作经费", "12.3456789"}}}, budget.ImportOptions{}, false, 0, []string{"第 3 行 D 列（12.3456789）：金额精确到分以下"}, ""},
		{"finer than fen in 元", simpleSheet(title, []any{"巨龙镇", "龙云社区", "工作经费", "", "1.234", ""}),
			budget.ImportOptions{}, false, 0, []string{"E 列（1.234）：金额精确到分以下"}, ""},
		{"bad amounts, all reported", simpleSheet(title,
			[]any{"巨龙镇", "龙云社区", "工作经费", "", "壹万元", ""},
			[]any{"巨龙镇", "龙云社区", "工作经费", "", "#VALUE!", ""},
			[]any{"巨龙镇", "龙云社区", "工作经费", "", -5, ""},
			[]any{"巨龙镇", "龙云社区", "工作经费", "项目", "", ""},
			[]any{"巨龙镇", "龙云社区", "茶水费", "", 5, ""}),
			budget.ImportOptions{}, false, 0, []string{"第 3 行 E 列（壹万元）：不是有效的数字", "第 4 行 E 列（#VALUE!）", "第 5 行 E 列（-5）：金额不能为负数",
				"第 6 行 E 列：金额为空", "第 7 行 C 列（茶水费）：不是已知的经费类别"}, ""},
		{"total mismatch warns", simpleSheet(title, []any{"巨龙镇", "龙云社区", "工作经费", "", "1,234.50", ""},
			[]any{"合计", "", "", "", 2000, ""}), budget.ImportOptions{}, true, 123450, nil, "表中合计为 2,000.00 元，各行相加为 1,234.50 元"},
		{"ambiguous village", simpleSheet(title, []any{"", "街道社区", "工作经费", "", 1, ""}),
			budget.ImportOptions{}, false, 0, []string{"第 3 行 B 列（街道社区）：“街道社区”在蓬安县有 8 处：巨龙镇 街道社区居民委员会（511323102001）、正源镇"}, ""},
		{"township decides", simpleSheet(title, []any{"兴旺镇", "街道社区", "工作经费", "", 1, ""}),
			budget.ImportOptions{}, true, 100, nil, ""},
		{"unknown village", simpleSheet(title, []any{"巨龙镇", "不存在村", "工作经费", "", 1, ""}),
			budget.ImportOptions{}, false, 0, []string{"巨龙镇下没有村（社区）“不存在村”"}, ""},
		{"village of another county", simpleSheet(title, []any{"巨龙镇", "龙云社区", "工作经费", "", 1, ""},
			[]any{"巨龙镇", "龙云社区", "人员报酬", "", 1, ""},
			[]any{"", "平城街社区", "工作经费", "", 1, ""}),
			budget.ImportOptions{}, false, 0, []string{"蓬安县没有村（社区）“平城街社区”；在其他县有：顺庆区 中城街道 平城街社区居民委员会（511302001001）"}, ""},
		{"code of another county", testSheet{name: "s", rows: [][]any{{title}, {"区划代码", "类别", "金额"},
			{"511323102002", "工作经费", 1}, {"511302001001", "工作经费", 1}}}, budget.ImportOptions{County: pengan}, false, 0,
			[]string{"区划代码 511302001001（平城街社区居民委员会）属于顺庆区，不在蓬安县"}, ""},
		{"unknown county", simpleSheet(title, []any{"巨龙镇", "龙云社区", "工作经费", "", 1, ""}),
			budget.ImportOptions{County: "511399000000"}, false, 0, []string{"“511399000000”不是县（市、区）的区划代码"}, ""},
		{"missing year", simpleSheet("村级经费预算表", []any{"巨龙镇", "龙云社区", "工作经费", "", 1, ""}),
			budget.ImportOptions{}, false, 0, []string{"无法确定预算年度"}, ""},
		{"year from option", simpleSheet("村级经费预算表", []any{"巨龙镇", "龙云社区", "工作经费", "", 1, ""}),
			budget.ImportOptions{Year: 2027}, true, 100, nil, ""},
		{"no header", testSheet{name: "s", rows: [][]any{{"姓名", "电话"}, {"张三", "1"}}}, budget.ImportOptions{}, false, 0,
			[]string{"都没有找到预算表头"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := openSeeded(t)
			path := writeWorkbook(t, "b.xlsx", tt.sheet)
			res, err := a.Budget.Import(context.Background(), path, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.OK != tt.ok {
				t.Fatalf("ok=%v, want %v; errors:\n%s", res.OK, tt.ok, issues(res.Errors))
			}
			got := issues(res.Errors)
			for _, e := range tt.errs {
				if !strings.Contains(got, e) {
					t.Errorf("missing error %q in:\n%s", e, got)
				}
			}
			if len(tt.errs) > 0 && len(res.Errors) < len(tt.errs) {
				t.Errorf("want %d errors, got %d", len(tt.errs), len(res.Errors))
			}
			if tt.ok && res.Total != tt.total {
				t.Errorf("total %d, want %d", res.Total, tt.total)
			}
			if w := issues(res.Warnings); tt.warning != "" && !strings.Contains(w, tt.warning) || tt.warning == "" && w != "" {
				t.Errorf("warnings %q, want %q", w, tt.warning)
			}
			s, _ := a.Summary(context.Background())
			if !tt.ok && s.Budget.Lines != 0 {
				t.Errorf("refused import wrote %d lines", s.Budget.Lines)
			}
		})
	}
}

func TestImportDuplicateReplaceUndo(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	path := writeWorkbook(t, "b.xlsx", simpleSheet("蓬安县2026年预算",
		[]any{"巨龙镇", "龙云社区", "工作经费", "", 100, ""}, []any{"兴旺镇", "", "其他", "", 50, ""}))
	first, err := a.Budget.Import(ctx, path, budget.ImportOptions{})
	if err != nil || !first.OK || first.Batch == 0 {
		t.Fatalf("first import: %v %s", err, issues(first.Errors))
	}
	dry, _ := a.Budget.Import(ctx, path, budget.ImportOptions{DryRun: true})
	if dry.OK || !strings.Contains(issues(dry.Errors), "不能重复导入") {
		t.Fatalf("duplicate accepted: %+v", dry)
	}
	again, err := a.Budget.Import(ctx, path, budget.ImportOptions{Replace: true})
	if err != nil || !again.OK || len(again.Replaced) != 1 || again.Replaced[0] != first.Batch {
		t.Fatalf("replace: %v %+v", err, again)
	}
	other, _ := a.Budget.Import(ctx, path, budget.ImportOptions{Year: 2027})
	if !other.OK {
		t.Fatalf("same file for another year refused: %s", issues(other.Errors))
	}
	s, _ := a.Summary(ctx)
	if s.Budget.Lines != 4 || s.Budget.TotalFen != 30000 {
		t.Fatalf("after replace: %+v", s.Budget)
	}
	if err := a.Budget.UndoBatch(ctx, again.Batch); err != nil {
		t.Fatal(err)
	}
	if err := a.Budget.UndoBatch(ctx, again.Batch); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("second undo: %v", err)
	}
	s, _ = a.Summary(ctx)
	if s.Budget.Lines != 2 {
		t.Fatalf("after undo: %+v", s.Budget)
	}
	// Undone, the file may be imported again without --replace.
	if res, _ := a.Budget.Import(ctx, path, budget.ImportOptions{DryRun: true}); !res.OK {
		t.Fatalf("re-import after undo refused: %s", issues(res.Errors))
	}
	// A line with a disbursement keeps its batch from being undone.
	lines, _, err := a.Budget.Lines(ctx, budget.Filter{Year: 2027})
	if err != nil || len(lines) != 2 {
		t.Fatal(err, lines)
	}
	if _, err := a.Budget.AddDisbursement(ctx, lines[0].ID, "2027-03-01", "40", ""); err != nil {
		t.Fatal(err)
	}
	if err := a.Budget.UndoBatch(ctx, other.Batch); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("undo with disbursement: %v", err)
	}
	lines, tot, _ := a.Budget.Lines(ctx, budget.Filter{Year: 2027})
	if lines[0].Rate != "40.0%" || tot.Disbursed != 4000 {
		t.Errorf("execution %s %+v", lines[0].Rate, tot)
	}
	entries, _ := a.store.AuditEntries(ctx, auditFilterModule())
	imports := 0
	for _, e := range entries {
		if e.Module == "经费保障" && e.Action == "导入" {
			imports++
		}
	}
	if imports != 3 {
		t.Errorf("%d import audit entries, want one per batch (3)", imports)
	}
}

func TestImportGBKCSVAndCounty(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	text := "蓬安县2026年经费预算,,,\r\n单位：万元,,,\r\n\"乡镇（街道）\",村（社区）,经费类别,预算数\r\n巨龙镇,龙云社区居民委员会,工作经费,\"1,000.5\"\r\n"
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "预算.csv")
	if err := os.WriteFile(path, []byte(gbk), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := a.Budget.Import(ctx, path, budget.ImportOptions{DryRun: true})
	if err != nil || !res.OK {
		t.Fatalf("%v %s", err, issues(res.Errors))
	}
	if res.Total != 1000500000 || res.County != pengan || res.Batch != 0 {
		t.Errorf("%+v", res)
	}
	if s, _ := a.Summary(ctx); s.Budget.Lines != 0 {
		t.Error("dry run wrote lines")
	}
}

func TestImportHostileFile(t *testing.T) {
	a := openSeeded(t)
	path := filepath.Join(t.TempDir(), "坏.xlsx")
	if err := os.WriteFile(path, []byte("PK\x03\x04 definitely not a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := a.Budget.Import(context.Background(), path, budget.ImportOptions{})
	if err != nil || res.OK || !strings.Contains(issues(res.Errors), "已损坏") {
		t.Fatalf("%v %+v", err, res)
	}
}

func TestTemplateAndExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	dir := t.TempDir()
	tpl := filepath.Join(dir, "模板.xlsx")
	f, _ := os.Create(tpl)
	if err := a.Budget.Template(ctx, pengan, 2026, f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	x, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	dvs, _ := x.GetDataValidations("预算明细")
	codes, _ := x.GetRows("区划代码表")
	x.Close()
	if len(dvs) != 2 || !strings.Contains(dvs[0].Formula1, "工作经费") {
		t.Errorf("dropdowns %+v", dvs)
	}
	if len(codes) != 2+21+312 {
		t.Errorf("division sheet has %d rows, want title+header+21 townships+312 villages", len(codes))
	}
	// An empty template is refused with a clear message.
	if res, _ := a.Budget.Import(ctx, tpl, budget.ImportOptions{}); res.OK || !strings.Contains(issues(res.Errors), "没有预算明细") {
		t.Errorf("empty template: %s", issues(res.Errors))
	}
	// Fill it, import, export, and the export reads back to the same total.
	x, _ = excelize.OpenFile(tpl)
	_ = x.SetSheetRow("预算明细", "A3", &[]any{"511323102002", "", "", "工作经费", "办公", "1234.56", "上级补助"})
	_ = x.SetSheetRow("预算明细", "A4", &[]any{"", "巨龙镇", "街道社区", "人员报酬", "", 20000, ""})
	_ = x.Save()
	x.Close()
	res, err := a.Budget.Import(ctx, tpl, budget.ImportOptions{})
	if err != nil || !res.OK || res.Total != 2123456 {
		t.Fatalf("template import: %v %+v %s", err, res, issues(res.Errors))
	}
	if res.Lines[0].Source != "上级补助" || res.Lines[1].Source != "县级财政" {
		t.Errorf("sources %+v", res.Lines)
	}
	out := filepath.Join(dir, "导出.xlsx")
	f, _ = os.Create(out)
	n, err := a.Budget.Export(ctx, 2026, f)
	f.Close()
	if err != nil || n != 2 {
		t.Fatal(err, n)
	}
	back, err := a.Budget.Import(ctx, out, budget.ImportOptions{DryRun: true, County: pengan})
	if err != nil || !back.OK || back.Total != res.Total || len(back.Warnings) != 0 {
		t.Fatalf("export did not read back: %v %+v %s %s", err, back, issues(back.Errors), issues(back.Warnings))
	}
}

func TestContractsAndDisbursements(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	_, err := a.Budget.SaveContract(ctx, models.PurchaseContract{})
	var ve *models.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) < 5 {
		t.Fatalf("empty contract: %v", err)
	}
	c := models.PurchaseContract{Title: "社区养老服务", Provider: "蓬安县某社工服务中心", DivisionCodes: []string{"511323102002"},
		Amount: 5000000, StartOn: mustDate(t, "2026-01-01"), EndOn: mustDate(t, "2026-12-31"), EntrustedItem: "居家养老上门服务"}
	id, err := a.Budget.SaveContract(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []models.ContractStatus{"采购", "签约", "执行", "验收", "结项"} {
		got, err := a.Budget.AdvanceContract(ctx, id)
		if err != nil || got != want {
			t.Fatalf("advance → %s, %v; want %s", got, err, want)
		}
	}
	if _, err := a.Budget.AdvanceContract(ctx, id); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("advance past 结项: %v", err)
	}
	list, _ := a.Budget.Contracts(ctx)
	if len(list) != 1 || list[0].Status != models.ContractClosed || list[0].DivisionCodes[0] != "511323102002" {
		t.Errorf("contracts %+v", list)
	}
	if _, err := a.Budget.AddDisbursement(ctx, 999, "明天", "-1", ""); !errors.As(err, &ve) || len(ve.Fields) != 2 {
		t.Errorf("bad disbursement: %v", err)
	}
}

func mustDate(t *testing.T, s string) (d timeT) {
	t.Helper()
	d, err := models.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

type timeT = time.Time

func auditFilterModule() store.AuditFilter { return store.AuditFilter{Entity: "预算导入批次"} }
