package app

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"shequ/app/backup"
	"shequ/app/budget"
	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

func TestSnapshotAndRestore(t *testing.T) {
	pgtest.SQLiteOnly(t, "备份与恢复")
	ctx := context.Background()
	a := openSeeded(t)
	code := "511302001001"
	p := models.CommunityProfile{DivisionCode: code, Households: 100, Population: 300}
	if err := a.Divisions.SaveProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	manual := filepath.Join(t.TempDir(), "手动备份.db")
	if err := a.Backups.BackupTo(ctx, manual); err != nil {
		t.Fatal(err)
	}
	if err := a.Backups.BackupTo(ctx, manual); err == nil {
		t.Fatal("overwrote an existing backup file")
	}
	// Change, then restore the manual backup: the change is gone, and the state before the
	// restore is kept as a snapshot.
	p.Households = 999
	if err := a.Divisions.SaveProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := a.Divisions.Rename(ctx, code, "改名后", time.Now(), ""); err != nil {
		t.Fatal(err)
	}
	res, err := a.Backups.Restore(ctx, manual)
	before := res.Before
	if err != nil {
		t.Fatal(err)
	}
	got, _ := a.Divisions.Profile(ctx, code)
	if got.Households != 100 {
		t.Fatalf("after restore households = %d, want 100", got.Households)
	}
	if d, _ := a.Divisions.Get(ctx, code); d.Name == "改名后" {
		t.Fatal("division cache not dropped after restore")
	}
	if _, err := store.CheckFile(ctx, before.Path); err != nil || before.Reason != backup.ReasonRestore {
		t.Fatalf("pre-restore snapshot %+v: %v", before, err)
	}
	// The pre-restore snapshot holds the changed data: restoring it brings 999 back.
	if _, err := a.Backups.Restore(ctx, before.Path); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Divisions.Profile(ctx, code); got.Households != 999 {
		t.Fatalf("households = %d, want 999", got.Households)
	}
	if err := a.Backups.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	pgtest.SQLiteOnly(t, "从备份文件恢复")
	ctx := context.Background()
	a := openSeeded(t)
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	notDB := write("表格.xlsx", []byte("PK\x03\x04 not a database"))
	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite3", other)
	db.Exec("CREATE TABLE t (x INT)")
	db.Close()
	// A real shequ file, truncated in the middle.
	good := filepath.Join(dir, "good.db")
	if err := a.Backups.BackupTo(ctx, good); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(good)
	truncated := write("truncated.db", data[:len(data)/2])
	// A shequ file from a newer program.
	newer := filepath.Join(dir, "newer.db")
	_ = a.Backups.BackupTo(ctx, newer)
	db, _ = sql.Open("sqlite3", newer)
	if _, err := db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', CURRENT_TIMESTAMP)"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	tests := []struct {
		path string
		want string
	}{
		{notDB, "不是 SQLite 数据库文件"},
		{other, "缺少 shequ 的数据表"},
		{truncated, ""},
		{newer, "请先升级 shequ"},
		{filepath.Join(dir, "missing.db"), "无法读取"},
		{a.DBPath(), "就是当前使用的数据库"},
	}
	for _, tt := range tests {
		snapsBefore, _ := a.Backups.List(ctx)
		_, err := a.Backups.Restore(ctx, tt.path)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Restore(%s): %v; want an error containing %q", filepath.Base(tt.path), err, tt.want)
		}
		if snaps, _ := a.Backups.List(ctx); len(snaps) != len(snapsBefore) {
			t.Errorf("Restore(%s) took a snapshot although it refused", filepath.Base(tt.path))
		}
	}
	if s, _ := a.Summary(ctx); s.Divisions.Village != 3004 {
		t.Fatal("a refused restore changed the database")
	}
	if !errors.Is(func() error { _, err := store.CheckFile(ctx, newer); return err }(), store.ErrSchemaTooNew) {
		t.Error("newer file not reported as ErrSchemaTooNew")
	}
}

