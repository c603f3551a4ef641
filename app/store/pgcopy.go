package store

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// Moving data between a desk file and a shared database (import-desk, backup --out) copies every
// table generically: the tables, their columns and the foreign keys between them are read from
// the shared database's catalog at run time, so columns and tables later migrations add are
// carried without changes here. schema_migrations is never copied (each side has its own, at
// the same version); meta is copied without the database identity.

// copyTable is one table to copy, as the shared database's catalog describes it.
type copyTable struct {
	Name string
	Cols []copyCol
	// Self lists the foreign keys from this table to itself (divisions' parent_code): its rows
	// are written parents first.
	Self []selfRef
	// Serial is the column a sequence numbers ("" when none): reset after an import.
	Serial string
}

// copyCol is a column and its PostgreSQL type as information_schema names it.
type copyCol struct{ Name, Type string }

// selfRef is a foreign key from columns of a table to columns of the same table.
type selfRef struct{ Cols, Ref []int }

// TableRows is how many rows one table holds or had copied.
type TableRows struct {
	Table string
	Rows  int64
}

// pgCatalogColumns lists the current schema's tables with their columns in order, and which column a
// sequence numbers. Only tables and columns the connecting role may read are listed.
const pgCatalogColumns = `SELECT c.table_name, c.column_name, c.data_type,
	pg_get_serial_sequence(quote_ident(c.table_schema) || '.' || quote_ident(c.table_name), c.column_name) IS NOT NULL
	FROM information_schema.columns c
	JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
	WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
	ORDER BY c.table_name, c.ordinal_position`

// pgCatalogForeignKeys lists the foreign keys between the current schema's tables: child,
// parent, and their columns in key order, comma-separated.
const pgCatalogForeignKeys = `SELECT c1.relname, c2.relname,
	(SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
		JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num),
	(SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
		JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num)
	FROM pg_constraint con
	JOIN pg_class c1 ON c1.oid = con.conrelid
	JOIN pg_class c2 ON c2.oid = con.confrelid
	JOIN pg_namespace n ON n.oid = con.connamespace
	WHERE con.contype = 'f' AND n.nspname = current_schema()
	ORDER BY 1, 2`

