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
		q = whereLike(q, "w.name LIKE ? OR w.cert_no LIKE ? OR w.employer_name LIKE ? OR w.post LIKE ? OR "+
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

// GridFilter narrows GridPage; empty fields match everything.
type GridFilter struct {
	Text     string // inside the name, number, boundary, division name or a worker's name
	Township string // a township's 9-digit code prefix
	Division string // one village or community
}

func (f GridFilter) apply(q *gorm.DB) *gorm.DB {
	if f.Township != "" {
		q = q.Where("g.division_code >= ? AND g.division_code < ?", f.Township, f.Township+":")
	}
	if f.Division != "" {
		q = q.Where("g.division_code = ?", f.Division)
	}
	if f.Text != "" {
		like := "%" + f.Text + "%"
		q = whereLike(q, "g.name LIKE ? OR g.number LIKE ? OR g.boundary LIKE ? OR "+
			"EXISTS (SELECT 1 FROM divisions d WHERE d.code = g.division_code AND d.name LIKE ?) OR "+
			"EXISTS (SELECT 1 FROM grid_workers gw JOIN social_workers w ON w.id = gw.worker_id WHERE gw.grid_id = g.id AND w.name LIKE ?)",
			like, like, like, like, like)
	}
	return q
}

// GridPage is one window of the grids a filter matches, in Grids' order, with their workers.
func (s *Store) GridPage(ctx context.Context, f GridFilter, offset, limit int) ([]models.Grid, error) {
	var rows []gridRow
	if err := f.apply(s.db.WithContext(ctx).Table("grids AS g")).Select("g.*").
		Order("g.division_code, g.number, g.name").Offset(offset).Limit(limit).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取网格失败：%w", err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	return s.gridsWithWorkers(ctx, rows, ids)
}

// CountGrids counts the grids a filter matches.
func (s *Store) CountGrids(ctx context.Context, f GridFilter) (int, error) {
	var n int64
	if err := f.apply(s.db.WithContext(ctx).Table("grids AS g")).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("统计网格失败：%w", err)
	}
	return int(n), nil
}

// WorkerNames are the names of the workers with these ids.
func (s *Store) WorkerNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	var rows []workerRow
	if err := s.db.WithContext(ctx).Select("id, name").Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("读取社会工作者失败：%w", err)
	}
	out := make(map[int64]string, len(rows))
	for _, r := range rows {
		out[r.ID] = r.Name
	}
	return out, nil
}
