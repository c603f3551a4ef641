package app

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"shequ/app/budget"

	_ "github.com/mattn/go-sqlite3"
	"github.com/xuri/excelize/v2"
)

// writeBenchSheet generates a 100,000-line, six-column budget sheet for one county (蓬安县)
// with excelize's StreamWriter. With SHEQU_BENCH_SHEET=/path/bench.xlsx the sheet is written
// there and kept, and a later run reuses it: generating it costs more memory than importing it,
// so a run that generates it measures the generation's peak RSS, not the import's.
func writeBenchSheet(b *testing.B, a *App, n int) string {
	b.Helper()
	if keep := os.Getenv("SHEQU_BENCH_SHEET"); keep != "" {
		if st, err := os.Stat(keep); err == nil && st.Size() > 0 {
			return keep
		}
	}
	ctx := context.Background()
	var villages [][2]string // township name, village name
	towns, _ := a.Divisions.Children(ctx, pengan)
	for _, t := range towns {
		vs, _ := a.Divisions.Children(ctx, t.Code)
		for _, v := range vs {
			villages = append(villages, [2]string{t.Name, v.Name})
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	_ = sw.SetRow("A1", []any{"蓬安县2026年村（社区）经费预算表"})
	_ = sw.SetRow("A2", []any{"乡镇（街道）", "村（社区）", "经费类别", "项目名称", "金额（元）", "备注"})
	cats := []string{"工作经费", "人员报酬", "服务设施", "信息化建设", "政府购买服务", "办公经费"}
	for i := range n {
		v := villages[i%len(villages)]
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := sw.SetRow(cell, []any{v[0], v[1], cats[i%len(cats)], fmt.Sprintf("项目%d", i), float64(1000+i%5000) + 0.25, ""}); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "bench.xlsx")
	if keep := os.Getenv("SHEQU_BENCH_SHEET"); keep != "" {
		path = keep // keep the generated sheet, e.g. for build/bench-openpyxl.py
	}
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkImportBudget100k imports a generated 100,000-line sheet with every check: header
// recognition, units, amounts, categories, division resolution by names, one transaction.
func BenchmarkImportBudget100k(b *testing.B) {
	benchImport(b, false)
}

// BenchmarkImportBudget100kDryRun is the preview: everything but the writing.
func BenchmarkImportBudget100kDryRun(b *testing.B) {
	benchImport(b, true)
}

func benchImport(b *testing.B, dry bool) { benchImportInto(b, filepath.Join(b.TempDir(), "b.db"), dry) }

// benchImportInto imports the sheet into a new database at db: a file, or a shared database's
// address.
func benchImportInto(b *testing.B, db string, dry bool) {
	ctx := context.Background()
	a, err := Open(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer a.Close()
	if _, err := a.Init(ctx); err != nil {
		b.Fatal(err)
	}
	path := writeBenchSheet(b, a, 100_000)
	b.ResetTimer()
	// Each round imports the sheet as another year's budget, as a clerk would: no undo of an
	// earlier batch is timed (the floor has none either).
	for i := 0; b.Loop(); i++ {
		res, err := a.Budget.Import(ctx, path, budget.ImportOptions{County: pengan, Year: 2026 + i, DryRun: dry})
		if err != nil || !res.OK || res.Rows != 100_000 {
			b.Fatalf("%v %+v", err, res.Errors[:min(3, len(res.Errors))])
		}
	}
}

// BenchmarkImportBudgetFloor100k is the floor: excelize Rows() over the same file and one
// prepared INSERT per row in one transaction, no validation.
func BenchmarkImportBudgetFloor100k(b *testing.B) {
	ctx := context.Background()
	a, err := Open(ctx, filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := a.Init(ctx); err != nil {
		b.Fatal(err)
	}
	path := writeBenchSheet(b, a, 100_000)
	_ = a.Close()
	db, err := sql.Open("sqlite3", filepath.Join(b.TempDir(), "floor.db")+"?_journal_mode=WAL&_synchronous=NORMAL")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE lines (township TEXT, village TEXT, category TEXT, item TEXT, amount TEXT, note TEXT, created_at TIMESTAMP)`); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows("Sheet1")
		if err != nil {
			b.Fatal(err)
		}
		tx, _ := db.Begin()
		stmt, err := tx.Prepare(`INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			c, _ := rows.Columns()
			n++
			if n <= 2 || len(c) < 5 {
				continue
			}
			c = append(c, "", "")
			if _, err := stmt.Exec(c[0], c[1], c[2], c[3], c[4], c[5], time.Now()); err != nil {
				b.Fatal(err)
			}
		}
		_ = rows.Close()
		_ = stmt.Close()
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		_ = f.Close()
	}
}
