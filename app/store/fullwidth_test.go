package store

import (
	"context"
	"fmt"
	"testing"
)

// TestUpgradeWritesFullWidthBrackets: meeting kinds and 示范 title kinds were stored with
// half-width brackets ("村(居)民会议", "示范城区(市)"); after the upgrade they read as the
// screens write them, "村（居）民会议" and "示范城区（市）".
func TestUpgradeWritesFullWidthBrackets(t *testing.T) {
	ctx := context.Background()
	path, db, s := oldDatabase(t)
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	stmts := []string{s.dialectSQL(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)`)}
	for _, m := range ms {
		if m.version >= fullWidthMigration {
			continue
		}
		stmts = append(stmts, splitStatements(s.body(m))...)
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO schema_migrations VALUES (%d, '%s', CURRENT_TIMESTAMP)`, m.version, m.name))
	}
	stmts = append(stmts,
		`INSERT INTO divisions (code, name, level, created_at, updated_at) VALUES ('511300000000', '南充市', 'city', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)`,
		`INSERT INTO ledger_meetings (division_code, kind, held_on, topic, updated_at, updated_by) VALUES ('511300000000', '村(居)民会议', '2026-01-02', '议题', CURRENT_TIMESTAMP, '张三')`,
		`INSERT INTO ledger_meetings (division_code, kind, held_on, topic, updated_at, updated_by) VALUES ('511300000000', '村(居)民代表会议', '2026-01-02', '议题', CURRENT_TIMESTAMP, '张三')`,
		`INSERT INTO ledger_meetings (division_code, kind, held_on, topic, updated_at, updated_by) VALUES ('511300000000', '民情恳谈会', '2026-01-02', '议题', CURRENT_TIMESTAMP, '张三')`,
		`INSERT INTO demo_titles (division_code, level, kind, year, created_at) VALUES ('511300000000', 'county', '示范城区(市)', 2025, CURRENT_TIMESTAMP)`)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	_ = db.Close()

	st, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var kinds []string
	if err := st.db.Raw(`SELECT kind FROM ledger_meetings ORDER BY id`).Scan(&kinds).Error; err != nil {
		t.Fatal(err)
	}
	var title string
	if err := st.db.Raw(`SELECT kind FROM demo_titles`).Scan(&title).Error; err != nil {
		t.Fatal(err)
	}
	want := []string{"村（居）民会议", "村（居）民代表会议", "民情恳谈会"}
	if fmt.Sprint(kinds) != fmt.Sprint(want) || title != "示范城区（市）" {
		t.Errorf("after the upgrade: meetings %q, title %q", kinds, title)
	}
}

// fullWidthMigration is the migration that writes the brackets full-width.
const fullWidthMigration = 13
