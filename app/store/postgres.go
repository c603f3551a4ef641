package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Shared mode (issue 17): --db postgres://USER:PASSWORD@HOST:PORT/DB?sslmode=… opens a PostgreSQL
// database instead of a file. The Store is the same type; s.pg switches the few queries and the
// features that only make sense for a file (file locks, quick_check, WAL, VACUUM INTO backups,
// restore and recover), which refuse with ErrSharedMode or are skipped. The password never leaves
// this file: Path, errors and logs carry RedactDSN's form of the address.

// ErrSharedMode is returned by features that work on the database file of desk mode only.
var ErrSharedMode = errors.New("共享模式（PostgreSQL 数据库）不支持此功能")

// IsPostgres reports whether a --db value is a PostgreSQL address rather than a file path.
func IsPostgres(db string) bool {
	l := strings.ToLower(strings.TrimSpace(db))
	return strings.HasPrefix(l, "postgres://") || strings.HasPrefix(l, "postgresql://")
}

// RedactDSN is the address with its password (in the user part or as ?password=) replaced by
// ***, for messages and logs. An address that does not parse is not shown at all.
func RedactDSN(dsn string) string {
	u, err := url.Parse(strings.TrimSpace(dsn))
	if err != nil {
		return "postgres://（无法解析的地址）"
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "***")
		}
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "***")
		u.RawQuery = q.Encode()
	}
	return strings.ReplaceAll(u.String(), "%2A%2A%2A", "***")
}

// FileOnly is the refusal of a file-only feature in shared mode.
func FileOnly(what string) error {
	return fmt.Errorf("%w：%s只用于本机数据库文件；共享数据库请由信息管理员在服务器上用 pg_dump 等方式备份和恢复", ErrSharedMode, what)
}

// CheckAddress checks that a shared database's address names a server and a database; its
// messages never quote a password.
func CheckAddress(dsn string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(dsn))
	if err != nil {
		return nil, errors.New("数据库地址格式不对，应如 postgres://用户名:密码@服务器:5432/数据库名?sslmode=require")
	}
	if u.Hostname() == "" || strings.Trim(u.Path, "/") == "" {
		return nil, fmt.Errorf("数据库地址 %s 缺少服务器或数据库名，应如 postgres://用户名:密码@服务器:5432/数据库名?sslmode=require", RedactDSN(dsn))
	}
	return u, nil
}

// Shared reports whether the store is a shared (PostgreSQL) database.
func (s *Store) Shared() bool { return s.pg }

// pgConfig checks the address and returns pgx's connection settings for it. Its errors never
// quote the address (pgx's parse errors can contain the password).
func pgConfig(dsn string, opt Options) (*pgx.ConnConfig, error) {
	if _, err := CheckAddress(dsn); err != nil {
		return nil, err
	}
	cfg, err := pgx.ParseConfig(strings.TrimSpace(dsn))
	if err != nil {
		return nil, fmt.Errorf("数据库地址 %s 的参数有误（请检查端口、sslmode 等）", RedactDSN(dsn))
	}
	cfg.RuntimeParams["application_name"] = "shequ"
	if opt.ReadOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	if opt.BusyTimeout > 0 {
		cfg.RuntimeParams["lock_timeout"] = fmt.Sprint(opt.BusyTimeout.Milliseconds())
	}
	return cfg, nil
}

