package ui

import (
	"errors"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
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

// latest keeps a screen showing the newest of overlapping reads: a filter changed twice shows the
// second filter's rows even when the first read answers last.
type latest struct{ seq int }

// stop drops the answer of a read still running.
func (l *latest) stop() { l.seq++ }

// readLatest runs read off the UI goroutine, then on it shows what it read (or w shows its error),
// unless a newer read started or stop was called meanwhile.
func readLatest[T any](l *latest, w *MainWindow, read func() (T, error), show func(T)) {
	l.seq++
	seq := l.seq
	runAsync(func() {
		v, err := read()
		fyne.Do(func() {
			switch {
			case seq != l.seq:
			case err != nil:
				w.showError(err)
			default:
				show(v)
			}
		})
	})
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

// saveAs asks where to save a file named name, writes it with write off the UI goroutine, and
// says where it went (or what went wrong). A caller that has more to say passes told, which
// gives the title and message of the saved file at path once write has returned.
func (w *MainWindow) saveAs(name string, write func(fyne.URIWriteCloser) error, told ...func(path string) (title, message string)) {
	showSaveDialog(w.Win, name, func(wr fyne.URIWriteCloser, err error) {
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
	})
}

// nativeFiles is the system's own open and save dialogs — on Windows the Explorer dialogs clerks
// know, with their network drives and recent folders (dialogs_windows.go) — or nil where shequ
// uses Fyne's. Each call blocks until the clerk has chosen and returns the chosen path, or
// errDialogCancelled. The tests put a fake here.
type nativeFiles interface {
	save(name string, exts []string) (string, error)
	open(exts []string) (string, error)
}

var native nativeFiles

var errDialogCancelled = errors.New("已取消")

// showSaveDialog asks where to save a file named name and hands over the file, created and open
// for writing (nil when the clerk cancels), like Fyne's save dialog does.
func showSaveDialog(win fyne.Window, name string, done func(fyne.URIWriteCloser, error)) {
	if native == nil {
		fyneSaveDialog(win, name, done)
		return
	}
	var exts []string
	if ext := filepath.Ext(name); ext != "" {
		exts = []string{ext}
	}
	runAsync(func() {
		path, err := native.save(name, exts)
		fyne.Do(func() {
			switch {
			case errors.Is(err, errDialogCancelled):
				done(nil, nil)
			case err != nil: // the system dialog could not be shown: Fyne's always can
				fyneSaveDialog(win, name, done)
			default:
				if len(exts) > 0 && !strings.EqualFold(filepath.Ext(path), exts[0]) {
					path += exts[0]
				}
				done(storage.Writer(storage.NewFileURI(path)))
			}
		})
	})
}

// showOpenDialog asks for a file to open, one of exts (e.g. ".xlsx"; none: any file), and
// hands it over open for reading (nil when the clerk cancels).
func showOpenDialog(win fyne.Window, exts []string, done func(fyne.URIReadCloser, error)) {
	if native == nil {
		fyneOpenDialog(win, exts, done)
		return
	}
	runAsync(func() {
		path, err := native.open(exts)
		fyne.Do(func() {
			switch {
			case errors.Is(err, errDialogCancelled):
				done(nil, nil)
			case err != nil:
				fyneOpenDialog(win, exts, done)
			default:
				done(storage.Reader(storage.NewFileURI(path)))
			}
		})
	})
}

func fyneSaveDialog(win fyne.Window, name string, done func(fyne.URIWriteCloser, error)) {
	d := dialog.NewFileSave(done, win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
	localizeFileDialog(win)
	localizeOverwritePrompt(win)
}

func fyneOpenDialog(win fyne.Window, exts []string, done func(fyne.URIReadCloser, error)) {
	d := dialog.NewFileOpen(done, win)
	if len(exts) > 0 {
		// Fyne matches extensions case-sensitively: offer both cases.
		var all []string
		for _, e := range exts {
			all = append(all, strings.ToLower(e), strings.ToUpper(e))
		}
		d.SetFilter(storage.NewExtensionFileFilter(all))
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
	localizeFileDialog(win)
}
