package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// ReplaceWith swaps the database file for the data of src, atomically, without ever trusting
// src's schema: a new database is built beside this one from shequ's own migrations at src's
// schema version, src is attached read-only and the rows of shequ's tables are copied in by
// column name (so NOT NULL, UNIQUE and foreign keys apply as to typed data), the foreign keys are
// verified, the copy is migrated to this program's version, and only then renamed over the
// database; the store reopens. Objects src carries that shequ does not create (triggers, views,
// indexes, tables, columns) are never copied; they are returned, described in Chinese, so the
// caller can tell the user. The restored database keeps this database's identity. The caller
// snapshots the current database first and makes sure nothing else writes meanwhile.
func (s *Store) ReplaceWith(ctx context.Context, src string) (foreign []string, err error) {
	if s.pg {
		return nil, FileOnly("从备份文件恢复")
	}
	fc, err := CheckFile(ctx, src)
	if err != nil {
		return nil, err
	}
	tmp, err := freshName(filepath.Dir(s.path), "."+filepath.Base(s.path)+".*.restore")
	if err != nil {
		return nil, fmt.Errorf("无法在数据库所在文件夹建立临时文件：%w", err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
			removeSidecars(tmp)
		}
	}()
	if err := s.stageCopy(ctx, tmp, src, fc.versions); err != nil {
		return nil, err
	}
	if err := s.finishStaged(ctx, tmp); err != nil {
		return nil, err
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	removeSidecars(s.path)
	renameErr := os.Rename(tmp, s.path)
	reopened, err := Open(ctx, s.path, Options{})
	if err != nil {
		return nil, fmt.Errorf("恢复后重新打开数据库失败：%w", err)
	}
	s.db = reopened.db
	if renameErr != nil {
		_ = os.Remove(tmp)
		return nil, fmt.Errorf("替换数据库文件失败（原数据库未改动）：%w", renameErr)
	}
	return fc.Foreign, nil
}

// stageCopy builds the new database at tmp at src's versions and copies src's rows into it.
func (s *Store) stageCopy(ctx context.Context, tmp, src string, versions []int) error {
	staged, err := stageAt(ctx, tmp, versions)
	if err != nil {
		return fmt.Errorf("建立待恢复的数据库失败：%w", err)
	}
	defer staged.Close()
	sqlDB, err := staged.db.DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "ATTACH DATABASE ? AS src", fileDSN(src, readOnlyQuery())); err != nil {
		return fmt.Errorf("无法读取备份文件 %s：%w", filepath.Base(src), err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "DETACH DATABASE src") //nolint:errcheck
	query := func(ctx context.Context, q string, args ...any) (rowsScanner, error) {
		return conn.QueryContext(ctx, q, args...)
	}
	own, err := readSchema(ctx, query, "main")
	if err != nil {
		return err
	}
	file, err := readSchema(ctx, query, "src")
	if err != nil {
		return err
	}
	if missing, _ := schemaDiff(file, own); len(missing) > 0 {
		return fmt.Errorf("%s 不是完整的 shequ 数据库，不能恢复：%s", filepath.Base(src), strings.Join(missing, "；"))
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck
	if err := copyTables(ctx, tx, own); err != nil {
		return fmt.Errorf("%s 中的数据不符合 shequ 的要求，未恢复：%w", filepath.Base(src), err)
	}
	if err := checkForeignKeys(ctx, tx, "PRAGMA main.foreign_key_check"); err != nil {
		return fmt.Errorf("%s 中的数据不符合 shequ 的要求，未恢复：%w", filepath.Base(src), err)
	}
	return tx.Commit()
}

// copyTables copies every row of shequ's tables from src into main, column by column by name.
func copyTables(ctx context.Context, tx *sql.Tx, own schemaInfo) error {
	var tables []string
	for key, o := range own.objects {
		if o.Type == "table" && key != "schema_migrations" {
			tables = append(tables, key)
		}
	}
	sort.Strings(tables)
	for _, key := range tables {
		name := quoteIdent(own.objects[key].Name)
		cols := make([]string, len(own.columns[key]))
		for i, c := range own.columns[key] {
			cols[i] = quoteIdent(c)
		}
		list := strings.Join(cols, ", ")
		if _, err := tx.ExecContext(ctx, "DELETE FROM main."+name); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO main."+name+" ("+list+") SELECT "+list+" FROM src."+name); err != nil {
			return constraintMessage(own.objects[key].Name, err)
		}
		// Keep AUTOINCREMENT counters where the file had them higher (deleted rows' ids are not reused).
		if _, err := tx.ExecContext(ctx, `UPDATE main.sqlite_sequence SET seq = MAX(seq, COALESCE((SELECT MAX(CAST(seq AS INTEGER))
			FROM src.sqlite_sequence WHERE name = ?), 0)) WHERE name = ?`, own.objects[key].Name, own.objects[key].Name); err != nil &&
			!strings.Contains(err.Error(), "no such table") {
			return err
		}
	}
	return nil
}

var constraintRe = regexp.MustCompile(`(NOT NULL|UNIQUE|CHECK|FOREIGN KEY|PRIMARY KEY) constraint failed(?::\s*(\S+))?`)

// constraintMessage says in Chinese which rule a table's rows broke.
func constraintMessage(table string, err error) error {
	m := constraintRe.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("数据表 %s 的数据无法复制（文件可能已损坏）", table)
	}
	col := ""
	if m[2] != "" {
		col = "的列 " + strings.TrimPrefix(m[2], table+".")
	}
	switch m[1] {
	case "NOT NULL":
		return fmt.Errorf("数据表 %s %s有空值，而这一项必填", table, col)
	case "UNIQUE", "PRIMARY KEY":
		return fmt.Errorf("数据表 %s %s有重复值，而这一项不能重复", table, col)
	default:
		return fmt.Errorf("数据表 %s 有数据不符合取值规则", table)
	}
}

// checkForeignKeys runs a foreign_key_check pragma and describes the first problem in Chinese.
func checkForeignKeys(ctx context.Context, q interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}, pragma string) error {
	rows, err := q.QueryContext(ctx, pragma)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	var first string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var idx int
		if err := rows.Scan(&table, &rowid, &parent, &idx); err != nil {
			return err
		}
		if n == 0 {
			first = fmt.Sprintf("数据表 %s 第 %d 行引用的 %s 不存在", table, rowid.Int64, parent)
		}
		n++
	}
	if n > 0 {
		return fmt.Errorf("外键检查发现 %d 处问题，例如：%s", n, first)
	}
	return rows.Err()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// finishStaged migrates the staged copy to this program's version, gives it this database's
// identity and closes it, checkpointed, so it can be renamed over the database.
func (s *Store) finishStaged(ctx context.Context, tmp string) error {
	staged, err := Open(ctx, tmp, Options{})
	if err != nil {
		return fmt.Errorf("升级待恢复的数据库失败：%w", err)
	}
	if id, err := s.Identity(ctx); err == nil && id != "" {
		if err := setMeta(staged.db.WithContext(ctx), metaIdentity, id); err != nil {
			_ = staged.Close()
			return err
		}
	}
	if err := staged.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
		_ = staged.Close()
		return err
	}
	if err := staged.Close(); err != nil {
		return err
	}
	removeSidecars(tmp)
	return nil
}
