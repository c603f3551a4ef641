package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/mattn/go-sqlite3" // the driver GORM's sqlite dialect registers; used here directly to check files
)

// ErrNotShequ means a file is not a shequ database.
var ErrNotShequ = errors.New("不是 shequ 数据库")

// Snapshot writes a consistent copy of the open database to dest with VACUUM INTO, while other
// connections keep working. dest must not exist, or be an empty file (a name the caller reserved);
// the copy is written to a temporary file of its own first, so concurrent snapshots never share
// one and a crash never leaves a half-written file under dest.
func (s *Store) Snapshot(ctx context.Context, dest string) error {
	if s.pg {
		return fmt.Errorf("%w；要一份本机数据库副本（离线保存、恢复演练），用 shequctl --db 共享数据库地址 backup --out 文件.db", FileOnly("备份到文件"))
	}
	if st, err := os.Stat(dest); err == nil && (st.IsDir() || st.Size() > 0) {
		return fmt.Errorf("备份文件 %s 已存在", dest)
	}
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("无法创建备份目录 %s：%w", dir, err)
	}
	tmp, err := freshName(dir, "."+filepath.Base(dest)+".*.part") // VACUUM INTO wants a new file
	if err != nil {
		return fmt.Errorf("备份到 %s 失败：%w", dest, err)
	}
	if err := s.db.WithContext(ctx).Exec("VACUUM INTO ?", tmp).Error; err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("备份到 %s 失败：%w", dest, err)
	}
	if err := syncFile(tmp); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("备份到 %s 失败：%w", dest, err)
	}
	return nil
}

// freshName is a name no file has in dir, made from pattern as os.CreateTemp does, for a file
// to be written there under it and renamed when complete; the caller removes it on failure.
func freshName(dir, pattern string) (string, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	name := f.Name()
	_ = f.Close()
	_ = os.Remove(name) // the unique name stays ours; what writes it wants a new file
	return name, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// FileCheck is what CheckFile found out about a database file.
type FileCheck struct {
	SchemaVersion int
	Divisions     int64
	// Foreign describes, in Chinese, the objects in the file that shequ's migrations do not
	// create at its version (a planted trigger, say). A restore never copies them.
	Foreign  []string
	versions []int
}

// CheckFile opens a database file read-only and checks that it is intact (integrity_check,
// foreign_key_check), that it is a shequ database, and that this program knows its schema.
func CheckFile(ctx context.Context, path string) (FileCheck, error) {
	var fc FileCheck
	st, err := os.Stat(path)
	if err != nil {
		return fc, fmt.Errorf("无法读取 %s：%w", path, err)
	}
	if st.IsDir() {
		return fc, fmt.Errorf("%s 是文件夹，不是数据库文件", path)
	}
	head := make([]byte, 16)
	if f, err := os.Open(path); err == nil {
		_, _ = f.Read(head)
		_ = f.Close()
	}
	if string(head) != "SQLite format 3\x00" {
		return fc, fmt.Errorf("%w：%s 不是 SQLite 数据库文件", ErrNotShequ, filepath.Base(path))
	}
	db, err := sql.Open("sqlite3", fileDSN(path, readOnlyQuery()))
	if err != nil {
		return fc, err
	}
	defer db.Close()
	if err := checkIntegrity(ctx, db); err != nil {
		return fc, fmt.Errorf("%s：%w", filepath.Base(path), err)
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'
		AND name IN ('schema_migrations', 'meta', 'divisions', 'audit_log')`).Scan(&n); err != nil || n != 4 {
		return fc, fmt.Errorf("%w：%s 缺少 shequ 的数据表", ErrNotShequ, filepath.Base(path))
	}
	rows, err := db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return fc, err
	}
	known := map[int]bool{}
	if ms, err := loadMigrations(); err == nil {
		for _, m := range ms {
			known[m.version] = true
		}
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return fc, err
		}
		if !known[v] {
			rows.Close()
			return fc, fmt.Errorf("%w：%s 含有第 %d 版结构，本程序最高支持第 %d 版，请先升级 shequ",
				ErrSchemaTooNew, filepath.Base(path), v, LatestSchemaVersion())
		}
		fc.SchemaVersion = max(fc.SchemaVersion, v)
		fc.versions = append(fc.versions, v)
	}
	rows.Close()
	own, err := ownSchemaAt(ctx, fc.versions)
	if err != nil {
		return fc, err
	}
	file, err := readSchema(ctx, func(ctx context.Context, q string, args ...any) (rowsScanner, error) {
		return db.QueryContext(ctx, q, args...)
	}, "main")
	if err != nil {
		return fc, fmt.Errorf("%s：%w", filepath.Base(path), err)
	}
	missing, foreign := schemaDiff(file, own)
	if len(missing) > 0 {
		return fc, fmt.Errorf("%s 不是完整的 shequ 数据库，不能恢复：%s", filepath.Base(path), strings.Join(missing, "；"))
	}
	fc.Foreign = foreign
	_ = db.QueryRowContext(ctx, `SELECT COUNT(*) FROM divisions`).Scan(&fc.Divisions)
	return fc, nil
}

func checkIntegrity(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return fmt.Errorf("无法检查完整性（文件可能已损坏）：%w", err)
	}
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return err
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	rows.Close()
	if len(problems) > 0 {
		return fmt.Errorf("完整性检查未通过：%s", strings.Join(problems[:min(5, len(problems))], "；"))
	}
	return checkForeignKeys(ctx, db, "PRAGMA foreign_key_check")
}

// Check runs the integrity and foreign-key checks on the open database and compares its schema
// with the one shequ's migrations create: any object shequ does not create is reported.
func (s *Store) Check(ctx context.Context) error {
	if s.pg {
		return s.checkPG(ctx)
	}
	db, err := s.db.DB()
	if err != nil {
		return err
	}
	if err := checkIntegrity(ctx, db); err != nil {
		return err
	}
	query := func(ctx context.Context, q string, args ...any) (rowsScanner, error) {
		return db.QueryContext(ctx, q, args...)
	}
	versions, err := appliedVersions(ctx, query, "main")
	if err != nil {
		return err
	}
	own, err := ownSchemaAt(ctx, versions)
	if err != nil {
		return err
	}
	live, err := readSchema(ctx, query, "main")
	if err != nil {
		return err
	}
	missing, foreign := schemaDiff(live, own)
	if len(missing)+len(foreign) > 0 {
		return fmt.Errorf("数据库结构与 shequ 的不符（可能被其他程序改动过）：%s", strings.Join(append(missing, foreign...), "；"))
	}
	return nil
}

func removeSidecars(path string) {
	_ = os.Remove(path + "-wal")
	_ = os.Remove(path + "-shm")
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := out.ReadFrom(in); err != nil {
		_ = out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}
