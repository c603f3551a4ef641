package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Audit actions.
const (
	ActionCreate = "新增"
	ActionUpdate = "修改"
	ActionDelete = "删除"
	ActionImport = "导入"
	ActionView   = "查看"
)

// FieldChange is one changed field: its Chinese label and the values before and after.
type FieldChange struct {
	Field  string `json:"field"`
	Before string `json:"before"`
	After  string `json:"after"`
}

type auditRow struct {
	ID       int64 `gorm:"primaryKey"`
	At       time.Time
	Actor    string
	Module   string
	Entity   string
	EntityID string
	Action   string
	Changes  string
	Note     string
}

func (auditRow) TableName() string { return "audit_log" }

// audit writes one trail entry inside the caller's transaction, so the change and its record
// commit or roll back together.
func (s *Store) audit(tx *gorm.DB, actor, module, entity, entityID, action string, changes []FieldChange, note string) error {
	if action == ActionDelete && s.role == roleEditor {
		if err := s.ownsRecord(tx, entity, entityID); err != nil {
			return err
		}
	}
	if (action == ActionCreate || action == ActionImport) && entityID != "" {
		if err := recordOwner(tx, entity, entityID, actor, s.now()); err != nil {
			return err
		}
	}
	if action == ActionDelete && entityID != "" { // a key used again later belongs to its new creator
		if err := tx.Where("entity = ? AND entity_id = ?", entity, entityID).Delete(&ownerRow{}).Error; err != nil {
			return err
		}
	}
	if action != ActionView {
		if err := s.notifyChange(tx, module); err != nil {
			return err
		}
	}
	body := ""
	if len(changes) > 0 {
		b, err := json.Marshal(changes)
		if err != nil {
			return err
		}
		body = string(b)
	}
	return tx.Create(&auditRow{
		At: s.now(), Actor: actor, Module: module, Entity: entity, EntityID: entityID,
		Action: action, Changes: body, Note: note,
	}).Error
}

// AuditEntry is one line of the audit trail as read back.
type AuditEntry struct {
	ID       int64
	At       time.Time
	Actor    string
	Module   string
	Entity   string
	EntityID string
	Action   string
	Changes  []FieldChange
	Note     string
}

// AuditFilter narrows AuditEntries; empty fields match everything.
type AuditFilter struct {
	From, To time.Time // days, inclusive; zero for open-ended
	Actor    string
	Module   string
	Entity   string
	EntityID string
	// Text matches inside the record id, the note or the changed values.
	Text   string
	Offset int // entries to skip, for a page
	Limit  int
}

func (f AuditFilter) where(q *gorm.DB) *gorm.DB {
	if !f.From.IsZero() {
		q = q.Where("at >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", f.To.AddDate(0, 0, 1))
	}
	for _, c := range []struct{ col, v string }{{"actor", f.Actor}, {"module", f.Module}, {"entity", f.Entity}, {"entity_id", f.EntityID}} {
		if c.v != "" {
			q = q.Where(c.col+" = ?", c.v)
		}
	}
	if f.Text != "" {
		like := "%" + f.Text + "%"
		q = whereLike(q, "entity_id LIKE ? OR note LIKE ? OR changes LIKE ?", like, like, like)
	}
	return q
}

// CountAudit counts the entries a filter matches (its Offset and Limit aside).
func (s *Store) CountAudit(ctx context.Context, f AuditFilter) (int, error) {
	var n int64
	if err := f.where(s.db.WithContext(ctx).Model(&auditRow{})).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("统计操作日志失败：%w", err)
	}
	return int(n), nil
}

// AuditEntries lists trail entries, newest first; with Offset and Limit, one page of them.
func (s *Store) AuditEntries(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	q := f.where(s.db.WithContext(ctx)).Order("id DESC")
	if f.Offset > 0 {
		q = q.Offset(f.Offset)
	}
	if f.Limit > 0 {
		q = q.Limit(f.Limit)
	}
	var rows []auditRow
	if err := q.Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取操作日志失败：%w", err)
	}
	return auditEntries(rows)
}

