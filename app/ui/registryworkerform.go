package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// idDerived says what a 身份证号 tells: the birth date and gender, or why it is not valid.
func idDerived(id string) (string, bool) {
	id = models.NormalizeIDNumber(id)
	if id == "" {
		return T("registry.id_hint"), true
	}
	info, err := models.ParseIDNumber(id)
	if err != nil {
		return strings.TrimPrefix(err.Error(), models.ErrInvalid.Error()+"："), false
	}
	return Tf("registry.id_derived", map[string]any{"Birth": models.FormatDateCN(info.Birth), "Gender": info.Gender}), true
}

// openForm edits w (ID 0 for a new worker); the 身份证号 shows the birth date and gender it encodes
// as it is typed, and saving lists every problem at once.
func (t *regWorkersTab) openForm(w models.SocialWorker) {
	name, id, phone, certNo, certDate := widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	employerName, onPost, offPost := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	unknown := T("registry.gender_from_id")
	gender := newSelect([]string{unknown, "男", "女"}, nil)
	qual := newSelect(models.Qualifications, nil)
	kind := newSelect(models.EmployerKinds, nil)
	post := widget.NewSelectEntry(models.WorkerPosts)
	status := newSelect(models.WorkerStatuses, nil)
	derived := idDerivedLabel(id, w.IDNumber)
	name.SetText(w.Name)
	phone.SetText(w.Phone)
	certNo.SetText(w.CertNo)
	certDate.SetText(models.FormatDate(w.CertDate))
	onPost.SetText(models.FormatDate(w.OnPostFrom))
	offPost.SetText(models.FormatDate(w.OffPostOn))
	for _, e := range []*widget.Entry{certDate, onPost, offPost} {
		e.SetPlaceHolder(T("registry.date_hint"))
	}
	employerName.SetText(w.EmployerName)
	employerName.SetPlaceHolder(T("registry.employer_hint"))
	gender.Selected = unknown
	if w.Gender != "" {
		gender.Selected = w.Gender
	}
	qual.Selected, kind.Selected, status.Selected = w.Qualification, w.EmployerKind, w.Status
	post.SetText(w.Post)
	org, employer := t.employerPicker(w, kind, employerName)
	place := newPickList(true, t.s.findDivisions(false))
	if w.DivisionCode != "" {
		place.set([]pickItem{t.s.divItem(w.DivisionCode)})
	}
	left := widget.NewForm(
		widget.NewFormItem(T("registry.col_name"), name), widget.NewFormItem(T("registry.col_id_number"), id),
		widget.NewFormItem("", derived), widget.NewFormItem(T("registry.col_gender"), gender),
		widget.NewFormItem(T("registry.col_phone"), phone), widget.NewFormItem(T("registry.col_qual"), qual),
		widget.NewFormItem(T("registry.col_cert_no"), certNo), widget.NewFormItem(T("registry.f_cert_date"), certDate))
	right := widget.NewForm(
		widget.NewFormItem(T("registry.f_employer_kind"), kind), widget.NewFormItem(T("registry.col_employer"), employer),
		widget.NewFormItem(T("registry.col_post"), post), widget.NewFormItem(T("registry.col_served_div"), place.root),
		widget.NewFormItem(T("registry.col_status"), status), widget.NewFormItem(T("registry.col_on_post"), onPost),
		widget.NewFormItem(T("registry.col_off_post"), offPost))
	title := T("registry.worker_new")
	if w.ID != 0 {
		title = T("registry.worker_edit") + "：" + w.Name
	}
	t.s.formDialog(title, container.NewGridWithColumns(2, left, right), fyne.NewSize(1100, 600), func() error {
		var v models.ValidationError
		n := w
		n.Name, n.IDNumber, n.Phone = name.Text, id.Text, strings.TrimSpace(phone.Text)
		n.Gender, n.Birth = "", time.Time{} // both come from the 身份证号 unless a gender is chosen
		if gender.Selected != unknown {
			n.Gender = gender.Selected
		}
		n.Qualification, n.CertNo = qual.Selected, strings.TrimSpace(certNo.Text)
		n.CertDate = optDate(&v, T("registry.f_cert_date"), certDate.Text)
		n.EmployerKind, n.EmployerName, n.EmployerOrgID = kind.Selected, strings.TrimSpace(employerName.Text), 0
		if kind.Selected == "社会组织" {
			n.EmployerName = ""
			if ids := org.ids(); len(ids) == 1 {
				n.EmployerOrgID = ids[0]
			}
		}
		n.Post, n.Status, n.DivisionCode = strings.TrimSpace(post.Text), status.Selected, place.code()
		n.OnPostFrom = optDate(&v, T("registry.col_on_post"), onPost.Text)
		n.OffPostOn = optDate(&v, T("registry.col_off_post"), offPost.Text)
		if err := n.Validate(); err != nil {
			addErr(&v, "", err)
		}
		if err := v.Err(); err != nil {
			return err
		}
		if _, err := t.s.w.app.Registry.SaveWorker(t.s.w.ctx, n); err != nil {
			return err
		}
		t.s.loadTownships()
		t.reload()
		return nil
	})
}

// idDerivedLabel shows under the 身份证号 what it says (birth date, gender) or what is wrong with it,
// as it is typed; id starts with number.
func idDerivedLabel(id *widget.Entry, number string) *widget.Label {
	derived := widget.NewLabel("")
	derived.Wrapping = fyne.TextWrapWord
	id.OnChanged = func(s string) {
		text, ok := idDerived(s)
		derived.SetText(text)
		derived.Importance = widget.MediumImportance
		if !ok {
			derived.Importance = widget.DangerImportance
		}
		derived.Refresh()
	}
	id.SetText(number)
	id.OnChanged(number)
	return derived
}

// employerPicker is the 用人单位 field: a social organisation picked from the registry when the
// employer kind is 社会组织, a typed name otherwise.
func (t *regWorkersTab) employerPicker(w models.SocialWorker, kind *widget.Select, employerName *widget.Entry) (*pickList, fyne.CanvasObject) {
	org := newPickList(true, t.s.findOrgs)
	if w.EmployerOrgID != 0 {
		org.set(t.s.orgItems([]int64{w.EmployerOrgID}))
	}
	showEmployer := func(k string) {
		if k == "社会组织" {
			org.root.Show()
			employerName.Hide()
		} else {
			org.root.Hide()
			employerName.Show()
		}
	}
	kind.OnChanged = showEmployer
	showEmployer(w.EmployerKind)
	return org, container.NewStack(org.root, employerName)
}
