package store

import (
	"encoding/json"
	"time"

	"gorm.io/gorm"
)

// Audit actions.
const (
	ActionCreate = "新增"
	ActionUpdate = "修改"
	ActionDelete = "删除"
	ActionImport = "导入"
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
