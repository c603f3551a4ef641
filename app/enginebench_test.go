package app

import (
	"path/filepath"
	"testing"

	"shequ/app/store/pgtest"
)

// BenchmarkImportBudget100kEngines imports the same 100,000-line sheet into a desk database
// (SQLite) and a shared one (PostgreSQL, the server SHEQU_TEST_PG names; skipped without it),
// with every check, one transaction, each round as another year. Run with
// SHEQU_TEST_ENGINES=sqlite so pgtest.Main does not repeat it: the engines are this benchmark's.
func BenchmarkImportBudget100kEngines(b *testing.B) {
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run("engine="+engine, func(b *testing.B) {
			db := filepath.Join(b.TempDir(), "b.db")
			if engine == "postgres" {
				db = pgtest.NewDatabase(b)
			}
			benchImportInto(b, db, false)
		})
	}
}
