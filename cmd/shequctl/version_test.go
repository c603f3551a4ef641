package main

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"shequ/app"
)

// TestVersionJSON: `shequctl version --json` names the version, commit, build date and Go version
// the build was stamped with (-ldflags -X), and the plain form says the same in Chinese.
func TestVersionJSON(t *testing.T) {
	defer func(v, c, d string) { app.Version, app.Commit, app.BuildDate = v, c, d }(app.Version, app.Commit, app.BuildDate)
	app.Version, app.Commit, app.BuildDate = "1.2.3", "abc1234", "2026-12-06T05:00:00Z"

	code, out, errOut := runCLI(t, "version", "--json")
	if code != 0 {
		t.Fatalf("version --json: exit %d, %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("version --json is not JSON: %v\n%s", err, out)
	}
	want := map[string]any{"version": "1.2.3", "commit": "abc1234", "build_date": "2026-12-06T05:00:00Z",
		"go_version": runtime.Version(), "os": runtime.GOOS, "arch": runtime.GOARCH}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if _, ok := got["schema_version"].(float64); !ok {
		t.Errorf("schema_version missing: %s", out)
	}

	code, out, _ = runCLI(t, "version")
	for _, w := range []string{"shequ 1.2.3", "abc1234", "2026-12-06T05:00:00Z", runtime.Version()} {
		if code != 0 || !strings.Contains(out, w) {
			t.Errorf("version: exit %d, output %q lacks %q", code, out, w)
		}
	}
}

// TestVersionUnstamped: a plain `go build` has no commit or date; the output says so in Chinese.
func TestVersionUnstamped(t *testing.T) {
	defer func(c, d string) { app.Commit, app.BuildDate = c, d }(app.Commit, app.BuildDate)
	app.Commit, app.BuildDate = "", ""
	_, out, _ := runCLI(t, "version")
	if !strings.Contains(out, "未知") {
		t.Errorf("unstamped version output: %q", out)
	}
}
