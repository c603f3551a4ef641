package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"shequ/models"
)

// ErrSchemaTooNew means the file was written by a newer shequ.
var ErrSchemaTooNew = errors.New("数据库版本过新")

// safetyModule is the audit trail's module of backups, restores and refusals: entries that do not
// change the data.
const safetyModule = "数据安全"

const (
	metaDataChangedAt = "data_changed_at"
	metaSeedDivisions = "seed.divisions"
)

type metaRow struct {
	Key   string `gorm:"primaryKey"`
	Value string
}

func (metaRow) TableName() string { return "meta" }

func setMeta(tx *gorm.DB, key, value string) error {
	return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&metaRow{Key: key, Value: value}).Error
}

func getMeta(db *gorm.DB, key string) (string, error) {
	var rows []metaRow
	if err := db.Where("key = ?", key).Limit(1).Find(&rows).Error; err != nil {
		return "", err
	}
	if len(rows) == 0 {
		return "", nil
	}
	return rows[0].Value, nil
}

// DataChangedAt is when any record was last written, zero if never. In shared mode it is the
// time of the latest entry of the audit trail that records a change (not a view, not a backup):
// every write is audited, and one stamp that every write updated would make the desks' writes wait
// for each other. The access rules' shequ_data_changed_at reads it whatever the role may read;
// without them (a database whose access rules predate it) the entries this role may read tell.
func (s *Store) DataChangedAt(ctx context.Context) (time.Time, error) {
	if s.pg {
		return s.sharedDataChangedAt(ctx)
	}
	v, err := getMeta(s.db.WithContext(ctx), metaDataChangedAt)
	if err != nil || v == "" {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339, v)
}

func (s *Store) sharedDataChangedAt(ctx context.Context) (time.Time, error) {
	db, err := s.db.DB()
	if err != nil {
		return time.Time{}, err
	}
	at, _, err := latestChange(ctx, db)
	return at, err
}

// Meta reads a setting kept in the database ("" when unset).
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	return getMeta(s.db.WithContext(ctx), key)
}

// Setting is one 设置 value being saved.
type Setting struct {
	Key, Value string
	// Label names the setting for the clerk; Before and After are the change as the clerk reads it,
	// for the audit trail.
	Label, Before, After string
	// Changes, when set, are what the audit trail records instead of Label: Before → After, one
	// per field of a setting made of several (领导机制).
	Changes []FieldChange
	// Unchanged says whether the stored value (read inside the save) is still the one the clerk's
	// screen showed when it was loaded; nil saves without a check.
	Unchanged func(stored string) bool
}

// SetSetting stores set.Value under set.Key and records the change in the audit trail. A value
// another desk changed since the clerk's screen read it is a *models.EditConflict.
func (s *Store) SetSetting(ctx context.Context, set Setting, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		if err := s.checkSetting(tx, set); err != nil {
			return err
		}
		if err := setMeta(tx, set.Key, set.Value); err != nil {
			return err
		}
		changes := set.Changes
		if changes == nil {
			changes = []FieldChange{{Field: set.Label, Before: set.Before, After: set.After}}
		}
		return s.audit(tx, actor, "设置", "设置", set.Key, ActionUpdate, changes, "")
	})
}

// checkSetting refuses set when the stored value is no longer the one the clerk's screen showed. A
// setting has no row version: its conflict carries the id of the trail entry that last changed it,
// and 仍然保存 (Overwrite) saves over that change only, so a third change meanwhile is reported too.
func (s *Store) checkSetting(tx *gorm.DB, set Setting) error {
	what := conflictWhat("设置", set.Label)
	over, overwriting := s.overwrites.Load(what)
	if set.Unchanged == nil && !overwriting {
		return nil
	}
	last, err := lastChange(tx, "设置", set.Key, "")
	if err != nil {
		return err
	}
	if overwriting {
		if last.ID == over.(int64) {
			return nil
		}
	} else {
		stored, err := getMeta(tx, set.Key)
		if err != nil || set.Unchanged(stored) {
			return err
		}
	}
	return &models.EditConflict{What: what, By: last.Actor, At: last.At, Version: last.ID}
}

// RecordRestore notes in the restored database's audit trail where it came from.
// foreign lists the objects in the file that were left out.
func (s *Store) RecordRestore(ctx context.Context, src, snapshot string, foreign []string, actor string) error {
	note := "从 " + src + " 恢复；恢复前的数据库已备份为 " + snapshot
	if len(foreign) > 0 {
		note += "；文件中不属于 shequ 的对象未恢复：" + strings.Join(foreign, "；")
	}
	return s.withTx(ctx, func(tx *gorm.DB) error {
		return s.audit(tx, actor, safetyModule, "数据库", "", ActionImport, nil, note)
	})
}

// RecordSafety notes a data-safety event (a backup, a refused restore) in the audit trail. It is
// written whatever the role, so a 只读 user's refused attempt is on record too, and it does not
// count as a data change.
func (s *Store) RecordSafety(ctx context.Context, actor, action, note string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockWriters(tx); err != nil {
			return err
		}
		return s.audit(tx, actor, safetyModule, "数据库", "", action, nil, note)
	})
}
