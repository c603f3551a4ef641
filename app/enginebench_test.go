package app

import (
	"context"
	"path/filepath"
	"testing"

	"shequ/app/budget"
	"shequ/app/store/pgtest"
)

// BenchmarkImportBudget100kEngines imports the same 100,000-line sheet into a desk database
// (SQLite) and a shared one (PostgreSQL, the server SHEQU_TEST_PG names; skipped without it),
// with every check, one transaction, each round as another year. Run with
// SHEQU_TEST_ENGINES=sqlite so pgtest.Main does not repeat it: the engines are this benchmark's.
func BenchmarkImportBudget100kEngines(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run("engine="+engine, func(b *testing.B) {
			ctx := context.Background()
			db := filepath.Join(b.TempDir(), "b.db")
			if engine == "postgres" {
				db = pgtest.NewDatabase(b)
			}
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
			for i := 0; b.Loop(); i++ {
				res, err := a.Budget.Import(ctx, path, budget.ImportOptions{County: pengan, Year: 2026 + i})
				if err != nil || !res.OK || res.Rows != 100_000 {
					b.Fatalf("%v %+v", err, res.Errors[:min(3, len(res.Errors))])
				}
			}
		})
	}
}
