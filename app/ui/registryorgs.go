package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shequ/app/registry"
	"shequ/models"
)

// regOrgsTab is 社会组织: the registry's organisations, filtered in memory.
type regOrgsTab struct {
	s      *registryScreen
	root   fyne.CanvasObject
	search *widget.Entry
	town   *widget.Select
	typ    *widget.Select
	status *widget.Select
	*regList[registry.OrgRow]
}

func newRegOrgsTab(s *registryScreen) *regOrgsTab {
	t := &regOrgsTab{s: s, regList: newRegList[registry.OrgRow](s, "registry.org_count", "registry.choose_org")}
	t.read = func() ([]registry.OrgRow, error) { return s.w.app.Registry.OrgRows(s.w.ctx) }
	t.filter = func(rows []registry.OrgRow) []registry.OrgRow {
		return registry.FilterOrgs(rows, registry.Filter{Text: t.search.Text, Township: s.townCode(t.town), Type: chosen(t.typ), Status: chosen(t.status)})
	}
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(T("registry.org_search_hint"))
	t.search.OnChanged = func(string) { t.applyFilter() }
	t.town = allSelect(nil, t.applyFilter)
	t.typ = allSelect(models.OrgTypes, t.applyFilter)
	t.status = allSelect(models.OrgStatuses, t.applyFilter)
	t.table = rowTable([]string{T("registry.col_org_name"), T("registry.col_uscc"), T("registry.col_form"), T("registry.col_type"),
		T("registry.col_nature"), T("registry.col_township"), T("registry.col_division"), T("registry.col_leader"),
		T("registry.col_phone"), T("registry.col_established"), T("registry.col_served"), T("registry.col_grade"), T("registry.col_status")},
		[]float32{220, 190, 130, 90, 70, 110, 170, 70, 110, 95, 160, 200, 70},
		func() int { return len(t.rows) }, t.cell, func(row int) { t.sel = row })
	actions := container.NewHBox(
		widget.NewButton(T("registry.add"), func() { t.openForm(models.SocialOrg{Status: "正常"}) }),
		widget.NewButton(T("registry.edit"), t.onEdit),
		widget.NewButton(T("registry.delete"), t.onDelete),
		widget.NewButton(T("registry.org_years"), t.onYears),
		widget.NewButton(T("registry.reveal"), t.onReveal),
		widget.NewSeparator(),
		widget.NewButton(T("registry.import"), func() { s.onImport(registry.KindOrgs, t.reload) }),
		widget.NewButton(T("registry.export"), func() {
			s.onExport(registry.KindOrgs, T("registry.export_full_orgs"), T("registry.orgs_file"))
		}),
		widget.NewButton(T("registry.template"), func() { s.onTemplate(registry.KindOrgs, T("registry.orgs_template_file")) }),
	)
	filters := filterBar(t.search, widget.NewLabel(T("registry.col_township")), t.town,
		widget.NewLabel(T("registry.col_type")), t.typ, widget.NewLabel(T("registry.col_status")), t.status)
	t.root = container.NewBorder(container.NewVBox(actions, filters), t.count, nil, nil, fittedWithHint(t.table, T("registry.empty_orgs")))
	return t
}

func (t *regOrgsTab) cell(row, col int) string {
	r := t.rows[row]
	return [...]string{r.Name, r.USCC, r.Form, r.Type, r.Nature, r.Township, r.Division, r.Leader, r.Phone,
		r.Established, r.Served, r.Grade, r.Status}[col]
}

func (t *regOrgsTab) onEdit() {
	r, ok := t.selected()
	if !ok {
		return
	}
	o, err := t.s.w.app.Registry.Org(t.s.w.ctx, r.ID)
	if err != nil {
		t.s.w.showError(err)
		return
	}
	t.openForm(o)
}

func (t *regOrgsTab) onDelete() {
	if r, ok := t.selected(); ok {
		t.s.confirmDelete(r.Name, func() error { return t.s.w.app.Registry.DeleteOrg(t.s.w.ctx, r.ID) }, t.reload)
	}
}

// onReveal shows the selected organisation's full contact; the service records the view.
func (t *regOrgsTab) onReveal() {
	r, ok := t.selected()
	if !ok {
		return
	}
	o, err := t.s.w.app.Registry.RevealOrg(t.s.w.ctx, r.ID)
	if err != nil {
		t.s.w.showError(err)
		return
	}
	dialog.ShowInformation(r.Name, Tf("registry.org_revealed", map[string]any{"Leader": o.Leader, "Phone": o.LeaderPhone}), t.s.w.Win)
}

