package app

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"shequ/app/budget"
	"shequ/app/store/pgtest"
)

// pipelineLines is a sheet long enough that lines are written while the rest is still read
// (more than the chunks the channel holds).
func pipelineLines(n int, bad int) [][]any {
	places := [][2]string{{"巨龙镇", "龙云社区"}, {"兴旺镇", ""}, {"巨龙镇", ""}}
	var lines [][]any
	for i := range n {
		p := places[i%len(places)]
		amount := any(fmt.Sprintf("%d.%02d", 100+i, i%100))
		if i == bad {
			amount = "一百元"
		}
		lines = append(lines, []any{p[0], p[1], "工作经费", fmt.Sprintf("项目%d", i), amount, ""})
	}
	return lines
}

// With the county given the lines are written while the sheet is read; the outcome is the same
// as reading first (no county given): the same lines, rows, total and batch, to the fen.
func TestImportWrittenWhileReadSameOutcome(t *testing.T) {
	ctx := context.Background()
	path := writeWorkbook(t, "长表.xlsx", simpleSheet("蓬安县2026年预算", pipelineLines(5000, -1)...))
	var views [2][]budget.LineView
	var results [2]budget.ImportResult
	for i, county := range []string{pengan, ""} {
		a := openSeeded(t)
		res, err := a.Budget.Import(ctx, path, budget.ImportOptions{County: county})
		if err != nil || !res.OK || res.Batch == 0 || res.Rows != 5000 {
			t.Fatalf("county %q: %v %s", county, err, issues(res.Errors))
		}
		lines, _, err := a.Budget.Lines(ctx, budget.Filter{Year: 2026})
		if err != nil {
			t.Fatal(err)
		}
		batches, _ := a.Budget.Batches(ctx)
		if len(batches) != 1 || batches[0].Rows != 5000 || batches[0].Total != res.Total || batches[0].Sheet != "预算" {
			t.Fatalf("county %q: batch %+v, result total %d", county, batches, res.Total)
		}
		views[i], results[i] = lines, res
	}
	if !reflect.DeepEqual(views[0], views[1]) || results[0].Total != results[1].Total {
		t.Fatalf("written while read: %d lines, total %d; read first: %d lines, total %d",
			len(views[0]), results[0].Total, len(views[1]), results[1].Total)
	}
}

// A bad line after thousands of good ones, already written, leaves the database as it was: no
// line, no batch, no audit entry; the pre-import snapshot is kept as before.
func TestImportWrittenWhileReadRollsBack(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	path := writeWorkbook(t, "长表.xlsx", simpleSheet("蓬安县2026年预算", pipelineLines(5000, 4990)...))
	res, err := a.Budget.Import(ctx, path, budget.ImportOptions{County: pengan})
	if err != nil || res.OK || res.Batch != 0 || !strings.Contains(issues(res.Errors), "第 4993 行 E 列") {
		t.Fatalf("%v %+v %s", err, res.OK, issues(res.Errors))
	}
	s, _ := a.Summary(ctx)
	batches, _ := a.Budget.Batches(ctx)
	entries, _ := a.store.AuditEntries(ctx, auditFilterModule())
	if s.Budget.Lines != 0 || len(batches) != 0 || len(entries) != 0 {
		t.Fatalf("after a refused import: %d lines, %d batches, %d audit entries", s.Budget.Lines, len(batches), len(entries))
	}
	if backups, _ := a.Backups.List(ctx); len(backups) == 0 && !pgtest.OnPostgres() { // shared mode: the server's backups
		t.Fatal("no pre-import snapshot")
	}
}

// Replacing a batch with the county given undoes the old one in the same transaction.
func TestImportWrittenWhileReadReplaces(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	path := writeWorkbook(t, "长表.xlsx", simpleSheet("蓬安县2026年预算", pipelineLines(3000, -1)...))
	first, err := a.Budget.Import(ctx, path, budget.ImportOptions{County: pengan})
	if err != nil || !first.OK {
		t.Fatalf("%v %s", err, issues(first.Errors))
	}
	dup, err := a.Budget.Import(ctx, path, budget.ImportOptions{County: pengan})
	if err != nil || dup.OK || !strings.Contains(issues(dup.Errors), "不能重复导入") {
		t.Fatalf("duplicate: %v %s", err, issues(dup.Errors))
	}
	again, err := a.Budget.Import(ctx, path, budget.ImportOptions{County: pengan, Replace: true})
	if err != nil || !again.OK || !reflect.DeepEqual(again.Replaced, []int64{first.Batch}) {
		t.Fatalf("replace: %v %+v %s", err, again.Replaced, issues(again.Errors))
	}
	if s, _ := a.Summary(ctx); s.Budget.Lines != 3000 || s.Budget.TotalFen != int64(first.Total) {
		t.Fatalf("after replace: %+v, want 3000 lines, %d fen", s.Budget, first.Total)
	}
}

// A sheet whose XML breaks after thousands of lines already written (here a row numbered back
// up the sheet) leaves the database as it was: the reader's error rolls the writer back too.
func TestImportWrittenWhileReadBrokenSheet(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	path := writeWorkbook(t, "长表.xlsx", simpleSheet("蓬安县2026年预算", pipelineLines(5000, -1)...))
	rewriteZipPart(t, path, "xl/worksheets/sheet1.xml", func(x string) string {
		if !strings.Contains(x, `<row r="4000"`) {
			t.Fatal("no row 4000 in the sheet")
		}
		return strings.Replace(x, `<row r="4000"`, `<row r="10"`, 1)
	})
	res, err := a.Budget.Import(ctx, path, budget.ImportOptions{County: pengan})
	if err == nil && res.OK {
		t.Fatal("a broken sheet was imported")
	}
	if msg := issues(res.Errors); !strings.Contains(msg, "第 3999 行之后的行号“10”") {
		t.Errorf("the clerk is not told where: %v %s", err, msg)
	}
	s, _ := a.Summary(ctx)
	batches, _ := a.Budget.Batches(ctx)
	entries, _ := a.store.AuditEntries(ctx, auditFilterModule())
	if s.Budget.Lines != 0 || len(batches) != 0 || len(entries) != 0 {
		t.Fatalf("after a broken sheet: %d lines, %d batches, %d audit entries (%v %s)", s.Budget.Lines, len(batches), len(entries), err, issues(res.Errors))
	}
}

// rewriteZipPart replaces one part of a zip file with edit's result, keeping the others.
func rewriteZipPart(t *testing.T, path, part string, edit func(string) string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			b = []byte(edit(string(b)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(b); err != nil {
			t.Fatal(err)
		}
	}
	_ = zr.Close()
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
