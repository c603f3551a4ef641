package app

import (
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"shequ/app/store"
	"shequ/app/store/pgtest"
)

// rawDB opens a second connection to a's database, for tests that read or tamper with rows
// behind the services' back, on either engine.
func rawDB(t *testing.T, a *App) *gorm.DB {
	t.Helper()
	path := pgtest.Reopenable(a.DBPath())
	dialector := sqlite.Open(path)
	if store.IsPostgres(path) {
		dialector = postgres.Open(path)
	}
	db, err := gorm.Open(dialector, &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := db.DB(); err == nil {
			_ = sqlDB.Close()
		}
	})
	return db
}
