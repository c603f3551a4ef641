package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/store/pgtest"
)

// `shequctl report --county` takes the 6-digit code as well as the 12-digit one.
func TestReportCountySixDigits(t *testing.T) {
	dir := t.TempDir()
	db := pgtest.DBPath(t)
	if code, _, errOut := runCLI(t, "--db", db, "init"); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	for _, county := range []string{"511321", "511321000000"} {
		out := filepath.Join(dir, county+".pdf")
		code, stdout, errOut := runCLI(t, "--db", db, "report", "--year", "2026", "--county", county, "--sections", "overview", "--out", out)
		if code != 0 || !strings.Contains(stdout, "已生成报表") {
			t.Fatalf("--county %s: exit %d, %s%s", county, code, stdout, errOut)
		}
		if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
			t.Errorf("--county %s wrote no PDF: %v", county, err)
		}
	}
	// --out chooses the format by its extension: .docx is the editable Word document.
	out := filepath.Join(dir, "报告.docx")
	if code, _, errOut := runCLI(t, "--db", db, "report", "--year", "2026", "--county", "511321", "--sections", "overview", "--out", out); code != 0 {
		t.Fatalf(".docx: %s", errOut)
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.HasPrefix(b, []byte("PK")) || !bytes.Contains(b, []byte("word/document.xml")) {
		t.Errorf("--out .docx wrote no Word document: %v", err)
	}
	if code, _, errOut := runCLI(t, "--db", db, "report", "--year", "2026", "--county", "511399", "--out", filepath.Join(dir, "x.pdf")); code == 0 || !strings.ContainsAny(errOut, "区划") {
		t.Errorf("unknown county: exit %d, %s", code, errOut)
	}
}
