package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"testing"
)

// Login roles are the server's, not one database's: tests that create them name them uniquely
// and drop them when they end.

// UniqueRole is prefix with a random suffix, a login role name no other test uses.
func UniqueRole(prefix string) string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return prefix + "_" + hex.EncodeToString(b[:])
}

// AsRole is the address dsn with its user and password replaced: how that login role connects.
func AsRole(dsn, user, password string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return dsn
	}
	u.User = url.UserPassword(user, password)
	return u.String()
}

// DropRolesAtEnd drops the login roles (and what was granted to them in the database at dsn)
// when the test ends. Register it before opening connections as those roles, so they are closed
// first.
func DropRolesAtEnd(t testing.TB, dsn string, names ...string) {
	t.Helper()
	t.Cleanup(func() {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return
		}
		defer db.Close()
		for _, n := range names {
			q := `"` + n + `"`
			_, _ = db.ExecContext(context.Background(), "DROP OWNED BY "+q)
			_, _ = db.ExecContext(context.Background(), "DROP ROLE IF EXISTS "+q)
		}
	})
}

// SQL is a plain database/sql connection to dsn (as its role, past anything shequ checks), closed
// when the test ends.
func SQL(t testing.TB, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}
