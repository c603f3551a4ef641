package store

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Reading the desk file import-desk moves: checked, migrated on a copy when older, read in one
// read transaction, and streamed to COPY converted to the shared database's column types.

// deskSource is the desk file being read: one read transaction, so a desk still open elsewhere
// is read as of one moment.
type deskSource struct {
	tx  *sql.Tx
	seq map[string]int64 // sqlite_sequence: the highest id each table ever gave
}

// openDeskSource checks the file (intact, shequ's, a schema version this program knows),
// migrates a copy of it when it is older, and opens it read-only in a read transaction.
func openDeskSource(ctx context.Context, file string, res *DeskImport) (*deskSource, func(), error) {
	nothing := func() {}
	if st, err := os.Stat(file); err != nil {
		return nil, nothing, fmt.Errorf("找不到本机数据库文件 %s", file)
	} else if st.IsDir() {
		return nil, nothing, fmt.Errorf("%s 是文件夹，不是本机数据库文件", file)
	}
	fc, err := CheckFile(ctx, file)
	if err != nil {
		return nil, nothing, fmt.Errorf("不能导入 %s：%w", filepath.Base(file), err)
	}
	res.FromVersion, res.Foreign = fc.SchemaVersion, fc.Foreign
	path, cleanup := file, nothing
	if ms, _ := loadMigrations(); len(fc.versions) < len(ms) {
		if path, cleanup, err = migratedCopy(ctx, file); err != nil {
			return nil, nothing, err
		}
		res.Migrated = true
	}
	db, err := sql.Open("sqlite3", fileDSN(path, readOnlyQuery()))
	if err != nil {
		cleanup()
		return nil, nothing, err
	}
	db.SetMaxOpenConns(1)
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		_ = db.Close()
		cleanup()
		return nil, nothing, fmt.Errorf("无法读取 %s：%w", filepath.Base(file), err)
	}
	src := &deskSource{tx: tx, seq: map[string]int64{}}
	if rows, err := tx.QueryContext(ctx, `SELECT name, seq FROM sqlite_sequence`); err == nil {
		for rows.Next() {
			var n string
			var v int64
			if rows.Scan(&n, &v) == nil {
				src.seq[n] = v
			}
		}
		rows.Close()
	}
	return src, func() { _ = tx.Rollback(); _ = db.Close(); cleanup() }, nil
}

// migratedCopy writes a copy of an older desk file into a scratch folder (VACUUM INTO from a
// read-only connection, so a desk still open elsewhere is copied consistently) and brings the
// copy to this program's schema version.
func migratedCopy(ctx context.Context, file string) (string, func(), error) {
	dir, err := os.MkdirTemp("", "shequ-import-*")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { _ = os.RemoveAll(dir) }
	tmp := filepath.Join(dir, "desk.db")
	db, err := sql.Open("sqlite3", fileDSN(file, readOnlyQuery()))
	if err == nil {
		_, err = db.ExecContext(ctx, "VACUUM INTO ?", tmp)
		_ = db.Close()
	}
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("无法复制 %s 以升级其结构：%w", filepath.Base(file), err)
	}
	st, err := Open(ctx, tmp, Options{})
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("%s 的结构升级失败：%w", filepath.Base(file), err)
	}
	if err := st.Close(); err != nil {
		cleanup()
		return "", nil, err
	}
	return tmp, cleanup, nil
}

// deskTables lists the desk file's tables and their columns (lower-cased names).
func deskTables(ctx context.Context, tx *sql.Tx) (map[string]map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return nil, fmt.Errorf("无法读取本机数据库的结构：%w", err)
	}
	defer rows.Close()
	out := map[string]map[string]bool{}
	for rows.Next() {
		var t, c string
		if err := rows.Scan(&t, &c); err != nil {
			return nil, err
		}
		t = strings.ToLower(t)
		if out[t] == nil {
			out[t] = map[string]bool{}
		}
		out[t][strings.ToLower(c)] = true
	}
	return out, rows.Err()
}

// copyDeskTable copies one table's rows from the desk file with COPY; columns the file lacks
// take their defaults.
func copyDeskTable(ctx context.Context, tx pgx.Tx, src *sql.Tx, t copyTable, has map[string]bool) (int64, error) {
	var cols []copyCol
	for _, c := range t.Cols {
		if has[strings.ToLower(c.Name)] {
			cols = append(cols, c)
		}
	}
	sel := quoteList(cols, func(c copyCol) string {
		if isTimeType(c.Type) { // read as written: the driver would read a malformed time as zero
			return "CAST(" + quoteIdent(c.Name) + " AS TEXT)"
		}
		return quoteIdent(c.Name)
	})
	q := "SELECT " + sel + " FROM " + quoteIdent(t.Name)
	if t.Name == "meta" {
		q += " WHERE key <> '" + metaIdentity + "'"
	}
	rows, err := src.QueryContext(ctx, q)
	if err != nil {
		return 0, fmt.Errorf("无法读取本机数据库的数据表 %s：%w", t.Name, err)
	}
	defer rows.Close()
	dr := &deskRows{rows: rows, cols: cols, table: t.Name}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	var source pgx.CopyFromSource = dr
	if len(t.Self) > 0 {
		var all [][]any
		for dr.Next() {
			all = append(all, dr.vals)
		}
		if err := dr.Err(); err != nil {
			return 0, err
		}
		sub := t
		sub.Cols = cols
		sub.Self = nil
		for _, f := range t.Self { // the self-references among the columns copied
			sub.Self = append(sub.Self, selfRef{Cols: remap(t, cols, f.Cols), Ref: remap(t, cols, f.Ref)})
		}
		source = pgx.CopyFromRows(parentsFirst(sub, all))
	}
	n, err := tx.CopyFrom(ctx, pgx.Identifier{t.Name}, names, source)
	if err != nil {
		if dr.err != nil {
			return 0, dr.err
		}
		return 0, fmt.Errorf("数据表 %s 写入共享数据库失败：%w", t.Name, err)
	}
	return n, nil
}

// remap turns positions in t.Cols into positions in cols.
func remap(t copyTable, cols []copyCol, idx []int) []int {
	var out []int
	for _, i := range idx {
		for j, c := range cols {
			if c.Name == t.Cols[i].Name {
				out = append(out, j)
			}
		}
	}
	return out
}

// deskRows streams a desk table's rows to COPY, converted to the shared database's types.
type deskRows struct {
	rows  *sql.Rows
	cols  []copyCol
	table string
	vals  []any
	n     int64
	err   error
}

func (d *deskRows) Next() bool {
	if d.err != nil || !d.rows.Next() {
		return false
	}
	raw := make([]any, len(d.cols))
	ptrs := make([]any, len(d.cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	if d.err = d.rows.Scan(ptrs...); d.err != nil {
		return false
	}
	d.n++
	d.vals = make([]any, len(d.cols))
	for i, c := range d.cols {
		v, err := toPG(raw[i], c.Type)
		if err != nil {
			d.err = fmt.Errorf("本机数据库的数据表 %s 第 %d 行的列 %s 无法导入：%v", d.table, d.n, c.Name, err)
			return false
		}
		d.vals[i] = v
	}
	return true
}

func (d *deskRows) Values() ([]any, error) { return d.vals, nil }

func (d *deskRows) Err() error {
	if d.err != nil {
		return d.err
	}
	return d.rows.Err()
}
