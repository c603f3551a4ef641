package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shequ/app"
	"shequ/app/backup"

	"shequ/app/store/pgtest"
)

// initWithBackup makes a database with one automatic backup and returns its path.
func initWithBackup(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "shequ.db")
	if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	a, err := app.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Backups.Snapshot(context.Background(), backup.ReasonDaily); err != nil {
		t.Fatal(err)
	}
	a.Close()
	return db
}

func TestRecoverCommand(t *testing.T) {
	pgtest.SQLiteOnly(t, "从备份恢复数据库文件")
	db := initWithBackup(t)
	data, _ := os.ReadFile(db)
	os.WriteFile(db, data[:len(data)/2], 0o644)

	code, _, errOut := runCLI(t, "--db", db, "summary")
	if code != 1 || !strings.Contains(errOut, "已损坏") || !strings.Contains(errOut, "shequctl recover") || strings.Contains(errOut, "malformed") {
		t.Fatalf("summary on a damaged file: %d %s", code, errOut)
	}
	code, out, errOut := runCLI(t, "--db", db, "recover")
	if code != 0 {
		t.Fatalf("recover: %d %s", code, errOut)
	}
	for _, want := range []string{"已从备份", "每日备份", "shequ.db.损坏-", "操作日志"} {
		if !strings.Contains(out, want) {
			t.Errorf("recover output lacks %q:\n%s", want, out)
		}
	}
	aside, _ := filepath.Glob(db + ".损坏-*[0-9]")
	if len(aside) != 1 {
		t.Fatalf("damaged file kept aside: %v", aside)
	}
	if code, out, errOut := runCLI(t, "--db", db, "check"); code != 0 {
		t.Fatalf("check after recover: %s %s", out, errOut)
	}
	// Recovering again: the database is fine now.
	if code, _, errOut := runCLI(t, "--db", db, "recover"); code != 1 || !strings.Contains(errOut, "完好，无需恢复") {
		t.Errorf("recover of a healthy database: %d %s", code, errOut)
	}
}

func TestRecoverWithoutBackup(t *testing.T) {
	pgtest.SQLiteOnly(t, "从备份恢复数据库文件")
	db := filepath.Join(t.TempDir(), "shequ.db")
	os.WriteFile(db, []byte("SQLite format 3\x00"+strings.Repeat("x", 5000)), 0o644)
	code, _, errOut := runCLI(t, "--db", db, "recover")
	if code != 1 || !strings.Contains(errOut, "没有可用的完好备份") {
		t.Fatalf("%d %s", code, errOut)
	}
	if _, err := os.Stat(db); err != nil {
		t.Error("the damaged file was moved although nothing was restored")
	}
	// --from a file that is not a database.
	code, _, errOut = runCLI(t, "--db", db, "recover", "--from", db)
	if code != 1 || !strings.Contains(errOut, "不能用") {
		t.Fatalf("--from a damaged file: %d %s", code, errOut)
	}
}

// Read-only commands on a missing file say so and create nothing; init creates, except over a
// database that vanished while its backups exist.
func TestMissingDatabase(t *testing.T) {
	pgtest.SQLiteOnly(t, "数据库文件不存在")
	db := filepath.Join(t.TempDir(), "无此文件.db")
	code, out, errOut := runCLI(t, "--db", db, "summary")
	if code != 1 || !strings.Contains(errOut, "不存在") || !strings.Contains(errOut, "shequctl init") || out != "" {
		t.Fatalf("summary on a missing file: %d %q %q", code, out, errOut)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("summary created the database file")
	}

	gone := initWithBackup(t)
	os.Remove(gone)
	code, _, errOut = runCLI(t, "--db", gone, "summary")
	if code != 1 || !strings.Contains(errOut, "备份还在") || !strings.Contains(errOut, "shequctl recover") {
		t.Fatalf("summary on a vanished database: %d %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "--db", gone, "init"); code != 1 || !strings.Contains(errOut, "init --new") {
		t.Fatalf("init over a vanished database: %d %s", code, errOut)
	}
	if _, err := os.Stat(gone); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("init created an empty database over the vanished one")
	}
	if code, out, errOut := runCLI(t, "--db", gone, "recover"); code != 0 || !strings.Contains(out, "没有需要移走的文件") {
		t.Fatalf("recover a vanished database: %d %s %s", code, out, errOut)
	}
}
