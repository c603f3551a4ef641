package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"shequ/app/auth"
	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

func TestSignInAndRoles(t *testing.T) {
	ctx := context.Background()
	path := pgtest.DBPath(t)
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Init(ctx); err != nil {
		t.Fatal(err)
	}
	if err := a.Accounts.SetSignIn(ctx, true); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("sign-in on without an administrator: %v", err)
	}
	mk := func(name string, role models.Role) {
		t.Helper()
		if _, err := a.Accounts.Save(ctx, models.User{Username: name, DisplayName: name, Role: role}, "secret-"+name); err != nil {
			t.Fatal(err)
		}
	}
	mk("admin", models.RoleAdmin)
	mk("clerk", models.RoleEditor)
	mk("boss", models.RoleViewer)
	if _, err := a.Accounts.Save(ctx, models.User{Username: "admin", Role: models.RoleAdmin}, "another-pw"); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("duplicate user name: %v", err)
	}
	if _, err := a.Accounts.Save(ctx, models.User{Username: "x", Role: models.RoleAdmin}, "short"); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("short password: %v", err)
	}
	if err := a.Accounts.SetSignIn(ctx, true); err != nil {
		t.Fatal(err)
	}
	_ = a.Close()

	if _, err := Open(ctx, path); !errors.Is(err, auth.ErrSignInRequired) {
		t.Fatalf("open without credentials: %v", err)
	}
	// The password hash is argon2id, never the password.
	st, _ := store.Open(ctx, path, store.Options{})
	_, hash, _ := st.UserForSignIn(ctx, "clerk")
	_ = st.Close()
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=65536,t=3,p=2$") || strings.Contains(hash, "secret") {
		t.Fatalf("hash %q", hash)
	}

	// 只读 can read but not write.
	boss, err := OpenAs(ctx, path, auth.Credentials{Username: "boss", Password: "secret-boss"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := boss.Summary(ctx); err != nil {
		t.Fatal(err)
	}
	err = boss.Divisions.SaveProfile(ctx, models.CommunityProfile{DivisionCode: "511302001001", Households: 1})
	if !errors.Is(err, store.ErrReadOnly) {
		t.Fatalf("viewer wrote: %v", err)
	}
	if err := boss.Backups.SetDir(ctx, "", t.TempDir()); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("viewer changed a setting: %v", err)
	}
	_ = boss.Close()

	// 录入员 enters data but may not change settings or manage accounts.
	clerk, err := OpenAs(ctx, path, auth.Credentials{Username: " clerk ", Password: "secret-clerk"})
	if err != nil {
		t.Fatal(err)
	}
	if err := clerk.Divisions.SaveProfile(ctx, models.CommunityProfile{DivisionCode: "511302001001", Households: 1}); err != nil {
		t.Fatal(err)
	}
	if err := clerk.Backups.SetDir(ctx, "", t.TempDir()); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("clerk changed a setting: %v", err)
	}
	if _, err := clerk.Accounts.Users(ctx); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("clerk listed accounts: %v", err)
	}
	entries, _ := clerk.store.AuditEntries(ctx, store.AuditFilter{Entity: "社区档案"})
	if len(entries) != 1 || entries[0].Actor != "clerk" {
		t.Fatalf("audit names %+v, want clerk", entries)
	}
	_ = clerk.Close()
}

func TestSignInLockout(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	if _, err := a.Accounts.Save(ctx, models.User{Username: "admin", Role: models.RoleAdmin}, "correct-horse"); err != nil {
		t.Fatal(err)
	}
	signin := auth.New(a.store)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local)
	signin.Now = func() time.Time { return now }
	for i := 1; i <= models.MaxFailedAttempts; i++ {
		_, err := signin.SignIn(ctx, auth.Credentials{Username: "admin", Password: "wrong"})
		if !errors.Is(err, auth.ErrSignIn) {
			t.Fatalf("attempt %d: %v", i, err)
		}
		if i == models.MaxFailedAttempts && !strings.Contains(err.Error(), "锁定") {
			t.Fatalf("fifth failure does not lock: %v", err)
		}
	}
	// Locked: even the right password is refused until 15 minutes have passed.
	if _, err := signin.SignIn(ctx, auth.Credentials{Username: "admin", Password: "correct-horse"}); err == nil || !strings.Contains(err.Error(), "锁定至") {
		t.Fatalf("locked account signed in: %v", err)
	}
	now = now.Add(14 * time.Minute)
	if _, err := signin.SignIn(ctx, auth.Credentials{Username: "admin", Password: "correct-horse"}); err == nil {
		t.Fatal("signed in after 14 minutes")
	}
	now = now.Add(2 * time.Minute)
	u, err := signin.SignIn(ctx, auth.Credentials{Username: "admin", Password: "correct-horse"})
	if err != nil || u.Username != "admin" {
		t.Fatalf("after the lock: %v", err)
	}
	if _, err := signin.SignIn(ctx, auth.Credentials{Username: "nobody", Password: "x"}); !errors.Is(err, auth.ErrSignIn) {
		t.Fatalf("unknown user: %v", err)
	}
	// The last administrator cannot be demoted while sign-in is on.
	if err := a.Accounts.SetSignIn(ctx, true); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Accounts.Save(ctx, models.User{ID: u.ID, Username: "admin", Role: models.RoleViewer}, ""); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("demoted the last administrator: %v", err)
	}
}
