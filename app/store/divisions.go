package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"shequ/models"
)

type divisionRow struct {
	Code          string `gorm:"primaryKey"`
	Name          string
	Level         string
	ParentCode    *string
	RetiredAt     *time.Time
	SuccessorCode *string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

func (divisionRow) TableName() string { return "divisions" }

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func (r divisionRow) model() models.Division {
	return models.Division{
		Code: r.Code, Name: r.Name, Level: models.Level(r.Level), ParentCode: deref(r.ParentCode),
		RetiredAt: r.RetiredAt, SuccessorCode: deref(r.SuccessorCode),
	}
}

type divisionChangeRow struct {
	ID            int64 `gorm:"primaryKey"`
	Code          string
	Event         string
	OldName       string
	NewName       string
	SuccessorCode *string
	EffectiveOn   time.Time
	Note          string
	RecordedAt    time.Time
	RecordedBy    string
}

func (divisionChangeRow) TableName() string { return "division_changes" }

// Divisions returns every division, retired ones included, ordered by code.
func (s *Store) Divisions(ctx context.Context) ([]models.Division, error) {
	var rows []divisionRow
	if err := s.db.WithContext(ctx).Order("code").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取区划失败：%w", err)
	}
	out := make([]models.Division, len(rows))
	for i, r := range rows {
		out[i] = r.model()
	}
	return out, nil
}

// Division returns one division by code.
func (s *Store) Division(ctx context.Context, code string) (models.Division, error) {
	var rows []divisionRow
	if err := s.db.WithContext(ctx).Where("code = ?", code).Limit(1).Find(&rows).Error; err != nil {
		return models.Division{}, err
	}
	if len(rows) == 0 {
		return models.Division{}, fmt.Errorf("%w：区划代码 %s", models.ErrNotFound, code)
	}
	return rows[0].model(), nil
}

// CountDivisions counts active divisions per level.
func (s *Store) CountDivisions(ctx context.Context) (map[models.Level]int, error) {
	var rows []struct {
		Level string
		N     int
	}
	err := s.db.WithContext(ctx).Model(&divisionRow{}).Select("level, COUNT(*) AS n").
		Where("retired_at IS NULL").Group("level").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("统计区划失败：%w", err)
	}
	out := map[models.Level]int{}
	for _, r := range rows {
		out[models.Level(r.Level)] = r.N
	}
	return out, nil
}

// SeedDivisions inserts the divisions that are not there yet (parents must precede children)
// and leaves existing ones, renamed or retired by a clerk, as they are. It records the seed
// version, so it is skipped on later starts. It returns how many rows were inserted.
func (s *Store) SeedDivisions(ctx context.Context, version string, divs []models.Division) (int, error) {
	db := s.db.WithContext(ctx)
	if v, err := getMeta(db, metaSeedDivisions); err != nil {
		return 0, err
	} else if v == version {
		return 0, nil
	}
	inserted := 0
	err := db.Transaction(func(tx *gorm.DB) error {
		if err := lockWriters(tx); err != nil {
			return err
		}
		now := s.now()
		rows := make([]divisionRow, len(divs))
		for i, d := range divs {
			rows[i] = divisionRow{Code: d.Code, Name: d.Name, Level: string(d.Level),
				ParentCode: strPtr(d.ParentCode), CreatedAt: now, UpdatedAt: now}
		}
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).CreateInBatches(rows, 200)
		if res.Error != nil {
			return fmt.Errorf("写入区划失败：%w", res.Error)
		}
		inserted = int(res.RowsAffected)
		if inserted > 0 {
			if err := s.audit(tx, "shequ", "区划", "区划", "", ActionImport, nil,
				fmt.Sprintf("导入官方区划 %s，新增 %d 条", version, inserted)); err != nil {
				return err
			}
			if err := setMeta(tx, metaDataChangedAt, now.Format(time.RFC3339)); err != nil {
				return err
			}
		}
		return setMeta(tx, metaSeedDivisions, version)
	})
	return inserted, err
}

// CreateDivision adds a division (a new village after a merge, say) and its history entry.
func (s *Store) CreateDivision(ctx context.Context, d models.Division, effective time.Time, note, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&divisionRow{}).Where("code = ?", d.Code).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w：区划代码 %s 已存在", models.ErrConflict, d.Code)
		}
		now := s.now()
		if err := tx.Create(&divisionRow{Code: d.Code, Name: d.Name, Level: string(d.Level),
			ParentCode: strPtr(d.ParentCode), CreatedAt: now, UpdatedAt: now}).Error; err != nil {
			return fmt.Errorf("新增区划失败：%w", err)
		}
		if err := tx.Create(&divisionChangeRow{Code: d.Code, Event: string(models.EventCreated), NewName: d.Name,
			EffectiveOn: effective, Note: note, RecordedAt: now, RecordedBy: actor}).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "区划", "区划", d.Code, ActionCreate, []FieldChange{
			{Field: "名称", After: d.Name}, {Field: "级别", After: d.Level.Label()}, {Field: "上级代码", After: d.ParentCode},
		}, note)
	})
}

