package ui

import (
	"errors"
	"runtime"
	"strings"

	"github.com/sqweek/dialog"
)

// On Windows the open and save dialogs are the system's own (GetOpenFileName/GetSaveFileName via
// github.com/sqweek/dialog, pure Go over the Win32 API). Their titles and buttons are Windows'
// own, in the language of the desk.
func init() { native = windowsFiles{} }

type windowsFiles struct{}

// fileKinds names the file types shequ opens and saves, as the filter list shows them.
var fileKinds = map[string]string{".xlsx": "Excel 工作簿", ".xls": "Excel 97-2003 工作簿", ".csv": "CSV 文本",
	".pdf": "PDF 文件", ".db": "shequ 数据库备份", ".docx": "Word 文档", ".png": "PNG 图片", ".jpg": "JPEG 图片"}

func builder(exts []string) *dialog.FileBuilder {
	b := dialog.File()
	if len(exts) > 0 {
		names := make([]string, len(exts))
		for i, e := range exts {
			names[i] = strings.TrimPrefix(strings.ToLower(e), ".")
		}
		desc := fileKinds[strings.ToLower(exts[0])]
		if len(exts) > 1 || desc == "" {
			desc = "表格文件"
			if len(exts) == 1 {
				desc = strings.ToUpper(names[0]) + " 文件"
			}
		}
		b = b.Filter(desc, names...)
	}
	return b.Filter("所有文件", "*")
}

func (windowsFiles) save(name string, exts []string) (string, error) {
	// The dialog runs its own message loop on this thread.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	path, err := builder(exts).SetStartFile(name).Save()
	if errors.Is(err, dialog.ErrCancelled) {
		return "", errDialogCancelled
	}
	return path, err
}

func (windowsFiles) open(exts []string) (string, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	path, err := builder(exts).Load()
	if errors.Is(err, dialog.ErrCancelled) {
		return "", errDialogCancelled
	}
	return path, err
}
