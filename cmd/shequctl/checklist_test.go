package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shequ/app/store/pgtest"
)

func TestAssessmentsCLI(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.DBPath(t)
	if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatal(errOut)
	}
	out := filepath.Join(dir, "测评.xlsx")
	if code, stdout, errOut := runCLI(t, "--db", db, "export", "assessments", "--year", "2026", "--county", "511302001000", "--out", out); code != 0 || !strings.Contains(stdout, "个村（社区）") {
		t.Fatalf("export: %d %s %s", code, stdout, errOut)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	sh := f.GetSheetName(0)
	hdr, _ := f.GetRows(sh)
	col := -1
	for i, h := range hdr[2] {
		if strings.HasPrefix(h, "ORG01 ") {
			col = i
		}
	}
	cell, _ := excelize.CoordinatesToCellName(col+1, 4)
	_ = f.SetCellValue(sh, cell, "也许")
	bad := filepath.Join(dir, "bad.xlsx")
	_ = f.SaveAs(bad)
	_ = f.SetCellValue(sh, cell, "是")
	good := filepath.Join(dir, "good.xlsx")
	_ = f.SaveAs(good)
	f.Close()
	var res map[string]any
	code, stdout, _ := runCLI(t, "--db", db, "import", "assessments", bad, "--json")
	if code != 1 || json.Unmarshal([]byte(stdout), &res) != nil || res["ok"] != false || len(res["errors"].([]any)) != 1 {
		t.Fatalf("bad: %d %s", code, stdout)
	}
	code, stdout, _ = runCLI(t, "--db", db, "import", "assessments", good, "--json")
	if code != 0 || !strings.Contains(stdout, `"ok":true`) || !strings.Contains(stdout, `"rows":1`) || !strings.Contains(stdout, `"errors":[]`) {
		t.Fatalf("good: %d %s", code, stdout)
	}
	_, stdout, _ = runCLI(t, "--db", db, "summary", "--json")
	if !strings.Contains(stdout, `"assessments":{"2026":{"assessed":1,"at_standard":0}}`) {
		t.Errorf("summary: %s", stdout)
	}
	if code, _, _ := runCLI(t, "--db", db, "export", "assessments", "--year", "2026"); code != 2 {
		t.Errorf("missing --out: %d", code)
	}
}
