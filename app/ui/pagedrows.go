package ui

import (
	"context"

	"fyne.io/fyne/v2"
)

// pageWindow is how many rows a paged table holds: what a window shows plus a margin each side.
const pageWindow = 240

// pageMargin is how close to the edge of the held window a shown row may come before the
// window moves to be centred on it.
const pageMargin = 60

// pagedRows is a table's data source over a list too long to hold: it keeps one window of
// pre-formatted rows, and when the table shows a row outside it (or near its edge) reads the
// window around that row off the UI goroutine, then refreshes the table through fyne.Do.
// Counts come from the list's own query, so the table knows its length without the rows.
type pagedRows[R any] struct {
	ctx     context.Context
	fetch   func(ctx context.Context, offset, limit int) ([]R, error)
	refresh func()      // redraws the table once a window arrived
	onError func(error) // shows a failed read

	count   int
	start   int // list index of rows[0]
	rows    []R
	gen     int // bumped by reset: a window of an older filter that arrives late is dropped
	loading bool
	want    int // the row asked for while a window was loading; -1 for none
}

func newPagedRows[R any](ctx context.Context, refresh func(), onError func(error)) *pagedRows[R] {
	return &pagedRows[R]{ctx: ctx, refresh: refresh, onError: onError, want: -1}
}

// reset starts a new list (another filter or sort): its count and its first window, read
// together off the UI goroutine by the caller, and how to read its other windows (a closure
// over the filter's values, so a read off the UI goroutine shares nothing with the screen).
func (p *pagedRows[R]) reset(count int, first []R, fetch func(ctx context.Context, offset, limit int) ([]R, error)) {
	p.gen++
	p.count, p.start, p.rows, p.loading, p.want, p.fetch = count, 0, first, false, -1, fetch
}

// len is the number of rows in the whole list.
func (p *pagedRows[R]) len() int { return p.count }

// row gives list row i if it is held; otherwise it asks for its window and says false: the
// table shows the cell empty until the window arrives and refreshes it.
func (p *pagedRows[R]) row(i int) (R, bool) {
	var zero R
	if i < 0 || i >= p.count {
		return zero, false
	}
	end := p.start + len(p.rows)
	held := i >= p.start && i < end
	nearEdge := (i < p.start+pageMargin && p.start > 0) || (i >= end-pageMargin && end < p.count)
	if !held || nearEdge {
		p.load(i)
	}
	if i >= p.start && i < p.start+len(p.rows) { // the window may have arrived in line
		return p.rows[i-p.start], true
	}
	return zero, false
}

// load reads the window centred on row i, one read at a time; a row asked for meanwhile is
// read next.
func (p *pagedRows[R]) load(i int) {
	if p.loading {
		p.want = i
		return
	}
	start := max(0, min(i-pageWindow/2, p.count-pageWindow))
	p.loading = true
	gen, fetch, inline := p.gen, p.fetch, true
	runAsync(func() {
		rows, err := fetch(p.ctx, start, pageWindow)
		fyne.Do(func() {
			if gen != p.gen {
				return // reset meanwhile; it cleared loading
			}
			p.loading = false
			if err != nil {
				p.onError(err)
				return
			}
			p.start, p.rows = start, rows
			if w := p.want; w >= 0 {
				p.want = -1
				if w < start || w >= start+len(rows) {
					p.load(w)
				}
			}
			if !inline {
				p.refresh()
			}
		})
	})
	inline = false
}
