package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/app/duty"
	"shequ/models"
)

// onAddReport asks for a progress report: date, department, text and evidence files. The
// dialog stays open when something is wrong, so nothing typed is lost.
func (p *dutyTaskPage) onAddReport() {
	win := p.s.w.Win
	date := widget.NewEntry()
	date.SetText(models.FormatDate(p.s.today()))
	dept := newSelect(nil, nil)
	for _, d := range p.depts {
		dept.Options = append(dept.Options, d.Name)
		if d.ID == p.task.Task.LeadID {
			dept.Selected = d.Name
		}
	}
	text := widget.NewMultiLineEntry()
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(5)
	text.SetPlaceHolder(T("duty.report_text_hint"))
	var files []duty.EvidenceUpload
	fileList := widget.NewLabel(T("duty.no_files"))
	fileList.Wrapping = fyne.TextWrapWord
	showFiles := func() {
		if len(files) == 0 {
			fileList.SetText(T("duty.no_files"))
			return
		}
		s := ""
		for i, f := range files {
			s += fmt.Sprintf("%d. %s（%s）\n", i+1, f.Name, models.FormatBytes(int64(len(f.Data))))
		}
		fileList.SetText(s)
	}
	attach := widget.NewButtonWithIcon(T("duty.attach"), theme.ContentAddIcon(), func() {
		chooseFile(win, func(err error) { showErrorDialog(win, err) }, func(name string, data []byte) {
			files = append(files, duty.EvidenceUpload{Name: name, Data: data})
			showFiles()
		})
	})
	message := widget.NewLabel("")
	message.Wrapping = fyne.TextWrapWord
	message.Importance = widget.DangerImportance
	form := widget.NewForm(
		widget.NewFormItem(T("duty.report_date"), date),
		widget.NewFormItem(T("duty.report_dept"), dept),
		widget.NewFormItem(T("duty.report_text"), text),
		widget.NewFormItem(T("duty.evidence"), container.NewVBox(fileList, container.NewHBox(attach))),
	)
	var dlg *dialog.CustomDialog
	save := widget.NewButtonWithIcon(T("duty.save"), theme.DocumentSaveIcon(), func() {
		r := models.ProgressReport{TaskID: p.task.Task.ID, Text: text.Text}
		if i := dept.SelectedIndex(); i >= 0 && i < len(p.depts) {
			r.DepartmentID = p.depts[i].ID
		}
		var err error
		if r.ReportedOn, err = models.ParseDate(date.Text); err != nil {
			message.SetText(T("duty.not_saved_because") + "\n· " + T("duty.report_date") + "：" + userMessage(err))
			return
		}
		if _, err := p.s.w.app.Duties.AddReport(p.s.w.ctx, r, files, p.s.today()); err != nil {
			message.SetText(T("duty.not_saved_because") + "\n" + userMessage(err))
			return
		}
		dlg.Hide()
		if err := p.show(p.task.Task.ID); err != nil {
			p.s.w.showError(err)
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(T("dialog.cancel"), func() { dlg.Hide() })
	dlg = dialog.NewCustomWithoutButtons(T("duty.add_report"), container.NewVBox(form, message), win)
	dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	dlg.Resize(fyne.NewSize(640, 0))
	dlg.Show()
}

// onOpenEvidence copies an evidence file out of the database into a temporary folder and
// opens it with the program Windows associates with it; the stored copy is never touched.
func (p *dutyTaskPage) onOpenEvidence(id int64) {
	f, data, err := p.s.w.app.Duties.Evidence(p.s.w.ctx, id)
	if err != nil {
		p.s.w.showError(err)
		return
	}
	path, err := openStoredCopy("shequ-证明材料/部门职责", id, f.Name, data)
	if path != "" {
		p.lastOpened = path
	}
	if err != nil {
		p.s.w.showError(err)
	}
}
