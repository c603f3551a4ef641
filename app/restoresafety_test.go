package app

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/budget"
	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// tamperedBackup writes a backup of a and runs sql on it, as someone with the file could.
func tamperedBackup(t *testing.T, a *App, name string, stmts ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := a.Backups.BackupTo(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return p
}

func countRows(t *testing.T, path, table string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// A backup that plants a trigger on the audit trail restores its data, never the trigger: the
// trail keeps growing afterwards, the clerk is told which foreign object was left out, and both
// CheckFile and check see the object.
func TestRestoreLeavesOutPlantedAuditTrigger(t *testing.T) {
	pgtest.SQLiteOnly(t, "从备份文件恢复")
	ctx := context.Background()
	a := openSeeded(t)
	bad := tamperedBackup(t, a, "审计.db",
		`CREATE TRIGGER w AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log WHERE id<>NEW.id; END`)
	fc, err := store.CheckFile(ctx, bad)
	if err != nil {
		t.Fatal(err)
	}
	if len(fc.Foreign) != 1 || !strings.Contains(fc.Foreign[0], "触发器 w") {
		t.Fatalf("CheckFile found foreign objects %q, want the trigger w", fc.Foreign)
	}
	res, err := a.Backups.Restore(ctx, bad)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Warning(), "触发器 w") || !strings.Contains(res.Warning(), "未恢复") {
		t.Fatalf("warning %q does not name the trigger", res.Warning())
	}
	before := countRows(t, a.DBPath(), "audit_log")
	code := villages(t, a, 1)[0]
	for i := range 3 {
		if err := a.Divisions.Rename(ctx, code, "改名"+string(rune('一'+i)), res.Before.At, ""); err != nil {
			t.Fatal(err)
		}
	}
	if after := countRows(t, a.DBPath(), "audit_log"); after < before+3 {
		t.Fatalf("audit trail %d → %d rows after three changes: the planted trigger runs", before, after)
	}
	if err := a.Backups.Check(ctx); err != nil {
		t.Fatalf("check after restore: %v", err)
	}
	// The same trigger planted in the live database: check fails and names it.
	db, _ := sql.Open("sqlite3", a.DBPath())
	if _, err := db.Exec(`CREATE TRIGGER w2 AFTER INSERT ON audit_log BEGIN SELECT 1; END`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := a.Backups.Check(ctx); err == nil || !strings.Contains(err.Error(), "触发器 w2") {
		t.Fatalf("check with a planted trigger: %v", err)
	}
}

// A trigger that takes one fen off every budget line never reaches the restored database: an
// import afterwards holds exactly what it reports.
func TestRestoreLeavesOutBudgetTrigger(t *testing.T) {
	pgtest.SQLiteOnly(t, "从备份文件恢复")
	ctx := context.Background()
	a := openSeeded(t)
	bad := tamperedBackup(t, a, "经费.db",
		`CREATE TRIGGER fen AFTER INSERT ON budget_lines BEGIN UPDATE budget_lines SET amount_fen = amount_fen - 1 WHERE id = NEW.id; END`)
	res, err := a.Backups.Restore(ctx, bad)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Warning(), "触发器 fen") {
		t.Fatalf("warning %q", res.Warning())
	}
	csv := filepath.Join(t.TempDir(), "经费.csv")
	body := "乡镇（街道）,村（社区）,经费类别,项目名称,金额（元）\n中城街道,平城街社区,工作经费,办公经费,1200.50\n"
	if err := os.WriteFile(csv, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	imp, err := a.Budget.Import(ctx, csv, budget.ImportOptions{Year: 2026, County: "511302000000"})
	if err != nil || !imp.OK {
		t.Fatalf("import: %+v %v", imp, err)
	}
	if s, _ := a.Summary(ctx); s.Budget.TotalFen != 120050 {
		t.Fatalf("database holds %d fen, the import reported 120050", s.Budget.TotalFen)
	}
}

// users replaced by a view (with an INSTEAD OF trigger) would let anyone sign in: such a file is
// refused, naming the view, and the database is left as it was.
func TestRestoreRefusesTableReplacedByView(t *testing.T) {
	pgtest.SQLiteOnly(t, "从备份文件恢复")
	ctx := context.Background()
	a := openSeeded(t)
	if _, err := a.Accounts.Save(ctx, models.User{Username: "admin", Role: models.RoleAdmin}, "correct horse"); err != nil {
		t.Fatal(err)
	}
	bad := tamperedBackup(t, a, "用户.db",
		`ALTER TABLE users RENAME TO users_old`,
		`CREATE VIEW users AS SELECT id, username, display_name, '管理员' AS role, password_hash, 0 AS failed_attempts,
			NULL AS locked_until, 0 AS disabled, created_at, updated_at FROM users_old`,
		`CREATE TRIGGER users_upd INSTEAD OF UPDATE ON users BEGIN SELECT 1; END`)
	fc, err := store.CheckFile(ctx, bad)
	if err == nil && len(fc.Foreign) == 0 {
		t.Fatal("CheckFile saw nothing wrong with users replaced by a view")
	}
	snaps, _ := a.Backups.List(ctx)
	_, err = a.Backups.Restore(ctx, bad)
	if err == nil || !strings.Contains(err.Error(), "视图 users") {
		t.Fatalf("Restore of users-as-view: %v", err)
	}
	if after, _ := a.Backups.List(ctx); len(after) != len(snaps) {
		t.Error("a refused restore took a snapshot")
	}
	if err := a.Backups.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// Restored rows go through the same constraints as typed data: a file whose table was rebuilt
// without its NOT NULL or foreign key, holding rows that break them, is refused with the table.
func TestRestoreAppliesConstraints(t *testing.T) {
	pgtest.SQLiteOnly(t, "从备份文件恢复")
	ctx := context.Background()
	a := openSeeded(t)
	rebuild := func(extra string) []string {
		return []string{
			`CREATE TABLE profiles_x AS SELECT * FROM community_profiles`,
			`DROP TABLE community_profiles`,
			`ALTER TABLE profiles_x RENAME TO community_profiles`,
			extra,
		}
	}
	ins := func(code, by string) string {
		return `INSERT INTO community_profiles (division_code, households, population, service_area_m2,
			committee_members, address, phone, updated_at, updated_by) VALUES (` + code + `, 1, 1, 0, 0, '', '', '2026-01-01', ` + by + `)`
	}
	orphan := tamperedBackup(t, a, "外键.db", rebuild(ins("'999999999999'", "'x'"))...)
	null := tamperedBackup(t, a, "空值.db", rebuild(ins("'"+villages(t, a, 1)[0]+"'", "NULL"))...)
	for _, p := range []string{orphan, null} {
		_, err := a.Backups.Restore(ctx, p)
		if err == nil || !strings.Contains(err.Error(), "community_profiles") {
			t.Errorf("Restore(%s): %v; want a refusal naming community_profiles", filepath.Base(p), err)
		}
	}
	if err := a.Backups.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// A backup whose name holds # (or %) restores, and leaves no stray file.
func TestRestoreBackupNamedWithHash(t *testing.T) {
	pgtest.SQLiteOnly(t, "从备份文件恢复")
	ctx := context.Background()
	a := openSeeded(t)
	dir := filepath.Join(t.TempDir(), "备份#2")
	bak := filepath.Join(dir, "shequ#1 %41.db")
	if err := a.Backups.BackupTo(ctx, bak); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Backups.Restore(ctx, bak); err != nil {
		t.Fatalf("restore %s: %v", bak, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("files in the backup folder: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "备份")); err == nil {
		t.Fatal("a stray 备份 folder was written")
	}
}
