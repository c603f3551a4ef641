package store

import (
	"context"
	"database/sql"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

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
// BEGIN IMMEDIATE does: most writes in shequ read, check and then write (next sort order, owner
// checks, duplicate imports, checklist versions), and under PostgreSQL's READ COMMITTED two such
// transactions could otherwise both pass the check. Readers never wait.
func lockWriters(tx *gorm.DB) error {
	if !isPG(tx) {
		return nil
	}
	return tx.Exec("SELECT pg_advisory_xact_lock(?)", writersLock).Error
}

// lockPart is lockWriters for a write whose checks stay within one part of the data (a record,
// an area): it shares the writers' lock, so it still waits for (and holds off) the writes that
// take all of it, and takes part's own lock, so two writes of the same part run one after the
// other and the second reads what the first wrote. Every transaction takes at most these two,
// always in this order: no deadlock.
func lockPart(tx *gorm.DB, part string) error {
	if !isPG(tx) {
		return nil
	}
	return tx.Exec("SELECT pg_advisory_xact_lock_shared(?), pg_advisory_xact_lock(?)", writersLock, partLock(part)).Error
}

// partLock is the advisory lock key of part: 64 bits of its FNV-1a hash, never writersLock. Two
// parts that share a key only wait for each other.
func partLock(part string) int64 {
	h := fnv.New64a()
	h.Write([]byte(part))
	k := int64(h.Sum64())
	if k == writersLock {
		k++
	}
	return k
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

// rowQuerier reads one row: a *sql.DB, a *sql.Tx, the ConnPool of a GORM transaction.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// hasFunction reports whether the PostgreSQL server has the function sig ("name(argtypes)"): the
// access rules' functions come with init, pg_notify is missing on some compatible servers.
func hasFunction(ctx context.Context, q rowQuerier, sig string) (bool, error) {
	var ok bool
	err := q.QueryRowContext(ctx, "SELECT to_regprocedure($1) IS NOT NULL", sig).Scan(&ok)
	return ok, err
}

// latestChange is when a shared database was last written: its latest audit entry that records a
// change (not a view, not a backup), read through the access rules' shequ_data_changed_at (so
// whatever the role may read), or where they predate it from the entries the role may read.
// ok is false when nothing was ever written.
func latestChange(ctx context.Context, q rowQuerier) (at time.Time, ok bool, err error) {
	has, err := hasFunction(ctx, q, "shequ_data_changed_at()")
	if err != nil {
		return at, false, err
	}
	query := "SELECT shequ_data_changed_at()"
	if !has {
		query = "SELECT at FROM audit_log WHERE action <> '" + ActionView + "' AND module <> '" + safetyModule + "' ORDER BY id DESC LIMIT 1"
	}
	var t sql.NullTime
	if err := q.QueryRowContext(ctx, query).Scan(&t); err != nil && err != sql.ErrNoRows {
		return at, false, err
	}
	return t.Time, t.Valid, nil
}
