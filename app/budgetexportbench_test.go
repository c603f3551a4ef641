package app

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"testing"

	"shequ/app/budget"

	"github.com/xuri/excelize/v2"
)

// benchExportApp imports a generated 100,000-line budget once, for the export benchmarks.
func benchExportApp(b *testing.B) *App {
	b.Helper()
	ctx := context.Background()
	a, err := Open(ctx, b.TempDir()+"/export.db")
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = a.Close() })
	if _, err := a.Init(ctx); err != nil {
		b.Fatal(err)
	}
	path := writeBenchSheet(b, a, 100_000)
	if res, err := a.Budget.Import(ctx, path, budget.ImportOptions{County: pengan, Year: 2026}); err != nil || !res.OK {
		b.Fatalf("import: %v %+v", err, res.Errors)
	}
	return a
}

// BenchmarkExportBudget100k writes the workbook of 100,000 budget lines as 经费保障 exports it:
// ten styled columns, two-row header, totals, frozen panes, autofilter, print setup.
func BenchmarkExportBudget100k(b *testing.B) {
	a := benchExportApp(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		n, err := a.Budget.Export(ctx, 2026, io.Discard)
		if err != nil || n != 100_000 {
			b.Fatalf("%d lines, %v", n, err)
		}
	}
}

// BenchmarkExportBudgetFloor100k is the floor: the same 100,000 rows of the same ten values,
// read with one query and written with a bare excelize StreamWriter, no styles.
func BenchmarkExportBudgetFloor100k(b *testing.B) {
	a := benchExportApp(b)
	db, err := sql.Open("sqlite3", "file:"+a.DBPath()+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.ResetTimer()
	for b.Loop() {
		rows, err := db.Query(`SELECT l.division_code, l.division_code, l.division_code, l.category_id, l.item,
			l.amount_fen, l.source_id, 0, 0, l.note FROM budget_lines l WHERE l.year = 2026`)
		if err != nil {
			b.Fatal(err)
		}
		f := excelize.NewFile()
		sw, _ := f.NewStreamWriter("Sheet1")
		r := 1
		for rows.Next() {
			var code, c2, c3, item, note string
			var cat, amount, src, d1, d2 int64
			if err := rows.Scan(&code, &c2, &c3, &cat, &item, &amount, &src, &d1, &d2, &note); err != nil {
				b.Fatal(err)
			}
			cell, _ := excelize.CoordinatesToCellName(1, r)
			_ = sw.SetRow(cell, []any{code, c2, c3, fmt.Sprint(cat), item, float64(amount) / 100, fmt.Sprint(src), 0.0, 0.0, note})
			r++
		}
		_ = rows.Close()
		_ = sw.Flush()
		if err := f.Write(io.Discard); err != nil {
			b.Fatal(err)
		}
		_ = f.Close()
	}
}
