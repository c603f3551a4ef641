package ui

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"shequ/models"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// openStoredCopy writes a file read from the database to <temp>/<folder>/<id>/<name> and asks the
// system to open it; it returns the copy's path.
func openStoredCopy(folder string, id int64, name string, data []byte) (string, error) {
	dir := filepath.Join(os.TempDir(), folder, strconv.FormatInt(id, 10))
	path := filepath.Join(dir, filepath.Base(name))
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		err = os.WriteFile(path, data, 0o644)
	}
	if err != nil {
		return "", fmt.Errorf("无法取出文件“%s”：%w", name, err)
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

// chooseFile lets the clerk pick a file to attach and hands over its name and contents. It reads at
// most one byte past the attachment limit, so the service can refuse an oversized file by its size
// without the whole file in memory.
func chooseFile(win fyne.Window, fail func(error), use func(name string, data []byte)) {
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
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
	}, win)
	fd.Resize(fyne.NewSize(900, 600))
	fd.Show()
	localizeFileDialog(win)
}

// chooseSheet lets the clerk pick a spreadsheet (.xlsx, .xls or .csv) to import and hands over
// its path; the importer reads the file itself.
func chooseSheet(win fyne.Window, fail func(error), use func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			fail(err)
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		use(path)
	}, win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx", ".xls", ".csv", ".txt", ".XLSX", ".XLS", ".CSV", ".TXT"})) // .txt: Excel's "Unicode 文本"
	d.Show()
	localizeFileDialog(win)
}
