package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
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
// time of the latest entry of the audit trail this role may read that records a change (not a
// view, not a backup): every write is audited, and one stamp that every write updated would make
// the desks' writes wait for each other.
func (s *Store) DataChangedAt(ctx context.Context) (time.Time, error) {
	if s.pg {
		var at []time.Time
		err := s.db.WithContext(ctx).Model(&auditRow{}).Where("action <> ? AND module <> ?", ActionView, safetyModule).
			Order("id DESC").Limit(1).Pluck("at", &at).Error
		if err != nil || len(at) == 0 {
			return time.Time{}, err
		}
		return at[0], nil
	}
	v, err := getMeta(s.db.WithContext(ctx), metaDataChangedAt)
	if err != nil || v == "" {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339, v)
}

// Meta reads a setting kept in the database ("" when unset).
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	return getMeta(s.db.WithContext(ctx), key)
}

// SetSetting stores value under key and records the change (label: before → after, as the user
// reads them) in the audit trail.
func (s *Store) SetSetting(ctx context.Context, key, value, label, before, after, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		if err := setMeta(tx, key, value); err != nil {
			return err
		}
		return s.audit(tx, actor, "设置", "设置", key, ActionUpdate, []FieldChange{{Field: label, Before: before, After: after}}, "")
	})
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
