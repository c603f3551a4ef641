package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"shequ/models"
)

// 民主自治台账: the generic save/delete/list machinery every ledger table shares. The row types
// are in ledgers_rows.go, the per-ledger methods in ledgers_queries.go.

// LedgerModule is the audit trail's module name for the ledgers.
const LedgerModule = "民主自治"

const metaReplyDays = "ledgers.reply_days"

// ledgerRecord is one row of a ledger table.
type ledgerRecord interface {
	// keyCond is the WHERE clause that finds this row, and keyText its id in the audit trail.
	keyCond() (string, any)
	keyText() string
	// auditFields lists the fields a clerk sees, labelled in Chinese, for the audit trail.
	auditFields() []FieldChange
	stamp(at time.Time, by string)
	// readVersion is the version the entry was read with (0: not read for a form, no check).
	readVersion() int64
	setReadVersion(int64)
	// rowID is the id field, filled in when the row is created.
	rowID() *int64
}

// LedgerRowID is embedded by rows with an autoincrement id (exported, so GORM maps its field).
type LedgerRowID struct {
	ID int64 `gorm:"primaryKey"`
}

func (k LedgerRowID) keyCond() (string, any) { return "id = ?", k.ID }
func (k LedgerRowID) keyText() string        { return strconv.FormatInt(k.ID, 10) }
func (k *LedgerRowID) rowID() *int64         { return &k.ID }

// LedgerRowStamp is embedded by every row: who wrote it last, and when.
type LedgerRowStamp struct {
	UpdatedAt  time.Time
	UpdatedBy  string
	RowVersion int64 `gorm:"->"` // moved on by bumpVersion only
}

func (s *LedgerRowStamp) stamp(at time.Time, by string) { s.UpdatedAt, s.UpdatedBy = at, by }
func (s *LedgerRowStamp) readVersion() int64            { return s.RowVersion }
func (s *LedgerRowStamp) setReadVersion(n int64)        { s.RowVersion = n }

// saveLedgerRow inserts row (create) or replaces the existing row with the same key (update) and
// writes the audit entry in the same transaction. An update that changes nothing writes nothing.
func saveLedgerRow[R any, P interface {
	*R
	ledgerRecord
}](s *Store, tx *gorm.DB, actor, entity string, row P, create bool, note string) error {
	row.stamp(s.now(), actor)
	if create {
		if err := tx.Create(row).Error; err != nil {
			return fmt.Errorf("保存%s失败：%w", entity, err)
		}
		var filled []FieldChange
		for _, f := range row.auditFields() {
			if f.After != "" {
				filled = append(filled, f)
			}
		}
		return s.audit(tx, actor, LedgerModule, entity, row.keyText(), ActionCreate, filled, note)
	}
	old := P(new(R))
	where, arg := row.keyCond()
	if err := tx.Where(where, arg).Take(old).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%w：%s（%s）", models.ErrNotFound, entity, row.keyText())
	} else if err != nil {
		return err
	}
	changes := diffFields(old.auditFields(), row.auditFields())
	if len(changes) == 0 {
		return nil
	}
	if err := s.bumpVersion(tx, tableOf(tx, row), entity, row.keyText(), row.readVersion(), where, arg); err != nil {
		return err
	}
	if err := tx.Save(row).Error; err != nil {
		return fmt.Errorf("保存%s失败：%w", entity, err)
	}
	return s.audit(tx, actor, LedgerModule, entity, row.keyText(), ActionUpdate, changes, note)
}

// deleteLedgerRow removes the row found by where/arg and records what it held.
func deleteLedgerRow[R any, P interface {
	*R
	ledgerRecord
}](s *Store, tx *gorm.DB, actor, entity, where string, arg any) error {
	old := P(new(R))
	if err := tx.Where(where, arg).Take(old).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return fmt.Errorf("%w：%s（%v）", models.ErrNotFound, entity, arg)
	} else if err != nil {
		return err
	}
	if err := tx.Where(where, arg).Delete(old).Error; err != nil {
		return fmt.Errorf("删除%s失败：%w", entity, err)
	}
	before := old.auditFields()
	for i := range before {
		before[i].Before, before[i].After = before[i].After, ""
	}
	return s.audit(tx, actor, LedgerModule, entity, old.keyText(), ActionDelete, before, "")
}

func diffFields(before, after []FieldChange) []FieldChange {
	var out []FieldChange
	for i := range after {
		b := ""
		if i < len(before) {
			b = before[i].After
		}
		if b != after[i].After {
			out = append(out, FieldChange{Field: after[i].Field, Before: b, After: after[i].After})
		}
	}
	return out
}

// LedgerQuery selects ledger rows: the divisions whose code starts with DivisionPrefix (a whole
// village code, a township's first 9 digits, a county's first 6), dated in [From, To) when set,
// and of the work year Year when set (only ledgers kept per year, evaluations and community
// tasks, have one; the others ignore it).
type LedgerQuery struct {
	DivisionPrefix string
	From, To       time.Time
	Year           int
}

func (q LedgerQuery) apply(db *gorm.DB, divCol, dateCol string) *gorm.DB {
	if divCol != "" {
		db = under(db, divCol, q.DivisionPrefix)
	}
	if dateCol != "" && !q.From.IsZero() {
		db = db.Where(dateCol+" >= ?", q.From)
	}
	if dateCol != "" && !q.To.IsZero() {
		db = db.Where(dateCol+" < ?", q.To)
	}
	return db
}

func getLedger[R any](s *Store, ctx context.Context, id int64, what string) (R, error) {
	var rows []R
	if err := s.db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		var zero R
		return zero, fmt.Errorf("读取%s失败：%w", what, err)
	}
	if len(rows) == 0 {
		var zero R
		return zero, fmt.Errorf("%w：%s（编号 %d）", models.ErrNotFound, what, id)
	}
	return rows[0], nil
}

var zeroTime time.Time

// ReplyDays is the county's reply deadline for opinions, in days (default 15).
func (s *Store) ReplyDays(ctx context.Context) (int, error) {
	v, err := getMeta(s.db.WithContext(ctx), metaReplyDays)
	if err != nil || v == "" {
		return models.DefaultReplyDays, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return models.DefaultReplyDays, nil
	}
	return n, nil
}

// SetReplyDays changes the reply deadline for opinions recorded from now on.
func (s *Store) SetReplyDays(ctx context.Context, days int, actor string) error {
	old, err := s.ReplyDays(ctx)
	if err != nil {
		return err
	}
	return s.withTx(ctx, func(tx *gorm.DB) error {
		if err := setMeta(tx, metaReplyDays, strconv.Itoa(days)); err != nil {
			return err
		}
		return s.audit(tx, actor, LedgerModule, "意见答复期限", "", ActionUpdate,
			[]FieldChange{{Field: "答复期限（天）", Before: strconv.Itoa(old), After: strconv.Itoa(days)}}, "")
	})
}

// joinList stores a short list of choices (channels, timings) in one column.
func joinList(xs []string) string { return strings.Join(xs, "、") }

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "、")
}
