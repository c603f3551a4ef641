package app

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"shequ/app/auth"
	"shequ/app/budget"
)

// pagedBigDB opens a database with 100,000 budget lines and 200,000 audit entries.
func pagedBigDB(b *testing.B) (*App, string) {
	b.Helper()
	path := filepath.Join(b.TempDir(), "big.db")
	fillBigDB(b, path, 100_000, 200_000)
	a, err := Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.Close() })
	return a, path
}

// reportLatency reports the median and 95th percentile of the timed filter changes.
func reportLatency(b *testing.B, took []time.Duration) {
	slices.Sort(took)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(took[len(took)/2]), "median-ms")
	b.ReportMetric(ms(took[(len(took)*95+99)/100-1]), "p95-ms")
	b.ReportMetric(0, "ns/op") // the per-filter figures above are the measure
}

// timeEach runs step once per iteration (i counts from 0) and reports the median and p95 of
// what the steps took.
func timeEach(b *testing.B, step func(i int)) {
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		step(i)
		took = append(took, time.Since(t0))
	}
	reportLatency(b, took)
}

// budgetFilters are the filter changes a clerk makes on 经费保障: the year, each category,
// each source, a county, a township, and a category within a county.
func budgetFilters(b *testing.B, a *App) []budget.Filter {
	ctx := context.Background()
	cats, _ := a.Budget.Categories(ctx)
	srcs, _ := a.Budget.Sources(ctx)
	counties, _ := a.Divisions.Roots(ctx)
	fs := []budget.Filter{{Year: 2026}}
	for _, c := range cats {
		fs = append(fs, budget.Filter{Year: 2026, CategoryID: c.ID})
	}
	for _, s := range srcs {
		fs = append(fs, budget.Filter{Year: 2026, SourceID: s.ID})
	}
	for _, c := range counties {
		fs = append(fs, budget.Filter{Year: 2026, County: c.Code}, budget.Filter{Year: 2026, County: c.Code, CategoryID: cats[1].ID})
		if towns, _ := a.Budget.Townships(ctx, budget.Filter{Year: 2026, County: c.Code}); len(towns) > 0 {
			fs = append(fs, budget.Filter{Year: 2026, County: c.Code, Township: towns[0].Code})
		}
	}
	if len(fs) < 20 {
		b.Fatalf("only %d filters", len(fs))
	}
	return fs
}

// BenchmarkBudgetFilterPage is a filter change on 经费保障 over 100,000 lines: the totals and
// count in SQL and the first window of rows formatted for the table (FirstPage, what the
// screen waits for before it refreshes the table).
func BenchmarkBudgetFilterPage(b *testing.B) {
	a, _ := pagedBigDB(b)
	ctx := context.Background()
	fs := budgetFilters(b, a)
	var took []time.Duration
	i := 0
	for b.Loop() {
		f := fs[i%len(fs)]
		i++
		t0 := time.Now()
		rows, _, err := a.Budget.FirstPage(ctx, f, 240)
		if err != nil || len(rows) == 0 {
			b.Fatalf("%+v: %d rows, %v", f, len(rows), err)
		}
		took = append(took, time.Since(t0))
	}
	reportLatency(b, took)
}

// BenchmarkBudgetFilterFloor is the floor: a bare SELECT … LIMIT 200 of the same filters with
// database/sql, no order, no totals, no names.
func BenchmarkBudgetFilterFloor(b *testing.B) {
	a, path := pagedBigDB(b)
	fs := budgetFilters(b, a)
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var took []time.Duration
	i := 0
	for b.Loop() {
		f := fs[i%len(fs)]
		i++
		q, args := "SELECT id, division_code, category_id, item, amount_fen, source_id FROM budget_lines WHERE year = ?", []any{f.Year}
		if f.CategoryID != 0 {
			q, args = q+" AND category_id = ?", append(args, f.CategoryID)
		}
		if f.SourceID != 0 {
			q, args = q+" AND source_id = ?", append(args, f.SourceID)
		}
		if f.Township != "" {
			q, args = q+" AND division_code LIKE ?", append(args, f.Township[:9]+"%")
		} else if f.County != "" {
			q, args = q+" AND division_code LIKE ?", append(args, f.County[:6]+"%")
		}
		took = append(took, floorRows(b, db, q+" LIMIT 200", args))
	}
	reportLatency(b, took)
}

