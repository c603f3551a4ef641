package registry

import (
	"context"
	"strings"

	"shequ/app/store"
	"shequ/models"
)

func (f Filter) workers() store.WorkerFilter {
	wf := store.WorkerFilter{Text: strings.TrimSpace(f.Text), Post: f.Type, Status: f.Status, Qualification: f.Qualification}
	if f.Township != "" {
		wf.Township = models.Code(f.Township).Prefix(models.LevelTownship)
	}
	return wf
}

// WorkerPage is one window of the workers FilterWorkers would keep, in WorkerRows' order,
// pre-formatted: the 社会工作者/网格员 tab reads only what it shows.
func (s *Service) WorkerPage(ctx context.Context, f Filter, offset, limit int) ([]WorkerRow, error) {
	ws, err := s.st.WorkerPage(ctx, f.workers(), offset, limit)
	return s.workerRows(ctx, ws), err
}

// WorkerCount counts the workers a filter keeps, in SQL.
func (s *Service) WorkerCount(ctx context.Context, f Filter) (int, error) {
	return s.st.CountWorkers(ctx, f.workers())
}

// GridPage is one window of the grids FilterGrids would keep (within one village or community
// when division is set), in GridRows' order, pre-formatted.
func (s *Service) GridPage(ctx context.Context, f Filter, division string, offset, limit int) ([]GridRow, error) {
	gs, err := s.st.GridPage(ctx, f.grids(division), offset, limit)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for _, g := range gs {
		ids = append(ids, g.WorkerIDs...)
	}
	names, err := s.st.WorkerNames(ctx, ids)
	return s.gridRows(ctx, gs, names), err
}

// GridCount counts the grids GridPage pages through.
func (s *Service) GridCount(ctx context.Context, f Filter, division string) (int, error) {
	return s.st.CountGrids(ctx, f.grids(division))
}

func (f Filter) grids(division string) store.GridFilter {
	gf := store.GridFilter{Text: strings.TrimSpace(f.Text), Division: division}
	if f.Township != "" {
		gf.Township = models.Code(f.Township).Prefix(models.LevelTownship)
	}
	return gf
}
