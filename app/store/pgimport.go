package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// ErrNotEmpty means a shared database already holds data beyond what init seeds.
var ErrNotEmpty = errors.New("共享数据库里已有数据")

// SeedProfile is what init leaves in a new database: the most rows each table may hold, and
// the audit entries init writes (by module, record and action). A shared database holding no
// more than this is empty for import-desk; every clerk's change writes an audit entry, so an
// edited seed row shows as an entry init does not write.
type SeedProfile struct {
	Rows  map[string]int64
	Audit map[string]int
}

// SeedProfile reads the profile of this database (a scratch one just through init).
func (s *Store) SeedProfile(ctx context.Context) (SeedProfile, error) {
	p := SeedProfile{Audit: map[string]int{}}
	var err error
	if p.Rows, err = s.TableCounts(ctx); err != nil {
		return p, err
	}
	var rows []auditRow
	if err := s.db.WithContext(ctx).Find(&rows).Error; err != nil {
		return p, err
	}
	for _, r := range rows {
		p.Audit[auditKey(r.Module, r.Entity, r.EntityID, r.Action)]++
	}
	return p, nil
}

func auditKey(module, entity, id, action string) string {
	return module + "\x00" + entity + "\x00" + id + "\x00" + action
}

// DeskImport is what ImportDesk did.
type DeskImport struct {
	Tables []TableRows // rows copied per table, in the order they were written
	Rows   int64
	// FromVersion is the desk file's schema version; when older than this program's, a
	// migrated copy of it was read (the file itself is never changed).
	FromVersion int
	Migrated    bool
	// Foreign lists objects in the file shequ does not create; they were not carried.
	Foreign []string
}

// ImportDesk moves the desk database file into this shared database, which must hold nothing
// but what init seeds (seed): in one transaction behind the writers' lock, the seeded rows are
// removed, every table of the file is copied with its ids (audit trail included), every
// sequence is moved past the highest id the file ever gave, and the move is audited. Anything
// going wrong leaves the shared database as it was. progress, when set, hears of each table.
func (s *Store) ImportDesk(ctx context.Context, file string, seed SeedProfile, actor string, progress func(TableRows)) (DeskImport, error) {
	var res DeskImport
	if !s.pg {
		return res, errors.New("import-desk 只能导入到共享数据库（--db postgres://…）")
	}
	src, cleanup, err := openDeskSource(ctx, file, &res)
	if err != nil {
		return res, err
	}
	defer cleanup()
	sqlDB, err := s.db.DB()
	if err != nil {
		return res, err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		return s.importOn(ctx, pc, src, seed, actor, file, &res, progress)
	})
	if err != nil {
		if errors.Is(err, ErrNotEmpty) {
			return res, err
		}
		return res, fmt.Errorf("导入未完成，共享数据库保持原样：%w", err)
	}
	return res, nil
}

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

// importOn is ImportDesk's transaction on one PostgreSQL connection.
func (s *Store) importOn(ctx context.Context, pc *pgx.Conn, src *deskSource, seed SeedProfile, actor, file string,
	res *DeskImport, progress func(TableRows)) error {
	tx, err := pc.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx)) //nolint:errcheck
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", writersLock); err != nil {
		return err
	}
	tables, err := readCopyTables(ctx, pgxQuery(tx))
	if err != nil {
		return err
	}
	if err := s.checkEmpty(ctx, tx, tables, seed); err != nil {
		return err
	}
	have, err := deskTables(ctx, src.tx)
	if err != nil {
		return err
	}
	for i := len(tables) - 1; i >= 0; i-- {
		if have[tables[i].Name] == nil {
			continue // a table the file does not have keeps its rows
		}
		del := "DELETE FROM " + quoteIdent(tables[i].Name)
		if tables[i].Name == "meta" {
			del += " WHERE key <> '" + metaIdentity + "'"
		}
		if _, err := tx.Exec(ctx, del); err != nil {
			return fmt.Errorf("无法清空数据表 %s：%w", tables[i].Name, err)
		}
	}
	for _, t := range tables {
		if have[t.Name] == nil {
			continue
		}
		n, err := copyDeskTable(ctx, tx, src.tx, t, have[t.Name])
		if err != nil {
			return err
		}
		res.Tables = append(res.Tables, TableRows{Table: t.Name, Rows: n})
		res.Rows += n
		if progress != nil {
			progress(TableRows{Table: t.Name, Rows: n})
		}
		if err := resetSequence(ctx, tx, t, src.seq[t.Name]); err != nil {
			return err
		}
	}
	if err := s.recordMove(ctx, tx, actor, file, res); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// checkEmpty refuses a shared database holding more than init seeds, naming what it holds.
