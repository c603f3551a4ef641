package backup

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"shequ/app/filelock"
)

// The use lock keeps a restore apart from everything else that works on the database, in any
// process: every open App holds a shared lock on <db>.inuse for as long as it is open, and a
// restore holds it exclusively. A restore therefore waits until running imports and commands
// have finished (or refuses after a while), and an App opened during a restore waits until the
// restored database is in place. The file is never removed: a new file under the same name
// would be a second, separate lock.

// ErrInUse means other programs kept the database in use for longer than a restore waits.
var ErrInUse = errors.New("数据库正在使用中")

// How long an App waits for a running restore, and a restore for running work, before giving up.
var (
	openWaitsForRestore = 2 * time.Minute
	RestoreWaitsForWork = 30 * time.Second
)

type useLock struct {
	f         *os.File
	exclusive bool
}

func useLockPath(dbPath string) string { return dbPath + ".inuse" }

// acquireUse takes the use lock of the database at dbPath, shared or exclusive, waiting up to
// wait while others hold it in the other mode.
func acquireUse(ctx context.Context, dbPath string, exclusive bool, wait time.Duration) (*useLock, error) {
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o755); err != nil {
		return nil, fmt.Errorf("无法创建数据库目录 %s：%w", filepath.Dir(dbPath), err)
	}
	f, err := os.OpenFile(useLockPath(dbPath), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil { // a lock file another user made read-only still locks
		f, err = os.Open(useLockPath(dbPath))
	}
	if err != nil {
		return nil, fmt.Errorf("无法建立锁文件 %s：%w", useLockPath(dbPath), err)
	}
	deadline := time.Now().Add(wait)
	for {
		if exclusive {
			err = filelock.Lock(f)
		} else {
			err = filelock.LockShared(f)
		}
		if err == nil {
			return &useLock{f: f, exclusive: exclusive}, nil
		}
		if time.Now().After(deadline) || ctx.Err() != nil {
			_ = f.Close()
			if exclusive {
				return nil, fmt.Errorf("%w：还有其他程序（导入、命令行或另一个窗口）在使用 %s，等了 %s 仍未结束，未恢复；请等它们结束后再恢复",
					ErrInUse, dbPath, wait)
			}
			return nil, fmt.Errorf("%w：%s 正在恢复，等了 %s 仍未完成，请稍后再试", ErrInUse, dbPath, wait)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// release gives the lock up; a nil lock is fine.
func (l *useLock) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = filelock.Unlock(l.f)
	_ = l.f.Close()
	l.f = nil
}

// Use is an App's hold on the use lock of its database: shared while the App is open, traded
// for the exclusive lock while a restore replaces the file.
type Use struct {
	path string
	l    *useLock
}

// AcquireUse takes the shared use lock of the database at dbPath, waiting for a running restore.
func AcquireUse(ctx context.Context, dbPath string) (*Use, error) {
	l, err := acquireUse(ctx, dbPath, false, openWaitsForRestore)
	if err != nil {
		return nil, err
	}
	return &Use{path: dbPath, l: l}, nil
}

// NewUse is a hold on the use lock of dbPath that holds nothing yet: for an App made over a store
// opened without the lock (tests, tools); a restore still takes the exclusive lock.
func NewUse(dbPath string) *Use { return &Use{path: dbPath} }

// Release gives the lock up; a nil Use is fine.
func (u *Use) Release() {
	if u != nil {
		u.l.release()
		u.l = nil
	}
}

// Exclusive trades the shared use lock for the exclusive one, waiting for everything else using
// the database to finish; the returned function trades it back.
func (u *Use) Exclusive(ctx context.Context) (func(), error) {
	u.l.release()
	ex, err := acquireUse(ctx, u.path, true, RestoreWaitsForWork)
	if err != nil {
		u.l, _ = acquireUse(ctx, u.path, false, openWaitsForRestore)
		return nil, err
	}
	return func() {
		ex.release()
		u.l, _ = acquireUse(context.WithoutCancel(ctx), u.path, false, openWaitsForRestore)
	}, nil
}