// RenameDivision changes a division's name and keeps the old one in its history; seenName is the
// name the clerk renamed from, and another desk's rename meanwhile is a conflict.
func (s *Store) RenameDivision(ctx context.Context, code, seenName, newName string, effective time.Time, note, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		old, err := divisionIn(tx, code)
		if err != nil {
			return err
		}
		if old.Name != seenName || old.RetiredAt != nil { // renamed or retired at another desk meanwhile
			return s.editConflict(tx, "区划", code, 0)
		}
		if err := s.bumpVersion(tx, "divisions", "区划", code, 0, "code = ?", code); err != nil {
			return err
		}
		now := s.now()
		if err := tx.Model(&divisionRow{}).Where("code = ?", code).
			Updates(map[string]any{"name": newName, "updated_at": now}).Error; err != nil {
			return fmt.Errorf("更名失败：%w", err)
		}
		if err := tx.Create(&divisionChangeRow{Code: code, Event: string(models.EventRenamed), OldName: old.Name,
			NewName: newName, EffectiveOn: effective, Note: note, RecordedAt: now, RecordedBy: actor}).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "区划", "区划", code, ActionUpdate,
			[]FieldChange{{Field: "名称", Before: old.Name, After: newName}}, note)
	})
}

// RetireDivision marks a division as no longer in use; successor names the one that took it over.
func (s *Store) RetireDivision(ctx context.Context, code, successor string, effective time.Time, note, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		old, err := divisionIn(tx, code)
		if err != nil {
			return err
		}
		if old.RetiredAt != nil { // retired at another desk meanwhile
			return s.editConflict(tx, "区划", code, 0)
		}
		var active int64
		if err := tx.Model(&divisionRow{}).Where("parent_code = ? AND retired_at IS NULL", code).Count(&active).Error; err != nil {
			return err
		}
		if active > 0 {
			return fmt.Errorf("%w：%s 下还有 %d 个在用的下级区划，请先撤销或调整它们", models.ErrInvalid, old.Name, active)
		}
		event := models.EventRetired
		if successor != "" {
			event = models.EventMerged
		}
		if err := s.bumpVersion(tx, "divisions", "区划", code, 0, "code = ?", code); err != nil {
			return err
		}
		now := s.now()
		if err := tx.Model(&divisionRow{}).Where("code = ?", code).Updates(map[string]any{
			"retired_at": effective, "successor_code": strPtr(successor), "updated_at": now}).Error; err != nil {
			return fmt.Errorf("撤销失败：%w", err)
		}
		if err := tx.Create(&divisionChangeRow{Code: code, Event: string(event), OldName: old.Name,
			SuccessorCode: strPtr(successor), EffectiveOn: effective, Note: note, RecordedAt: now, RecordedBy: actor}).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "区划", "区划", code, ActionUpdate, []FieldChange{
			{Field: "状态", Before: "在用", After: string(event)}, {Field: "承接区划", After: successor}}, note)
	})
}

func divisionIn(tx *gorm.DB, code string) (divisionRow, error) {
	var r divisionRow
	err := tx.Where("code = ?", code).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, fmt.Errorf("%w：区划代码 %s", models.ErrNotFound, code)
	}
	return r, err
}

// DivisionHistory lists the code history of one division, oldest first.
func (s *Store) DivisionHistory(ctx context.Context, code string) ([]models.DivisionChange, error) {
	var rows []divisionChangeRow
	if err := s.db.WithContext(ctx).Where("code = ? OR successor_code = ?", code, code).
		Order("effective_on, id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]models.DivisionChange, len(rows))
	for i, r := range rows {
		out[i] = models.DivisionChange{ID: r.ID, Code: r.Code, Event: models.DivisionEvent(r.Event), OldName: r.OldName,
			NewName: r.NewName, SuccessorCode: deref(r.SuccessorCode), EffectiveOn: r.EffectiveOn, Note: r.Note,
			RecordedAt: r.RecordedAt, RecordedBy: r.RecordedBy}
	}
	return out, nil
}
