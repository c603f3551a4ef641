// Package store owns the database: opening it with the right pragmas, versioned migrations,
// and every query. It is the only package that writes SQL.
package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Store is an open shequ database.
type Store struct {
	db   *gorm.DB
	path string
	now  func() time.Time
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
}

// Open opens (creating if needed) the SQLite database at path with WAL, foreign keys, a busy
// timeout and immediate write transactions, and brings its schema up to date.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("未指定数据库文件")
	}
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("无法创建数据库目录 %s：%w", filepath.Dir(path), err)
		}
	}
	if opt.BusyTimeout == 0 {
		opt.BusyTimeout = 15 * time.Second
	}
	db, err := gorm.Open(sqlite.Open(dsn(path, opt)), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true, // our writes run in explicit transactions
		NowFunc:                func() time.Time { return time.Now().Local() },
	})
	if err != nil {
		return nil, fmt.Errorf("无法打开数据库 %s：%w", path, err)
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
		return nil, fmt.Errorf("无法打开数据库 %s：%w", path, err)
	}
	if !opt.ReadOnly {
		if err := s.Migrate(ctx); err != nil {
			_ = sqlDB.Close()
			return nil, err
		}
	}
	return s, nil
}

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

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Close releases the database.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// withTx runs fn in one write transaction; the data-changed stamp is set in the same transaction.
func (s *Store) withTx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.role == roleViewer {
		return ErrReadOnly
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := fn(tx); err != nil {
			return err
		}
		return setMeta(tx, metaDataChangedAt, s.now().Format(time.RFC3339))
	})
}
