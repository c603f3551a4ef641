package app

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"shequ/app/filelock"
)

// Stored files (meeting attachments, evidence) are opened by copying them out of the database into
// the temp folder and handing the copy to the system's program. Each running shequ keeps its
// copies in a folder of its own, <temp>/shequ-打开的文件/<session>, holding a lock file there
// while it runs; the folder is removed when the program ends, and folders whose lock nobody holds
// (a program that crashed) are removed at the next start. Only documents and images are copied
// out for opening: anything else (纪要.exe, a script, a shortcut) could run code, so it can only
// be saved with 另存为.

const openedRoot = "shequ-打开的文件"

// legacyOpenedFolders are where older versions left their copies, never cleaned up.
var legacyOpenedFolders = []string{"shequ-会议附件", "shequ-证明材料"}

// openableExt are the document and image types handed to the system's program.
var openableExt = map[string]bool{
	".pdf": true, ".ofd": true, ".txt": true, ".csv": true, ".rtf": true,
	".doc": true, ".docx": true, ".wps": true, ".odt": true,
	".xls": true, ".xlsx": true, ".et": true, ".ods": true,
	".ppt": true, ".pptx": true, ".dps": true, ".odp": true,
	".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".bmp": true, ".tif": true, ".tiff": true, ".webp": true,
}

// ErrSaveOnly means a stored file is not a document or an image, so it is not opened directly.
var ErrSaveOnly = errors.New("不直接打开")

// CanOpenDirectly reports whether a stored file of this name may be handed to the system's
// program: documents and images only.
func CanOpenDirectly(name string) bool {
	return openableExt[strings.ToLower(filepath.Ext(name))]
}

// OpenedFiles is one running program's folder of opened copies.
type OpenedFiles struct {
	mu   sync.Mutex
	temp string
	dir  string
	lock *os.File
}

// NewOpenedFiles prepares the copies folder under tempDir ("" for the system's temp folder); the
// folder itself is made at the first copy.
func NewOpenedFiles(tempDir string) *OpenedFiles {
	if tempDir == "" {
		tempDir = os.TempDir()
	}
	return &OpenedFiles{temp: tempDir}
}

// Copy writes a stored file to this program's folder as <folder>/<id>/<name> and returns the
// copy's path. A file that is not a document or an image is refused with ErrSaveOnly.
func (o *OpenedFiles) Copy(folder string, id int64, name string, data []byte) (string, error) {
	base := filepath.Base(filepath.Clean("/" + filepath.ToSlash(name)))
	if !CanOpenDirectly(base) {
		return "", fmt.Errorf("%w：“%s”不是文档或图片，为安全起见不直接打开；如需查看，请用“另存为”保存到文件夹后自行处理", ErrSaveOnly, base)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if err := o.start(); err != nil {
		return "", fmt.Errorf("无法取出文件“%s”：%w", base, err)
	}
	dir := filepath.Join(o.dir, folder, strconv.FormatInt(id, 10))
	path := filepath.Join(dir, base)
	err := os.MkdirAll(dir, 0o755)
	if err == nil {
		err = os.WriteFile(path, data, 0o644)
	}
	if err != nil {
		return "", fmt.Errorf("无法取出文件“%s”：%w", base, err)
	}
	return path, nil
}

// start makes this program's folder and takes its lock.
func (o *OpenedFiles) start() error {
	if o.dir != "" {
		return nil
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	dir := filepath.Join(o.temp, openedRoot, fmt.Sprintf("%d-%s", os.Getpid(), hex.EncodeToString(b[:])))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	if err := filelock.Lock(f); err != nil {
		_ = f.Close()
		return err
	}
	o.dir, o.lock = dir, f
	return nil
}

// Close removes this program's copies (those still open in another program may stay until the
// next start).
func (o *OpenedFiles) Close() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.dir == "" {
		return
	}
	_ = filelock.Unlock(o.lock)
	_ = o.lock.Close()
	_ = os.RemoveAll(o.dir)
	o.dir, o.lock = "", nil
}

// abandon drops the lock without removing the folder, as a crash would (for tests).
func (o *OpenedFiles) abandon() {
	o.mu.Lock()
	defer o.mu.Unlock()
	_ = filelock.Unlock(o.lock)
	_ = o.lock.Close()
	o.dir, o.lock = "", nil
}

// CleanStale removes the copies of programs no longer running and the folders older versions
// left, and returns how many folders it removed.
func (o *OpenedFiles) CleanStale() int {
	n := 0
	for _, name := range legacyOpenedFolders {
		p := filepath.Join(o.temp, name)
		if _, err := os.Stat(p); err == nil && os.RemoveAll(p) == nil {
			n++
		}
	}
	root := filepath.Join(o.temp, openedRoot)
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		dir := filepath.Join(root, e.Name())
		if !e.IsDir() || dir == o.dir {
			continue
		}
		f, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			continue
		}
		if filelock.Lock(f) != nil { // its program is still running
			_ = f.Close()
			continue
		}
		_ = filelock.Unlock(f)
		_ = f.Close()
		if os.RemoveAll(dir) == nil {
			n++
		}
	}
	return n
}
