package ui

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"shequ/app"
	"shequ/models"
)

var (
	openedOnce sync.Once
	opened     *app.OpenedFiles
)

// openedFiles is this program's folder of opened copies in the temp folder. The first use removes
// the copies earlier runs left behind and arranges for this run's to be removed when it stops.
func openedFiles() *app.OpenedFiles {
	openedOnce.Do(func() {
		opened = app.NewOpenedFiles("")
		opened.CleanStale()
		if a := fyne.CurrentApp(); a != nil {
			a.Lifecycle().SetOnStopped(opened.Close)
		}
	})
	return opened
}

// openStoredCopy writes a file read from the database to this run's folder in the temp folder
// (<folder>/<id>/<name>) and asks the system to open it; it returns the copy's path. Only
// documents and images are opened: for anything else (纪要.exe) the clerk is told why and offered
// 另存为, and the path is "".
func openStoredCopy(folder string, id int64, name string, data []byte) (string, error) {
	if !app.CanOpenDirectly(name) {
		offerSaveAs(name, data)
		return "", nil
	}
	path, err := openedFiles().Copy(strings.TrimPrefix(folder, "shequ-"), id, name, data)
	if err != nil {
		return "", err
	}
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = fyne.CurrentApp().OpenURL(u)
	}
	if err != nil {
		return path, fmt.Errorf("无法打开文件“%s”（已取出到 %s）：%w", name, path, err)
	}
	return path, nil
}

// offerSaveAs explains why a stored file is not opened and lets the clerk save it somewhere.
func offerSaveAs(name string, data []byte) {
	wins := fyne.CurrentApp().Driver().AllWindows()
	if len(wins) == 0 {
		return
	}
	win := wins[0]
	for _, w := range wins { // the window whose dialog asked to open the file
		if w.Canvas().Overlays().Top() != nil {
			win = w
			break
		}
	}
	base := filepath.Base(filepath.Clean("/" + filepath.ToSlash(name)))
	msg := widget.NewLabel(fmt.Sprintf("“%s”不是文档或图片，为安全起见不直接打开。\n如需查看，请用“另存为”保存到文件夹，确认来源可靠后再自行处理。", base))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("不直接打开", "另存为…", "取消", msg, func(ok bool) {
		if !ok {
			return
		}
		showSaveDialog(win, base, func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			_, werr := w.Write(data)
			if cerr := w.Close(); werr == nil {
				werr = cerr
			}
			if werr != nil {
				showErrorDialog(win, fmt.Errorf("无法保存“%s”：%w", base, werr))
			}
		})
	}, win)
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
}

// chooseFile lets the clerk pick a file to attach and hands over its name and contents. It reads at
// most one byte past the attachment limit, so the service can refuse an oversized file by its size
// without the whole file in memory.
func chooseFile(win fyne.Window, fail func(error), use func(name string, data []byte)) {
	showOpenDialog(win, nil, func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			fail(err)
			return
		}
		if rc == nil {
			return
		}
		defer rc.Close()
		data, err := io.ReadAll(io.LimitReader(rc, models.MaxAttachmentSize+1))
		if err != nil {
			fail(fmt.Errorf("无法读取“%s”：%w", rc.URI().Name(), err))
			return
		}
		use(rc.URI().Name(), data)
	})
}

// chooseSheet lets the clerk pick a spreadsheet (.xlsx, .xls or .csv) to import and hands over
// its path; the importer reads the file itself.
func chooseSheet(win fyne.Window, fail func(error), use func(path string)) {
	showOpenDialog(win, []string{".xlsx", ".xls", ".csv", ".txt"}, // .txt: Excel's "Unicode 文本"
		func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				fail(err)
				return
			}
			path := r.URI().Path()
			_ = r.Close()
			use(path)
		})
}
