package main

import (
	"encoding/json"
	"strings"
	"testing"

	"shequ/app/store/pgtest"
)

// runWithInput runs shequctl with text on standard input and the given sign-in.
func runWithInput(t *testing.T, input, user, password string, args ...string) (int, string, string) {
	t.Helper()
	old := stdin
	stdin = strings.NewReader(input)
	defer func() { stdin = old }()
	t.Setenv("SHEQU_USER", user)
	t.Setenv("SHEQU_PASSWORD", password)
	return runCLI(t, args...)
}

func TestUserCommands(t *testing.T) {
	pgtest.SQLiteOnly(t, "共享数据库的账号是数据库角色，见 access_test.go")
	db := pgtest.DBPath(t)
	if code, _, e := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatal(e)
	}
	// The first account on a database without accounts needs no sign-in.
	code, out, e := runWithInput(t, "correct-horse\n", "", "", "--db", db, "user", "add", "admin", "--role", "admin")
	if code != 0 || !strings.Contains(out, "admin") || !strings.Contains(out, "管理员") {
		t.Fatalf("user add admin: %d %s %s", code, out, e)
	}
	for _, tt := range []struct {
		name    string
		input   string
		args    []string
		code    int
		outWant string
	}{
		{"clerk", "clerk-password\r\n", []string{"user", "add", "clerk", "--role", "clerk"}, 0, "录入员"},
		{"viewer", "viewer-password", []string{"user", "add", "--role", "viewer", "viewer"}, 0, "只读"},
		{"bad role", "whatever-pw\n", []string{"user", "add", "x", "--role", "boss"}, 2, ""},
		{"no password", "\n", []string{"user", "add", "y", "--role", "clerk"}, 2, ""},
		{"short password", "short\n", []string{"user", "add", "y", "--role", "clerk"}, 1, ""},
		{"duplicate", "another-pw\n", []string{"user", "add", "clerk", "--role", "clerk"}, 1, ""},
		{"no name", "another-pw\n", []string{"user", "add", "--role", "clerk"}, 2, ""},
		{"signin on", "", []string{"signin", "on"}, 0, "已启用登录"},
	} {
		code, out, e := runWithInput(t, tt.input, "", "", append([]string{"--db", db}, tt.args...)...)
		if code != tt.code || !strings.Contains(out, tt.outWant) {
			t.Errorf("%s: exit %d (want %d), %s %s", tt.name, code, tt.code, out, e)
		}
		if code != 0 && (strings.Contains(e, "constraint") || strings.Contains(e, "UNIQUE")) {
			t.Errorf("%s: English error reaches the clerk: %s", tt.name, e)
		}
	}
	// Sign-in is on now: without credentials nothing works, a clerk may not manage accounts.
	if code, _, e := runWithInput(t, "", "", "", "--db", db, "user", "list"); code != 1 || !strings.Contains(e, "SHEQU_USER") {
		t.Fatalf("list without sign-in: %d %s", code, e)
	}
	if code, _, e := runWithInput(t, "x-password\n", "clerk", "clerk-password", "--db", db, "user", "add", "z", "--role", "admin"); code != 1 || !strings.Contains(e, "无权") {
		t.Fatalf("clerk adds an admin: %d %s", code, e)
	}
	code, out, e = runWithInput(t, "", "admin", "correct-horse", "--db", db, "user", "list")
	if code != 0 {
		t.Fatal(e)
	}
	for _, want := range []string{"admin", "管理员", "clerk", "录入员", "viewer", "只读", "在用"} {
		if !strings.Contains(out, want) {
			t.Errorf("user list lacks %q:\n%s", want, out)
		}
	}
	// Five wrong passwords lock the clerk; the administrator unlocks, resets, disables.
	for range 5 {
		runWithInput(t, "", "clerk", "wrong-password", "--db", db, "summary")
	}
	_, out, _ = runWithInput(t, "", "admin", "correct-horse", "--db", db, "user", "list", "--json")
	var users []struct {
		Username, Role, State string
		Locked                bool
	}
	if err := json.Unmarshal([]byte(out), &users); err != nil {
		t.Fatalf("list --json: %v\n%s", err, out)
	}
	locked := false
	for _, u := range users {
		locked = locked || (u.Username == "clerk" && u.Locked && u.Role == "录入员")
	}
	if !locked {
		t.Fatalf("clerk not shown locked: %s", out)
	}
	steps := []struct {
		input string
		args  []string
		want  string
	}{
		{"", []string{"user", "unlock", "clerk"}, "已解除"},
		{"new-clerk-pw\n", []string{"user", "passwd", "clerk"}, "已重设"},
		{"", []string{"user", "disable", "viewer"}, "已停用"},
	}
	for _, s := range steps {
		if code, out, e := runWithInput(t, s.input, "admin", "correct-horse", append([]string{"--db", db}, s.args...)...); code != 0 || !strings.Contains(out, s.want) {
			t.Fatalf("%v: %d %s %s", s.args, code, out, e)
		}
	}
	if code, _, e := runWithInput(t, "", "clerk", "new-clerk-pw", "--db", db, "summary"); code != 0 {
		t.Fatalf("clerk with the new password: %s", e)
	}
	if code, _, e := runWithInput(t, "", "viewer", "viewer-password", "--db", db, "summary"); code != 1 || !strings.Contains(e, "已停用") {
		t.Fatalf("disabled viewer: %d %s", code, e)
	}
	if code, _, e := runWithInput(t, "", "admin", "correct-horse", "--db", db, "user", "unlock", "nobody"); code != 1 || !strings.Contains(e, "nobody") {
		t.Fatalf("unlock unknown: %d %s", code, e)
	}
	if code, out, e := runWithInput(t, "", "admin", "correct-horse", "--db", db, "signin", "off"); code != 0 || !strings.Contains(out, "已关闭登录") {
		t.Fatalf("signin off: %d %s %s", code, out, e)
	}
	if code, _, _ := runWithInput(t, "", "", "", "--db", db, "signin", "maybe"); code != 2 {
		t.Fatal("signin maybe accepted")
	}
}
