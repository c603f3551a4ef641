package app

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/auth"
	"shequ/app/backup"
	"shequ/app/store/pgtest"
)

// The lock is held per process, so the second holder is a child process (this test binary again).
func TestLockIsExclusiveAcrossProcesses(t *testing.T) {
	pgtest.SQLiteOnly(t, "窗口锁文件")
	if db := os.Getenv("SHEQU_LOCK_CHILD"); db != "" {
		_, err := backup.AcquireLock(db)
		if errors.Is(err, backup.ErrLocked) {
			os.Stdout.WriteString("LOCKED:" + err.Error())
			return
		}
		os.Stdout.WriteString("GOT")
		return
	}
	db := filepath.Join(t.TempDir(), "t.db")
	l, err := backup.AcquireLock(db)
	if err != nil {
		t.Fatal(err)
	}
	child := func() string {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLockIsExclusiveAcrossProcesses$")
		cmd.Env = append(os.Environ(), "SHEQU_LOCK_CHILD="+db)
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	out := child()
	if !strings.Contains(out, "LOCKED:") || !strings.Contains(out, auth.OSUser()) || !strings.Contains(out, "请先关闭") {
		t.Fatalf("second process while locked: %q", out)
	}
	l.Release()
	if out := child(); !strings.Contains(out, "GOT") {
		t.Fatalf("second process after release: %q", out)
	}
}
