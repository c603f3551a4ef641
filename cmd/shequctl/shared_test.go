package main

import (
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/store/pgtest"
)

// On a shared database the commands that work on the desk's file refuse in Chinese, exit 1, and
// never print the password; check still checks. (backup --out writes a desk copy there: see
// importdesk_test.go.)
func TestFileCommandsOnSharedDatabase(t *testing.T) {
	if pgtest.OnPostgres() {
		t.Skip("只在第一轮运行一次")
	}
	db := pgtest.NewDatabase(t)
	if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatal(errOut)
	}
	password := strings.SplitN(strings.SplitN(db, "@", 2)[0], ":", 3)[2]
	dir := t.TempDir()
	for _, args := range [][]string{
		{"backup"},
		{"restore", filepath.Join(dir, "b.db")},
		{"recover"},
	} {
		code, out, errOut := runCLI(t, append([]string{"--db", db}, args...)...)
		if code != 1 || !strings.Contains(errOut, "共享模式") || strings.Contains(out+errOut, password) {
			t.Errorf("%v: exit %d, %s%s", args, code, out, errOut)
		}
	}
	if code, out, errOut := runCLI(t, "--db", db, "check"); code != 0 || !strings.Contains(out, "共享数据库") || strings.Contains(out+errOut, password) {
		t.Errorf("check: exit %d, %s%s", code, out, errOut)
	}
	bad := strings.Replace(db, password, password+"x", 1)
	if code, _, errOut := runCLI(t, "--db", bad, "summary"); code != 1 || !strings.Contains(errOut, "用户名或密码不对") ||
		strings.Contains(errOut, password) {
		t.Errorf("wrong password: exit %d, %s", code, errOut)
	}
}
