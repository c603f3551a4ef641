package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"os"
	"regexp"

	"gorm.io/gorm"
)

// metaIdentity holds the database's identity: a random UUID made when the database is first
// migrated. Backups carry it (in the file and, abbreviated, in the file name), so databases that
// share one backup folder keep their backups apart. A restore keeps the identity of the database
// it restores into.
const metaIdentity = "db.id"

var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// newUUID returns a random (version 4) UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// ensureIdentity gives the database an identity when it has none (a new or an older database).
func ensureIdentity(db *gorm.DB) error {
	v, err := getMeta(db, metaIdentity)
	if err != nil {
		return err
	}
	if uuidPattern.MatchString(v) {
		return nil
	}
	return setMeta(db, metaIdentity, newUUID())
}

// Identity is this database's UUID.
func (s *Store) Identity(ctx context.Context) (string, error) {
	return getMeta(s.db.WithContext(ctx), metaIdentity)
}

// FileIdentity reads the identity of the database file at path without migrating or otherwise
// changing it. It returns "" when the file is missing, is not a shequ database, cannot be read or
// has no identity yet.
func FileIdentity(ctx context.Context, path string) string {
	v := FileMeta(ctx, path, metaIdentity)
	if !uuidPattern.MatchString(v) {
		return ""
	}
	return v
}

// FileMeta reads one setting of the database file at path read-only, without migrating it; ""
// when the file or the setting cannot be read.
func FileMeta(ctx context.Context, path, key string) string {
	if st, err := os.Stat(path); err != nil || st.IsDir() {
		return ""
	}
	db, err := sql.Open("sqlite3", fileDSN(path, readOnlyQuery()))
	if err != nil {
		return ""
	}
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = ?`, key).Scan(&v); err != nil {
		return ""
	}
	return v
}
