package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// TestRegistryPagedListsSearchInSQL: the worker and grid tabs read from the database; their
// search still finds a worker by the name of the community served and a grid by its worker's
// name, the count line says how many of all, and a chosen row stays chosen by id.
func TestRegistryPagedListsSearchInSQL(t *testing.T) {
	f, s := openRegistry(t)
	s.tabs.SelectIndex(1)
	wk := s.workers
	test.Type(wk.search, "平城街")
	if n := tableRows(wk.table); n != 2 || wk.count.Text != "显示 2 人，共 2 人" {
		t.Fatalf("workers serving 平城街社区: %d rows, %q", n, wk.count.Text)
	}
	wk.search.SetText("王明")
	if n := tableRows(wk.table); n != 1 || wk.count.Text != "显示 1 人，共 2 人" {
		t.Fatalf("王明: %d rows, %q", n, wk.count.Text)
	}
	wk.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if r, ok := wk.selected(); !ok || r.Name != "王明" {
		t.Fatalf("selected %+v", r)
	}

	workers, err := f.app.Registry.WorkerRows(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var li int64
	for _, w := range workers {
		if w.Name == "李华" {
			li = w.ID
		}
	}
	for _, g := range []models.Grid{
		{DivisionCode: "511302001001", Name: "一网格", Number: "01", WorkerIDs: []int64{li}},
		{DivisionCode: "511302001001", Name: "二网格", Number: "02"},
	} {
		if _, err := f.app.Registry.SaveGrid(f.ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	s.tabs.SelectIndex(2)
	gr := s.grids
	gr.reload()
	if n := tableRows(gr.table); n != 2 || gr.cell(0, 5) != "李华" {
		t.Fatalf("grids: %d rows, first row's workers %q", n, gr.cell(0, 5))
	}
	test.Type(gr.search, "李华")
	if n := tableRows(gr.table); n != 1 || gr.cell(0, 0) != "一网格" || gr.count.Text != "显示 1 个网格，共 2 个" {
		t.Fatalf("grids of 李华: %d rows, %q", n, gr.count.Text)
	}
}
