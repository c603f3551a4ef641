package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// A save that finds the record changed since the form read it (another desk, another window)
// is put to the clerk, naming who changed it and when: 重新载入 drops the clerk's edits and shows
// the record as it is now, 仍然保存 saves the clerk's values over the other change. Every form
// saves through trySave, so every form asks the same way.

// trySave runs save. Success goes to saved, any error but a conflict to failed; a conflict asks
// the clerk and then reloads (reload) or saves again over the other change (and on to saved or
// failed, or asks again when yet another change came in meanwhile).
func (w *MainWindow) trySave(save func() error, saved, reload func(), failed func(error)) {
	err := save()
	var c *models.EditConflict
	switch {
	case err == nil:
		saved()
	case errors.As(err, &c):
		w.askConflict(c, func() {
			w.trySave(func() error { return w.app.Overwrite(c, save) }, saved, reload, failed)
		}, reload)
	default:
		failed(err)
	}
}

// askConflict shows who changed the record and when, with 重新载入 and 仍然保存.
func (w *MainWindow) askConflict(c *models.EditConflict, overwrite, reload func()) {
	msg := widget.NewLabel(c.Error() + "\n" + T("conflict.choose"))
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	reloadBtn := widget.NewButton(T("conflict.reload"), func() { d.Hide(); reload() })
	overwriteBtn := widget.NewButton(T("conflict.overwrite"), func() { d.Hide(); overwrite() })
	overwriteBtn.Importance = widget.DangerImportance
	d = dialog.NewCustomWithoutButtons(T("conflict.title"), msg, w.Win)
	d.SetButtons([]fyne.CanvasObject{reloadBtn, overwriteBtn})
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}
