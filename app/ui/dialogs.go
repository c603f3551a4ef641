package ui

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// userMessage turns an error into the Chinese sentence a clerk reads: validation errors list
// every field, other errors keep their wrapped text.
func userMessage(err error) string {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		lines := make([]string, len(ve.Fields))
		for i, f := range ve.Fields {
			lines[i] = "· " + f.Field + "：" + f.Message
		}
		return strings.Join(lines, "\n")
	}
	return err.Error()
}

func showErrorDialog(win fyne.Window, err error) {
	msg := widget.NewLabel(userMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(T("dialog.error"), T("dialog.ok"), msg, win)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

func dialogCustom(title string, content fyne.CanvasObject, win fyne.Window) dialog.Dialog {
	return dialog.NewCustom(title, T("dialog.close"), content, win)
}
