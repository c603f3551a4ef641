package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/app/report"
)

// leadershipForm is 设置 › 领导机制: the 城乡社区治理工作领导小组 the report's chapter 领导机制
// (意见 四（一）) shows.
type leadershipForm struct {
	w                                                   *MainWindow
	group, leader, deputies, office, members, mechanism *widget.Entry
	dlg                                                 dialog.Dialog
	read                                                report.Leadership // as the form was opened with, against which the save is checked
}

// newLeadershipBox is the 设置 row: a heading, what it is for, and the button that opens the form.
func newLeadershipBox(w *MainWindow) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(T("leadership.heading"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(T("leadership.hint"))
	hint.Wrapping = fyne.TextWrapWord
	btn := widget.NewButtonWithIcon(T("leadership.edit"), theme.DocumentCreateIcon(), func() { openLeadershipForm(w) })
	return container.NewVBox(title, hint, container.NewHBox(btn))
}

func openLeadershipForm(w *MainWindow) *leadershipForm {
	l, err := w.app.Reports.Leadership(w.ctx)
	if err != nil {
		w.showError(err)
		return nil
	}
	f := &leadershipForm{w: w, read: l}
	entry := func(v, placeholder string, multi bool) *widget.Entry {
		e := widget.NewEntry()
		if multi {
			e = widget.NewMultiLineEntry()
			e.SetMinRowsVisible(3)
			e.Wrapping = fyne.TextWrapWord
		}
		e.SetPlaceHolder(placeholder)
		e.SetText(v)
		return e
	}
	f.group = entry(l.Group, T("leadership.group_hint"), false)
	f.leader = entry(l.Leader, T("leadership.leader_hint"), false)
	f.deputies = entry(l.Deputies, T("leadership.deputies_hint"), true)
	f.office = entry(l.Office, T("leadership.office_hint"), false)
	f.members = entry(l.Members, T("leadership.members_hint"), true)
	f.mechanism = entry(l.Mechanism, T("leadership.mechanism_hint"), true)
	items := []*widget.FormItem{
		widget.NewFormItem(T("leadership.group"), f.group),
		widget.NewFormItem(T("leadership.leader"), f.leader),
		widget.NewFormItem(T("leadership.deputies"), f.deputies),
		widget.NewFormItem(T("leadership.office"), f.office),
		widget.NewFormItem(T("leadership.members"), f.members),
		widget.NewFormItem(T("leadership.mechanism"), f.mechanism),
	}
	d := dialog.NewForm(T("leadership.heading"), T("leadership.save"), T("leadership.cancel"), items, func(ok bool) {
		if ok {
			f.save()
		}
	}, w.Win)
	d.Resize(fyne.NewSize(720, 600))
	f.dlg = d
	d.Show()
	return f
}

func (f *leadershipForm) values() report.Leadership {
	return report.Leadership{Group: f.group.Text, Leader: f.leader.Text, Deputies: f.deputies.Text, Office: f.office.Text,
		Members: f.members.Text, Mechanism: f.mechanism.Text}
}

// save stores the form's values; a 领导机制 changed at another desk since the form was opened is
// put to the clerk, and 重新载入 opens the form again on what is stored now.
func (f *leadershipForm) save() {
	values := f.values()
	f.w.trySave(func() error { return f.w.app.Reports.SaveLeadership(f.w.ctx, f.read, values) }, func() {
		dialog.ShowInformation(T("leadership.heading"), T("leadership.saved"), f.w.Win)
	}, func() { openLeadershipForm(f.w) }, f.w.showError)
}