func (s *Store) checkEmpty(ctx context.Context, tx pgx.Tx, tables []copyTable, seed SeedProfile) error {
	var extra []string
	for _, t := range tables {
		if t.Name == "meta" || t.Name == "audit_log" {
			continue
		}
		var n int64
		if err := tx.QueryRow(ctx, "SELECT COUNT(*) FROM "+quoteIdent(t.Name)).Scan(&n); err != nil {
			return err
		}
		if n > seed.Rows[t.Name] {
			extra = append(extra, fmt.Sprintf("数据表 %s 有 %d 行", t.Name, n))
		}
	}
	rows, err := tx.Query(ctx, `SELECT module, entity, entity_id, action FROM audit_log`)
	if err != nil {
		return err
	}
	left := map[string]int{}
	for k, v := range seed.Audit {
		left[k] = v
	}
	others := 0
	for rows.Next() {
		var m, e, id, a string
		if err := rows.Scan(&m, &e, &id, &a); err != nil {
			rows.Close()
			return err
		}
		if k := auditKey(m, e, id, a); left[k] > 0 {
			left[k]--
		} else {
			others++
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if others > 0 {
		extra = append(extra, fmt.Sprintf("操作日志有 %d 条 init 之外的记录", others))
	}
	if len(extra) == 0 {
		return nil
	}
	return fmt.Errorf("%w，不能导入（%s）。import-desk 只导入到刚用 init 建好的共享数据库：其中只能有 init 写入的官方区划、"+
		"部门职责、默认指标库和内置的经费类别等，它们由本机数据库的数据整体替换；已录入、导入的数据和账号一律不覆盖。"+
		"请为导入另建一个空数据库，运行 init 后再导入（账号在导入之后再建）：%s", ErrNotEmpty, strings.Join(extra, "，"), s.path)
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

// resetSequence moves a table's sequence past the highest id it holds and the highest the desk
// file ever gave (ids of deleted rows, which the audit trail names, are not handed out again).
func resetSequence(ctx context.Context, tx pgx.Tx, t copyTable, deskSeq int64) error {
	if t.Serial == "" {
		return nil
	}
	col, table := quoteIdent(t.Serial), quoteIdent(t.Name)
	_, err := tx.Exec(ctx, `SELECT setval(pg_get_serial_sequence($1, $2),
		GREATEST(COALESCE((SELECT MAX(`+col+`) FROM `+table+`), 0), $3::BIGINT) + 1, false)`, table, t.Serial, deskSeq)
	if err != nil {
		return fmt.Errorf("无法重设数据表 %s 的编号：%w", t.Name, err)
	}
	return nil
}

// recordMove stamps the change and audits the move in the same transaction.
func (s *Store) recordMove(ctx context.Context, tx pgx.Tx, actor, file string, res *DeskImport) error {
	now := s.now()
	if _, err := tx.Exec(ctx, `INSERT INTO meta (key, value) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, metaDataChangedAt, now.Format(time.RFC3339)); err != nil {
		return err
	}
	tables := make([]string, 0, len(res.Tables))
	for _, t := range res.Tables {
		if t.Rows > 0 {
			tables = append(tables, fmt.Sprintf("%s %d", t.Table, t.Rows))
		}
	}
	sort.Strings(tables)
	note := fmt.Sprintf("从本机数据库 %s（结构第 %d 版）导入共享数据库：%d 张表共 %d 行（%s）；init 写入的区划等数据由它替换",
		file, res.FromVersion, len(res.Tables), res.Rows, strings.Join(tables, "，"))
	_, err := tx.Exec(ctx, `INSERT INTO audit_log (at, actor, module, entity, entity_id, action, changes, note)
		VALUES ($1, $2, '数据安全', '数据库', '', $3, '', $4)`, now, actor, ActionImport, note)
	return err
}

// pgxRows is pgx's rows as the catalog readers take them.
type pgxRows struct{ pgx.Rows }

func (r pgxRows) Close() error { r.Rows.Close(); return r.Rows.Err() }

func pgxQuery(tx pgx.Tx) func(ctx context.Context, q string, args ...any) (rowsScanner, error) {
	return func(ctx context.Context, q string, args ...any) (rowsScanner, error) {
		rows, err := tx.Query(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		return pgxRows{rows}, nil
	}
}
