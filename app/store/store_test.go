package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"gorm.io/gorm"

	"shequ/app/store/pgtest"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), pgtest.DBPath(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestMigrateTwiceIsNoop(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	v1, err := s.SchemaVersion(ctx)
	if err != nil || v1 != LatestSchemaVersion() || v1 < 1 {
		t.Fatalf("schema version %d, %v; want %d", v1, err, LatestSchemaVersion())
	}
	var n1, n2 int64
	s.db.Raw("SELECT COUNT(*) FROM schema_migrations").Scan(&n1)
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	s.db.Raw("SELECT COUNT(*) FROM schema_migrations").Scan(&n2)
	if n1 != n2 {
		t.Fatalf("second migrate added rows: %d → %d", n1, n2)
	}
}

func TestPragmas(t *testing.T) {
	s := openTemp(t)
	if !s.pg {
		var fk int
		var mode string
		s.db.Raw("PRAGMA foreign_keys").Scan(&fk)
		s.db.Raw("PRAGMA journal_mode").Scan(&mode)
		if fk != 1 || mode != "wal" {
			t.Fatalf("foreign_keys=%d journal_mode=%s", fk, mode)
		}
	}
	// A profile for a division that does not exist violates the foreign key.
	err := s.db.Exec(`INSERT INTO community_profiles (division_code, updated_at, updated_by) VALUES ('999999999999', CURRENT_TIMESTAMP, 'x')`).Error
	if err == nil {
		t.Fatal("foreign key not enforced")
	}
}

func TestSchemaTooNewIsRefused(t *testing.T) {
	ctx := context.Background()
	path := pgtest.DBPath(t)
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', CURRENT_TIMESTAMP)`).Error; err != nil {
		t.Fatal(err)
	}
	_ = s.Close()
	if _, err := Open(ctx, path, Options{}); !errors.Is(err, ErrSchemaTooNew) {
		t.Fatalf("want ErrSchemaTooNew, got %v", err)
	}
}

func TestSplitStatements(t *testing.T) {
	got := splitStatements("-- comment\nCREATE TABLE a (x INT);\n\nCREATE INDEX i ON a (x);\n")
	if len(got) != 2 || got[0] != "CREATE TABLE a (x INT)" {
		t.Fatalf("%q", got)
	}
}

func TestRoleRules(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	write := func(actor, id, action string) error {
		return s.withTx(ctx, func(tx *gorm.DB) error {
			return s.audit(tx, actor, "测试", "测试", id, action, nil, "")
		})
	}
	if err := write("alice", "1", ActionCreate); err != nil {
		t.Fatal(err)
	}
	if err := write("bob", "2", ActionCreate); err != nil {
		t.Fatal(err)
	}
	s.SetSession("alice", roleEditor)
	if err := write("alice", "1", ActionDelete); err != nil {
		t.Fatalf("own delete refused: %v", err)
	}
	if err := write("alice", "2", ActionDelete); err == nil || !strings.Contains(err.Error(), "bob") {
		t.Fatalf("录入员 deleted bob's record: %v", err)
	}
	s.SetSession("carol", roleViewer)
	if err := write("carol", "3", ActionCreate); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("只读 wrote: %v", err)
	}
}
