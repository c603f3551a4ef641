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
