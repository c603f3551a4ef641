package ui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"

	"fyne.io/fyne/v2"
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
