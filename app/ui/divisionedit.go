package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shequ/app/division"
	"shequ/models"
)

// dateEntry is an entry for a day, prefilled with today.
func dateEntry() *widget.Entry {
	e := widget.NewEntry()
	e.SetText(models.FormatDate(time.Now()))
	e.Validator = func(s string) error {
		_, err := models.ParseDate(s)
		return err
	}
	return e
}

func (d *divisionDetail) formDialog(title string, items []*widget.FormItem, onOK func() error) {
	win := d.s.w.Win
	dlg := dialog.NewForm(title, T("dialog.confirm"), T("dialog.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		if err := onOK(); err != nil {
			showErrorDialog(win, err)
		}
	}, win)
	dlg.Resize(fyne.NewSize(560, 0))
	dlg.Show()
}

func (d *divisionDetail) onAddChild() {
	ctx, svc := d.s.w.ctx, d.s.w.app.Divisions
	parent, err := svc.Get(ctx, d.code)
	if err != nil {
		d.s.w.showError(err)
		return
	}
	code, name, note, date := widget.NewEntry(), widget.NewEntry(), widget.NewMultiLineEntry(), dateEntry()
	code.SetText(models.Code(parent.Code).Prefix(parent.Level))
	code.SetPlaceHolder(T("div.code_hint"))
	items := []*widget.FormItem{
		widget.NewFormItem(T("div.parent"), widget.NewLabel(parent.Name)),
		widget.NewFormItem(T("div.level"), widget.NewLabel(parent.Level.Child().Label())),
		widget.NewFormItem(T("div.code"), code),
		widget.NewFormItem(T("div.name"), name),
		widget.NewFormItem(T("div.effective_on"), date),
		widget.NewFormItem(T("div.note"), note),
	}
	d.formDialog(T("div.add_child"), items, func() error {
		on, err := models.ParseDate(date.Text)
		if err != nil {
			return err
		}
		created, err := svc.Create(ctx, division.NewDivision{ParentCode: parent.Code, Code: code.Text, Name: name.Text,
			EffectiveOn: on, Note: note.Text})
		if err != nil {
			return err
		}
		d.s.reload(created.Code)
		return nil
	})
}

func (d *divisionDetail) onRename() {
	ctx, svc := d.s.w.ctx, d.s.w.app.Divisions
	div, err := svc.Get(ctx, d.code)
	if err != nil {
		d.s.w.showError(err)
		return
	}
	name, note, date := widget.NewEntry(), widget.NewMultiLineEntry(), dateEntry()
	name.SetText(div.Name)
	note.SetPlaceHolder(T("div.rename_note_hint"))
	items := []*widget.FormItem{
		widget.NewFormItem(T("div.old_name"), widget.NewLabel(div.Name)),
		widget.NewFormItem(T("div.new_name"), name),
		widget.NewFormItem(T("div.effective_on"), date),
		widget.NewFormItem(T("div.note"), note),
	}
	d.formDialog(T("div.rename"), items, func() error {
		on, err := models.ParseDate(date.Text)
		if err != nil {
			return err
		}
		if err := svc.Rename(ctx, div.Code, name.Text, on, note.Text); err != nil {
			return err
		}
		d.s.reload(div.Code)
		return nil
	})
}

func (d *divisionDetail) onRetire() {
	ctx, svc := d.s.w.ctx, d.s.w.app.Divisions
	div, err := svc.Get(ctx, d.code)
	if err != nil {
		d.s.w.showError(err)
		return
	}
	successor, note, date := widget.NewEntry(), widget.NewMultiLineEntry(), dateEntry()
	successor.SetPlaceHolder(T("div.successor_hint"))
	succName := widget.NewLabel("")
	successor.OnChanged = func(s string) {
		succName.SetText("")
		if sd, err := svc.Get(ctx, strings.TrimSpace(s)); err == nil {
			succName.SetText(sd.Name)
		}
	}
	items := []*widget.FormItem{
		widget.NewFormItem(T("div.name"), widget.NewLabel(div.Name)),
		widget.NewFormItem(T("div.successor"), successor),
		widget.NewFormItem("", succName),
		widget.NewFormItem(T("div.effective_on"), date),
		widget.NewFormItem(T("div.note"), note),
	}
	d.formDialog(T("div.retire"), items, func() error {
		on, err := models.ParseDate(date.Text)
		if err != nil {
			return err
		}
		if err := svc.Retire(ctx, div.Code, successor.Text, on, note.Text); err != nil {
			return err
		}
		d.s.showRetired.SetChecked(true)
		d.s.reload(div.Code)
		return nil
	})
}

func (d *divisionDetail) onHistory() {
	hist, err := d.s.w.app.Divisions.History(d.s.w.ctx, d.code)
	if err != nil {
		d.s.w.showError(err)
		return
	}
	var b strings.Builder
	if len(hist) == 0 {
		b.WriteString(T("div.no_history"))
	}
	for _, h := range hist {
		b.WriteString(models.FormatDateCN(h.EffectiveOn) + "  " + string(h.Event) + "  ")
		switch h.Event {
		case models.EventRenamed:
			b.WriteString(h.OldName + " → " + h.NewName)
		case models.EventCreated:
			b.WriteString(h.NewName + "（" + h.Code + "）")
		default:
			b.WriteString(h.OldName + "（" + h.Code + "）")
			if h.SuccessorCode != "" {
				b.WriteString(" → " + h.SuccessorCode)
			}
		}
		if h.Note != "" {
			b.WriteString("；" + h.Note)
		}
		b.WriteString("\n    " + Tf("div.recorded_by", map[string]any{"By": h.RecordedBy, "At": h.RecordedAt.Local().Format("2006-01-02 15:04")}) + "\n")
	}
	l := widget.NewLabel(b.String())
	l.Wrapping = fyne.TextWrapWord
	dlg := dialogCustom(T("div.history"), l, d.s.w.Win)
	dlg.Resize(fyne.NewSize(640, 0))
	dlg.Show()
}
