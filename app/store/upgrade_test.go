package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"shequ/app/store/pgtest"
)

// A database written by the first release (schema version 1, with data) opens in this release:
// every later migration applies on top, and the data is still there.
func TestUpgradeFromFirstVersion(t *testing.T) {
	ctx := context.Background()
	path, db, s := oldDatabase(t)
	firstVersion(t, db, s)

	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("opening a version-1 database: %v", err)
	}
	defer st.Close()
	if v, _ := st.SchemaVersion(ctx); v != LatestSchemaVersion() {
		t.Fatalf("schema version %d after upgrade, want %d", v, LatestSchemaVersion())
	}
	d, err := st.Division(ctx, "511302000000")
	if err != nil || d.Name != "顺庆区" {
		t.Fatalf("division after upgrade: %+v %v", d, err)
	}
	if entries, _ := st.AuditEntries(ctx, AuditFilter{Actor: "张三"}); len(entries) != 1 {
		t.Fatalf("audit trail after upgrade: %+v", entries)
	}
	if err := st.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// firstVersion builds the first schema version in db by hand, with two divisions and an audit
// entry by 张三, and closes db; extra statements run last.
func firstVersion(t *testing.T, db *sql.DB, s *Store, extra ...string) {
	t.Helper()
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	stmts := append([]string{s.dialectSQL(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)`)},
		splitStatements(s.body(ms[0]))...)
	stmts = append(stmts,
		`INSERT INTO schema_migrations VALUES (1, 'init', CURRENT_TIMESTAMP)`,
		`INSERT INTO divisions (code, name, level, created_at, updated_at) VALUES ('511300000000', '南充市', 'city', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
		`INSERT INTO divisions (code, name, level, parent_code, created_at, updated_at) VALUES ('511302000000', '顺庆区', 'county', '511300000000', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
		`INSERT INTO audit_log (at, actor, module, entity, entity_id, action) VALUES (CURRENT_TIMESTAMP, '张三', '区划', '区划', '511302000000', '新增')`)
	for _, q := range append(stmts, extra...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	_ = db.Close()
}

// oldDatabase is where a test builds a database of an older schema by hand: a file, or in the
// PostgreSQL round a new database; s fills the migrations' tokens for that engine.
func oldDatabase(t *testing.T) (path string, db *sql.DB, s *Store) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "old.db")
	driver, dsn := "sqlite3", "file:"+path+"?_foreign_keys=on"
	if pgtest.OnPostgres() {
		path = pgtest.NewDatabase(t)
		driver, dsn = "pgx", path
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	return path, db, &Store{pg: pgtest.OnPostgres()}
}
