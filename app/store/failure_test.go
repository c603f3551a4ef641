package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mattn/go-sqlite3"

	"shequ/app/store/pgtest"
)

// noRawText fails when SQLite's or Go's English reaches a message a clerk reads.
func noRawText(t *testing.T, msg string) {
	t.Helper()
	for _, w := range []string{"database", "disk image", "malformed", "SQLITE", "no such", "permission denied", "file is not", "locked", "busy"} {
		if strings.Contains(msg, w) {
			t.Errorf("raw text %q in %q", w, msg)
		}
	}
}

func TestClassifyFailures(t *testing.T) {
	pgtest.SQLiteOnly(t, "SQLite 与文件系统的错误归类")
	db := filepath.Join(t.TempDir(), "shequ.db")
	for _, c := range []struct {
		err  error
		kind error
		want string
	}{
		{sqlite3.Error{Code: sqlite3.ErrFull}, ErrDiskFull, "磁盘空间不足，本次导入已全部撤销，数据未改变"},
		{fmt.Errorf("写入预算明细失败（第 20482 行附近）：%w", sqlite3.Error{Code: sqlite3.ErrFull}), ErrDiskFull, "磁盘空间不足，本次导入已全部撤销，数据未改变"},
		{&os.PathError{Op: "write", Path: db, Err: syscall.ENOSPC}, ErrDiskFull, "磁盘空间不足"},
		{sqlite3.Error{Code: sqlite3.ErrReadonly}, ErrFolderRO, "只读"},
		{&os.PathError{Op: "mkdir", Path: db, Err: syscall.EACCES}, ErrFolderRO, "没有写入权限"},
		{sqlite3.Error{Code: sqlite3.ErrBusy}, ErrInUse, "正被另一个程序占用"},
		{sqlite3.Error{Code: sqlite3.ErrCorrupt}, ErrCorrupt, "已损坏"},
		{sqlite3.Error{Code: sqlite3.ErrNotADB}, ErrNotShequ, "不是 shequ 的数据库文件"},
		{sqlite3.Error{Code: sqlite3.ErrIoErr}, ErrStorage, "磁盘或存储设备可能有故障"},
	} {
		err := classify(db, "导入", c.err)
		if !errors.Is(err, c.kind) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v → %v (want %v, %q)", c.err, err, c.kind, c.want)
		}
		noRawText(t, err.Error())
	}
	// At the screen's edge the raw part is put in Chinese and the Chinese head kept.
	other := filepath.Join(t.TempDir(), "预算.xlsx")
	for _, c := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("无法打开文件 %s：%w", other, &os.PathError{Op: "open", Path: other, Err: syscall.ENOENT}), "无法打开文件 " + other + "：文件或文件夹不存在"},
		{fmt.Errorf("备份到 E:\\备份\\x.db 失败：%w", sqlite3.Error{Code: sqlite3.ErrFull}), "备份到 E:\\备份\\x.db 失败：磁盘空间不足"},
		{errors.New("shequ-1.db：完整性检查未通过：*** in database main *** Page 3: btreeInitPage() returns error code 11"), "shequ-1.db：文件已损坏（完整性检查未通过）"},
		{sqlite3.Error{Code: sqlite3.ErrCorrupt}, "数据库文件 " + db + " 已损坏"},
	} {
		got := Explain(db, c.err)
		if !strings.HasPrefix(got.Error(), c.want) {
			t.Errorf("Explain(%v) = %q, want %q", c.err, got, c.want)
		}
		noRawText(t, got.Error())
	}
	// Our own Chinese errors pass through unchanged.
	mine := errors.New("年度 1999 不在 2000—2100 年之间")
	if got := classify(db, "", mine); got != mine || Explain(db, mine) != mine {
		t.Errorf("own error changed: %v", got)
	}
	// The raw text is kept beside the database for the IT person.
	log, err := os.ReadFile(LogFile(db))
	if err != nil || !strings.Contains(string(log), "database or disk is full") {
		t.Errorf("log %s: %v %q", LogFile(db), err, log)
	}
}

// Open says in Chinese what is wrong with the file, and creates nothing it should not.
func TestOpenFailuresSpeakChinese(t *testing.T) {
	pgtest.SQLiteOnly(t, "打开数据库文件的失败")
	ctx := context.Background()
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	st, err := Open(ctx, good, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetSetting(ctx, Setting{Key: "x", Value: "y", Label: "x", After: "y"}, "t"); err != nil {
		t.Fatal(err)
	}
	_ = st.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error
	st.Close()
	text := filepath.Join(dir, "notes.db")
	os.WriteFile(text, []byte(strings.Repeat("这不是数据库。", 500)), 0o644)
	other := filepath.Join(dir, "other.db")
	otherDB, err := sql.Open("sqlite3", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := otherDB.Exec("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)"); err != nil {
		t.Fatal(err)
	}
	otherDB.Close()
	halved := filepath.Join(dir, "halved.db")
	data, _ := os.ReadFile(good)
	os.WriteFile(halved, data[:len(data)/2], 0o644)
	missing := filepath.Join(dir, "missing.db")

	for _, c := range []struct {
		name string
		path string
		opt  Options
		kind error
	}{
		{"not SQLite", text, Options{}, ErrNotShequ},
		{"another program's SQLite", other, Options{}, ErrNotShequ},
		{"truncated, quick check", halved, Options{QuickCheck: true}, ErrCorrupt},
		{"missing, must exist", missing, Options{MustExist: true}, ErrMissing},
	} {
		_, err := Open(ctx, c.path, c.opt)
		if !errors.Is(err, c.kind) {
			t.Errorf("%s: %v, want %v", c.name, err, c.kind)
			continue
		}
		noRawText(t, err.Error())
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Error("opening a missing database with MustExist created it")
	}
}

func TestOpenReadOnlyFolder(t *testing.T) {
	pgtest.SQLiteOnly(t, "只读文件夹")
	if os.Geteuid() == 0 {
		t.Skip("root writes into read-only folders")
	}
	dir := filepath.Join(t.TempDir(), "ro")
	os.Mkdir(dir, 0o555)
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	_, err := Open(context.Background(), filepath.Join(dir, "shequ.db"), Options{})
	if !errors.Is(err, ErrFolderRO) {
		t.Fatalf("%v", err)
	}
	noRawText(t, err.Error())
}

// A database written by a newer shequ is refused with the advice to upgrade, and left unchanged.
func TestOpenNewerDatabase(t *testing.T) {
	pgtest.SQLiteOnly(t, "数据库文件")
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shequ.db")
	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', CURRENT_TIMESTAMP)`).Error; err != nil {
		t.Fatal(err)
	}
	st.Close()
	for _, opt := range []Options{{}, {QuickCheck: true}} {
		_, err := Open(ctx, path, opt)
		if !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(err.Error(), "请升级 shequ") {
			t.Fatalf("%v", err)
		}
		noRawText(t, err.Error())
	}
}