func auditEntries(rows []auditRow) ([]AuditEntry, error) {
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = AuditEntry{ID: r.ID, At: r.At, Actor: r.Actor, Module: r.Module, Entity: r.Entity,
			EntityID: r.EntityID, Action: r.Action, Note: r.Note}
		if r.Changes != "" {
			if err := json.Unmarshal([]byte(r.Changes), &out[i].Changes); err != nil {
				return nil, fmt.Errorf("操作日志第 %d 条内容损坏：%w", r.ID, err)
			}
		}
	}
	return out, nil
}

// AuditIDs lists the ids of every entry a filter matches (its Offset and Limit aside), newest
// first: one read that gives a text search its count and all its pages.
func (s *Store) AuditIDs(ctx context.Context, f AuditFilter) ([]int64, error) {
	var ids []int64
	if err := f.where(s.db.WithContext(ctx).Model(&auditRow{})).Order("id DESC").Pluck("id", &ids).Error; err != nil {
		return nil, fmt.Errorf("查找操作日志失败：%w", err)
	}
	return ids, nil
}

// AuditEntriesByID reads the entries with the given ids, newest first.
func (s *Store) AuditEntriesByID(ctx context.Context, ids []int64) ([]AuditEntry, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var rows []auditRow
	if err := s.db.WithContext(ctx).Where("id IN ?", ids).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取操作日志失败：%w", err)
	}
	return auditEntries(rows)
}

type ownerRow struct {
	Entity    string `gorm:"primaryKey"`
	EntityID  string `gorm:"primaryKey"`
	CreatedBy string
	CreatedAt time.Time
}

func (ownerRow) TableName() string { return "record_owners" }

// recordOwner notes who created a record or an import batch.
func recordOwner(tx *gorm.DB, entity, entityID, actor string, at time.Time) error {
	return tx.Clauses(clause.OnConflict{UpdateAll: true}).Create(&ownerRow{Entity: entity, EntityID: entityID, CreatedBy: actor, CreatedAt: at}).Error
}

// ownsRecord refuses a 录入员's delete of a record someone else created. The creator is kept in
// record_owners for every typed record (from its 新增 entry), every import batch and every
// imported row; a record whose creator is not known is left to an administrator.
func (s *Store) ownsRecord(tx *gorm.DB, entity, entityID string) error {
	var creator []string
	if err := tx.Model(&ownerRow{}).Where("entity = ? AND entity_id = ?", entity, entityID).
		Limit(1).Pluck("created_by", &creator).Error; err != nil {
		return err
	}
	if len(creator) == 0 {
		return fmt.Errorf("录入员只能删除自己录入的记录：这条%s的录入人未知，请管理员处理", entity)
	}
	if creator[0] != s.actor {
		return fmt.Errorf("录入员只能删除自己录入的记录：这条%s由 %s 录入", entity, creator[0])
	}
	return nil
}

// AuditChoices are the distinct users and modules in the trail, for the filter lists.
func (s *Store) AuditChoices(ctx context.Context) (actors, modules []string, err error) {
	db := s.db.WithContext(ctx).Model(&auditRow{})
	if err = db.Distinct().Order("actor").Pluck("actor", &actors).Error; err != nil {
		return nil, nil, err
	}
	err = s.db.WithContext(ctx).Model(&auditRow{}).Distinct().Order("module").Pluck("module", &modules).Error
	return actors, modules, err
}

// RecordView notes in the trail that someone revealed a record's personal data.
func (s *Store) RecordView(ctx context.Context, actor, module, entity, entityID, what string) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockWriters(tx); err != nil {
			return err
		}
		return s.audit(tx, actor, module, entity, entityID, ActionView, nil, "查看完整"+what)
	})
}
