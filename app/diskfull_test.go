package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/budget"
	"shequ/app/store"
	"shequ/app/store/pgtest"
)

// The disk fills in the middle of a budget import: SQLite is capped a few pages above the
// database's size on every connection (PRAGMA max_page_count), so it returns SQLITE_FULL as on
// a full volume. The import is undone as a whole and the clerk reads why, in Chinese.
func TestBudgetImportOnFullDisk(t *testing.T) {
	pgtest.SQLiteOnly(t, "磁盘写满（max_page_count）")
	ctx := context.Background()
	a := openSeeded(t)
	path := a.DBPath()
	var b strings.Builder
	b.WriteString("蓬安县2026年经费预算,,,,\n乡镇（街道）,村（社区）,经费类别,项目名称,金额（元）\n")
	for i := range 20000 {
		fmt.Fprintf(&b, "巨龙镇,龙云社区居民委员会,工作经费,第%d项经费,%d.50\n", i+1, 1000+i)
	}
	csv := filepath.Join(t.TempDir(), "预算.csv")
	if err := os.WriteFile(csv, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	before, err := a.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	a.Close() // the last connection's close folds the WAL into the file, so its size is the database's
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, path, store.Options{MaxPageCount: int(info.Size()/4096) + 40})
	if err != nil {
		t.Fatal(err)
	}
	full := New(Params{Store: st})
	defer full.Close()
	res, err := full.Budget.Import(ctx, csv, budget.ImportOptions{County: pengan})
	if err == nil {
		t.Fatalf("import on a full disk succeeded: %+v", res)
	}
	t.Logf("the clerk reads: %v", err)
	if !errors.Is(err, store.ErrDiskFull) || !strings.Contains(err.Error(), "磁盘空间不足，本次导入已全部撤销，数据未改变") {
		t.Fatalf("message: %v", err)
	}
	if strings.Contains(err.Error(), "full") || strings.Contains(err.Error(), "database") {
		t.Errorf("SQLite's text reaches the clerk: %v", err)
	}
	after, err := full.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Budget.Lines != before.Budget.Lines || after.DataChangedAt == nil != (before.DataChangedAt == nil) {
		t.Errorf("data changed: before %+v, after %+v", before.Budget, after.Budget)
	}
	if err := full.Backups.Check(ctx); err != nil {
		t.Errorf("database not intact after the failed import: %v", err)
	}
	if log, _ := os.ReadFile(store.LogFile(path)); !strings.Contains(string(log), "database or disk is full") {
		t.Errorf("the raw SQLite text is not in %s", store.LogFile(path))
	}
}
