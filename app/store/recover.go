package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"gorm.io/gorm"
)

// MoveAside renames a damaged database file (and its -wal and -shm) to
// "<name>.损坏-YYYYMMDD-HHMMSS" beside it, for the IT person: it is never deleted or overwritten.
// It returns the new name of the main file, "" when there was no file to move.
func MoveAside(path string, at time.Time) (string, error) {
	if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	aside := path + ".损坏-" + at.Format("20060102-150405")
	for i := 2; exists(aside); i++ {
		aside = fmt.Sprintf("%s.损坏-%s-%d", path, at.Format("20060102-150405"), i)
	}
	if err := os.Rename(path, aside); err != nil {
		return "", classify(path, "", err)
	}
	for _, side := range []string{"-wal", "-shm"} {
		if exists(path + side) {
			if err := os.Rename(path+side, aside+side); err != nil {
				return aside, classify(path, "", err)
			}
		}
	}
	return aside, nil
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// InstallCopy puts a checked copy of the backup src at dest, where no database is: the copy is
// made beside dest, brought to this program's schema and then renamed into place, so dest is
// either absent or complete.
func InstallCopy(ctx context.Context, src, dest string) error {
	if exists(dest) {
		return fmt.Errorf("%s 已存在，不会覆盖", dest)
	}
	if _, err := CheckFile(ctx, src); err != nil {
		return err
	}
	tmp := dest + ".restore"
	_ = os.Remove(tmp)
	removeSidecars(tmp)
	if err := copyFile(src, tmp); err != nil {
		_ = os.Remove(tmp)
		return classify(dest, "恢复", err)
	}
	staged, err := Open(ctx, tmp, Options{})
	if err != nil {
		_ = os.Remove(tmp)
		return err
	}
	if err := staged.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)").Error; err != nil {
		_ = staged.Close()
		_ = os.Remove(tmp)
		return classify(dest, "恢复", err)
	}
	if err := staged.Close(); err != nil {
		_ = os.Remove(tmp)
		return classify(dest, "恢复", err)
	}
	removeSidecars(tmp)
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Remove(tmp)
		return classify(dest, "恢复", err)
	}
	return nil
}

// RecordRecovery notes in the recovered database's audit trail what happened at start.
func (s *Store) RecordRecovery(ctx context.Context, note, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		return s.audit(tx, actor, safetyModule, "数据库", "", ActionImport, nil, note)
	})
}
