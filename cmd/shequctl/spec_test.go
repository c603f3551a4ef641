package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Every command, and every kind of import and export, answers -h and --help with its usage on
// standard output and exit code 0, without touching the database.
func TestHelpEveryCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	var lines [][]string
	for name := range commands {
		lines = append(lines, []string{name})
	}
	for kind := range importers {
		lines = append(lines, []string{"import", kind})
	}
	for kind := range exporters {
		lines = append(lines, []string{"export", kind})
	}
	for _, cmd := range lines {
		for _, h := range []string{"-h", "--help"} {
			code, out, errOut := runCLI(t, append(append([]string{"--db", db}, cmd...), h)...)
			want := "用法：shequctl [--db 文件] " + strings.Join(cmd, " ")
			if code != 0 || !strings.HasPrefix(out, want) || errOut != "" {
				t.Errorf("%v %s: exit %d, stdout %q, stderr %q", cmd, h, code, out, errOut)
			}
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("--help created the database: %v", err)
	}
	if code, out, _ := runCLI(t, "export", "--help"); code != 0 || !strings.Contains(out, "  assessments --year") {
		t.Errorf("export --help lists no kinds: %d %s", code, out)
	}
}

// Each export suggests a file name of its own when --out is missing.
func TestExportSuggestsOwnFileName(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	seen := map[string]string{}
	for kind, s := range exporters {
		if prev, ok := seen[s.example]; ok || s.example == "" {
			t.Errorf("export %s suggests %q, as does export %s", kind, s.example, prev)
		}
		seen[s.example] = kind
		args := []string{"--db", db, "export", kind}
		if s.countyRequired {
			args = append(args, "--county", "511323")
		}
		code, _, errOut := runCLI(t, args...)
		if code != 2 || !strings.Contains(errOut, "--out "+s.example) || !strings.Contains(s.usage, s.example) {
			t.Errorf("export %s without --out: exit %d, %s", kind, code, errOut)
		}
	}
	for kind, want := range map[string]string{"assessments": "测评.xlsx", "workers": "社会工作者.xlsx", "orgs": "社会组织.xlsx", "budget": "预算.xlsx"} {
		if exporters[kind].example != want {
			t.Errorf("export %s suggests %q, want %q", kind, exporters[kind].example, want)
		}
	}
}

// --county 511323 and --county 511323000000 are the same county: the same bytes come out.
func TestCountySixOrTwelveDigits(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatal(errOut)
	}
	tpl := filepath.Join(dir, "模板.xlsx")
	if code, _, errOut := runCLI(t, "--db", db, "export", "budget-template", "--county", "511323", "--year", "2026", "--out", tpl); code != 0 {
		t.Fatal(errOut)
	}
	f, err := excelize.OpenFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	_ = f.SetSheetRow("预算明细", "A3", &[]any{"", "巨龙镇", "龙云社区", "办公经费", "", "1,000.50"})
	good := filepath.Join(dir, "good.xlsx")
	if err := f.SaveAs(good); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out := filepath.Join(dir, "台账.xlsx")
	// Each line ends in the 6-digit county; it runs again with the 12-digit one.
	for _, line := range [][]string{
		{"import", "budget", good, "--dry-run", "--json", "--county", "511323"},
		{"import", "budget", good, "--dry-run", "--county", "511323"},
		{"export", "ledgers", "--year", "2026", "--out", out, "--county", "511302"},
	} {
		var got []string
		short := line[len(line)-1]
		for _, county := range []string{short, short + "000000"} {
			args := append(slices.Clone(line[:len(line)-1]), county)
			code, stdout, errOut := runCLI(t, append([]string{"--db", db}, args...)...)
			if code != 0 {
				t.Fatalf("%v: exit %d, %s%s", args, code, stdout, errOut)
			}
			got = append(got, stdout+errOut+sheetText(t, args))
		}
		if got[0] != got[1] {
			t.Errorf("%v: 6 and 12 digits differ:\n%s\n%s", line, got[0], got[1])
		}
	}
}

// sheetText is every cell of the --out workbook in args, or "" when there is none.
func sheetText(t *testing.T, args []string) string {
	i := slices.Index(args, "--out")
	if i < 0 {
		return ""
	}
	f, err := excelize.OpenFile(args[i+1])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for _, r := range rows {
			b.WriteString(sh + "|" + strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

// One rule for --year: 2000 to 2100 (the ledger export used to take up to 2200).
func TestYearRule(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	for _, args := range [][]string{
		{"export", "ledgers", "--year", "2150", "--out", "x.xlsx"},
		{"export", "budget", "--year", "1999", "--out", "x.xlsx"},
		{"import", "assessments", "x.xlsx", "--year", "2101"},
		{"report", "--year", "1900", "--out", "x.pdf"},
	} {
		code, _, errOut := runCLI(t, append([]string{"--db", db}, args...)...)
		if code != 2 || !strings.Contains(errOut, "--year 应为 2000 至 2100 之间的年份") {
			t.Errorf("%v: exit %d, %s", args, code, errOut)
		}
	}
}
