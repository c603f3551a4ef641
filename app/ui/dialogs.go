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
	err = clerkError(err)
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

// runAsync runs work off the UI goroutine; the UI tests make it synchronous, because Fyne's test
// driver runs fyne.Do at once on the calling goroutine.
var runAsync = func(work func()) { go work() }

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

// saveAs asks where to save a file named name, writes it with write off the UI goroutine, and
// says where it went (or what went wrong). A caller that has more to say passes told, which
// gives the title and message of the saved file at path once write has returned.
func (w *MainWindow) saveAs(name string, write func(fyne.URIWriteCloser) error, told ...func(path string) (title, message string)) {
	d := dialog.NewFileSave(func(wr fyne.URIWriteCloser, err error) {
		if err != nil || wr == nil {
			w.showError(err)
			return
		}
		runAsync(func() {
			err := write(wr)
			if cerr := wr.Close(); err == nil {
				err = cerr
			}
			fyne.Do(func() {
				if err != nil {
					w.showError(err)
					return
				}
				title, message := T("dialog.saved"), wr.URI().Path()
				if len(told) > 0 {
					title, message = told[0](message)
				}
				dialog.ShowInformation(title, message, w.Win)
			})
		})
	}, w.Win)
	d.SetFileName(name)
	d.Show()
	localizeFileDialog(w.Win)
}
