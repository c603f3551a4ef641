package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"shequ/app/auth"
)

// TestAuditEntryReadsInFull: the table cuts long changes ("区划：511302001003；级别：省级；类别：示…");
// selecting a row shows the whole entry under the table.
func TestAuditEntryReadsInFull(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.audit")
	s := f.w.screens[screenIndex(t, f.w, "操作日志")].(*auditScreen)
	if s.rows.len() == 0 {
		t.Fatal("no audit entries in a seeded database")
	}
	s.table.Select(widget.TableCellID{Row: 0, Col: 1})
	r := s.rows.rows[0]
	for _, want := range []string{"时间：" + r.At, "模块：" + r.Module, r.Record} {
		if !strings.Contains(s.detail.Text, want) {
			t.Errorf("detail %q lacks %q", s.detail.Text, want)
		}
	}
	changes := r.Changes
	if changes != "" && !strings.Contains(s.detail.Text, changes) {
		t.Errorf("detail %q lacks the changes %q", s.detail.Text, changes)
	}
}

// TestAuditTextSearchShowsMatches: typing a text and pressing Enter shows only the entries that
// contain it, newest first, with their number in the count label; scrolling reads by id.
func TestAuditTextSearchShowsMatches(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.audit")
	s := f.w.screens[screenIndex(t, f.w, "操作日志")].(*auditScreen)
	all := s.rows.len()
	if all == 0 {
		t.Fatal("no audit entries in a seeded database")
	}
	word := strings.Fields(s.rows.rows[0].Record)[0] // the entity of the newest entry
	retype(s.text, word)
	s.text.OnSubmitted(s.text.Text) // Enter
	want, err := f.w.app.AuditLog.Rows(f.w.ctx, auth.AuditQuery{Text: word})
	if err != nil {
		t.Fatal(err)
	}
	n := s.rows.len()
	if n == 0 || n != len(want) {
		t.Fatalf("%q: the table has %d rows, the trail %d matches", word, n, len(want))
	}
	if got, wantLabel := s.count.Text, Tf("audit.count", map[string]any{"N": n}); got != wantLabel || !strings.HasPrefix(got, "共 ") {
		t.Errorf("count label %q, want %q", got, wantLabel)
	}
	for i := range min(n, len(s.rows.rows)) {
		if s.rows.rows[i] != want[i] {
			t.Fatalf("row %d = %+v, want %+v", i, s.rows.rows[i], want[i])
		}
	}
	retype(s.text, "不会出现在日志里的文字")
	s.text.OnSubmitted(s.text.Text)
	if s.rows.len() != 0 || s.count.Text != "共 0 条" {
		t.Errorf("no match: %d rows, label %q", s.rows.len(), s.count.Text)
	}
}
