package ui

import (
	"fmt"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/app/duty"
	"shequ/models"
)

// fillEvidence lists one indicator's 证明材料 in its box of the assessment form, each file with
// 打开 and (while files may still change) 删除; the box is hidden while there are none.
func (f *assessmentForm) fillEvidence(code string) {
	box := f.evBoxes[code]
	if box == nil {
		return
	}
	box.Objects = nil
	for _, a := range f.evidence[code] {
		a := a
		open := widget.NewButtonWithIcon(T("checklist.ev_open"), theme.FileIcon(), func() { f.onOpenEvidence(a.ID) })
		open.Importance = widget.LowImportance
		line := container.NewHBox(widget.NewLabel(Tf("checklist.ev_line", map[string]any{"Name": a.Name, "Size": a.SizeText(),
			"By": a.CreatedBy})), open)
		if f.canAttach {
			del := widget.NewButtonWithIcon(T("checklist.ev_remove"), theme.DeleteIcon(), func() { f.onRemoveEvidence(code, a) })
			del.Importance = widget.LowImportance
			line.Add(del)
		}
		box.Add(line)
	}
	if len(box.Objects) == 0 {
		box.Hide()
	} else {
		box.Show()
	}
	box.Refresh()
}

// refreshEvidence rereads the files and redraws one indicator's list, leaving the values the
// clerk has typed and not yet saved as they are.
func (f *assessmentForm) refreshEvidence(code string) {
	ev, err := f.s.w.app.Checklist.Evidence(f.s.w.ctx, f.code, f.s.yearValue())
	if err != nil {
		f.s.w.showError(err)
		return
	}
	f.evidence = ev
	f.fillEvidence(code)
}

// attachButton is the 添加证明材料 button on an indicator's line.
func (f *assessmentForm) attachButton(code string) *widget.Button {
	add := widget.NewButtonWithIcon(T("checklist.ev_attach"), theme.ContentAddIcon(), func() { f.onAttach(code) })
	add.Importance = widget.LowImportance
	return add
}

// onAttach lets the clerk choose a file and attaches it to the indicator.
func (f *assessmentForm) onAttach(code string) {
	if !f.form.Exists {
		showErrorDialog(f.s.w.Win, fmt.Errorf("%w：%s", models.ErrInvalid, T("checklist.ev_save_first")))
		return
	}
	chooseFile(f.s.w.Win, func(err error) { showErrorDialog(f.s.w.Win, err) },
		func(name string, data []byte) { f.attach(code, name, data) })
}

// attach stores a chosen file and lists it under its indicator.
func (f *assessmentForm) attach(code, name string, data []byte) {
	if _, err := f.s.w.app.Checklist.AddEvidence(f.s.w.ctx, f.code, f.s.yearValue(), code,
		duty.EvidenceUpload{Name: name, Data: data}); err != nil {
		showErrorDialog(f.s.w.Win, err)
		return
	}
	f.refreshEvidence(code)
}

func (f *assessmentForm) onRemoveEvidence(code string, a models.Attachment) {
	dialog.ShowConfirm(T("checklist.ev_remove"), Tf("checklist.ev_remove_ask", map[string]any{"Name": a.Name}), func(ok bool) {
		if ok {
			f.removeEvidence(code, a.ID)
		}
	}, f.s.w.Win)
}

func (f *assessmentForm) removeEvidence(code string, id int64) {
	if err := f.s.w.app.Checklist.RemoveEvidence(f.s.w.ctx, id); err != nil {
		showErrorDialog(f.s.w.Win, err)
		return
	}
	f.refreshEvidence(code)
}

// onOpenEvidence copies an evidence file out of the database into a temporary folder and opens
// it with the program Windows associates with it; the stored copy is never touched.
func (f *assessmentForm) onOpenEvidence(id int64) {
	a, data, err := f.s.w.app.Checklist.EvidenceContent(f.s.w.ctx, id)
	if err != nil {
		f.s.w.showError(err)
		return
	}
	path, err := openStoredCopy("shequ-证明材料/标准化", id, a.Name, data)
	if path != "" {
		f.lastOpened = path
	}
	if err != nil {
		f.s.w.showError(err)
	}
}