func TestDailyBackupAndRetention(t *testing.T) {
	pgtest.SQLiteOnly(t, "每日自动备份")
	ctx := context.Background()
	a := openSeeded(t)
	dir := t.TempDir()
	if err := a.Backups.SetDir(ctx, backupDir(t, a), dir); err != nil {
		t.Fatal(err)
	}
	if got, _ := a.Backups.Dir(ctx); got != dir {
		t.Fatalf("dir %s", got)
	}
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local)
	a.Backups.Now = func() time.Time { return now }
	made, err := a.Backups.Daily(ctx)
	if err != nil || !made {
		t.Fatalf("first daily: %v %v", made, err)
	}
	now = now.Add(2 * time.Hour)
	if made, _ := a.Backups.Daily(ctx); made {
		t.Fatal("second daily backup on the same day")
	}
	// 500 days of backups, two on every third day: the rule keeps every backup of the last 30
	// days that have one and the newest of each of the 12 months before.
	start := time.Date(2025, 7, 1, 8, 0, 0, 0, time.Local)
	for d := 0; d < 500; d++ {
		day := start.AddDate(0, 0, d)
		for _, h := range []int{0, 5} {
			if h == 5 && d%3 != 0 {
				continue
			}
			name := filepath.Join(dir, "shequ-"+day.Add(time.Duration(h)*time.Hour).Format("20060102-150405")+"-"+backup.ReasonImport+".db")
			if err := os.WriteFile(name, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := a.Backups.Prune(ctx); err != nil {
		t.Fatal(err)
	}
	list, _ := a.Backups.List(ctx)
	days := map[string]int{}
	for _, b := range list {
		days[b.At.Format("20060102")]++
	}
	if len(days) != backup.KeepDaily+backup.KeepMonthly {
		t.Fatalf("backups kept on %d days, want %d", len(days), backup.KeepDaily+backup.KeepMonthly)
	}
	// The oldest 12 kept days are one per month, each the newest backup of its month.
	var dayList []string
	for d := range days {
		dayList = append(dayList, d)
	}
	sort.Strings(dayList)
	monthly := map[string]bool{}
	for _, d := range dayList[:backup.KeepMonthly] {
		if days[d] != 1 || monthly[d[:6]] {
			t.Errorf("monthly backup %s: %d that day, month seen before: %v", d, days[d], monthly[d[:6]])
		}
		monthly[d[:6]] = true
	}
	twice := 0
	for _, d := range dayList[backup.KeepMonthly:] {
		if days[d] == 2 {
			twice++
		}
	}
	if twice == 0 {
		t.Error("a day with two backups among the last 30 kept only one")
	}
	// The real snapshot made above (2026-11-25) is among the newest and survives.
	if list[0].Reason != backup.ReasonDaily {
		t.Fatalf("newest kept backup is %+v", list[0])
	}
	if err := a.Backups.SetDir(ctx, backupDir(t, a), "/proc/forbidden/备份"); err == nil {
		t.Fatal("accepted an unwritable backup folder")
	}
}

// Every import snapshots the database before it writes; a dry run writes nothing and takes none.
func TestImportTakesSnapshotFirst(t *testing.T) {
	pgtest.SQLiteOnly(t, "导入前自动备份")
	ctx := context.Background()
	a := openSeeded(t)
	csv := filepath.Join(t.TempDir(), "经费.csv")
	body := "乡镇（街道）,村（社区）,经费类别,项目名称,金额（元）\n中城街道,平城街社区,工作经费,办公经费,1200.50\n"
	if err := os.WriteFile(csv, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := a.Budget.Import(ctx, csv, budget.ImportOptions{Year: 2026, County: "511302000000", DryRun: true})
	if err != nil || !res.OK {
		t.Fatalf("dry run: %+v %v", res, err)
	}
	if list, _ := a.Backups.List(ctx); len(list) != 0 {
		t.Fatalf("a dry run took a snapshot: %+v", list)
	}
	if res, err = a.Budget.Import(ctx, csv, budget.ImportOptions{Year: 2026, County: "511302000000"}); err != nil || !res.OK {
		t.Fatalf("import: %+v %v", res, err)
	}
	list, _ := a.Backups.List(ctx)
	if len(list) != 1 || list[0].Reason != backup.ReasonImport {
		t.Fatalf("snapshots after the import: %+v", list)
	}
	// The snapshot holds the database as it was before: no budget line in it.
	snap, err := Open(ctx, list[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	defer snap.Close()
	if s, _ := snap.Summary(ctx); s.Budget.Lines != 0 {
		t.Fatalf("the pre-import snapshot already has %d lines", s.Budget.Lines)
	}
	if s, _ := a.Summary(ctx); s.Budget.Lines != 1 || s.Budget.TotalFen != 120050 {
		t.Fatalf("imported: %+v", s.Budget)
	}
}

// backupDir is the backup folder as a's 设置 screen shows it.
func backupDir(t *testing.T, a *App) string {
	t.Helper()
	dir, err := a.Backups.Dir(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
