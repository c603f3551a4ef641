package store

import (
	"context"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"shequ/app/store/pgtest"
)

// One migration history, two engines: a fresh SQLite file and a fresh PostgreSQL database reach
// the same schema version with the same tables and, per table, the same column names.
func TestMigrationsSameTablesOnBothEngines(t *testing.T) {
	if pgtest.OnPostgres() {
		t.Skip("比较两种数据库，只在第一轮运行一次")
	}
	ctx := context.Background()
	pgDSN := pgtest.NewDatabase(t) // skips without a test server
	lite, err := Open(ctx, filepath.Join(t.TempDir(), "t.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	pg, err := Open(ctx, pgDSN, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer pg.Close()
	for _, s := range []*Store{lite, pg} {
		if v, err := s.SchemaVersion(ctx); err != nil || v != LatestSchemaVersion() {
			t.Fatalf("pg=%v: schema version %d, %v", s.pg, v, err)
		}
	}
	liteCols := columnsOf(t, lite, `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'`)
	pgCols := columnsOf(t, pg, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema()`)
	if len(liteCols) < 40 {
		t.Fatalf("only %d tables on SQLite", len(liteCols))
	}
	if !reflect.DeepEqual(keys(liteCols), keys(pgCols)) {
		t.Fatalf("tables differ:\nSQLite     %v\nPostgreSQL %v", keys(liteCols), keys(pgCols))
	}
	for table, cols := range liteCols {
		if !reflect.DeepEqual(cols, pgCols[table]) {
			t.Errorf("%s: columns differ:\nSQLite     %v\nPostgreSQL %v", table, cols, pgCols[table])
		}
	}
}

// columnsOf runs q (rows of table, column) and returns each table's sorted column names.
func columnsOf(t *testing.T, s *Store, q string) map[string][]string {
	t.Helper()
	rows, err := s.db.Raw(q).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, col string
		if err := rows.Scan(&table, &col); err != nil {
			t.Fatal(err)
		}
		out[table] = append(out[table], strings.ToLower(col))
	}
	for _, cols := range out {
		sort.Strings(cols)
	}
	return out
}

func keys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The password of a shared database's address never shows in Path or in an error.
func TestSharedAddressIsRedacted(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"postgres://clerk:s3cret@db.local:5432/shequ?sslmode=require", "postgres://clerk:***@db.local:5432/shequ?sslmode=require"},
		{"postgresql://clerk@db.local/shequ", "postgresql://clerk@db.local/shequ"},
		{"postgres://db.local/shequ?user=clerk&password=s3cret", "postgres://db.local/shequ?password=***&user=clerk"},
	} {
		if !IsPostgres(tt.in) {
			t.Errorf("IsPostgres(%q) = false", tt.in)
		}
		if got := RedactDSN(tt.in); got != tt.want {
			t.Errorf("RedactDSN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if IsPostgres(`C:\shequ\shequ.db`) || IsPostgres("/tmp/postgres.db") {
		t.Error("a file path taken for an address")
	}
	ctx := context.Background()
	for _, dsn := range []string{
		"postgres://clerk:s3cret@/shequ",                            // no server
		"postgres://clerk:s3cret@127.0.0.1:1/shequ?sslmode=disable", // nothing listens on port 1
		"postgres://clerk:s3cret@127.0.0.1:99999/shequ",             // no such port
	} {
		_, err := Open(ctx, dsn, Options{})
		if err == nil || strings.Contains(err.Error(), "s3cret") || !strings.ContainsAny(err.Error(), "数据库服务器地址") {
			t.Errorf("Open(%s): %v", RedactDSN(dsn), err)
		}
	}
}

// A wrong password is told in Chinese, without the password; a good address opens the shared
// database with the password nowhere in Path.
func TestSharedOpenTellsWhy(t *testing.T) {
	if pgtest.OnPostgres() {
		t.Skip("只在第一轮运行一次")
	}
	dsn := pgtest.NewDatabase(t)
	ctx := context.Background()
	bad := strings.Replace(dsn, "@", "x@", 1) // one letter added to the password
	if _, err := Open(ctx, bad, Options{}); err == nil || !strings.Contains(err.Error(), "用户名或密码不对") ||
		strings.Contains(err.Error(), passwordOf(bad)) || strings.Contains(err.Error(), "SQLSTATE") || strings.Contains(err.Error(), "failed") {
		t.Fatalf("wrong password: %v", err)
	}
	s, err := Open(ctx, dsn, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.Shared() || strings.Contains(s.Path(), passwordOf(dsn)) {
		t.Fatalf("Path %q", s.Path())
	}
	if err := s.Snapshot(ctx, filepath.Join(t.TempDir(), "b.db")); err == nil || !strings.Contains(err.Error(), "共享") {
		t.Fatalf("snapshot in shared mode: %v", err)
	}
}

func passwordOf(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	colon := strings.LastIndex(dsn[:at], ":")
	return dsn[colon+1 : at]
}
