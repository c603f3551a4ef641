package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"shequ/app/auth"
	"shequ/app/backup"
	"shequ/app/store"
	"shequ/app/store/pgtest"
)

// damagedWithBackups is a seeded database with two automatic backups (the newer one damaged),
// then cut to half its size as a crash or a bad copy leaves it.
func damagedWithBackups(t *testing.T) (path string, older backup.Backup) {
	t.Helper()
	ctx := context.Background()
	a := openSeeded(t)
	path = a.DBPath()
	a.Backups.Now = func() time.Time { return time.Date(2026, 12, 5, 9, 30, 0, 0, time.Local) }
	older, err := a.Backups.Snapshot(ctx, backup.ReasonDaily)
	if err != nil {
		t.Fatal(err)
	}
	a.Backups.Now = func() time.Time { return time.Date(2026, 12, 6, 8, 0, 0, 0, time.Local) }
	newer, err := a.Backups.Snapshot(ctx, backup.ReasonImport)
	if err != nil {
		t.Fatal(err)
	}
	halve(t, newer.Path)
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	halve(t, path)
	return path, older
}

func halve(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRecoverTruncatedDatabase(t *testing.T) {
	pgtest.SQLiteOnly(t, "从备份恢复损坏的文件")
	ctx := context.Background()
	path, older := damagedWithBackups(t)
	_, err := backup.OpenDesk(ctx, path)
	if !errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("opening the damaged file: %v", err)
	}
	p := backup.Diagnose(ctx, path, err)
	if !p.Recoverable() || p.Newest == nil || p.Newest.Path != older.Path {
		t.Fatalf("problem %+v: want the older, intact backup %s", p, older.Path)
	}
	if got := p.Newest.Describe(); got != "2026年12月5日 09:30 每日备份" {
		t.Errorf("backup shown as %q", got)
	}
	damaged, _ := os.ReadFile(path)
	r, err := backup.Recover(ctx, path, "", "张三")
	if err != nil {
		t.Fatal(err)
	}
	if r.From.Path != older.Path || !strings.Contains(filepath.Base(r.Aside), "t.db.损坏-") {
		t.Fatalf("recovery %+v", r)
	}
	if kept, _ := os.ReadFile(r.Aside); string(kept) != string(damaged) {
		t.Error("the damaged file was not kept as it was")
	}
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if err := a.Backups.Check(ctx); err != nil {
		t.Fatal(err)
	}
	if s, _ := a.Summary(ctx); s.Divisions.Village != 3004 {
		t.Errorf("recovered database has %d villages", s.Divisions.Village)
	}
	rows, err := a.AuditLog.Rows(ctx, auth.AuditQuery{})
	if err != nil || len(rows) == 0 || !strings.Contains(rows[0].Note, "已从备份") || !strings.Contains(rows[0].Note, r.Aside) || rows[0].Actor != "张三" {
		t.Fatalf("audit log does not record the recovery: %v %+v", err, rows[:min(1, len(rows))])
	}
	// Recovering a healthy database is refused.
	if _, err := backup.Recover(ctx, path, "", "张三"); err == nil || !strings.Contains(err.Error(), "完好，无需恢复") {
		t.Errorf("recovering a healthy database: %v", err)
	}
}

