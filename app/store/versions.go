package store

import (
	"fmt"

	"gorm.io/gorm"

	"shequ/models"
)

// Optimistic concurrency: every row a clerk edits in place carries a version, row_version (migration 0015).
// A save first moves the row to its next version, but only if it is still at the version the
// clerk's form was read with; the field update follows in the same write transaction (writers are
// serialised: BEGIN IMMEDIATE on SQLite, the writers' advisory lock on PostgreSQL), so of two
// clerks who read the same version exactly one wins and the other gets a *models.EditConflict.

// bumpVersion moves the row of table found by where/arg to its next version when it is still at
// read. read 0 means the caller did not read the row for a form (imports, commands): the row is
// moved on without a check; models.ReadAbsent (the form found no row) never matches, so a row
// another desk created meanwhile is a conflict. A row that does not exist is left to the caller's
// own not-found handling. entity and entityID name the row in the audit trail, where who and when are found.
func (s *Store) bumpVersion(tx *gorm.DB, table, entity, entityID string, read int64, where string, args ...any) error {
	if v, ok := s.overwrites.Load(conflictWhat(entity, entityID)); ok {
		read = v.(int64)
	}
	q := tx.Table(table).Where(where, args...)
	if read != 0 {
		q = q.Where("row_version = ?", read)
	}
	res := q.UpdateColumn("row_version", gorm.Expr("row_version + 1"))
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected > 0 {
		return nil
	}
	var now []int64
	if err := tx.Table(table).Where(where, args...).Pluck("row_version", &now).Error; err != nil || len(now) == 0 {
		return err
	}
	if read == 0 || now[0] == read {
		// Still as read, yet not changed: the shared database's row-level security keeps this
		// role from writing it (a scoped role reads the divisions above its scope).
		return newFailure(s.path, "保存", ErrNoAccess, fmt.Errorf("row-level security: %s %s is read-only for this role", table, entityID))
	}
	return s.editConflict(tx, entity, entityID, now[0])
}

// tableOf is the table GORM maps row's type to.
func tableOf(tx *gorm.DB, row any) string {
	st := &gorm.Statement{DB: tx}
	if err := st.Parse(row); err != nil {
		return ""
	}
	return st.Schema.Table
}

// editConflict says who last changed the record and when, from its latest audit entry.
func (s *Store) editConflict(tx *gorm.DB, entity, entityID string, version int64) error {
	return s.notedConflict(tx, entity, entityID, "", conflictWhat(entity, entityID), version)
}

// notedConflict is editConflict for a record whose trail entries are filed under another record
// (an organisation's yearly records under the organisation) and told apart by their note; what
// names it for the clerk.
func (s *Store) notedConflict(tx *gorm.DB, entity, entityID, note, what string, version int64) error {
	last, err := lastChange(tx, entity, entityID, note)
	if err != nil {
		return err
	}
	return &models.EditConflict{What: what, Version: version, By: last.Actor, At: last.At}
}

// lastChange is the latest entry that created or changed the record (zero when there is none);
// note "" takes any note.
func lastChange(tx *gorm.DB, entity, entityID, note string) (auditRow, error) {
	q := tx.Where("entity = ? AND entity_id = ? AND action IN ?", entity, entityID,
		[]string{ActionCreate, ActionUpdate, ActionImport})
	if note != "" {
		q = q.Where("note = ?", note)
	}
	var last []auditRow
	if err := q.Order("id DESC").Limit(1).Find(&last).Error; err != nil || len(last) == 0 {
		return auditRow{}, err
	}
	return last[0], nil
}

func conflictWhat(entity, entityID string) string { return fmt.Sprintf("%s（%s）", entity, entityID) }

// Overwrite runs save, the clerk's save again over the change c reported: while it runs, saves
// of the record c names are checked against c's version instead of the one the form was read
// with, so a third change made meanwhile is still reported. (A form's save may hold the context
// it was opened with, hence a mark on the store rather than on the context.)
func (s *Store) Overwrite(c *models.EditConflict, save func() error) error {
	s.overwrites.Store(c.What, c.Version)
	defer s.overwrites.Delete(c.What)
	return save()
}
