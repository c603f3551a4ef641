package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
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
