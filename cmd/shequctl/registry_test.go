package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shequ/models"

	"shequ/app/store/pgtest"
)

func TestRegistryCLI(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.DBPath(t)
	if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatal(errOut)
	}
	first := "511302199001010"
	var rows []string
	for i := 1; i <= 2; i++ {
		c, _ := models.IDCheckDigit(fmt.Sprintf("%s%02d", first, 10+i))
		rows = append(rows, fmt.Sprintf("测试%d,%s%02d%c,13900001111,无,网格员,511302001001,2024-01-01", i, first, 10+i, c))
	}
	csv := filepath.Join(dir, "w.csv")
	_ = os.WriteFile(csv, []byte("姓名,身份证号,联系电话,资格等级,岗位,区划代码,到岗日期\n"+strings.Join(rows, "\n")+"\n"), 0o644)
	code, out, errOut := runCLI(t, "--db", db, "import", "workers", csv, "--json")
	if code != 0 || !strings.Contains(out, `"ok":true`) {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	// The same file again: refused, exit 1, row-level JSON errors.
	code, out, _ = runCLI(t, "--db", db, "import", "workers", csv, "--json")
	if code != 1 || !strings.Contains(out, "身份证号重复") {
		t.Fatalf("re-import: %d %s", code, out)
	}
	x := filepath.Join(dir, "w.xlsx")
	if code, out, errOut := runCLI(t, "--db", db, "export", "workers", "--out", x); code != 0 || !strings.Contains(out, "已遮盖") {
		t.Fatalf("export: %d %s %s", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, "--db", db, "export", "workers", "--out", x, "--with-personal-data"); code != 0 || !strings.Contains(out, "操作日志") {
		t.Fatalf("full export: %d %s %s", code, out, errOut)
	}
	code, out, _ = runCLI(t, "--db", db, "summary", "--json")
	var s struct{ Orgs, Workers, Grids int }
	if code != 0 || json.Unmarshal([]byte(out), &s) != nil || s.Workers != 2 || s.Orgs != 0 {
		t.Fatalf("summary: %s", out)
	}
	if code, _, _ := runCLI(t, "--db", db, "export", "orgs"); code != 2 {
		t.Fatalf("export orgs without --out: exit %d", code)
	}
}
