package store

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

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

// recordMove audits the move in the same transaction (the audit entry is the shared database's
// 最后修改 too: DataChangedAt).
func (s *Store) recordMove(ctx context.Context, tx pgx.Tx, actor, file string, res *DeskImport) error {
	now := s.now()
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
