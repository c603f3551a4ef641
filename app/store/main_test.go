package store

import (
	"os"
	"testing"

	"shequ/app/store/pgtest"
)

// TestMain runs the store's tests on SQLite and, with SHEQU_TEST_PG set, on PostgreSQL.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
