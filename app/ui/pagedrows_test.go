package ui

import (
	"context"
	"testing"
)

// TestPagedRowsHoldsOneWindow: the table source answers any row of a long list from one held
// window, reads the window around a row outside it (or near its edge), and drops a window read
// for an older filter.
func TestPagedRowsHoldsOneWindow(t *testing.T) {
	var reads [][2]int
	fetch := func(_ context.Context, offset, limit int) ([]int, error) {
		reads = append(reads, [2]int{offset, limit})
		out := make([]int, 0, limit)
		for i := offset; i < min(offset+limit, 100_000); i++ {
			out = append(out, i)
		}
		return out, nil
	}
	refreshed := 0
	p := newPagedRows[int](context.Background(), func() { refreshed++ }, func(err error) { t.Fatal(err) })
	first, _ := fetch(context.Background(), 0, pageWindow)
	reads = nil
	p.reset(100_000, first, fetch)

	for _, tc := range []struct {
		row       int
		wantReads int // reads so far
	}{
		{0, 0}, {pageWindow/2 - 1, 0}, // held, far from the edge
		{50_000, 1},                    // outside: the window around it
		{50_000 + 10, 1},               // held
		{50_000 + pageWindow/2 - 5, 2}, // near the edge: moves on
		{99_999, 3},                    // the end: the last window
		{-1, 3}, {100_000, 3},          // outside the list: nothing read
	} {
		v, ok := p.row(tc.row)
		inList := tc.row >= 0 && tc.row < 100_000
		if ok != inList || (ok && v != tc.row) || len(reads) != tc.wantReads || len(p.rows) > pageWindow {
			t.Fatalf("row %d: %d, %v; reads %v; holds %d", tc.row, v, ok, reads, len(p.rows))
		}
	}
	if last := reads[len(reads)-1]; last[0] != 100_000-pageWindow {
		t.Errorf("the last window starts at %d", last[0])
	}
	if refreshed != 0 {
		t.Errorf("windows read in line refreshed the table %d times", refreshed)
	}

	// A window that arrives after a reset is dropped.
	var late func()
	runAsyncOld := runAsync
	runAsync = func(work func()) { late = work }
	t.Cleanup(func() { runAsync = runAsyncOld })
	p.row(10)
	p.reset(5, []int{100, 101, 102, 103, 104}, fetch)
	late()
	if v, ok := p.row(2); !ok || v != 102 || p.len() != 5 {
		t.Errorf("after a reset: row 2 = %d, %v; len %d", v, ok, p.len())
	}
}