func floorRows(b *testing.B, db *sql.DB, q string, args []any) time.Duration {
	t0 := time.Now()
	rows, err := db.Query(q, args...)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(any)
	}
	for rows.Next() {
		if err := rows.Scan(vals...); err != nil {
			b.Fatal(err)
		}
	}
	return time.Since(t0)
}

// auditQueries are the filter changes on 操作日志: none, each module, each user, a text, a week.
func auditQueries() []auth.AuditQuery {
	qs := []auth.AuditQuery{{}}
	for _, m := range []string{"经费保障", "区划与社区", "三社互动", "民主自治", "标准化建设", "部门职责", "设置", "备份"} {
		qs = append(qs, auth.AuditQuery{Module: m})
	}
	for _, u := range []string{"张三", "李四", "王五", "赵六", "admin"} {
		qs = append(qs, auth.AuditQuery{Actor: u})
	}
	week := time.Date(2026, 4, 1, 0, 0, 0, 0, time.Local)
	return append(qs, auth.AuditQuery{Text: "12345"}, auth.AuditQuery{From: week, To: week.AddDate(0, 0, 6)},
		auth.AuditQuery{Module: "经费保障", Actor: "李四"})
}

// BenchmarkAuditFilterPage is a filter change on 操作日志 over 200,000 entries: the count in
// SQL and the first window of entries formatted for the table (FirstPage).
func BenchmarkAuditFilterPage(b *testing.B) {
	a, _ := pagedBigDB(b)
	ctx := context.Background()
	qs := auditQueries()
	timeEach(b, func(i int) {
		if _, err := a.AuditLog.FirstPage(ctx, qs[i%len(qs)], 240); err != nil {
			b.Fatal(err)
		}
	})
}

// BenchmarkAuditFilterFloor is the floor: a bare SELECT … LIMIT 200 of the same filters.
func BenchmarkAuditFilterFloor(b *testing.B) {
	_, path := pagedBigDB(b)
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	qs := auditQueries()
	var took []time.Duration
	i := 0
	for b.Loop() {
		f := qs[i%len(qs)]
		i++
		q, args := "SELECT id, at, actor, module, entity, entity_id, action, changes, note FROM audit_log WHERE 1 = 1", []any{}
		for _, c := range []struct{ col, v string }{{"module", f.Module}, {"actor", f.Actor}} {
			if c.v != "" {
				q, args = q+" AND "+c.col+" = ?", append(args, c.v)
			}
		}
		if f.Text != "" {
			like := "%" + f.Text + "%"
			q, args = q+" AND (entity_id LIKE ? OR note LIKE ? OR changes LIKE ?)", append(args, like, like, like)
		}
		if !f.From.IsZero() {
			q, args = q+" AND at >= ? AND at < ?", append(args, f.From, f.To.AddDate(0, 0, 1))
		}
		took = append(took, floorRows(b, db, q+" LIMIT 200", args))
	}
	reportLatency(b, took)
}

// BenchmarkBudgetScrollWindow is what scrolling waits for on 经费保障 over 100,000 lines: one
// window of 240 rows read and formatted, at offsets spread over the whole list.
func BenchmarkBudgetScrollWindow(b *testing.B) {
	a, _ := pagedBigDB(b)
	ctx := context.Background()
	f := budget.Filter{Year: 2026}
	var took []time.Duration
	i := 0
	for b.Loop() {
		offset := (i * 7919) % (100_000 - 240) // a prime stride: every part of the list in turn
		i++
		t0 := time.Now()
		rows, err := a.Budget.LinesPage(ctx, f, offset, 240)
		if err != nil || len(rows) != 240 {
			b.Fatalf("offset %d: %d rows, %v", offset, len(rows), err)
		}
		took = append(took, time.Since(t0))
	}
	reportLatency(b, took)
}
