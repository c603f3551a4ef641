package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/app/registry"
	"shequ/models"
)

// regGridsTab is 网格: grid coverage per village/community on the left, the grids of the chosen
// one (or all, filtered) on the right.
type regGridsTab struct {
	s        *registryScreen
	root     fyne.CanvasObject
	search   *widget.Entry
	town     *widget.Select
	covTable *widget.Table
	heading  *widget.Label
	*regPaged[registry.GridRow]

	allCov    []registry.Coverage
	cov       []registry.Coverage
	community string // the chosen village/community, "" for all
}

func newRegGridsTab(s *registryScreen) *regGridsTab {
	t := &regGridsTab{s: s, regPaged: newRegPaged[registry.GridRow](s, "registry.grid_count", "registry.choose_grid")}
	t.query = t.gridQuery
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(T("registry.grid_search_hint"))
	t.search.OnChanged = func(string) { t.applyFilter() }
	t.town = allSelect(nil, func() {
		t.community = ""
		t.applyCoverage()
		t.applyFilter()
	})
	t.covTable = rowTable([]string{T("registry.col_village"), T("registry.col_grids"), T("registry.col_grid_households"),
		T("registry.col_profile_households"), T("registry.col_coverage")}, []float32{170, 60, 90, 80, 95},
		func() int { return len(t.cov) }, t.covCell, func(row int) {
			t.community = t.cov[row].DivisionCode
			t.applyFilter()
		})
	t.table = rowTable([]string{T("registry.col_grid_name"), T("registry.col_grid_no"), T("registry.col_village"),
		T("registry.col_households"), T("registry.col_population"), T("registry.col_grid_workers"), T("registry.col_boundary")},
		[]float32{100, 100, 170, 60, 60, 130, 200},
		t.rows.len, t.cell, t.onSelect)
	t.heading = widget.NewLabel("")
	actions := container.NewHBox(
		widget.NewButton(T("registry.grid_add"), func() { t.openForm(models.Grid{DivisionCode: t.community}) }),
		widget.NewButton(T("registry.edit"), t.onEdit),
		widget.NewButton(T("registry.delete"), t.onDelete),
		widget.NewButton(T("registry.grid_all"), func() {
			t.community = ""
			t.covTable.UnselectAll()
			t.applyFilter()
		}),
	)
	filters := filterBar(t.search, widget.NewLabel(T("registry.col_township")), t.town)
	left := container.NewBorder(widget.NewLabel(T("registry.coverage_title")), nil, nil, nil, fittedWithHint(t.covTable, T("registry.empty_coverage")))
	right := container.NewBorder(t.heading, nil, nil, nil, fittedWithHint(t.table, T("registry.empty_grids")))
	split := container.NewHSplit(left, right)
	split.Offset = 0.45
	t.root = container.NewBorder(container.NewVBox(actions, filters), t.count, nil, nil, split)
	return t
}

// ratioText shows a share as a percentage, or why there is none.
func ratioText(r float64, none string) string {
	if r < 0 {
		return none
	}
	return fmt.Sprintf("%.1f%%", r*100)
}

func (t *regGridsTab) covCell(row, col int) string {
	c := t.cov[row]
	return [...]string{c.Division, strconv.Itoa(c.Grids), strconv.FormatInt(c.GridHouseholds, 10),
		countOrDash(c.ProfileHouseholds), ratioText(c.Ratio, T("registry.no_profile"))}[col]
}

func (t *regGridsTab) cell(row, col int) string {
	r, ok := t.rows.row(row)
	if !ok {
		return ""
	}
	return [...]string{r.Name, r.Number, r.Division, countOrDash(r.Households), countOrDash(r.Population),
		r.Workers, r.Boundary}[col]
}

// reload reads the coverage and the grids off the UI goroutine.
func (t *regGridsTab) reload() {
	runAsync(func() {
		cov, err := t.s.w.app.Registry.Coverage(t.s.w.ctx, "")
		fyne.Do(func() {
			if err != nil {
				t.s.w.showError(err)
				return
			}
			t.allCov = cov
			t.applyCoverage()
		})
	})
	t.regPaged.reload()
}

