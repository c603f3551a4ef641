package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"shequ/app/store/pgtest"
)

func TestToPG(t *testing.T) {
	at := time.Date(2026, 5, 1, 9, 30, 0, 0, time.FixedZone("", 8*3600))
	for _, c := range []struct {
		in   any
		typ  string
		want any
		bad  bool
	}{
		{int64(7), "bigint", int64(7), false},
		{float64(7), "integer", int64(7), false},
		{7.5, "bigint", nil, true},
		{"十二元", "bigint", nil, true},
		{int64(3), "double precision", 3.0, false},
		{int64(1), "boolean", true, false},
		{[]byte("x"), "text", "x", false},
		{int64(42), "character varying", "42", false},
		{"abc", "bytea", []byte("abc"), false},
		{"2026-05-01 09:30:00+08:00", "timestamp with time zone", at, false},
		{"2026-05-01", "date", time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), false},
		{"去年", "date", nil, true},
		{nil, "date", nil, false},
	} {
		got, err := toPG(c.in, c.typ)
		if (err != nil) != c.bad {
			t.Errorf("%v as %s: error %v", c.in, c.typ, err)
		}
		if err != nil || c.bad {
			continue
		}
		if tt, ok := got.(time.Time); ok && !tt.Equal(c.want.(time.Time)) || !ok && fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%v as %s = %v, want %v", c.in, c.typ, got, c.want)
		}
	}
}

// Rows of a table referring to its own rows come after the rows they refer to; tables after the
// tables they refer to.
func TestCopyOrder(t *testing.T) {
	tbl := copyTable{Name: "divisions", Cols: []copyCol{{Name: "code"}, {Name: "parent_code"}, {Name: "successor_code"}}}
	tbl.Self = []selfRef{{Cols: tbl.indexes("parent_code"), Ref: tbl.indexes("code")}, {Cols: tbl.indexes("successor_code"), Ref: tbl.indexes("code")}}
	rows := [][]any{{"v1", "t", "v2"}, {"t", "c", nil}, {"v2", "t", nil}, {"c", nil, nil}, {"x", "elsewhere", nil}}
	got := fmt.Sprint(parentsFirst(tbl, rows))
	if want := "[[c <nil> <nil>] [x elsewhere <nil>] [t c <nil>] [v2 t <nil>] [v1 t v2]]"; got != want {
		t.Errorf("rows in order %s, want %s", got, want)
	}
	order, err := foreignKeyOrder([]string{"lines", "batches", "divisions"}, map[string][]string{"lines": {"batches", "divisions"}, "batches": {"divisions"}})
	if err != nil || fmt.Sprint(order) != "[divisions batches lines]" {
		t.Errorf("tables in order %v %v", order, err)
	}
	if _, err := foreignKeyOrder([]string{"a", "b"}, map[string][]string{"a": {"b"}, "b": {"a"}}); err == nil {
		t.Error("a cycle was ordered")
	}
}

// A desk file at the first schema version is imported through a migrated copy; the file stays as it was.
func TestImportDeskFromOlderSchema(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("需要 PostgreSQL：在 PostgreSQL 一轮运行")
	}
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite3", "file:"+file+"?_foreign_keys=on")
	if err != nil {
		t.Fatal(err)
	}
	firstVersion(t, db, &Store{}, `INSERT INTO meta VALUES ('db.id', '00000000-0000-4000-8000-000000000001')`)

	shared, err := Open(ctx, pgtest.DBPath(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer shared.Close()
	id, _ := shared.Identity(ctx)
	seed, err := shared.SeedProfile(ctx) // as it is: the migrations' rows only
	if err != nil {
		t.Fatal(err)
	}
	res, err := shared.ImportDesk(ctx, file, seed, "测试", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Migrated || res.FromVersion != 1 {
		t.Errorf("result %+v", res)
	}
	if d, err := shared.Division(ctx, "511302000000"); err != nil || d.Name != "顺庆区" {
		t.Errorf("division: %+v %v", d, err)
	}
	if e, _ := shared.AuditEntries(ctx, AuditFilter{Actor: "张三"}); len(e) != 1 {
		t.Errorf("audit trail: %+v", e)
	}
	if after, _ := shared.Identity(ctx); after != id {
		t.Errorf("identity %s, want the shared database's own %s", after, id)
	}
	if v := FileMeta(ctx, file, "db.id"); v != "00000000-0000-4000-8000-000000000001" {
		t.Errorf("the desk file changed: %q", v)
	}
	var n int
	raw, _ := sql.Open("sqlite3", fileDSN(file, readOnlyQuery()))
	defer raw.Close()
	if err := raw.QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n); err != nil || n != 1 {
		t.Errorf("the desk file was migrated: %d %v", n, err)
	}
}
