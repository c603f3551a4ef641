package main

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/store/pgtest"
)

// deskAndShared is a desk file with a budget imported and a shared database through init.
func deskAndShared(t *testing.T) (desk, shared string) {
	t.Helper()
	if !pgtest.OnPostgres() {
		t.Skip("需要 PostgreSQL：在 PostgreSQL 一轮运行")
	}
	desk = filepath.Join(t.TempDir(), "本机.db")
	shared = pgtest.DBPath(t)
	for _, db := range []string{desk, shared} {
		if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
			t.Fatal(errOut)
		}
	}
	return desk, shared
}

// vacuumCopy copies a desk file and runs statements on the copy.
func vacuumCopy(t *testing.T, desk, name string, stmts ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	db, err := sql.Open("sqlite3", desk)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("VACUUM INTO ?", out); err != nil {
		t.Fatal(err)
	}
	cp, err := sql.Open("sqlite3", out)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	for _, q := range stmts {
		if _, err := cp.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestImportDeskAndBackupOutCLI(t *testing.T) {
	desk, shared := deskAndShared(t)
	password := strings.SplitN(strings.SplitN(shared, "@", 2)[0], ":", 3)[2]
	dir := t.TempDir()
	notSQLite := filepath.Join(dir, "记事.db")
	_ = os.WriteFile(notSQLite, []byte("不是数据库"), 0o644)
	other := vacuumCopy(t, desk, "别的程序.db", "DROP TABLE audit_log")
	newer := vacuumCopy(t, desk, "新版.db", "INSERT INTO schema_migrations VALUES (9999, 'future', CURRENT_TIMESTAMP)")
	for _, c := range []struct {
		file, want string
	}{
		{filepath.Join(dir, "没有.db"), "找不到本机数据库文件"},
		{notSQLite, "不是 SQLite 数据库文件"},
		{other, "缺少 shequ 的数据表"},
		{newer, "本程序最高支持第"},
	} {
		code, out, errOut := runCLI(t, "--db", shared, "import-desk", c.file)
		if code != 1 || !strings.Contains(errOut, c.want) || strings.Contains(out+errOut, password) {
			t.Errorf("%s: exit %d, %s%s", filepath.Base(c.file), code, out, errOut)
		}
	}
	if code, _, errOut := runCLI(t, "--db", desk, "import-desk", desk); code != 2 || !strings.Contains(errOut, "postgres://") {
		t.Errorf("import-desk onto a desk file: exit %d, %s", code, errOut)
	}

	code, out, errOut := runCLI(t, "--db", shared, "import-desk", desk)
	if code != 0 || !strings.Contains(out, "数据表 divisions") || !strings.Contains(out, "3256 行") || !strings.Contains(out, "合计") ||
		strings.Contains(out+errOut, password) {
		t.Fatalf("import-desk: exit %d, %s%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "--db", shared, "import-desk", desk)
	if code != 1 || !strings.Contains(errOut, "已有数据") || !strings.Contains(errOut, "操作日志有 1 条 init 之外的记录") ||
		strings.Contains(out+errOut, password) {
		t.Errorf("second import-desk: exit %d, %s%s", code, out, errOut)
	}

	if code, _, errOut := runCLI(t, "--db", shared, "backup"); code != 1 || !strings.Contains(errOut, "backup --out") ||
		!strings.Contains(errOut, "pg_dump") {
		t.Errorf("backup without --out: exit %d, %s", code, errOut)
	}
	copyFile := filepath.Join(dir, "离线副本.db")
	code, out, errOut = runCLI(t, "--db", shared, "backup", "--out", copyFile)
	if code != 0 || !strings.Contains(out, "已把共享数据库") || strings.Contains(out+errOut, password) {
		t.Fatalf("backup --out: exit %d, %s%s", code, out, errOut)
	}
	if code, _, errOut := runCLI(t, "--db", shared, "backup", "--out", copyFile); code != 1 || !strings.Contains(errOut, "文件已存在") ||
		!strings.Contains(errOut, "--force") {
		t.Errorf("backup --out onto an existing file: exit %d, %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, "--db", shared, "backup", "--out", copyFile, "--force"); code != 0 {
		t.Errorf("backup --out --force: exit %d, %s", code, errOut)
	}
	code, out, errOut = runCLI(t, "--db", copyFile, "summary")
	if code != 0 || !strings.Contains(out, "村（社区）3004") {
		t.Errorf("summary of the copy: exit %d, %s%s", code, out, errOut)
	}
	if code, out, errOut := runCLI(t, "--db", copyFile, "check"); code != 0 {
		t.Errorf("check of the copy: exit %d, %s%s", code, out, errOut)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*part*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