// applyCoverage keeps the communities of the chosen township.
func (t *regGridsTab) applyCoverage() {
	town := t.s.townCode(t.town)
	t.cov = t.cov[:0]
	for _, c := range t.allCov {
		if town == "" || models.Code(c.DivisionCode).Under(models.Code(town)) {
			t.cov = append(t.cov, c)
		}
	}
	t.covTable.UnselectAll()
	t.covTable.Refresh()
}

// gridQuery reads the grids of the chosen community, or every grid the filters keep.
func (t *regGridsTab) gridQuery() listQuery[registry.GridRow] {
	reg, f, community := t.s.w.app.Registry, registry.Filter{Text: t.search.Text, Township: t.s.townCode(t.town)}, t.community
	t.heading.SetText(T("registry.grids_all"))
	if community != "" {
		t.heading.SetText(Tf("registry.grids_of", map[string]any{"Name": t.s.divItem(community).label}))
	}
	return listQuery[registry.GridRow]{
		count: func(ctx context.Context) (int, error) { return reg.GridCount(ctx, f, community) },
		all:   func(ctx context.Context) (int, error) { return reg.GridCount(ctx, registry.Filter{}, "") },
		page: func(ctx context.Context, offset, limit int) ([]registry.GridRow, error) {
			return reg.GridPage(ctx, f, community, offset, limit)
		},
	}
}

func (t *regGridsTab) onEdit() {
	r, ok := t.selected()
	if !ok {
		return
	}
	g, err := t.s.w.app.Registry.Grid(t.s.w.ctx, r.ID)
	if err != nil {
		t.s.w.showError(err)
		return
	}
	t.openForm(g)
}

func (t *regGridsTab) onDelete() {
	if r, ok := t.selected(); ok {
		t.s.confirmDelete(r.Division+" "+r.Name+r.Number, func() error { return t.s.w.app.Registry.DeleteGrid(t.s.w.ctx, r.ID) }, t.reload)
	}
}

func (t *regGridsTab) openForm(g models.Grid) {
	name, number, households, population, boundary := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry()
	name.SetText(g.Name)
	number.SetText(g.Number)
	households.SetText(strconv.FormatInt(g.Households, 10))
	population.SetText(strconv.FormatInt(g.Population, 10))
	boundary.SetText(g.Boundary)
	boundary.Wrapping = fyne.TextWrapWord
	boundary.SetMinRowsVisible(3)
	place := newPickList(true, t.s.findDivisions(true))
	if g.DivisionCode != "" {
		place.set([]pickItem{t.s.divItem(g.DivisionCode)})
	}
	workers := newPickList(false, t.s.findWorkers)
	workers.set(t.s.workerItems(g.WorkerIDs))
	form := widget.NewForm(
		widget.NewFormItem(T("registry.col_village"), place.root), widget.NewFormItem(T("registry.col_grid_name"), name),
		widget.NewFormItem(T("registry.col_grid_no"), number), widget.NewFormItem(T("registry.col_households"), households),
		widget.NewFormItem(T("registry.col_population"), population), widget.NewFormItem(T("registry.col_boundary"), boundary),
		widget.NewFormItem(T("registry.col_grid_workers"), workers.root))
	title := T("registry.grid_new")
	if g.ID != 0 {
		title = T("registry.grid_edit") + "：" + g.Name + g.Number
	}
	t.s.formDialog(title, form, fyne.NewSize(640, 620), func() error {
		var v models.ValidationError
		n := g
		n.Name, n.Number, n.Boundary = strings.TrimSpace(name.Text), strings.TrimSpace(number.Text), strings.TrimSpace(boundary.Text)
		n.Households = wholeNumber(&v, T("registry.col_households"), households.Text)
		n.Population = wholeNumber(&v, T("registry.col_population"), population.Text)
		n.DivisionCode, n.WorkerIDs = place.code(), workers.ids()
		if err := n.Validate(); err != nil {
			addErr(&v, "", err)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := t.s.w.app.Registry.SaveGrid(t.s.w.ctx, n); err != nil {
			return err
		}
		t.s.loadTownships()
		t.reload()
		return nil
	})
}

// wholeNumber reads a count; empty is 0.
func wholeNumber(v *models.ValidationError, label, text string) int64 {
	text = strings.ReplaceAll(strings.TrimSpace(text), ",", "")
	if text == "" {
		return 0
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		v.Add(label, T("registry.not_whole_number"))
	}
	return n
}
