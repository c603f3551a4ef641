package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// ErrFileExists means backup --out would overwrite a file and --force was not given.
var ErrFileExists = errors.New("文件已存在")

// DeskCopy is what CopyToFile wrote.
type DeskCopy struct {
	Tables []TableRows
	Rows   int64
}

// CopyToFile writes a desk-mode (SQLite) copy of this shared database to dest: every table the
// connecting role may read, as of one moment (one read-only REPEATABLE READ transaction), into a
// fresh file created by Open (so it has the schema at this program's version), checked with the
// foreign-key and quick checks; it is written beside dest under a temporary name and renamed at
// the end. An existing dest is refused unless force.
func (s *Store) CopyToFile(ctx context.Context, dest string, force bool) (DeskCopy, error) {
	var res DeskCopy
	if !s.pg {
		return res, errors.New("只有共享数据库需要复制成本机文件，本机数据库请用备份")
	}
	if st, err := os.Stat(dest); err == nil {
		if st.IsDir() {
			return res, fmt.Errorf("%s 是文件夹，请指定备份文件名，如 %s", dest, filepath.Join(dest, "shequ-备份.db"))
		}
		if !force {
			return res, fmt.Errorf("%w：%s。要覆盖它请加 --force，或换一个文件名", ErrFileExists, dest)
		}
	}
	dir := filepath.Dir(dest)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return res, fmt.Errorf("无法创建文件夹 %s：%w", dir, err)
	}
	tmp, err := freshName(dir, "."+filepath.Base(dest)+".*.part")
	if err != nil {
		return res, fmt.Errorf("无法在 %s 写入：%w", dir, err)
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp)
			removeSidecars(tmp)
		}
	}()
	if res, err = s.copyInto(ctx, tmp); err != nil {
		return res, err
	}
	if err = syncFile(tmp); err != nil {
		return res, err
	}
	if err = os.Rename(tmp, dest); err != nil {
		return res, fmt.Errorf("无法写入 %s：%w", dest, err)
	}
	return res, nil
}

// copyInto creates the desk file at tmp and fills it from one snapshot of the shared database.
func (s *Store) copyInto(ctx context.Context, tmp string) (DeskCopy, error) {
	var res DeskCopy
	desk, err := Open(ctx, tmp, Options{})
	if err != nil {
		return res, fmt.Errorf("无法建立本机数据库文件：%w", err)
	}
	closed := false
	defer func() {
		if !closed {
			_ = desk.Close()
		}
	}()
	pgDB, err := s.db.DB()
	if err != nil {
		return res, err
	}
	ptx, err := pgDB.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	if err != nil {
		return res, err
	}
	defer ptx.Rollback() //nolint:errcheck
	tables, err := readCopyTables(ctx, func(ctx context.Context, q string, args ...any) (rowsScanner, error) {
		return ptx.QueryContext(ctx, q, args...)
	})
	if err != nil {
		return res, err
	}
	deskDB, err := desk.db.DB()
	if err != nil {
		return res, err
	}
	conn, err := deskDB.Conn(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return res, err
	}
	dtx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return res, err
	}
	defer dtx.Rollback() //nolint:errcheck
	// The migrations' seed rows and the new file's identity give way to the shared database's.
	for _, t := range tables {
		if _, err := dtx.ExecContext(ctx, "DELETE FROM "+quoteIdent(t.Name)); err != nil {
			return res, fmt.Errorf("本机文件缺少数据表 %s（共享数据库的结构与本程序不符）：%w", t.Name, err)
		}
	}
	for _, t := range tables {
		n, err := copyToDesk(ctx, ptx, dtx, t)
		if err != nil {
			return res, err
		}
		res.Tables = append(res.Tables, TableRows{Table: t.Name, Rows: n})
		res.Rows += n
	}
	if err := copySequences(ctx, ptx, dtx, tables); err != nil {
		return res, err
	}
	if err := stampChanged(ctx, ptx, dtx); err != nil {
		return res, err
	}
	if err := checkForeignKeys(ctx, dtx, "PRAGMA foreign_key_check"); err != nil {
		return res, fmt.Errorf("读到的数据不完整（可能有看不到的上级记录），未写出文件：%w", err)
	}
	if err := dtx.Commit(); err != nil {
		return res, err
	}
	var ok string
	if err := conn.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&ok); err != nil || ok != "ok" {
		return res, fmt.Errorf("写出的文件未通过快速检查：%v %s", err, ok)
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return res, err
	}
	_ = conn.Close()
	closed = true
	if err := desk.Close(); err != nil {
		return res, err
	}
	removeSidecars(tmp)
	return res, nil
}

// copyToDesk copies one table's rows from the snapshot into the desk file.
func copyToDesk(ctx context.Context, ptx, dtx *sql.Tx, t copyTable) (int64, error) {
	list := quoteList(t.Cols, func(c copyCol) string { return quoteIdent(c.Name) })
	rows, err := ptx.QueryContext(ctx, "SELECT "+list+" FROM "+quoteIdent(t.Name))
	if err != nil {
		return 0, fmt.Errorf("无法读取共享数据库的数据表 %s：%w", t.Name, err)
	}
	defer rows.Close()
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(t.Cols)), ", ")
	ins, err := dtx.PrepareContext(ctx, "INSERT INTO "+quoteIdent(t.Name)+" ("+list+") VALUES ("+marks+")")
	if err != nil {
		return 0, fmt.Errorf("本机文件的数据表 %s 与共享数据库的不符：%w", t.Name, err)
	}
	defer ins.Close()
	vals := make([]any, len(t.Cols))
	ptrs := make([]any, len(t.Cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if _, err := ins.ExecContext(ctx, vals...); err != nil {
			return n, fmt.Errorf("数据表 %s 第 %d 行写入本机文件失败：%w", t.Name, n+1, err)
		}
		n++
	}
	return n, rows.Err()
}

// copySequences carries each sequence's position into the desk file's AUTOINCREMENT counters,
// so ids of rows deleted on the server are not given again. A sequence the role may not read
// (pg_sequences shows NULL) leaves the counter at the highest id copied.
func copySequences(ctx context.Context, ptx, dtx *sql.Tx, tables []copyTable) error {
	for _, t := range tables {
		if t.Serial == "" {
			continue
		}
		var last sql.NullInt64
		err := ptx.QueryRowContext(ctx, `SELECT s.last_value FROM pg_sequences s
			WHERE quote_ident(s.schemaname) || '.' || quote_ident(s.sequencename) = pg_get_serial_sequence($1, $2)`,
			quoteIdent(t.Name), t.Serial).Scan(&last)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !last.Valid) {
			continue
		}
		if err != nil {
			return err
		}
		if _, err := dtx.ExecContext(ctx, `UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?`, last.Int64, t.Name); err != nil {
			return err
		}
		if _, err := dtx.ExecContext(ctx, `INSERT INTO sqlite_sequence (name, seq) SELECT ?, ?
			WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)`, t.Name, last.Int64, t.Name); err != nil {
			return err
		}
	}
	return nil
}

// stampChanged gives the desk copy the shared database's 最后修改 as of the snapshot: a desk file
// keeps it in meta, which the shared database writes only when seeding (DataChangedAt).
func stampChanged(ctx context.Context, ptx, dtx *sql.Tx) error {
	at, ok, err := latestChange(ctx, ptx)
	if err != nil || !ok {
		return err
	}
	_, err = dtx.ExecContext(ctx, "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		metaDataChangedAt, at.Format(time.RFC3339))
	return err
}
