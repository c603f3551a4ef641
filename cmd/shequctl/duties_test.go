package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"shequ/app/store/pgtest"
)

func TestExportDuties(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.DBPath(t)
	if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	out := filepath.Join(dir, "部门职责.xlsx")
	year := time.Now().Year()
	code, stdout, errOut := runCLI(t, "--db", db, "export", "duties", "--year", fmt.Sprint(year), "--out", out)
	if code != 0 || !strings.Contains(stdout, "已导出") {
		t.Fatalf("export: exit %d, %s %s", code, stdout, errOut)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "任务矩阵" || got[1] != "任务清单" {
		t.Fatalf("sheets %v", got)
	}
	get := func(sheet, c string) string { v, _ := f.GetCellValue(sheet, c); return v }
	// Matrix: title, group row, clause row, then the departments; 民政部门 (row 6+3=9) leads everything.
	if get("任务矩阵", "A3") != "部门" || get("任务矩阵", "B3") != "三（一）1" || get("任务矩阵", "O3") != "三（二）4" {
		t.Fatalf("matrix header: %q %q %q", get("任务矩阵", "A3"), get("任务矩阵", "B3"), get("任务矩阵", "O3"))
	}
	if get("任务矩阵", "A9") != "民政部门" || get("任务矩阵", "B9") != "●" || get("任务矩阵", "P9") != "14" {
		t.Fatalf("民政部门 row: %q %q %q", get("任务矩阵", "A9"), get("任务矩阵", "B9"), get("任务矩阵", "P9"))
	}
	if get("任务矩阵", "A4") != "组织部门" || get("任务矩阵", "B4") != "" {
		t.Fatalf("组织部门 row: %q %q", get("任务矩阵", "A4"), get("任务矩阵", "B4"))
	}
	st, _ := f.GetCellStyle("任务矩阵", "B9")
	if s, err := f.GetStyle(st); err != nil || len(s.Fill.Color) == 0 || s.Fill.Color[0] != "E7E6E6" {
		t.Errorf("B9 is not coloured as 未启动: %+v %v", s, err)
	}
	rows, _ := f.GetRows("任务清单")
	if len(rows) != 2+14 {
		t.Fatalf("task sheet has %d rows, want title + header + 14", len(rows))
	}
	if r := rows[3]; r[0] != "三（一）2" || r[1] != "建立论证、听证制度" || r[3] != "民政部门" || r[7] != "试点" || r[8] != "未启动" {
		t.Errorf("task row %q", r)
	}
	// Bad command lines are usage errors.
	for _, args := range [][]string{
		{"export"},
		{"export", "nothing"},
		{"export", "duties"},
		{"export", "duties", "--out", filepath.Join(dir, "x.csv")},
		{"export", "duties", "--year", "1900", "--out", out},
	} {
		if code, _, errOut := runCLI(t, append([]string{"--db", db}, args...)...); code != 2 {
			t.Errorf("%v: exit %d, %s", args, code, errOut)
		}
	}
}

func TestSummaryTasks(t *testing.T) {
	db := pgtest.DBPath(t)
	if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	code, out, _ := runCLI(t, "--db", db, "summary", "--json")
	var s struct {
		Tasks map[string]int `json:"tasks"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &s) != nil {
		t.Fatalf("summary: %d %s", code, out)
	}
	if s.Tasks["total"] != 14 || s.Tasks["done"] != 0 || s.Tasks["overdue"] != 0 || !strings.Contains(out, `"tasks":{"total":14,"done":0,"overdue":0}`) {
		t.Errorf("summary tasks: %s", out)
	}
}
