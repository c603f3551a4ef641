package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shequ/app/store/pgtest"
)

func TestExportLedgersCLI(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.DBPath(t)
	if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	out := filepath.Join(dir, "台账.xlsx")
	code, stdout, errOut := runCLI(t, "--db", db, "export", "ledgers", "--year", "2026", "--county", "511302000000", "--out", out)
	if code != 0 || !strings.Contains(stdout, "已导出 2026 年度民主自治台账") {
		t.Fatalf("export: exit %d, %s %s", code, stdout, errOut)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if n := len(f.GetSheetList()); n != 14 {
		t.Fatalf("%d sheets", n)
	}
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"export", "ledgers", "--year", "2026"}, 2, "--out"},
		{[]string{"export", "ledgers", "--out", "x.csv"}, 2, ".xlsx"},
		{[]string{"export", "ledgers", "--year", "26", "--out", out}, 2, "--year"},
		{[]string{"export", "ledgers", "--county", "511302001000", "--out", out}, 1, "县（市、区）"},
		{[]string{"export", "nonsense"}, 2, "ledgers"},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, append([]string{"--db", db}, tt.args...)...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("%v: exit %d (want %d), stderr %q", tt.args, code, tt.code, errOut)
		}
	}
	code, stdout, _ = runCLI(t, "--db", db, "summary", "--json")
	var s struct {
		Ledgers map[string]int `json:"ledgers"`
	}
	if code != 0 || json.Unmarshal([]byte(stdout), &s) != nil || len(s.Ledgers) != 3 {
		t.Fatalf("summary ledgers: %s", stdout)
	}
	if !strings.Contains(stdout, `"ledgers":{"meetings":0,"opinions":0,"overdue_replies":0}`) {
		t.Errorf("summary JSON shape: %s", stdout)
	}
}
