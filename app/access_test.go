package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"shequ/app/auth"
	"shequ/app/budget"
	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// TestTownshipClerkThroughShequ: a township clerk who opens the shared database with his own
// role works through shequ's services as usual and sees only his township, because the database
// shows him nothing else; what he tries outside it fails with a sentence in Chinese.
func TestTownshipClerkThroughShequ(t *testing.T) {
	owner, clerkDSN := sharedWithClerk(t)
	ctx := context.Background()
	li := strings.SplitN(strings.TrimPrefix(clerkDSN, "postgres://"), ":", 2)[0]
	cats, _ := owner.Budget.Categories(ctx)
	srcs, _ := owner.Budget.Sources(ctx)
	for _, code := range []string{"511302001001", "511302002003", "511303001002"} {
		if _, err := owner.Budget.AddLine(ctx, budget.LineInput{Year: 2026, DivisionCode: code, CategoryID: cats[0].ID,
			AmountText: "1000", SourceID: srcs[0].ID}); err != nil {
			t.Fatal(err)
		}
	}

	clerk, err := Open(ctx, clerkDSN)
	if err != nil {
		t.Fatal(err)
	}
	defer clerk.Close()
	if clerk.Actor != li || clerk.Role != models.RoleEditor {
		t.Errorf("session %s/%s, want %s/录入员", clerk.Actor, clerk.Role, li)
	}
	roots, err := clerk.Divisions.Roots(ctx)
	if err != nil || len(roots) != 1 || roots[0].Code != "511302000000" {
		t.Fatalf("roots %v %v, want 顺庆区 only", roots, err)
	}
	towns, _ := clerk.Divisions.Children(ctx, "511302000000")
	if len(towns) != 1 || towns[0].Code != "511302001000" {
		t.Errorf("townships %v, want 中城街道 only", towns)
	}
	lines, totals, err := clerk.Budget.Lines(ctx, budget.Filter{Year: 2026})
	if err != nil || len(lines) != 1 || lines[0].DivisionCode != "511302001001" || totals.Lines != 1 {
		t.Errorf("budget lines %+v %v, want his village's only", lines, err)
	}
	if _, err := clerk.Budget.AddLine(ctx, budget.LineInput{Year: 2026, DivisionCode: "511302001001", CategoryID: cats[0].ID,
		AmountText: "20", SourceID: srcs[0].ID}); err != nil {
		t.Errorf("clerk's own line: %v", err)
	}
	// Another township's village does not exist for him.
	if _, err := clerk.Budget.AddLine(ctx, budget.LineInput{Year: 2026, DivisionCode: "511302002003", CategoryID: cats[0].ID,
		AmountText: "20", SourceID: srcs[0].ID}); err == nil {
		t.Error("clerk added a line to another township")
	}
	// His county he reads but may not change: the database refuses, and the clerk is told why.
	err = clerk.Divisions.Rename(ctx, "511302000000", "改名区", time.Now(), "")
	if err == nil || !strings.Contains(clerk.Explain(err).Error(), "没有权限") {
		t.Errorf("renaming his county: %v", clerk.Explain(err))
	}
	if d, _ := owner.Divisions.Get(ctx, "511302000000"); d.Name != "顺庆区" {
		t.Errorf("county renamed to %s", d.Name)
	}
	entries, err := clerk.AuditLog.Rows(ctx, auth.AuditQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Actor != li {
			t.Errorf("clerk reads the audit entry of %s", e.Actor)
		}
	}
	if len(entries) == 0 {
		t.Error("clerk does not read his own audit entries")
	}
}

// sharedWithClerk is a seeded shared database with access rules and one township clerk; it
// returns the owner's App and the clerk's address.
func sharedWithClerk(t *testing.T) (*App, string) {
	t.Helper()
	li := pgtest.UniqueRole("li")
	owner, dsn := sharedOwner(t, li)
	if err := owner.AddAccessUser(context.Background(), store.NewAccess{Name: li, Kind: "clerk", Scope: "511302001000", Password: "pass-" + li}); err != nil {
		t.Fatal(err)
	}
	return owner, pgtest.AsRole(dsn, li, "pass-"+li)
}

// sharedOwner is a fresh shared database, initialised with its access rules, opened by its
// owner; the login roles named are dropped when the test ends. Skipped but on PostgreSQL.
func sharedOwner(t *testing.T, roles ...string) (*App, string) {
	t.Helper()
	if !pgtest.OnPostgres() {
		t.Skip("共享模式的访问规则由 PostgreSQL 执行，只在 PostgreSQL 一轮测试")
	}
	ctx := context.Background()
	dsn := pgtest.DBPath(t)
	pgtest.DropRolesAtEnd(t, dsn, roles...)
	owner, err := Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = owner.Close() })
	if _, err := owner.Init(ctx); err != nil {
		t.Fatal(err)
	}
	if err := owner.SetUpAccess(ctx); err != nil {
		t.Fatal(err)
	}
	return owner, dsn
}

// sharedDesks adds the accounts (password "pass-" and the name) and opens a desk for each, by name.
func sharedDesks(t *testing.T, owner *App, dsn string, accounts ...store.NewAccess) map[string]*App {
	t.Helper()
	ctx := context.Background()
	desk := map[string]*App{}
	for _, u := range accounts {
		u.Password = "pass-" + u.Name
		if err := owner.AddAccessUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		a, err := Open(ctx, pgtest.AsRole(dsn, u.Name, u.Password))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = a.Close() })
		desk[u.Name] = a
	}
	return desk
}

// TestSharedOpenNeedsNoDDL: a clerk's role (which may not create anything) opens an up-to-date
// shared database; one that needs an upgrade, or is newer than the program, is explained instead
// of failing on DDL. shequ's own account management says where accounts are managed.
func TestSharedOpenNeedsNoDDL(t *testing.T) {
	owner, clerkDSN := sharedWithClerk(t)
	ctx := context.Background()
	clerk, err := Open(ctx, clerkDSN)
	if err != nil {
		t.Fatalf("clerk opens: %v", err)
	}
	_ = clerk.Close()
	if _, err := owner.Accounts.Users(ctx); err == nil || !strings.Contains(err.Error(), "shequctl user add") {
		t.Errorf("desk accounts on a shared database: %v", err)
	}
	latest := store.LatestSchemaVersion()
	raw := pgtest.SQL(t, pgtest.Reopenable(owner.DBPath()))
	if _, err := raw.ExecContext(ctx, `DELETE FROM schema_migrations WHERE version = $1`, latest); err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, clerkDSN)
	if err == nil || !strings.Contains(err.Error(), "需要升级到本程序的第") {
		t.Errorf("clerk opens a database missing a migration: %v", err)
	}
	if _, err := raw.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'x', now()), (9999, 'y', now())`, latest); err != nil {
		t.Fatal(err)
	}
	if _, err = Open(ctx, clerkDSN); !errors.Is(err, store.ErrSchemaTooNew) {
		t.Errorf("clerk opens a newer database: %v", err)
	}
}