func TestRecoverChosenBackupAndRefusals(t *testing.T) {
	pgtest.SQLiteOnly(t, "从备份恢复")
	ctx := context.Background()
	path, older := damagedWithBackups(t)
	// A chosen backup that is itself damaged is refused in Chinese, and nothing is moved.
	bad := filepath.Join(filepath.Dir(path), "备份")
	list := backup.BackupsOf(path)
	if len(list) != 2 {
		t.Fatalf("backups in %s: %+v", bad, list)
	}
	if _, err := backup.Recover(ctx, path, list[0].Path, "t"); err == nil || !strings.Contains(err.Error(), "不能用") ||
		strings.Contains(err.Error(), "malformed") {
		t.Fatalf("damaged chosen backup: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal("the damaged database was moved although nothing was restored")
	}
	if _, err := backup.Recover(ctx, path, older.Path, "t"); err != nil {
		t.Fatal(err)
	}
	// No intact backup: a clear refusal, the damaged file stays where it is.
	dir := t.TempDir()
	lone := filepath.Join(dir, "shequ.db")
	os.WriteFile(lone, []byte("SQLite format 3\x00 nothing more"), 0o644)
	_, err := backup.Recover(ctx, lone, "", "t")
	if !errors.Is(err, backup.ErrNoIntactBackup) || !strings.Contains(err.Error(), "没有可用的完好备份") {
		t.Fatalf("no backup: %v", err)
	}
	if _, err := os.Stat(lone); err != nil {
		t.Error("the file was moved although no backup exists")
	}
}

// A database that vanished while its backups exist is not replaced by an empty one.
func TestVanishedDatabaseOffersBackup(t *testing.T) {
	pgtest.SQLiteOnly(t, "数据库文件不见了")
	ctx := context.Background()
	a := openSeeded(t)
	path := a.DBPath()
	if _, err := a.Backups.Snapshot(ctx, backup.ReasonDaily); err != nil {
		t.Fatal(err)
	}
	a.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Remove(p)
	}
	_, err := backup.OpenDesk(ctx, path)
	if !errors.Is(err, store.ErrMissing) {
		t.Fatalf("%v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("an empty database was created over the vanished one")
	}
	p := backup.Diagnose(ctx, path, err)
	if p.Newest == nil || !strings.Contains(p.Message, "不见了") {
		t.Fatalf("%+v", p)
	}
	r, err := backup.Recover(ctx, path, "", "t")
	if err != nil || r.Aside != "" {
		t.Fatalf("%+v %v", r, err)
	}
	st, err := backup.OpenDesk(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// A fresh machine: no database, no backups, the folder not there yet — it is created.
	fresh := filepath.Join(t.TempDir(), "config", "shequ", "shequ.db")
	if err := backup.PrepareFolder(fresh); err != nil {
		t.Fatal(err)
	}
	st, err = backup.OpenDesk(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
}

// Two databases in one folder share the default 备份 folder. When the damaged one's identity
// cannot be read any more, the newer backup of its readable neighbour is not offered for it.
func TestRecoverSkipsNeighbourBackups(t *testing.T) {
	pgtest.SQLiteOnly(t, "从备份恢复")
	ctx := context.Background()
	dir := t.TempDir()
	open := func(name string, at time.Time) *App {
		a, err := Open(ctx, filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		a.Backups.Now = func() time.Time { return at }
		if _, err := a.Backups.Snapshot(ctx, backup.ReasonDaily); err != nil {
			t.Fatal(err)
		}
		return a
	}
	mine := open("mine.db", time.Date(2026, 12, 5, 9, 0, 0, 0, time.Local))
	neighbour := open("neighbour.db", time.Date(2026, 12, 6, 9, 0, 0, 0, time.Local))
	neighbour.Close()
	path := mine.DBPath()
	mine.Close()
	// Wipe the header: nothing of the file, its identity included, can be read.
	data, _ := os.ReadFile(path)
	copy(data, make([]byte, 4096))
	os.WriteFile(path, data, 0o644)
	if backup.FileIdentity(path) != "" {
		t.Fatal("identity still readable")
	}
	newest, _ := backup.NewestIntactBackup(ctx, path)
	if newest == nil || newest.At.Day() != 5 {
		t.Fatalf("offered %+v, want mine of 5 December", newest)
	}
}

// The README's start command on a machine that never ran shequ: no --db, an empty HOME (the
// config folder, %AppData%\shequ on Windows, does not exist yet).
func TestFirstStartOnFreshMachine(t *testing.T) {
	pgtest.SQLiteOnly(t, "配置文件夹里的数据库文件")
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", "")
	t.Setenv("AppData", filepath.Join(home, "AppData", "Roaming"))
	t.Setenv("SHEQU_DB", "")
	path, err := ResolveDBPath("")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(path, home) {
		t.Fatalf("default database %s is not under the new HOME", path)
	}
	lock, err := backup.LockDesk(path)
	if err != nil {
		t.Fatalf("first start: %v", err)
	}
	defer lock.Release()
	st, err := backup.OpenDesk(context.Background(), path)
	if err != nil {
		t.Fatalf("first start: %v", err)
	}
	st.Close()
}