// openPostgres connects to the shared database at dsn and brings its schema up to date.
// MustExist, QuickCheck and MaxPageCount concern files and are ignored.
func openPostgres(ctx context.Context, dsn string, opt Options) (*Store, error) {
	if opt.BusyTimeout == 0 {
		opt.BusyTimeout = 15 * time.Second
	}
	cfg, err := pgConfig(dsn, opt)
	if err != nil {
		return nil, err
	}
	where := RedactDSN(dsn)
	sqlDB := stdlib.OpenDB(*cfg, stdlib.OptionAfterConnect(registerLocalDate))
	// Four per desk: writers wait for one another anyway, and twenty desks stay within the
	// server's default max_connections (100).
	sqlDB.SetMaxOpenConns(4)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	pctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pctx); err != nil {
		_ = sqlDB.Close()
		return nil, connectFailure(where, err)
	}
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: sqlDB}), &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().Local() },
	})
	if err != nil {
		_ = sqlDB.Close()
		return nil, connectFailure(where, err)
	}
	s := &Store{db: db, path: where, pg: true, now: time.Now, listenCfg: cfg}
	if err := s.checkShequPG(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	if !opt.ReadOnly {
		if err := s.Migrate(ctx); err != nil {
			_ = s.Close()
			return nil, fmt.Errorf("共享数据库 %s：%w", where, err)
		}
	}
	s.notify = hasNotify(ctx, db)
	return s, nil
}

// connectFailure says in Chinese why the server could not be used; pgx's own text (which names
// host, user and database but never the password) goes to the error log for the IT person.
func connectFailure(where string, err error) error {
	msg := err.Error()
	reason, kind := "无法连接数据库服务器，请检查服务器地址、端口和网络", ErrServer
	switch {
	case strings.Contains(msg, "password authentication failed"), strings.Contains(msg, "SQLSTATE 28P01"):
		reason, kind = "用户名或密码不对", ErrNoAccess
	case strings.Contains(msg, "SQLSTATE 3D000"):
		reason = "服务器上没有这个数据库"
	case strings.Contains(msg, "SQLSTATE 28000"):
		reason, kind = "服务器不允许这个用户从本机连接（pg_hba.conf）", ErrNoAccess
	case strings.Contains(msg, "SQLSTATE 42501"):
		reason, kind = "这个用户没有所需的权限", ErrNoAccess
	}
	log := ""
	if p := logRaw(where, kind, errors.New(redactIn(msg))); p != "" {
		log = "（详细情况已记入 " + p + "，供信息管理员查看）"
	}
	return fmt.Errorf("%s：共享数据库 %s%s", reason, where, log)
}

// redactIn removes any password=… that a driver message might quote.
func redactIn(msg string) string {
	if i := strings.Index(msg, "password="); i >= 0 {
		j := strings.IndexAny(msg[i:], " &'\"`")
		if j < 0 {
			j = len(msg) - i
		}
		msg = msg[:i] + "password=***" + msg[i+j:]
	}
	return msg
}

// checkShequPG refuses a database that holds other tables but not shequ's (another program's
// database would otherwise get shequ's tables added to it).
func (s *Store) checkShequPG(ctx context.Context) error {
	var tables, ours int64
	err := s.db.WithContext(ctx).Raw(`SELECT COUNT(*),
		COALESCE(SUM(CASE WHEN table_name IN ('schema_migrations', 'meta') THEN 1 ELSE 0 END), 0)
		FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`).
		Row().Scan(&tables, &ours)
	if err != nil {
		return connectFailure(s.path, err)
	}
	if tables > 0 && ours < 2 {
		return fmt.Errorf("%w：共享数据库 %s 里已有 %d 张别的数据表，请为 shequ 另建一个空数据库", ErrNotShequ, s.path, tables)
	}
	return nil
}

// checkPG is Check in shared mode: the server keeps its files intact and enforces the foreign
// keys itself, so what is left to check is that the database holds shequ's tables at a schema
// version this program knows.
func (s *Store) checkPG(ctx context.Context) error {
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if v != LatestSchemaVersion() {
		return fmt.Errorf("共享数据库 %s 的结构是第 %d 版，本程序为第 %d 版", s.path, v, LatestSchemaVersion())
	}
	var n int64
	err = s.db.WithContext(ctx).Raw(`SELECT COUNT(*) FROM information_schema.tables
		WHERE table_schema = current_schema() AND table_name IN ('schema_migrations', 'meta', 'divisions', 'audit_log')`).Row().Scan(&n)
	if err != nil {
		return err
	}
	if n != 4 {
		return fmt.Errorf("%w：共享数据库 %s 缺少 shequ 的数据表", ErrNotShequ, s.path)
	}
	return nil
}
