// Package app is the composition the GUI and the command line share: App opens one store and
// builds every area service (app/<area>) over it with the signed-in session, plus Init, Summary
// and the version. The use cases themselves live in the area packages.
package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"shequ/app/auth"
	"shequ/app/backup"
	"shequ/app/budget"
	"shequ/app/checklist"
	"shequ/app/division"
	"shequ/app/duty"
	"shequ/app/ledger"
	"shequ/app/registry"
	"shequ/app/report"
	"shequ/app/store"
	"shequ/models"
)

// App wires the services over one open store.
type App struct {
	store *store.Store
	// Session is who works through this App: Actor is who the audit trail names, Role the
	// signed-in user's role (without sign-in everyone is an administrator). Every service holds
	// this same session, so role checks see one answer.
	*models.Session

	Divisions *division.Service
	Budget    *budget.Service
	Duties    *duty.Service
	Backups   *backup.Service
	Accounts  *auth.Accounts
	AuditLog  *auth.AuditLog
	Ledgers   *ledger.Service
	Checklist *checklist.Service
	Registry  *registry.Service
	Reports   *report.Service

	use *backup.Use // shared while open; see backup/uselock.go
	// closed ends the change feed (changes.go), which otherwise follows the store across a restore.
	closed *atomic.Bool
}

// Params are what New needs.
type Params struct {
	Store *store.Store
	Actor string      // defaults to the OS user
	Role  models.Role // defaults to administrator (sign-in off)
	Use   *backup.Use // the use lock OpenAs took; nil: none held
	// Shared and Scope: signed in to a shared database as a role of this scope's level
	// (models.Session).
	Shared bool
	Scope  models.Level
}

// New builds the services.
func New(p Params) *App {
	if p.Actor == "" {
		p.Actor = auth.OSUser()
	}
	if p.Role == "" {
		p.Role = models.RoleAdmin
	}
	p.Store.SetSession(p.Actor, string(p.Role))
	if p.Use == nil {
		p.Use = backup.NewUse(p.Store.Path())
	}
	a := &App{store: p.Store, Session: &models.Session{Actor: p.Actor, Role: p.Role, Shared: p.Shared, Scope: p.Scope}, use: p.Use, closed: new(atomic.Bool)}
	a.Backups = backup.New(backup.Params{Store: p.Store, Session: a.Session, Use: p.Use, AfterRestore: a.afterRestore})
	a.Accounts = auth.NewAccounts(auth.Params{Store: p.Store, Session: a.Session})
	a.AuditLog = auth.NewAuditLog(auth.Params{Store: p.Store, Session: a.Session})
	a.Divisions = division.New(division.Params{Store: p.Store, Session: a.Session})
	a.Budget = budget.New(budget.Params{Store: p.Store, Session: a.Session, Divisions: a.Divisions, Snapshot: a.Backups.BeforeImport,
		OrgName: func(ctx context.Context, id int64) (string, error) { return a.Registry.OrgName(ctx, id) }})
	a.Duties = duty.New(duty.Params{Store: p.Store, Session: a.Session, Divisions: a.Divisions})
	a.Ledgers = ledger.New(ledger.Params{Store: p.Store, Session: a.Session, Divisions: a.Divisions, Budget: a.Budget})
	a.Registry = registry.New(registry.Params{Store: p.Store, Session: a.Session, Divisions: a.Divisions, Budget: a.Budget, Snapshot: a.Backups.BeforeImport})
	a.Checklist = checklist.New(checklist.Params{Store: p.Store, Session: a.Session, Divisions: a.Divisions, Ledgers: a.Ledgers, Budget: a.Budget, Registry: a.Registry, Snapshot: a.Backups.BeforeImport})
	a.Reports = report.New(report.Params{Store: p.Store, Session: a.Session, Divisions: a.Divisions, Budget: a.Budget,
		Checklist: a.Checklist, Duties: a.Duties, Ledgers: a.Ledgers, Registry: a.Registry})
	return a
}

// Open opens the database at path, migrates it and wires the services for the OS user. When an
// administrator has turned sign-in on, it needs credentials: use OpenAs.
func Open(ctx context.Context, path string) (*App, error) {
	return OpenAs(ctx, path, auth.Credentials{})
}

// OpenAs opens the database and, when sign-in is on, signs the user in with c.
func OpenAs(ctx context.Context, path string, c auth.Credentials) (*App, error) {
	if store.IsPostgres(path) { // shared mode: no file to lock, the server keeps writers apart
		return openAs(ctx, path, c, nil)
	}
	use, err := backup.AcquireUse(ctx, path)
	if err != nil {
		return nil, err
	}
	a, err := openAs(ctx, path, c, use)
	if err != nil {
		use.Release()
		return nil, err
	}
	return a, nil
}

func openAs(ctx context.Context, path string, c auth.Credentials, use *backup.Use) (*App, error) {
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return nil, err
	}
	if st.Shared() { // signing in is connecting as a database role (access.go)
		a, _, ok, err := SharedSession(ctx, st)
		if err != nil {
			_ = st.Close()
			return nil, err
		}
		if ok {
			return a, nil
		}
	}
	signin := auth.New(st)
	on, err := signin.Enabled(ctx)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	if !on {
		return New(Params{Store: st, Use: use}), nil
	}
	if c.Username == "" {
		_ = st.Close()
		return nil, auth.ErrSignInRequired
	}
	u, err := signin.SignIn(ctx, c)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	return New(Params{Store: st, Actor: u.Username, Role: u.Role, Use: use}), nil
}

// Auth is the sign-in service over this App's database.
func (a *App) Auth() *auth.Service { return auth.New(a.store) }

// Identity is the database's identity, the UUID its backups are named with.
func (a *App) Identity(ctx context.Context) (string, error) { return a.store.Identity(ctx) }

// Explain turns a database or file-system error into a sentence for the clerk, with the raw
// text kept in the error log beside the database.
func (a *App) Explain(err error) error { return store.Explain(a.DBPath(), err) }

// afterRestore drops what the services cached from the database that was replaced.
func (a *App) afterRestore() {
	a.Divisions.Invalidate()
}

// Close closes the database.
func (a *App) Close() error {
	a.closed.Store(true)
	err := a.store.Close()
	a.use.Release()
	return err
}

// DBPath is the file this App works on.
func (a *App) DBPath() string { return a.store.Path() }

// ResolveDBPath picks the database file: the --db flag, else $SHEQU_DB, else shequ.db in the
// user's config folder (%AppData%\shequ on Windows).
func ResolveDBPath(flag string) (string, error) {
	if flag != "" {
		return dbLocation(flag)
	}
	if env := os.Getenv("SHEQU_DB"); env != "" {
		return dbLocation(env)
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("找不到当前用户的配置文件夹（环境变量 AppData 或 HOME 未设置），请用 --db 指定数据库文件。")
	}
	return filepath.Join(dir, "shequ", "shequ.db"), nil
}

// dbLocation is a file path made absolute, or a shared database's postgres:// address as given.
func dbLocation(s string) (string, error) {
	if store.IsPostgres(s) {
		return strings.TrimSpace(s), nil
	}
	return filepath.Abs(s)
}
