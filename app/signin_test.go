package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"shequ/app/auth"
	"shequ/models"
)

// Every run of five wrong passwords locks the account, not only the first.
func TestLockoutEveryRun(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	if _, err := a.Accounts.Save(ctx, models.User{Username: "admin", Role: models.RoleAdmin}, "correct-horse"); err != nil {
		t.Fatal(err)
	}
	signin := auth.New(a.store)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local)
	signin.Now = func() time.Time { return now }
	for run := 1; run <= 3; run++ {
		for i := 1; i <= models.MaxFailedAttempts; i++ {
			_, err := signin.SignIn(ctx, auth.Credentials{Username: "admin", Password: "wrong"})
			if locked := strings.Contains(fmtErr(err), "锁定"); locked != (i == models.MaxFailedAttempts) {
				t.Fatalf("run %d attempt %d: %v", run, i, err)
			}
		}
		if _, err := signin.SignIn(ctx, auth.Credentials{Username: "admin", Password: "correct-horse"}); err == nil {
			t.Fatalf("run %d: the right password opened a locked account", run)
		}
		now = now.Add(models.LockDuration + time.Minute)
	}
	if _, err := signin.SignIn(ctx, auth.Credentials{Username: "admin", Password: "correct-horse"}); err != nil {
		t.Fatalf("after the last lock: %v", err)
	}
}

func fmtErr(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// An unknown user name gets the same answer as a wrong password, and its attempt costs the same
// password hashing (against a dummy hash), so neither text nor time tells which names exist.
// A password hash with damaged parameters is refused as a damaged account, never a panic.
func TestDamagedPasswordHash(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	if _, err := a.Accounts.Save(ctx, models.User{Username: "admin", Role: models.RoleAdmin}, "correct-horse"); err != nil {
		t.Fatal(err)
	}
	good := readHash(t, a)
	parts := strings.Split(good, "$")
	for _, tt := range []struct{ name, hash string }{
		{"t=0", strings.Replace(good, "t=3", "t=0", 1)},
		{"p=0", strings.Replace(good, "p=2", "p=0", 1)},
		{"m=0", strings.Replace(good, "m=65536", "m=0", 1)},
		{"huge memory", strings.Replace(good, "m=65536", "m=4294967295", 1)},
		{"huge time", strings.Replace(good, "t=3", "t=4000000000", 1)},
		{"short key", strings.Join(append(parts[:5:5], "AAAA"), "$")},
		{"bad salt", strings.Join([]string{"", parts[1], parts[2], parts[3], "!!", parts[5]}, "$")},
		{"wrong version", strings.Replace(good, "v=19", "v=16", 1)},
		{"not argon", "plain-text"},
		{"empty", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			writeHash(t, a, tt.hash)
			_, err := auth.New(a.store).SignIn(ctx, auth.Credentials{Username: "admin", Password: "correct-horse"})
			if !errors.Is(err, auth.ErrSignIn) || !strings.Contains(err.Error(), "已损坏") {
				t.Fatalf("damaged hash %q: %v", tt.hash, err)
			}
		})
	}
	writeHash(t, a, good)
	if _, err := auth.New(a.store).SignIn(ctx, auth.Credentials{Username: "admin", Password: "correct-horse"}); err != nil {
		t.Fatal(err)
	}
}

func readHash(t *testing.T, a *App) string {
	t.Helper()
	var h string
	if err := rawDB(t, a).Raw(`SELECT password_hash FROM users WHERE username = 'admin'`).Row().Scan(&h); err != nil {
		t.Fatal(err)
	}
	return h
}

func writeHash(t *testing.T, a *App, h string) {
	t.Helper()
	if err := rawDB(t, a).Exec(`UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE username = 'admin'`, h).Error; err != nil {
		t.Fatal(err)
	}
}
