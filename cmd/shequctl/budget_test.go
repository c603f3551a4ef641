package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestImportBudgetCLI(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
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