// openForm edits o (ID 0 for a new organisation); every problem is listed at once.
func (t *regOrgsTab) openForm(o models.SocialOrg) {
	name, uscc, regNo, authority, supervisor := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	leader, phone, address, established, members := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	form, typ := newSelect(models.OrgForms, nil), newSelect(models.OrgTypes, nil)
	nature, status := newSelect(models.OrgNatures, nil), newSelect(models.OrgStatuses, nil)
	name.SetText(o.Name)
	uscc.SetText(o.USCC)
	regNo.SetText(o.RegNo)
	authority.SetText(o.Authority)
	supervisor.SetText(o.Supervisor)
	leader.SetText(o.Leader)
	phone.SetText(o.LeaderPhone)
	address.SetText(o.Address)
	established.SetText(models.FormatDate(o.Established))
	established.SetPlaceHolder(T("registry.date_hint"))
	if o.Members > 0 {
		members.SetText(strconv.FormatInt(o.Members, 10))
	}
	form.Selected, typ.Selected, nature.Selected, status.Selected = o.Form, o.Type, o.Nature, o.Status
	uscc.OnChanged = func(s string) {
		if code := models.NormalizeUSCC(s); len(code) == 18 {
			if err := models.ValidateUSCC(code); err != nil {
				uscc.SetValidationError(err)
			}
		}
	}
	place := newPickList(true, t.s.findDivisions(false))
	if o.DivisionCode != "" {
		place.set([]pickItem{t.s.divItem(o.DivisionCode)})
	}
	served := newPickList(false, t.s.findDivisions(true))
	served.set(t.s.divItems(o.ServedCodes))
	// The hint goes under the field, where it is read whole (as a placeholder it was cut to
	// "18 位；备案的社区社会…"); a wrong code's message takes its place.
	usccItem := widget.NewFormItem(T("registry.col_uscc"), uscc)
	usccItem.HintText = T("registry.uscc_hint")
	left := widget.NewForm(
		widget.NewFormItem(T("registry.f_org_name"), name), usccItem,
		widget.NewFormItem(T("registry.f_reg_no"), regNo), widget.NewFormItem(T("registry.col_form"), form),
		widget.NewFormItem(T("registry.col_type"), typ), widget.NewFormItem(T("registry.col_nature"), nature),
		widget.NewFormItem(T("registry.f_authority"), authority), widget.NewFormItem(T("registry.f_supervisor"), supervisor),
		widget.NewFormItem(T("registry.col_status"), status))
	right := widget.NewForm(
		widget.NewFormItem(T("registry.f_leader"), leader), widget.NewFormItem(T("registry.col_phone"), phone),
		widget.NewFormItem(T("registry.f_address"), address), widget.NewFormItem(T("registry.col_established"), established),
		widget.NewFormItem(T("registry.f_members"), members), widget.NewFormItem(T("registry.f_place"), place.root),
		widget.NewFormItem(T("registry.col_served"), served.root))
	title := T("registry.org_new")
	if o.ID != 0 {
		title = T("registry.org_edit") + "：" + o.Name
	}
	t.s.formDialog(title, container.NewGridWithColumns(2, left, right), fyne.NewSize(1100, 640), func() error {
		var v models.ValidationError
		n := o
		n.Name, n.USCC, n.RegNo, n.Authority, n.Supervisor = name.Text, models.NormalizeUSCC(uscc.Text), strings.TrimSpace(regNo.Text), strings.TrimSpace(authority.Text), strings.TrimSpace(supervisor.Text)
		n.Leader, n.LeaderPhone, n.Address = strings.TrimSpace(leader.Text), strings.TrimSpace(phone.Text), strings.TrimSpace(address.Text)
		n.Form, n.Type, n.Nature, n.Status = form.Selected, typ.Selected, nature.Selected, status.Selected
		n.Established = optDate(&v, T("registry.col_established"), established.Text)
		n.Members = 0
		if m := strings.TrimSpace(members.Text); m != "" {
			var err error
			if n.Members, err = strconv.ParseInt(m, 10, 64); err != nil {
				v.Add(T("registry.f_members"), T("registry.not_whole_number"))
			}
		}
		n.DivisionCode, n.ServedCodes = place.code(), served.codes()
		if err := n.Validate(); err != nil {
			addErr(&v, "", err)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := t.s.w.app.Registry.SaveOrg(t.s.w.ctx, n); err != nil {
			return err
		}
		t.s.loadTownships()
		t.reload()
		return nil
	})
}
