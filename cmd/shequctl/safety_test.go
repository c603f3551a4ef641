package main

import (
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/backup"

	"shequ/app/store/pgtest"
)

func TestBackupRestoreCheck(t *testing.T) {
	pgtest.SQLiteOnly(t, "备份到文件与恢复")
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	bak := filepath.Join(dir, "bak.db")
	if code, _, e := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatal(e)
	}
	if code, out, e := runCLI(t, "--db", db, "check"); code != 0 || !strings.Contains(out, "检查通过") {
		t.Fatalf("check: %d %s %s", code, out, e)
	}
	if code, _, e := runCLI(t, "--db", db, "backup", "--out", bak); code != 0 {
		t.Fatalf("backup: %s", e)
	}
	if code, _, _ := runCLI(t, "--db", db, "backup"); code != 2 {
		t.Fatalf("backup without --out: exit %d", code)
	}
	if code, out, e := runCLI(t, "--db", db, "restore", bak); code != 0 || !strings.Contains(out, "已从") {
		t.Fatalf("restore: %d %s %s", code, out, e)
	}
	if code, _, e := runCLI(t, "--db", db, "restore", filepath.Join(dir, "nope.db")); code != 1 || !strings.Contains(e, "无法读取") {
		t.Fatalf("restore of a missing file: %d %s", code, e)
	}
	// A running GUI holds the lock: restore refuses.
	lock, err := backup.AcquireLock(db)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Release()
	// flock locks are per open file description, so the same process can test it too.
	if code, _, e := runCLI(t, "--db", db, "restore", bak); code != 1 || !strings.Contains(e, "另一个 shequ 窗口") {
		t.Fatalf("restore while locked: %d %s", code, e)
	}
}
