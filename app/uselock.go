package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
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
	restoreWaitsForWork = 30 * time.Second
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
			err = lockFile(f)
		} else {
			err = lockFileShared(f)
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
	_ = unlockFile(l.f)
	_ = l.f.Close()
	l.f = nil
}

// exclusiveUse trades this App's shared use lock for the exclusive one, waiting for everything
// else using the database to finish; the returned function trades it back.
func (a *App) exclusiveUse(ctx context.Context) (func(), error) {
	a.use.release()
	ex, err := acquireUse(ctx, a.store.Path(), true, restoreWaitsForWork)
	if err != nil {
		a.use, _ = acquireUse(ctx, a.store.Path(), false, openWaitsForRestore)
		return nil, err
	}
	return func() {
		ex.release()
		a.use, _ = acquireUse(context.WithoutCancel(ctx), a.store.Path(), false, openWaitsForRestore)
	}, nil
}
