package ui

import (
	"context"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// listQuery is one filter of a paged list, its values captured on the UI goroutine: how many
// rows it keeps, how many there are in all, and one window of its rows.
type listQuery[R any] struct {
	count func(ctx context.Context) (int, error)
	all   func(ctx context.Context) (int, error)
	page  func(ctx context.Context, offset, limit int) ([]R, error)
}

// regPaged is a registry tab's main table over a list read a window at a time from the
// database (the 社会工作者/网格员 list): counts in SQL, the chosen row kept by value.
type regPaged[R any] struct {
	s     *registryScreen
	table *widget.Table
	count *widget.Label
	rows  *pagedRows[R]
	sel   *R
	reads latest // an older read that arrives late is dropped

	query  func() listQuery[R] // the current filter
	counts string              // translation key of "showing N of All"
	choose string              // translation key of "choose one first"
}

func newRegPaged[R any](s *registryScreen, counts, choose string) *regPaged[R] {
	l := &regPaged[R]{s: s, count: widget.NewLabel(""), counts: counts, choose: choose}
	l.rows = newPagedRows[R](s.w.ctx, func() { l.table.Refresh() }, s.w.showError)
	return l
}

// onSelect keeps the chosen row by value: the window it came from may move on.
func (l *regPaged[R]) onSelect(row int) {
	l.sel = nil
	if r, ok := l.rows.row(row); ok {
		l.sel = &r
	}
}

// reload reads the list again after a change, staying where the user scrolled to.
func (l *regPaged[R]) reload() { l.load(false) }

// applyFilter shows the rows of the filter just changed, from the top.
func (l *regPaged[R]) applyFilter() { l.load(true) }

// load reads the counts and the first window for the current filter off the UI goroutine.
func (l *regPaged[R]) load(top bool) {
	q := l.query()
	type first struct {
		n, all int
		rows   []R
	}
	readLatest(&l.reads, l.s.w, func() (f first, err error) {
		ctx := l.s.w.ctx
		if f.n, err = q.count(ctx); err == nil {
			if f.all, err = q.all(ctx); err == nil {
				f.rows, err = q.page(ctx, 0, pageWindow)
			}
		}
		return f, err
	}, func(f first) {
		l.rows.reset(f.n, f.rows, q.page)
		l.sel = nil
		l.table.UnselectAll()
		if top {
			l.table.ScrollToTop()
		}
		l.table.Refresh()
		l.count.SetText(Tf(l.counts, map[string]any{"N": f.n, "All": f.all}))
	})
}

// selected is the chosen row, telling the user to choose one when there is none.
func (l *regPaged[R]) selected() (R, bool) {
	if l.sel == nil {
		var zero R
		dialog.ShowInformation(T("nav.registry"), T(l.choose), l.s.w.Win)
		return zero, false
	}
	return *l.sel, true
}
