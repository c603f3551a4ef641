package ui

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"shequ/app/store/pgtest"
	"shequ/models"
	"shequ/reports/model"
)

// insertBudgetLines writes n lines of 2026 over every seeded village straight into the
// database, item 项目i, every category in turn.
func insertBudgetLines(t *testing.T, f *fixture, n int) {
	t.Helper()
	db, err := sql.Open("sqlite3", f.app.DBPath())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var villages []string
	rows, err := db.Query("SELECT code FROM divisions WHERE level = 'village' ORDER BY code")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		_ = rows.Scan(&c)
		villages = append(villages, c)
	}
	rows.Close()
	tx, _ := db.Begin()
	ins, _ := tx.Prepare(`INSERT INTO budget_lines (year, division_code, category_id, item, amount_fen, source_id, created_at, updated_at)
		VALUES (2026, ?, (SELECT id FROM budget_categories ORDER BY id LIMIT 1 OFFSET ?), ?, 100, (SELECT MIN(id) FROM budget_sources), ?, ?)`)
	now := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	for i := range n {
		if _, err := ins.Exec(villages[i%len(villages)], i%3, fmt.Sprintf("项目%d", i), now, now); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// itemsAt lists, straight from SQL, the items the table should show from list row offset on.
func itemsAt(t *testing.T, f *fixture, where string, offset, limit int) []string {
	t.Helper()
	db, err := sql.Open("sqlite3", f.app.DBPath())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT item FROM budget_lines l WHERE year = 2026 `+where+` ORDER BY division_code, category_id, id LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		_ = rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// shownItems are the items in the table's 项目名称 column that the user sees now.
func shownItems(s *budgetScreen) []string {
	var out []string
	for _, txt := range visibleTexts(s.table) {
		if strings.HasPrefix(txt, "项目") && txt != "项目名称" {
			out = append(out, txt)
		}
	}
	return out
}

// TestBudgetTableScrollsAndFilters100k: 经费保障 over 100,000 lines holds a window of them, and
// scrolling deep into the list and changing a filter show the right lines, with the count from SQL.
func TestBudgetTableScrollsAndFilters100k(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 lines")
	}
	pgtest.SQLiteOnly(t, "the 100,000 lines are written straight into the SQLite file; the other 经费保障 tests page the same table on PostgreSQL")
	f := newFixture(t)
	insertBudgetLines(t, f, 100_000)
	f.w.Win.Resize(fyne.NewSize(1280, 720))
	f.w.Show("nav.budget")
	s := f.w.screens[screenIndex(t, f.w, "经费保障")].(*budgetScreen)
	if s.lines.len() != 100_000 || !strings.Contains(s.totals.Text, "共 100,000 条") {
		t.Fatalf("count %d, totals %q", s.lines.len(), s.totals.Text)
	}
	if len(s.lines.rows) > pageWindow {
		t.Fatalf("holds %d lines", len(s.lines.rows))
	}
	// check scrolls to list row and wants the table to show a run of consecutive lines in the
	// order SQL gives them, near that row (the table puts the row at its top or bottom edge).
	check := func(where string, row int) {
		t.Helper()
		s.table.ScrollTo(widget.TableCellID{Row: row + 1, Col: 3}) // row 0 is the header
		got := shownItems(s)
		from := max(0, row-60)
		near := itemsAt(t, f, where, from, 120)
		i := slices.Index(near, got[0])
		if len(got) < 5 || i < 0 || !slices.Equal(got, near[i:min(len(near), i+len(got))]) {
			t.Fatalf("row %d: shown %q, want a run of %q", row, got, near)
		}
		if len(s.lines.rows) > pageWindow {
			t.Fatalf("holds %d lines", len(s.lines.rows))
		}
	}
	check("", 50_000)
	check("", 99_990)
	check("", 1_234)

	// Selecting a row deep in the list selects that line, by its id.
	s.table.ScrollTo(widget.TableCellID{Row: 70_001, Col: 3})
	s.table.Select(widget.TableCellID{Row: 70_001, Col: 3})
	if s.selected == nil || s.selected.Item != itemsAt(t, f, "", 70_000, 1)[0] || s.disburse.Disabled() {
		t.Fatalf("selected %+v", s.selected)
	}

	// A disbursement reads the same lines again: the table stays where the clerk was.
	before := shownItems(s)
	s.reload()
	if got := shownItems(s); len(got) == 0 || !slices.Equal(got, before) {
		t.Fatalf("after re-reading: shown %q, were %q", got, before)
	}

	cats, _ := f.app.Budget.Categories(f.ctx)
	s.category.SetSelected(cats[1].Name)
	where := fmt.Sprintf("AND category_id = %d", cats[1].ID)
	if n := 100_000 / 3; s.lines.len() != n || !strings.Contains(s.totals.Text, "共 "+model.Count(n)+" 条") {
		t.Fatalf("%s: count %d, totals %q", cats[1].Name, s.lines.len(), s.totals.Text)
	}
	if s.selected != nil {
		t.Errorf("a filter change kept the selection %+v", s.selected)
	}
	check(where, 0)
	check(where, 20_000)
	for _, txt := range visibleTexts(s.table) {
		if slices.ContainsFunc(cats, func(c models.BudgetCategory) bool { return c.Name == txt && c.Name != cats[1].Name }) {
			t.Errorf("category %s shown under the filter %s", txt, cats[1].Name)
		}
	}
}
