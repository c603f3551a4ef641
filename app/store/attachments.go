package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"shequ/models"
)

// Attachments: files kept in the database with a record of any module (owner_kind + owner_id),
// like the duties' evidence files, so a backup of the database carries them. The content is
// checked against its SHA-256 whenever it is read back.

// AttachmentOwner names the kind of record files are attached to, and how the audit trail calls it.
type AttachmentOwner struct {
	Kind   string // stored in owner_kind, e.g. ledger_meeting
	Module string // the audit trail's module, e.g. 民主自治
	Entity string // the audit trail's entity for the attachment, e.g. 会议附件
}

// OwnerMeeting is a meeting of the 会议台账.
var OwnerMeeting = AttachmentOwner{Kind: "ledger_meeting", Module: LedgerModule, Entity: "会议附件"}

type attachmentRow struct {
	ID        int64 `gorm:"primaryKey"`
	OwnerKind string
	OwnerID   int64
	Name      string
	Size      int64
	SHA256    string `gorm:"column:sha256"`
	Data      []byte
	CreatedAt time.Time
	CreatedBy string
}

func (attachmentRow) TableName() string { return "attachments" }

func (r attachmentRow) model() models.Attachment {
	return models.Attachment{ID: r.ID, OwnerKind: r.OwnerKind, OwnerID: r.OwnerID, Name: r.Name, Size: r.Size,
		SHA256: r.SHA256, CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy}
}

// attachmentCols are the columns read when listing: everything but the content.
var attachmentCols = []string{"id", "owner_kind", "owner_id", "name", "size", "sha256", "created_at", "created_by"}

// AddAttachment stores a file with the record ownerID of kind o and returns its id.
func (s *Store) AddAttachment(ctx context.Context, o AttachmentOwner, ownerID int64, name string, data []byte, actor string) (int64, error) {
	sum := sha256.Sum256(data)
	row := attachmentRow{OwnerKind: o.Kind, OwnerID: ownerID, Name: name, Size: int64(len(data)),
		SHA256: hex.EncodeToString(sum[:]), Data: data, CreatedBy: actor}
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		row.CreatedAt = s.now()
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("保存附件“%s”失败：%w", name, err)
		}
		return s.audit(tx, actor, o.Module, o.Entity, strconv.FormatInt(row.ID, 10), ActionCreate,
			[]FieldChange{{Field: "文件", After: fmt.Sprintf("%s（%d 字节，SHA-256 %s）", name, row.Size, row.SHA256)}},
			fmt.Sprintf("%s %d", o.Entity, ownerID))
	})
	return row.ID, err
}

// Attachments lists the files of one record (without their content), in the order they were added.
func (s *Store) Attachments(ctx context.Context, o AttachmentOwner, ownerID int64) ([]models.Attachment, error) {
	var rows []attachmentRow
	if err := s.db.WithContext(ctx).Select(attachmentCols).Where("owner_kind = ? AND owner_id = ?", o.Kind, ownerID).
		Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取附件失败：%w", err)
	}
	return mapRows(rows, nil, attachmentRow.model)
}

// AttachmentCounts maps each record of kind o that has files to how many it has.
func (s *Store) AttachmentCounts(ctx context.Context, o AttachmentOwner, ownerIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(ownerIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		OwnerID int64
		N       int
	}
	if err := s.db.WithContext(ctx).Model(&attachmentRow{}).Select("owner_id, COUNT(*) AS n").
		Where("owner_kind = ? AND owner_id IN ?", o.Kind, ownerIDs).Group("owner_id").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取附件失败：%w", err)
	}
	for _, r := range rows {
		out[r.OwnerID] = r.N
	}
	return out, nil
}

// AttachmentContent returns a file and its content, checked against its SHA-256.
func (s *Store) AttachmentContent(ctx context.Context, id int64) (models.Attachment, []byte, error) {
	var rows []attachmentRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return models.Attachment{}, nil, fmt.Errorf("读取附件失败：%w", err)
	}
	if len(rows) == 0 {
		return models.Attachment{}, nil, fmt.Errorf("%w：附件 %d", models.ErrNotFound, id)
	}
	r := rows[0]
	sum := sha256.Sum256(r.Data)
	if hex.EncodeToString(sum[:]) != r.SHA256 || int64(len(r.Data)) != r.Size {
		return r.model(), nil, fmt.Errorf("附件“%s”已损坏（校验值不符）", r.Name)
	}
	return r.model(), r.Data, nil
}

// DeleteAttachment removes one file of a record of kind o.
func (s *Store) DeleteAttachment(ctx context.Context, o AttachmentOwner, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		n, err := s.deleteAttachments(tx, o, actor, "id = ? AND owner_kind = ?", id, o.Kind)
		if err == nil && n == 0 {
			err = fmt.Errorf("%w：附件 %d", models.ErrNotFound, id)
		}
		return err
	})
}

// deleteAttachments removes the files found by where (inside tx), one audit entry each.
// It returns how many it removed.
func (s *Store) deleteAttachments(tx *gorm.DB, o AttachmentOwner, actor, where string, args ...any) (int, error) {
	var rows []attachmentRow
	if err := tx.Select(attachmentCols).Where(where, args...).Find(&rows).Error; err != nil {
		return 0, fmt.Errorf("读取附件失败：%w", err)
	}
	for _, r := range rows {
		if err := s.audit(tx, actor, o.Module, o.Entity, strconv.FormatInt(r.ID, 10), ActionDelete,
			[]FieldChange{{Field: "文件", Before: fmt.Sprintf("%s（%d 字节，SHA-256 %s）", r.Name, r.Size, r.SHA256)}},
			fmt.Sprintf("%s %d", o.Entity, r.OwnerID)); err != nil {
			return 0, err
		}
		if err := tx.Delete(&attachmentRow{}, r.ID).Error; err != nil {
			return 0, fmt.Errorf("删除附件“%s”失败：%w", r.Name, err)
		}
	}
	return len(rows), nil
}
