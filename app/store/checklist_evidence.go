package store

import (
	"context"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"shequ/models"
)

// Evidence for assessment values lives in the generic attachments (owner_kind assessment_value);
// the owner id is a stable key per (assessment, indicator), because the value rows themselves are
// rewritten on every save.

// OwnerAssessmentValue is an indicator value of a 社区标准化 assessment.
var OwnerAssessmentValue = AttachmentOwner{Kind: "assessment_value", Module: checklistModule, Entity: "标准化证明材料"}

type assessmentValueKeyRow struct {
	ID           int64 `gorm:"primaryKey"`
	AssessmentID int64
	Code         string
}

func (assessmentValueKeyRow) TableName() string { return "assessment_value_keys" }

// AssessmentValueKey returns the attachment owner id of an indicator of an assessment, creating
// it the first time a file is attached. It is an index entry, not a record of its own: the files
// attached under it carry the audit entries.
func (s *Store) AssessmentValueKey(ctx context.Context, assessmentID int64, code string) (int64, error) {
	var id int64
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		var rows []assessmentValueKeyRow
		if err := tx.Where("assessment_id = ? AND code = ?", assessmentID, code).Limit(1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 1 {
			id = rows[0].ID
			return nil
		}
		r := assessmentValueKeyRow{AssessmentID: assessmentID, Code: code}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		id = r.ID
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("保存证明材料失败：%w", err)
	}
	return id, nil
}

// AssessmentEvidence lists the files attached to an assessment's indicator values (without their
// content), by indicator code, in the order they were added.
func (s *Store) AssessmentEvidence(ctx context.Context, assessmentID int64) (map[string][]models.Attachment, error) {
	var keys []assessmentValueKeyRow
	if err := s.db.WithContext(ctx).Where("assessment_id = ?", assessmentID).Find(&keys).Error; err != nil {
		return nil, fmt.Errorf("读取证明材料失败：%w", err)
	}
	codes := make(map[int64]string, len(keys))
	for _, k := range keys {
		codes[k.ID] = k.Code
	}
	var rows []attachmentRow
	if err := s.db.WithContext(ctx).Select(attachmentCols).
		Where("owner_kind = ? AND owner_id IN (SELECT id FROM assessment_value_keys WHERE assessment_id = ?)",
			OwnerAssessmentValue.Kind, assessmentID).
		Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取附件失败：%w", err)
	}
	out := map[string][]models.Attachment{}
	for _, r := range rows {
		code, ok := codes[r.OwnerID]
		if !ok {
			continue // a key added after the first query; the next read shows it
		}
		out[code] = append(out[code], r.model())
	}
	return out, nil
}

// EvidenceAssessment finds the assessment and indicator an evidence file belongs to.
func (s *Store) EvidenceAssessment(ctx context.Context, attachmentID int64) (a models.Assessment, code string, err error) {
	var r struct {
		AssessmentID int64
		Code         string
	}
	err = s.db.WithContext(ctx).Raw(`SELECT k.assessment_id AS assessment_id, k.code AS code FROM attachments f
		JOIN assessment_value_keys k ON k.id = f.owner_id WHERE f.id = ? AND f.owner_kind = ?`,
		attachmentID, OwnerAssessmentValue.Kind).Scan(&r).Error
	if err != nil {
		return a, "", fmt.Errorf("读取证明材料失败：%w", err)
	}
	if r.AssessmentID == 0 {
		return a, "", fmt.Errorf("%w：证明材料 %d", models.ErrNotFound, attachmentID)
	}
	var row assessmentRow
	if err := s.db.WithContext(ctx).Where("id = ?", r.AssessmentID).Take(&row).Error; errors.Is(err, gorm.ErrRecordNotFound) {
		return a, "", fmt.Errorf("%w：测评 %d", models.ErrNotFound, r.AssessmentID)
	} else if err != nil {
		return a, "", err
	}
	return models.Assessment{ID: row.ID, DivisionCode: row.DivisionCode, Year: row.Year, VersionID: row.VersionID,
		State: row.State, AcceptedAt: row.AcceptedAt}, r.Code, nil
}
