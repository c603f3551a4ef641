// Package store owns the database: opening it with the right pragmas, versioned migrations,
// and every query. It is the only package that writes SQL.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Store is an open shequ database.
type Store struct {
	db *gorm.DB
	// path is the database file, or in shared mode the server address without its password.
	path string
	pg   bool // shared mode: PostgreSQL (postgres.go)
	// listenCfg connects the change listener (changes.go) in shared mode; notify says the server
	// has pg_notify (some PostgreSQL-compatible databases do not: changes are then polled).
	listenCfg *pgx.ConnConfig
	notify    bool
	// overwrites are the records being saved over a reported change, and at which version (versions.go).
	overwrites sync.Map
	// feeds stops the change feeds (changes.go) when the store closes.
	feeds struct {
		sync.Mutex
		stop    []context.CancelFunc
		running sync.WaitGroup
	}
	now func() time.Time
	// role of the signed-in user, enforced here for every write: 只读 writes nothing, 录入员
	// deletes only what they created.
	actor, role string
}

// Role names as stored; they match models.Role.
const (
	roleViewer = "只读"
	roleEditor = "录入员"
)

// SetSession tells the store who is working, so it can refuse what their role may not do.
func (s *Store) SetSession(actor, role string) { s.actor, s.role = actor, role }

// ErrReadOnly is returned for any write by a 只读 user.
var ErrReadOnly = errors.New("当前账号为只读，不能修改数据")

// Options tune Open; the zero value is what the app uses.
type Options struct {
	ReadOnly bool
	// BusyTimeout is how long a writer waits for another writer before giving up.
	BusyTimeout time.Duration
	// MustExist refuses a missing file instead of creating it (every command but init).
	MustExist bool
	// QuickCheck runs PRAGMA quick_check after opening: the GUI's start does, to offer recovery
	// before a clerk works on a damaged file.
	QuickCheck bool
	// MaxPageCount caps the database's size in pages on every connection; tests use it to make
	// SQLite run out of room (SQLITE_FULL) as on a full disk.
	MaxPageCount int
}

// Open opens (creating if needed) the SQLite database at path with WAL, foreign keys, a busy
// timeout and immediate write transactions, and brings its schema up to date. What goes wrong is
// returned as a *Failure in Chinese (the raw text goes to the log beside the database). A
// postgres:// or postgresql:// address opens a shared database instead (postgres.go).
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("未指定数据库文件")
	}
	if IsPostgres(path) {
		return openPostgres(ctx, path, opt)
	}
	if err := refuseNetworkDrive(path); err != nil {
		return nil, err
	}
	info, statErr := os.Stat(path)
	switch {
	case statErr == nil && info.IsDir():
		return nil, fmt.Errorf("%s 是文件夹，不是数据库文件", path)
	case errors.Is(statErr, os.ErrNotExist) && (opt.MustExist || opt.ReadOnly):
		return nil, MissingFile(path)
	case statErr != nil && !errors.Is(statErr, os.ErrNotExist):
		return nil, classify(path, "", statErr)
	}
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, classify(path, "", err)
		}
	}
	s, err := open(ctx, path, opt)
	if err != nil {
		return nil, classify(path, "", err)
	}
	if statErr == nil && info.Size() > 0 {
		if err := s.checkShequ(ctx, opt.QuickCheck); err != nil {
			_ = s.Close()
			return nil, classify(path, "", err)
		}
	}
	if !opt.ReadOnly {
		if err := s.Migrate(ctx); err != nil {
			_ = s.Close()
			return nil, classify(path, "升级", err)
		}
	}
	return s, nil
}

func open(ctx context.Context, path string, opt Options) (*Store, error) {
	if opt.BusyTimeout == 0 {
		opt.BusyTimeout = 15 * time.Second
	}
	db, err := gorm.Open(sqlite.New(sqlite.Config{DriverName: driverFor(opt.MaxPageCount), DSN: dsn(path, opt)}), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true, // our writes run in explicit transactions
		NowFunc:                func() time.Time { return time.Now().Local() },
	})
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, now: time.Now}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	// Every connection is opened with the DSN pragmas, so the pool can grow for readers.
	sqlDB.SetMaxOpenConns(8)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	if err := sqlDB.PingContext(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	return s, nil
}

