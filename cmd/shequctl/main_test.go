package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/store/pgtest"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestInitAndSummaryJSON(t *testing.T) {
	db := pgtest.DBPath(t)
	for i := range 2 {
		code, out, errOut := runCLI(t, "--db", db, "init")
		if code != 0 {
			t.Fatalf("init #%d: exit %d, %s", i+1, code, errOut)
		}
		want := "新增区划：3256 条"
		if i == 1 {
			want = "新增区划：0 条"
		}
		if !strings.Contains(out, want) {
			t.Fatalf("init #%d output: %s", i+1, out)
		}
		if u, err := url.Parse(db); err == nil {
			if pw, ok := u.User.Password(); ok && strings.Contains(out+errOut, pw) {
				t.Errorf("init #%d prints the shared database's password: %s", i+1, out)
			}
		}
	}
	code, out, errOut := runCLI(t, "--db", db, "summary", "--json")
	if code != 0 {
		t.Fatalf("summary: exit %d, %s", code, errOut)
	}
	var s struct {
		Divisions map[string]int `json:"divisions"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("summary --json is not JSON: %v\n%s", err, out)
	}
	want := map[string]int{"city": 1, "county": 9, "township": 242, "village": 3004}
	for k, v := range want {
		if s.Divisions[k] != v {
			t.Errorf("divisions.%s = %d, want %d", k, s.Divisions[k], v)
		}
	}
	if !strings.Contains(out, `"divisions":{"city":1,"county":9,"township":242,"village":3004}`) {
		t.Errorf("summary JSON shape: %s", out)
	}
}

func TestEnvDB(t *testing.T) {
	db := filepath.Join(t.TempDir(), "env.db")
	t.Setenv("SHEQU_DB", db)
	if code, _, errOut := runCLI(t, "init"); code != 0 {
		t.Fatalf("init with SHEQU_DB: %d %s", code, errOut)
	}
	code, out, _ := runCLI(t, "summary")
	if code != 0 || !strings.Contains(out, "村（社区）3004") {
		t.Fatalf("summary via SHEQU_DB: %d %s", code, out)
	}
}

func TestExitCodes(t *testing.T) {
	db := pgtest.DBPath(t)
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"version"}, 0, ""},
		{[]string{}, 2, "用法"},
		{[]string{"nonsense"}, 2, "未知命令"},
		{[]string{"--db", db, "summary", "--bogus"}, 2, "未知选项"},
		{[]string{"--db", db, "init", "extra"}, 2, "多余的参数"},
		{[]string{"--db", t.TempDir(), "init"}, 1, "错误"},
		{[]string{"help"}, 0, ""},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.msg) {
			t.Errorf("%v: exit %d (want %d), stderr %q", tt.args, code, tt.code, errOut)
		}
		if len(tt.args) == 1 && tt.args[0] == "version" && !strings.Contains(out, "shequ") {
			t.Errorf("version output: %q", out)
		}
	}
}