// readCopyTables reads the tables to copy from the shared database's catalog, in foreign-key
// order: every table after the tables it refers to.
func readCopyTables(ctx context.Context, q func(ctx context.Context, q string, args ...any) (rowsScanner, error)) ([]copyTable, error) {
	rows, err := q(ctx, pgCatalogColumns)
	if err != nil {
		return nil, fmt.Errorf("无法读取共享数据库的表结构：%w", err)
	}
	byName := map[string]*copyTable{}
	var names []string
	for rows.Next() {
		var table, col, typ string
		var serial bool
		if err := rows.Scan(&table, &col, &typ, &serial); err != nil {
			rows.Close()
			return nil, err
		}
		if notCopied(table) {
			continue
		}
		t := byName[table]
		if t == nil {
			t = &copyTable{Name: table}
			byName[table] = t
			names = append(names, table)
		}
		t.Cols = append(t.Cols, copyCol{Name: col, Type: typ})
		if serial {
			t.Serial = col
		}
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%w：共享数据库里没有 shequ 的数据表", ErrNotShequ)
	}
	deps := map[string][]string{}
	rows, err = q(ctx, pgCatalogForeignKeys)
	if err != nil {
		return nil, fmt.Errorf("无法读取共享数据库的外键：%w", err)
	}
	for rows.Next() {
		var child, parent, cols, refs string
		if err := rows.Scan(&child, &parent, &cols, &refs); err != nil {
			rows.Close()
			return nil, err
		}
		t := byName[child]
		if t == nil || byName[parent] == nil {
			continue
		}
		if child == parent {
			t.Self = append(t.Self, selfRef{Cols: t.indexes(cols), Ref: t.indexes(refs)})
			continue
		}
		deps[child] = append(deps[child], parent)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	order, err := foreignKeyOrder(names, deps)
	if err != nil {
		return nil, err
	}
	out := make([]copyTable, len(order))
	for i, n := range order {
		out[i] = *byName[n]
	}
	return out, nil
}

// indexes are the positions of comma-separated column names in t.Cols.
func (t *copyTable) indexes(cols string) []int {
	var out []int
	for _, c := range strings.Split(cols, ",") {
		for i, have := range t.Cols {
			if have.Name == c {
				out = append(out, i)
			}
		}
	}
	return out
}

// foreignKeyOrder sorts tables so each comes after those it refers to (Kahn's algorithm, by name
// among equals so the order is stable). A cycle between tables is an error: shequ's schema has none.
func foreignKeyOrder(names []string, deps map[string][]string) ([]string, error) {
	sort.Strings(names)
	done := map[string]bool{}
	var out []string
	for len(out) < len(names) {
		progress := false
		for _, n := range names {
			if done[n] {
				continue
			}
			ready := true
			for _, d := range deps[n] {
				if !done[d] {
					ready = false
					break
				}
			}
			if ready {
				done[n] = true
				out = append(out, n)
				progress = true
			}
		}
		if !progress {
			return nil, fmt.Errorf("数据表之间的外键成环，无法确定复制顺序")
		}
	}
	return out, nil
}

// parentsFirst orders a self-referencing table's rows so every row comes after the row it
// refers to; rows referring to a row not among them keep their place at the end, for the
// database's foreign key to judge.
func parentsFirst(t copyTable, rows [][]any) [][]any {
	if len(t.Self) == 0 {
		return rows
	}
	key := func(r []any, idx []int) string {
		parts := make([]string, len(idx))
		for i, j := range idx {
			if r[j] == nil {
				return ""
			}
			parts[i] = fmt.Sprint(r[j])
		}
		return strings.Join(parts, "\x00")
	}
	present := map[string]bool{}
	for _, f := range t.Self {
		for _, r := range rows {
			present[key(r, f.Ref)] = true
		}
	}
	placed := map[string]bool{}
	out := make([][]any, 0, len(rows))
	left := rows
	for len(left) > 0 {
		var next [][]any
		for _, r := range left {
			ready := true
			for _, f := range t.Self {
				if k := key(r, f.Cols); k != "" && present[k] && !placed[k] {
					ready = false
				}
			}
			if !ready {
				next = append(next, r)
				continue
			}
			out = append(out, r)
			for _, f := range t.Self {
				placed[key(r, f.Ref)] = true
			}
		}
		if len(next) == len(left) { // a cycle: leave it to the database
			return append(out, next...)
		}
		left = next
	}
	return out
}

// isTimeType is whether a PostgreSQL type holds days or instants.
func isTimeType(typ string) bool {
	return typ == "date" || strings.HasPrefix(typ, "timestamp")
}

// toPG converts a value read from a desk file to what the shared database's column type takes.
// SQLite keeps whatever a row holds; a value that does not fit is an error naming it.
func toPG(v any, typ string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch typ {
	case "smallint", "integer", "bigint":
		switch x := v.(type) {
		case int64:
			return x, nil
		case float64:
			if x == math.Trunc(x) {
				return int64(x), nil
			}
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		case string:
			return strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		}
	case "double precision", "real", "numeric":
		switch x := v.(type) {
		case int64:
			return float64(x), nil
		case float64:
			return x, nil
		case string:
			return strconv.ParseFloat(strings.TrimSpace(x), 64)
		}
	case "boolean":
		switch x := v.(type) {
		case bool:
			return x, nil
		case int64:
			return x != 0, nil
		case string:
			return strconv.ParseBool(strings.TrimSpace(x))
		}
	case "bytea":
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
	default:
		if isTimeType(typ) {
			if s, ok := v.(string); ok {
				return parseSQLiteTime(s)
			}
			if t, ok := v.(time.Time); ok {
				return t, nil
			}
			break
		}
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		case int64:
			return strconv.FormatInt(x, 10), nil
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64), nil
		}
		return v, nil
	}
	return nil, fmt.Errorf("值 %v 不是 %s", v, typ)
}

// parseSQLiteTime reads a time as SQLite's driver writes it (and reads it back), strictly: the
// driver itself would read a malformed value as the zero time.
func parseSQLiteTime(s string) (time.Time, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "Z")
	for _, f := range sqlite3.SQLiteTimestampFormats {
		if t, err := time.ParseInLocation(f, s, time.UTC); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("“%s”不是日期或时间", s)
}

// quoteList quotes column names for a statement.
func quoteList(cols []copyCol, wrap func(c copyCol) string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = wrap(c)
	}
	return strings.Join(parts, ", ")
}

// notCopied are the tables each side keeps its own of: the schema history, and a shared
// database's login roles and their scopes (a desk has shequ's own accounts instead).
func notCopied(table string) bool { return table == "schema_migrations" || table == "access_scopes" }

// TableCounts counts the rows of every table of the database but those notCopied, by name.
func (s *Store) TableCounts(ctx context.Context) (map[string]int64, error) {
	var names []string
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'`
	if s.pg {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	}
	if err := s.db.WithContext(ctx).Raw(q).Scan(&names).Error; err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, n := range names {
		if notCopied(n) {
			continue
		}
		var c int64
		if err := s.db.WithContext(ctx).Raw("SELECT COUNT(*) FROM " + quoteIdent(n)).Scan(&c).Error; err != nil {
			return nil, err
		}
		out[n] = c
	}
	return out, nil
}
