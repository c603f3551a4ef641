package auth

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// TestMain runs the tests on SQLite and, with SHEQU_TEST_PG set, on PostgreSQL.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// openAccounts is the account service over a fresh database, worked by an administrator.
func openAccounts(t *testing.T) *Accounts {
	st, err := store.Open(context.Background(), pgtest.DBPath(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return NewAccounts(Params{Store: st, Session: &models.Session{Actor: "测试", Role: models.RoleAdmin}})
}

func TestUnknownUserAnswersAlike(t *testing.T) {
	ctx := context.Background()
	a := openAccounts(t)
	if _, err := a.Save(ctx, models.User{Username: "admin", Role: models.RoleAdmin}, "correct-horse"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Save(ctx, models.User{Username: "old", Role: models.RoleEditor, Disabled: true}, "old-password"); err != nil {
		t.Fatal(err)
	}
	var calls []uint32
	orig := argonKey
	argonKey = func(pw, salt []byte, tm, mem uint32, th uint8, n uint32) []byte {
		calls = append(calls, tm, mem)
		return orig(pw, salt, tm, mem, th, n)
	}
	defer func() { argonKey = orig }()
	signin := New(a.st)
	answer := func(name, pw string) (string, []uint32) {
		calls = nil
		_, err := signin.SignIn(ctx, Credentials{name, pw})
		if !errors.Is(err, ErrSignIn) {
			t.Fatalf("%s: %v", name, err)
		}
		return err.Error(), calls
	}
	known, knownCalls := answer("admin", "wrong")
	unknown, unknownCalls := answer("nobody", "wrong")
	disabled, disabledCalls := answer("old", "wrong") // a wrong password does not reveal a disabled account
	if known != unknown || known != disabled {
		t.Fatalf("answers differ:\n%s\n%s\n%s", known, unknown, disabled)
	}
	if len(knownCalls) != 2 || !equalU32(knownCalls, unknownCalls) || !equalU32(knownCalls, disabledCalls) {
		t.Fatalf("hashing differs: known %v, unknown %v, disabled %v", knownCalls, unknownCalls, disabledCalls)
	}
	if _, err := signin.SignIn(ctx, Credentials{"old", "old-password"}); err == nil || !strings.Contains(err.Error(), "已停用") {
		t.Fatalf("disabled account with its password: %v", err)
	}
}

func equalU32(a, b []uint32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
