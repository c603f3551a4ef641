package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// dutyDepartments lists the departments and edits one: name (counties rename bureaus),
// duty, contact person and phone. 新增部门 adds one the policy does not name.
type dutyDepartments struct {
	s *dutiesScreen

	root     fyne.CanvasObject
	list     *widget.List
	name     *widget.Entry
	duty     *widget.Entry
	contact  *widget.Entry
	phone    *widget.Entry
	origin   *widget.Label
	message  *widget.Label
	depts    []models.Department
	editing  models.Department
	selected int
}

func newDutyDepartments(s *dutiesScreen) *dutyDepartments {
	d := &dutyDepartments{s: s, selected: -1}
	d.buildUI()
	return d
}

func (d *dutyDepartments) buildUI() {
	d.list = widget.NewList(func() int { return len(d.depts) },
		func() fyne.CanvasObject { return widget.NewLabel("社会管理综合治理部门") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(d.depts[i].Name) })
	d.list.OnSelected = func(i widget.ListItemID) {
		d.selected = i
		d.edit(d.depts[i])
	}
	d.name, d.contact, d.phone = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	d.phone.SetPlaceHolder(T("profile.phone_hint"))
	d.duty = widget.NewMultiLineEntry()
	d.duty.Wrapping = fyne.TextWrapWord
	d.duty.SetMinRowsVisible(5)
	d.origin = widget.NewLabel("")
	d.origin.Importance = widget.LowImportance
	d.origin.Wrapping = fyne.TextWrapWord
	d.message = widget.NewLabel("")
	d.message.Wrapping = fyne.TextWrapWord
	save := widget.NewButtonWithIcon(T("duty.save"), theme.DocumentSaveIcon(), d.onSave)
	save.Importance = widget.HighImportance
	add := widget.NewButtonWithIcon(T("duty.add_department"), theme.ContentAddIcon(), func() {
		d.list.UnselectAll()
		d.selected = -1
		d.edit(models.Department{})
		d.s.w.Win.Canvas().Focus(d.name)
	})
	form := widget.NewForm(
		widget.NewFormItem(T("duty.dept_name"), d.name),
		widget.NewFormItem(T("duty.dept_duty"), d.duty),
		widget.NewFormItem(T("duty.dept_contact"), d.contact),
		widget.NewFormItem(T("duty.dept_phone"), d.phone),
	)
	right := container.NewVBox(form, d.origin, d.message, container.NewHBox(save, layout.NewSpacer()))
	split := container.NewHSplit(container.NewBorder(nil, add, nil, nil, d.list), container.NewVScroll(container.NewPadded(right)))
	split.Offset = 0.28
	d.root = split
}

func (d *dutyDepartments) refresh() {
	depts, err := d.s.w.app.Duties.Departments(d.s.w.ctx)
	if err != nil {
		d.s.w.showError(err)
		return
	}
	d.depts = depts
	d.list.Refresh()
	if d.selected < 0 && d.editing.ID == 0 && len(depts) > 0 {
		d.list.Select(0)
	}
}

func (d *dutyDepartments) edit(dep models.Department) {
	d.editing = dep
	d.name.SetText(dep.Name)
	d.duty.SetText(dep.Duty)
	d.contact.SetText(dep.Contact)
	d.phone.SetText(dep.Phone)
	switch {
	case dep.ID == 0:
		d.origin.SetText(T("duty.dept_new"))
	case dep.SeedName != "" && dep.SeedName != dep.Name:
		d.origin.SetText(Tf("duty.dept_renamed", map[string]any{"Name": dep.SeedName, "Clause": dep.Clause}))
	case dep.Clause != "":
		d.origin.SetText(Tf("duty.dept_from", map[string]any{"Clause": dep.Clause}))
	default:
		d.origin.SetText("")
	}
	d.message.SetText("")
}

func (d *dutyDepartments) onSave() {
	dep := d.editing
	dep.Name, dep.Duty, dep.Contact, dep.Phone = d.name.Text, d.duty.Text, d.contact.Text, d.phone.Text
	var saved models.Department
	d.s.w.trySave(func() (err error) {
		saved, err = d.s.w.app.Duties.SaveDepartment(d.s.w.ctx, dep)
		return err
	}, func() { d.afterSave(saved) }, func() { d.afterSave(dep); d.message.SetText("") }, func(err error) {
		d.message.Importance = widget.DangerImportance
		d.message.SetText(T("duty.not_saved_because") + "\n" + userMessage(err))
	})
}

// afterSave reads the departments again and opens dep as it is now.
func (d *dutyDepartments) afterSave(saved models.Department) {
	d.s.refresh()
	for i, x := range d.depts {
		if x.ID == saved.ID {
			d.list.Select(i) // no callback when it already was selected, hence the edit below
			d.selected = i
			d.edit(x)
		}
	}
	d.message.Importance = widget.SuccessImportance
	d.message.SetText(T("duty.saved"))
}
