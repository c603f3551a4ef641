package backup

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"shequ/app/auth"
	"shequ/app/filelock"
	"shequ/app/store"
)

// ErrLocked means another shequ window has the database open.
var ErrLocked = errors.New("数据库正被另一个 shequ 窗口使用")

// Lock is the one-writer lock of a database: a lock file beside it, held by the GUI for as long as
// it runs. The operating system releases it when the process ends, even after a crash.
type Lock struct {
	f    *os.File
	path string
}

// AcquireLock takes the lock of the database at dbPath without waiting. When another process holds
// it, the error names who (user, computer, process) and since when.
func AcquireLock(dbPath string) (*Lock, error) {
	if store.IsPostgres(dbPath) { // shared mode: no file, and many desks is the point
		return nil, nil
	}
	path := dbPath + ".lock"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("无法创建锁文件 %s：%w", path, err)
	}
	if err := filelock.Lock(f); err != nil {
		holder := make([]byte, 512)
		n, _ := f.ReadAt(holder, 0)
		_ = f.Close()
		return nil, fmt.Errorf("%w（%s）。请先关闭那个窗口，或用 --db 打开另一个数据库。", ErrLocked, describeHolder(string(holder[:n])))
	}
	host, _ := os.Hostname()
	info := fmt.Sprintf("%d\n%s\n%s\n%s\n", os.Getpid(), auth.OSUser(), host, time.Now().Format("2006-01-02 15:04"))
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(info), 0)
		_ = f.Sync()
	}
	return &Lock{f: f, path: path}, nil
}

func describeHolder(s string) string {
	parts := strings.Split(strings.TrimSpace(s), "\n")
	if len(parts) < 4 {
		return "使用者未知"
	}
	return fmt.Sprintf("%s 在 %s 上，进程 %s，自 %s 起", parts[1], parts[2], parts[0], parts[3])
}

// Release gives the lock up.
func (l *Lock) Release() {
	if l == nil || l.f == nil {
		return
	}
	_ = filelock.Unlock(l.f)
	_ = l.f.Close()
	_ = os.Remove(l.path)
	l.f = nil
}
