package app

import (
	"database/sql"
	"strconv"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // driver "pgx"

	"shequ/app/store"
	"shequ/app/store/pgtest"
)

// rawDB opens a plain database/sql connection to a's database, for tests that read or tamper
// with rows behind the services' back; ph turns a query's ? placeholders into the engine's.
func rawDB(t *testing.T, a *App) (db *sql.DB, ph func(string) string) {
	t.Helper()
	path := pgtest.Reopenable(a.DBPath())
	driver, ph := "sqlite3", func(q string) string { return q }
	if store.IsPostgres(path) {
		driver, ph = "pgx", numbered
	}
	db, err := sql.Open(driver, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db, ph
}

func numbered(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
