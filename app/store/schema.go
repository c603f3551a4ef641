package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// A database file is never trusted to carry shequ's schema: it is compared with the schema
// shequ's own migrations create at the file's version. Objects the migrations do not create
// (triggers, views, indexes, tables, columns) are foreign: a restore never copies them, and check
// reports them.

// schemaObject is one entry of sqlite_master.
type schemaObject struct {
	Type, Name, Table, SQL string
}

// schemaInfo is a database's schema: its objects by name and each table's columns.
type schemaInfo struct {
	objects map[string]schemaObject
	columns map[string][]string
}

// rowsScanner is the part of *sql.Rows that readSchema uses.
type rowsScanner interface {
	Next() bool
	Scan(dest ...any) error
	Close() error
	Err() error
}

// readSchema reads the schema of the attached database schemaName ("main", "src").
func readSchema(ctx context.Context, query func(ctx context.Context, q string, args ...any) (rowsScanner, error), schemaName string) (schemaInfo, error) {
	si := schemaInfo{objects: map[string]schemaObject{}, columns: map[string][]string{}}
	rows, err := query(ctx, `SELECT type, name, tbl_name, COALESCE(sql, '') FROM "`+schemaName+
		`".sqlite_master WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	if err != nil {
		return si, fmt.Errorf("无法读取数据库结构（文件可能已损坏）：%w", err)
	}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.Type, &o.Name, &o.Table, &o.SQL); err != nil {
			rows.Close()
			return si, err
		}
		si.objects[strings.ToLower(o.Name)] = o
	}
	if err := rows.Close(); err != nil {
		return si, err
	}
	for key, o := range si.objects {
		if o.Type != "table" && o.Type != "view" {
			continue
		}
		cols, err := query(ctx, `SELECT name FROM pragma_table_info(?, ?)`, o.Name, schemaName)
		if err != nil {
			return si, fmt.Errorf("无法读取 %s 的列：%w", o.Name, err)
		}
		for cols.Next() {
			var c string
			if err := cols.Scan(&c); err != nil {
				cols.Close()
				return si, err
			}
			si.columns[key] = append(si.columns[key], c)
		}
		cols.Close()
	}
	return si, nil
}

var objectKind = map[string]string{"table": "数据表", "view": "视图", "index": "索引", "trigger": "触发器"}

func describe(o schemaObject) string {
	kind := objectKind[o.Type]
	if kind == "" {
		kind = o.Type
	}
	if (o.Type == "index" || o.Type == "trigger") && o.Table != "" {
		return fmt.Sprintf("%s %s（数据表 %s）", kind, o.Name, o.Table)
	}
	return kind + " " + o.Name
}

// schemaDiff compares a file's schema with shequ's own at the same version. missing lists what a
// restore cannot do without (a table or column of shequ's that is absent or replaced by something
// else); foreign lists objects and columns shequ does not create, or whose definition was changed.
func schemaDiff(file, own schemaInfo) (missing, foreign []string) {
	for key, o := range own.objects {
		f, ok := file.objects[key]
		switch {
		case o.Type == "table" && !ok:
			missing = append(missing, "缺少数据表 "+o.Name)
		case o.Type == "table" && f.Type != "table":
			missing = append(missing, fmt.Sprintf("数据表 %s 被换成了%s", o.Name, describe(f)))
		case o.Type == "table":
			have := map[string]bool{}
			for _, c := range file.columns[key] {
				have[strings.ToLower(c)] = true
			}
			for _, c := range own.columns[key] {
				if !have[strings.ToLower(c)] {
					missing = append(missing, fmt.Sprintf("数据表 %s 缺少列 %s", o.Name, c))
				}
			}
		}
	}
	for key, f := range file.objects {
		o, ok := own.objects[key]
		switch {
		case !ok:
			foreign = append(foreign, describe(f))
		case o.Type != f.Type:
			if o.Type != "table" { // a replaced table is already in missing
				foreign = append(foreign, describe(f))
			}
		case f.Type == "table":
			known := map[string]bool{}
			for _, c := range own.columns[key] {
				known[strings.ToLower(c)] = true
			}
			for _, c := range file.columns[key] {
				if !known[strings.ToLower(c)] {
					foreign = append(foreign, fmt.Sprintf("数据表 %s 的列 %s", f.Name, c))
				}
			}
		case normalizeSQL(f.SQL) != normalizeSQL(o.SQL):
			foreign = append(foreign, describe(f)+"（定义已被改动）")
		}
	}
	sort.Strings(missing)
	sort.Strings(foreign)
	return missing, foreign
}

func normalizeSQL(q string) string { return strings.ToLower(strings.Join(strings.Fields(q), " ")) }

// stageAt creates a new database at path holding shequ's own schema with exactly the migrations
// of versions applied, and no rows (the migrations' seed rows are removed), ready to receive a
// file's data.
func stageAt(ctx context.Context, path string, versions []int) (*Store, error) {
	db, err := gorm.Open(sqlite.Open(dsn(path, Options{BusyTimeout: 15 * time.Second})), &gorm.Config{
		Logger: logger.Discard, SkipDefaultTransaction: true,
	})
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, now: time.Now}
	only := map[int]bool{}
	for _, v := range versions {
		only[v] = true
	}
	if err := s.migrate(ctx, only); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// ownSchemaAt is the schema shequ's migrations create at versions, read from a scratch database.
func ownSchemaAt(ctx context.Context, versions []int) (schemaInfo, error) {
	dir, err := os.MkdirTemp("", "shequ-schema-*")
	if err != nil {
		return schemaInfo{}, err
	}
	defer os.RemoveAll(dir)
	s, err := stageAt(ctx, filepath.Join(dir, "schema.db"), versions)
	if err != nil {
		return schemaInfo{}, err
	}
	defer s.Close()
	return s.readOwnSchema(ctx, "main")
}

// readOwnSchema reads the schema of one of the store's attached databases.
func (s *Store) readOwnSchema(ctx context.Context, schemaName string) (schemaInfo, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return schemaInfo{}, err
	}
	return readSchema(ctx, func(ctx context.Context, q string, args ...any) (rowsScanner, error) {
		return sqlDB.QueryContext(ctx, q, args...)
	}, schemaName)
}

// appliedVersions lists the migrations recorded in a database.
func appliedVersions(ctx context.Context, query func(ctx context.Context, q string, args ...any) (rowsScanner, error), schemaName string) ([]int, error) {
	rows, err := query(ctx, `SELECT version FROM "`+schemaName+`".schema_migrations ORDER BY version`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
