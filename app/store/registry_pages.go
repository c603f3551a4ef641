package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"shequ/models"
)

// WorkerFilter narrows WorkerPage; empty fields match everything.
type WorkerFilter struct {
	Text          string // inside the name, certificate number, employer, post or division name
	Township      string // a township's 9-digit code prefix
	Post          string
	Status        string
	Qualification string
}

func (f WorkerFilter) apply(q *gorm.DB) *gorm.DB {
	if f.Township != "" {
		q = q.Where("w.division_code >= ? AND w.division_code < ?", f.Township, f.Township+":")
	}
	for _, c := range []struct{ col, v string }{{"w.post", f.Post}, {"w.status", f.Status}, {"w.qualification", f.Qualification}} {
		if c.v != "" {
			q = q.Where(c.col+" = ?", c.v)
		}
	}
	if f.Text != "" {
		like := "%" + f.Text + "%"
		q = q.Where("w.name LIKE ? OR w.cert_no LIKE ? OR w.employer_name LIKE ? OR w.post LIKE ? OR "+
			"EXISTS (SELECT 1 FROM divisions d WHERE d.code = w.division_code AND d.name LIKE ?)", like, like, like, like, like)
	}
	return q
}

// WorkerPage is one window of the workers a filter matches, in Workers' order (county, name).
func (s *Store) WorkerPage(ctx context.Context, f WorkerFilter, offset, limit int) ([]models.SocialWorker, error) {
	var rows []workerRow
	if err := f.apply(s.db.WithContext(ctx).Table("social_workers AS w")).Select("w.*").
		Order("w.county_code, w.name, w.id").Offset(offset).Limit(limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取社会工作者失败：%w", err)
	}
	out := make([]models.SocialWorker, len(rows))
	for i, r := range rows {
		out[i] = r.model()
	}
	return out, nil
}

// CountWorkers counts the workers a filter matches.
func (s *Store) CountWorkers(ctx context.Context, f WorkerFilter) (int, error) {
	var n int64
	if err := f.apply(s.db.WithContext(ctx).Table("social_workers AS w")).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("统计社会工作者失败：%w", err)
	}
	return int(n), nil
}
