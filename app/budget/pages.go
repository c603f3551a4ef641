package budget

import (
	"context"
	"errors"
	"sync"

	"shequ/app/store"
	"shequ/models"
)

// store is the filter as the store reads it: a township or county as a code prefix.
func (f Filter) store() store.BudgetLineFilter {
	sf := store.BudgetLineFilter{Year: f.Year, CategoryID: f.CategoryID, SourceID: f.SourceID}
	if f.Township != "" && len(f.Township) == 12 {
		sf.DivisionLike = models.Code(f.Township).Prefix(models.LevelTownship)
	} else if len(f.County) == 12 {
		sf.DivisionLike = models.Code(f.County).Prefix(models.LevelCounty)
	}
	return sf
}

// LinesPage is one window of the lines Lines would list, in the same order: limit lines from
// offset, ready for a table. A screen over 100,000 lines reads only what it shows.
func (s *Service) LinesPage(ctx context.Context, f Filter, offset, limit int) ([]LineView, error) {
	rows, err := s.st.BudgetLinePage(ctx, f.store(), offset, limit)
	if err != nil {
		return nil, err
	}
	return s.views(ctx, rows)
}

// LineTotals counts and sums the lines a filter matches, in SQL.
func (s *Service) LineTotals(ctx context.Context, f Filter) (Totals, error) {
	sums, err := s.st.SumBudgetLines(ctx, f.store())
	if err != nil {
		return Totals{}, err
	}
	return Totals{Lines: sums.Lines, Amount: sums.Amount, Disbursed: sums.Disbursed, Rate: rateText(sums.Disbursed, sums.Amount)}, nil
}

// Township is a township that has lines, for the screen's filter.
type Township struct {
	Code, Name string
}

// Townships lists the townships with lines under a filter's year and county, in code order.
func (s *Service) Townships(ctx context.Context, f Filter) ([]Township, error) {
	f.Township, f.CategoryID, f.SourceID = "", 0, 0
	prefixes, err := s.st.BudgetTownshipPrefixes(ctx, f.store())
	if err != nil {
		return nil, err
	}
	out := make([]Township, 0, len(prefixes))
	for _, p := range prefixes {
		code := p + "000"
		if d, err := s.divisions.Get(ctx, code); err == nil {
			out = append(out, Township{Code: models.Code(code).String(), Name: d.Name})
		}
	}
	return out, nil
}

// FirstPage is what a filter change waits for: the totals and the first limit lines, read at
// the same time on two connections (SQLite in WAL mode reads in parallel).
func (s *Service) FirstPage(ctx context.Context, f Filter, limit int) ([]LineView, Totals, error) {
	var (
		wg      sync.WaitGroup
		rows    []LineView
		t       Totals
		rowsErr error
	)
	wg.Go(func() { rows, rowsErr = s.LinesPage(ctx, f, 0, limit) })
	t, err := s.LineTotals(ctx, f)
	wg.Wait()
	return rows, t, errors.Join(err, rowsErr)
}
