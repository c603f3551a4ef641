package store

import (
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// The few places where SQLite's and PostgreSQL's SQL differ and GORM does not bridge them.

// numberPlaceholders turns a raw statement's ? placeholders into PostgreSQL's $1, $2, …; GORM
// does this for its own statements, not for one prepared on the connection directly. The
// statement must hold no ? inside a string literal.
func numberPlaceholders(q string) string {
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

// writersLock is the key of the PostgreSQL advisory lock every write transaction takes first.
const writersLock = 0x73686571 // "sheq"

// lockWriters makes a write transaction wait for any other one to finish, as SQLite's
// BEGIN IMMEDIATE does: every write in shequ reads, checks and then writes (next sort order,
// owner checks, duplicate imports, checklist versions), and under PostgreSQL's READ COMMITTED two
// such transactions could otherwise both pass the check. Readers never wait. Finer locks (rows
// with SELECT … FOR UPDATE, version columns) can replace this once each write declares them.
func lockWriters(tx *gorm.DB) error {
	if !isPG(tx) {
		return nil
	}
	return tx.Exec("SELECT pg_advisory_xact_lock(?)", writersLock).Error
}

func isPG(db *gorm.DB) bool { return db.Dialector.Name() == "postgres" }

// likeOp is the operator for a clerk's text search: SQLite's LIKE ignores the case of Latin
// letters, PostgreSQL's ILIKE does the same there.
func likeOp(db *gorm.DB) string {
	if isPG(db) {
		return "ILIKE"
	}
	return "LIKE"
}

// whereLike adds a clerk's text search written with LIKE, as ILIKE on PostgreSQL.
func whereLike(q *gorm.DB, cond string, args ...any) *gorm.DB {
	return q.Where(strings.ReplaceAll(cond, " LIKE ", " "+likeOp(q)+" "), args...)
}
