package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/app/registry"
	"shequ/models"
)

// regProjectsTab is 三社联动项目: projects with their organisations, workers, period and funding.
type regProjectsTab struct {
	s      *registryScreen
	root   fyne.CanvasObject
	search *widget.Entry
	town   *widget.Select
	status *widget.Select
	*regList[registry.ProjectRow]
}

func newRegProjectsTab(s *registryScreen) *regProjectsTab {
	t := &regProjectsTab{s: s, regList: newRegList[registry.ProjectRow](s, "registry.project_count", "registry.choose_project")}
	t.read = func() ([]registry.ProjectRow, error) { return s.w.app.Registry.ProjectRows(s.w.ctx) }
	t.filter = func(rows []registry.ProjectRow) []registry.ProjectRow {
		return registry.FilterProjects(rows, registry.Filter{Text: t.search.Text, Township: s.townCode(t.town), Status: chosen(t.status)})
	}
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(T("registry.project_search_hint"))
	t.search.OnChanged = func(string) { t.applyFilter() }
	t.town = allSelect(nil, t.applyFilter)
	t.status = allSelect(models.ProjectStatuses, t.applyFilter)
	t.table = rowTable([]string{T("registry.col_project"), T("registry.col_township"), T("registry.col_village"), T("registry.col_period"),
		T("registry.col_orgs"), T("registry.col_workers"), T("registry.col_funding"), T("registry.col_status"), T("registry.col_outcome")},
		[]float32{250, 100, 160, 190, 170, 130, 180, 70, 200},
		func() int { return len(t.rows) }, t.cell, func(row int) { t.sel = row })
	actions := container.NewHBox(
		widget.NewButton(T("registry.add"), func() { t.openForm(models.JointProject{Status: models.ProjectStatuses[0]}) }),
		widget.NewButton(T("registry.edit"), t.onEdit),
		widget.NewButton(T("registry.delete"), t.onDelete),
	)
	filters := filterBar(t.search, widget.NewLabel(T("registry.col_township")), t.town, widget.NewLabel(T("registry.col_status")), t.status)
	t.root = container.NewBorder(container.NewVBox(actions, filters), t.count, nil, nil, fittedWithHint(t.table, T("registry.empty_projects")))
	return t
}

func (t *regProjectsTab) cell(row, col int) string {
	r := t.rows[row]
	return [...]string{r.Title, r.Township, r.Division, r.Period, r.Orgs, r.Workers, r.Funding, r.Status, r.Outcome}[col]
}

func (t *regProjectsTab) onEdit() {
	r, ok := t.selected()
	if !ok {
		return
	}
	p, err := t.s.w.app.Registry.Project(t.s.w.ctx, r.ID)
	if err != nil {
		t.s.w.showError(err)
		return
	}
	t.openForm(p)
}

func (t *regProjectsTab) onDelete() {
	if r, ok := t.selected(); ok {
		t.s.confirmDelete(r.Title, func() error { return t.s.w.app.Registry.DeleteProject(t.s.w.ctx, r.ID) }, t.reload)
	}
}

// openForm edits p (ID 0 for a new project). Funding is a 政府购买服务 contract, whose amount it
// then takes, or an amount in 元.
func (t *regProjectsTab) openForm(p models.JointProject) {
	contracts, err := t.s.w.app.Registry.Contracts(t.s.w.ctx)
	if err != nil {
		t.s.w.showError(err)
		return
	}
	noContract := T("registry.no_contract")
	opts, ids := []string{noContract}, map[string]int64{}
	current := noContract
	for _, c := range contracts {
		label := c.Title + "（" + c.Provider + "，" + c.Amount.Yuan() + " 元）"
		opts = append(opts, label)
		ids[label] = c.ID
		if c.ID == p.ContractID {
			current = label
		}
	}
	title, start, end, amount, outcome := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry()
	title.SetText(p.Title)
	start.SetText(models.FormatDate(p.StartOn))
	end.SetText(models.FormatDate(p.EndOn))
	start.SetPlaceHolder(T("registry.date_hint"))
	end.SetPlaceHolder(T("registry.date_hint"))
	amount.SetPlaceHolder(T("registry.amount_hint"))
	if p.Amount != 0 {
		amount.SetText(p.Amount.Yuan())
	}
	outcome.SetText(p.Outcome)
	outcome.Wrapping = fyne.TextWrapWord
	outcome.SetMinRowsVisible(3)
	status := newSelect(models.ProjectStatuses, nil)
	status.Selected = p.Status
	contract := newSelect(opts, func(s string) {
		if s == noContract {
			amount.Enable()
		} else {
			amount.Disable()
		}
	})
	contract.SetSelected(current)
	place := newPickList(true, t.s.findDivisions(false))
	if p.DivisionCode != "" {
		place.set([]pickItem{t.s.divItem(p.DivisionCode)})
	}
	orgs := newPickList(false, t.s.findOrgs)
	orgs.set(t.s.orgItems(p.OrgIDs))
	workers := newPickList(false, t.s.findWorkers)
	workers.set(t.s.workerItems(p.WorkerIDs))
	left := widget.NewForm(
		widget.NewFormItem(T("registry.col_project"), title), widget.NewFormItem(T("registry.f_community"), place.root),
		widget.NewFormItem(T("registry.f_start"), start), widget.NewFormItem(T("registry.f_end"), end),
		widget.NewFormItem(T("registry.f_contract"), contract), widget.NewFormItem(T("registry.f_amount"), amount),
		widget.NewFormItem(T("registry.col_status"), status), widget.NewFormItem(T("registry.col_outcome"), outcome))
	right := widget.NewForm(
		widget.NewFormItem(T("registry.col_orgs"), orgs.root), widget.NewFormItem(T("registry.col_workers"), workers.root))
	head := T("registry.project_new")
	if p.ID != 0 {
		head = T("registry.project_edit") + "：" + p.Title
	}
	t.s.formDialog(head, container.NewGridWithColumns(2, left, right), fyne.NewSize(1100, 600), func() error {
		var v models.ValidationError
		n := p
		n.Title, n.Outcome, n.Status = strings.TrimSpace(title.Text), strings.TrimSpace(outcome.Text), status.Selected
		n.DivisionCode, n.OrgIDs, n.WorkerIDs = place.code(), orgs.ids(), workers.ids()
		n.StartOn = optDate(&v, T("registry.f_start"), start.Text)
		n.EndOn = optDate(&v, T("registry.f_end"), end.Text)
		n.ContractID, n.Amount = ids[contract.Selected], 0
		if n.ContractID == 0 && strings.TrimSpace(amount.Text) != "" {
			a, err := models.ParseAmount(amount.Text, models.Yuan)
			if err != nil {
				addErr(&v, T("registry.f_amount"), err)
			}
			n.Amount = a
		}
		if err := n.Validate(); err != nil {
			addErr(&v, "", err)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := t.s.w.app.Registry.SaveProject(t.s.w.ctx, n); err != nil {
			return err
		}
		t.reload()
		return nil
	})
}