// checkShequ refuses a file that is not a shequ database (another program's SQLite file would
// otherwise get shequ's tables added to it) and, when asked, one that fails the quick check.
func (s *Store) checkShequ(ctx context.Context, quick bool) error {
	db := s.db.WithContext(ctx)
	var tables, ours int64
	if err := db.Raw(`SELECT COUNT(*), COALESCE(SUM(name IN ('schema_migrations', 'meta')), 0)
		FROM sqlite_master WHERE type = 'table'`).Row().Scan(&tables, &ours); err != nil {
		return err
	}
	if tables > 0 && ours < 2 {
		return newFailure(s.path, "", ErrNotShequ, fmt.Errorf("%d tables, shequ's missing", tables))
	}
	if !quick {
		return nil
	}
	var res []string
	if err := db.Raw("PRAGMA quick_check(5)").Scan(&res).Error; err != nil {
		return err
	}
	if len(res) != 1 || res[0] != "ok" {
		return newFailure(s.path, "", ErrCorrupt, fmt.Errorf("quick_check: %s", strings.Join(res, "; ")))
	}
	return nil
}

// driverFor is the plain SQLite driver, or one that caps every connection at maxPages pages.
func driverFor(maxPages int) string {
	if maxPages <= 0 {
		return "sqlite3"
	}
	name := fmt.Sprintf("sqlite3_max_pages_%d", maxPages)
	limitedDrivers.Lock()
	defer limitedDrivers.Unlock()
	if !limitedDrivers.done[name] {
		sql.Register(name, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
			_, err := c.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", maxPages), nil)
			return err
		}})
		limitedDrivers.done[name] = true
	}
	return name
}

var limitedDrivers = struct {
	sync.Mutex
	done map[string]bool
}{done: map[string]bool{}}

func dsn(path string, opt Options) string {
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "NORMAL")
	q.Set("_busy_timeout", fmt.Sprint(opt.BusyTimeout.Milliseconds()))
	q.Set("_txlock", "immediate")
	if opt.ReadOnly {
		q.Set("mode", "ro")
	}
	return fileDSN(path, q)
}

// Path is the database file; in shared mode the server address without its password.
func (s *Store) Path() string { return s.path }

// Close releases the database.
func (s *Store) Close() error {
	s.feeds.Lock()
	for _, stop := range s.feeds.stop {
		stop()
	}
	s.feeds.stop = nil
	s.feeds.Unlock()
	s.feeds.running.Wait() // their connections closed: a restore replaces the file next
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// withTx runs fn in one write transaction; the data-changed stamp is set in the same transaction.
// In shared mode it waits for every other write and every other write waits for it (lockWriters).
func (s *Store) withTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.withTxOp(ctx, "", fn)
}

// withTxOp is withTx for an operation a clerk knows by name ("导入"): when the disk fills or the
// file fails, they are told that this operation was undone as a whole.
func (s *Store) withTxOp(ctx context.Context, op string, fn func(tx *gorm.DB) error) error {
	return s.lockedTx(ctx, op, "", fn)
}

// withRecordTx is withTx for a write whose reads and checks concern one record only, named by
// key (its table and key): an update checked against the version the clerk read, a profile
// created or replaced. In shared mode it waits only for writes of that record and for the writes
// that take every lock, so desks saving different records do not queue behind each other.
func (s *Store) withRecordTx(ctx context.Context, key string, fn func(tx *gorm.DB) error) error {
	return s.lockedTx(ctx, "", "record "+key, fn)
}

// withAreaTx is withTxOp for a write whose reads and checks stay within one area (area: "budget
// 511321", a county's budget imports): in shared mode it waits for the other writes of that area
// and for the writes that take every lock, not for record saves elsewhere.
func (s *Store) withAreaTx(ctx context.Context, op, area string, fn func(tx *gorm.DB) error) error {
	return s.lockedTx(ctx, op, "area "+area, fn)
}

// lockedTx runs fn in one write transaction holding every writer's lock (part == "") or a share
// of it and the lock of part.
func (s *Store) lockedTx(ctx context.Context, op, part string, fn func(tx *gorm.DB) error) error {
	if s.role == roleViewer {
		return ErrReadOnly
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		lock := lockWriters
		if part != "" {
			lock = func(tx *gorm.DB) error { return lockPart(tx, part) }
		}
		if err := lock(tx); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		if s.pg { // one row every write updated would queue the desks again: DataChangedAt reads the audit trail
			return nil
		}
		return setMeta(tx, metaDataChangedAt, s.now().Format(time.RFC3339))
	})
	return classify(s.path, op, err)
}
