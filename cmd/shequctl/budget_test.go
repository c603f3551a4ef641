package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shequ/app/store/pgtest"
)

func TestImportBudgetCLI(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.DBPath(t)
	if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatal(errOut)
	}
	tpl := filepath.Join(dir, "模板.xlsx")
	if code, _, errOut := runCLI(t, "--db", db, "export", "budget-template", "--county", "511323000000", "--year", "2026", "--out", tpl); code != 0 {
		t.Fatal(errOut)
	}
	f, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	_ = f.SetSheetRow("预算明细", "A3", &[]any{"", "巨龙镇", "龙云社区", "办公经费", "", "1,000.50"})
	_ = f.SetSheetRow("预算明细", "A4", &[]any{"", "", "街道社区", "工作经费", "", "壹万元"})
	bad := filepath.Join(dir, "bad.xlsx")
	if err := f.SaveAs(bad); err != nil {
		t.Fatal(err)
	}
	_ = f.SetSheetRow("预算明细", "A4", &[]any{"", "兴旺镇", "街道社区", "工作经费", "", 20})
	good := filepath.Join(dir, "good.xlsx")
	if err := f.SaveAs(good); err != nil {
		t.Fatal(err)
	}
	f.Close()

	var res map[string]any
	code, out, _ := runCLI(t, "--db", db, "import", "budget", bad, "--json")
	if code != 1 || json.Unmarshal([]byte(out), &res) != nil || res["ok"] != false || res["batch"] != nil {
		t.Fatalf("bad file: exit %d %s", code, out)
	}
	if errs := res["errors"].([]any); len(errs) != 2 {
		t.Fatalf("want 2 errors: %s", out)
	}
	e0 := res["errors"].([]any)[0].(map[string]any)
	if e0["row"].(float64) != 4 || e0["column"] != "C" || e0["sheet"] != "预算明细" {
		t.Errorf("first error %v", e0)
	}

	code, out, _ = runCLI(t, "--db", db, "import", "budget", "--dry-run", good, "--json")
	if code != 0 || !strings.Contains(out, `"ok":true`) || !strings.Contains(out, `"batch":null`) || !strings.Contains(out, `"errors":[]`) {
		t.Fatalf("dry run: %d %s", code, out)
	}
	code, out, errOut := runCLI(t, "--db", db, "import", "budget", good)
	if code != 0 || !strings.Contains(out, "已导入") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "--db", db, "import", "budget", good); code != 1 || !strings.Contains(errOut, "不能重复导入") {
		t.Fatalf("duplicate: %d %s", code, errOut)
	}
	code, out, _ = runCLI(t, "--db", db, "import", "budget", good, "--replace", "--json")
	if code != 0 || !strings.Contains(out, `"rows":2,"total_fen":102050`) {
		t.Fatalf("replace: %d %s", code, out)
	}
	_, out, _ = runCLI(t, "--db", db, "summary", "--json")
	if !strings.Contains(out, `"budget":{"lines":2,"total_fen":102050}`) {
		t.Errorf("summary: %s", out)
	}
	exp := filepath.Join(dir, "导出.xlsx")
	if code, out, errOut := runCLI(t, "--db", db, "export", "budget", "--year", "2026", "--out", exp); code != 0 || !strings.Contains(out, "2 条") {
		t.Fatalf("export: %d %s %s", code, out, errOut)
	}
	if _, err := os.Stat(exp); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"import", "budget"}, {"import", "budget", "a.xlsx", "b.xlsx"}, {"export", "budget"}, {"import", "budget", "--bogus", "x"}} {
		if code, _, _ := runCLI(t, append([]string{"--db", db}, args...)...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// TestImportBudgetSheetsCLI: a workbook with one sheet per township imports every sheet and says
// so per sheet; --sheet (repeated or comma-separated) limits the import to the sheets named.
func TestImportBudgetSheetsCLI(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.DBPath(t)
	if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatal(errOut)
	}
	f := excelize.NewFile()
	_ = f.SetSheetName("Sheet1", "说明")
	_ = f.SetCellValue("说明", "A1", "每个乡镇一张表")
	sheets := map[string][][]any{
		"中城街道": {{"中城街道2026年村（社区）经费预算"}, {"村（社区）", "经费类别", "项目名称", "金额（元）"},
			{"平城街社区", "工作经费", "办公", "1,000.50元"}, {"小计", "", "", "1000.50"}},
		"北城街道": {{"北城街道2026年村（社区）经费预算"}, {"村（社区）", "经费类别", "项目名称", "金额（元）"},
			{"长征路社区", "工作经费", "办公", "2万元"}, {"小计", "", "", "20000"}},
		"西城街道": {{"西城街道2026年村（社区）经费预算"}, {"村（社区）", "经费类别", "项目名称", "金额（元）"},
			{"小西街社区", "人员报酬", "补贴", 300}, {"小计", "", "", 300}},
	}
	for _, name := range []string{"中城街道", "北城街道", "西城街道"} {
		_, _ = f.NewSheet(name)
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			_ = f.SetSheetRow(name, cell, &row)
		}
	}
	book := filepath.Join(dir, "顺庆区.xlsx")
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	f.Close()

	code, out, errOut := runCLI(t, "--db", db, "import", "budget", book, "--dry-run")
	if code != 0 || !strings.Contains(out, "工作表“中城街道”：1 条，合计 1,000.50 元") ||
		!strings.Contains(out, "工作表“西城街道”：1 条，合计 300.00 元") || !strings.Contains(out, "3 条，合计 21,300.50 元") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "--db", db, "import", "budget", book, "--sheet", "中城街道,西城街道", "--json")
	if code != 0 || !strings.Contains(out, `"total_fen":130050`) ||
		!strings.Contains(out, `"sheets":[{"name":"中城街道","township":"中城街道","rows":1,"total_fen":100050,"errors":0},{"name":"西城街道"`) {
		t.Fatalf("--sheet a,b: %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "--db", db, "import", "budget", book, "--sheet", "北城街道", "--sheet", "不存在", "--dry-run")
	if code != 1 || !strings.Contains(errOut, "没有名为“不存在”的工作表") {
		t.Fatalf("--sheet unknown: %d\n%s\n%s", code, out, errOut)
	}
}
