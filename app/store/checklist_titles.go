package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"gorm.io/gorm"

	"shequ/models"
)

type demoTitleRow struct {
	ID           int64 `gorm:"primaryKey"`
	DivisionCode string
	Level        string
	Kind         string
	Year         int
	DocumentNo   string
	Note         string
	CreatedAt    time.Time
}

func (demoTitleRow) TableName() string { return "demo_titles" }

func (r demoTitleRow) model() models.DemoTitle {
	return models.DemoTitle{ID: r.ID, DivisionCode: r.DivisionCode, Level: r.Level, Kind: r.Kind, Year: r.Year,
		DocumentNo: r.DocumentNo, Note: r.Note}
}

// CreateDemoTitle records a 示范单位 title.
func (s *Store) CreateDemoTitle(ctx context.Context, t models.DemoTitle, actor string) (int64, error) {
	r := demoTitleRow{DivisionCode: t.DivisionCode, Level: t.Level, Kind: t.Kind, Year: t.Year, DocumentNo: t.DocumentNo,
		Note: t.Note, CreatedAt: s.now()}
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, checklistModule, "示范单位", strconv.FormatInt(r.ID, 10), ActionCreate, []FieldChange{
			{Field: "区划", After: t.DivisionCode}, {Field: "级别", After: t.Level}, {Field: "类别", After: t.Kind},
			{Field: "年度", After: strconv.Itoa(t.Year)}, {Field: "文号", After: t.DocumentNo}}, "")
	})
	return r.ID, err
}

// DeleteDemoTitle removes a title recorded by mistake.
func (s *Store) DeleteDemoTitle(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var r demoTitleRow
		if err := tx.Where("id = ?", id).Take(&r).Error; errors.Is(err, gorm.ErrRecordNotFound) {
			return fmt.Errorf("%w：示范单位称号 %d", models.ErrNotFound, id)
		} else if err != nil {
			return err
		}
		if err := s.audit(tx, actor, checklistModule, "示范单位", strconv.FormatInt(id, 10), ActionDelete, []FieldChange{
			{Field: "区划", Before: r.DivisionCode}, {Field: "称号", Before: r.Level + r.Kind}, {Field: "年度", Before: strconv.Itoa(r.Year)}}, ""); err != nil {
			return err
		}
		return tx.Delete(&demoTitleRow{}, id).Error
	})
}

// DemoTitleFilter narrows DemoTitles; zero values match everything.
type DemoTitleFilter struct {
	CodePrefix string // a county's or township's code without its trailing zeros, or a full code
	Level      string
	Kind       string
	Year       int
}

// DemoTitles lists titles, newest year first.
func (s *Store) DemoTitles(ctx context.Context, f DemoTitleFilter) ([]models.DemoTitle, error) {
	q := s.db.WithContext(ctx).Model(&demoTitleRow{})
	q = under(q, "division_code", f.CodePrefix)
	if f.Level != "" {
		q = q.Where("level = ?", f.Level)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.Year != 0 {
		q = q.Where("year = ?", f.Year)
	}
	var rows []demoTitleRow
	if err := q.Order("year DESC, division_code, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取示范单位失败：%w", err)
	}
	out := make([]models.DemoTitle, len(rows))
	for i, r := range rows {
		out[i] = r.model()
	}
	return out, nil
}
