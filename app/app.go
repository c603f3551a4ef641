// Package app holds the use cases shared by the GUI and the command line. It talks to the
// database only through app/store and returns models or ready-to-show rows.
package app

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"time"

	"shequ/app/store"
	"shequ/models"
)

// App wires the services over one open store.
type App struct {
	store *store.Store
	// Actor is who the audit trail names for changes made through this App.
	Actor string
	// Role is the signed-in user's role; without sign-in everyone is an administrator.
	Role models.Role

	Divisions *DivisionService
	Budget    *BudgetService
	Duties    *DutyService
	Backups   *BackupService
	Accounts  *AccountService
	AuditLog  *AuditLog
	Ledgers   *LedgerService
	Checklist *ChecklistService
	Registry  *RegistryService
	Reports   *ReportService

	use *useLock // shared while open; see uselock.go
}

// Params are what New needs.
type Params struct {
	Store *store.Store
	Actor string      // defaults to the OS user
	Role  models.Role // defaults to administrator (sign-in off)
}

// New builds the services.
func New(p Params) *App {
	if p.Actor == "" {
		p.Actor = OSUser()
	}
	if p.Role == "" {
		p.Role = models.RoleAdmin
	}
	p.Store.SetSession(p.Actor, string(p.Role))
	a := &App{store: p.Store, Actor: p.Actor, Role: p.Role}
	a.Accounts = &AccountService{a: a}
	a.AuditLog = &AuditLog{a: a}
	a.Divisions = &DivisionService{st: p.Store, actor: p.Actor}
	a.Budget = &BudgetService{st: p.Store, actor: p.Actor, divisions: a.Divisions, beforeImport: a.snapshotBeforeImport}
	a.Duties = &DutyService{st: p.Store, actor: p.Actor, divs: a.Divisions}
	a.Backups = &BackupService{a: a, now: time.Now}
	a.Ledgers = &LedgerService{st: p.Store, actor: p.Actor, divs: a.Divisions}
	a.Checklist = newChecklistService(a)
	a.Registry = &RegistryService{st: p.Store, actor: p.Actor, divs: a.Divisions, beforeImport: a.snapshotBeforeImport}
	a.Reports = &ReportService{a: a, now: time.Now}
	return a
}

// Open opens the database at path, migrates it and wires the services for the OS user. When an
// administrator has turned sign-in on, it needs credentials: use OpenAs.
func Open(ctx context.Context, path string) (*App, error) {
	return OpenAs(ctx, path, Credentials{})
}

// OpenAs opens the database and, when sign-in is on, signs the user in with c.
func OpenAs(ctx context.Context, path string, c Credentials) (*App, error) {
	use, err := acquireUse(ctx, path, false, openWaitsForRestore)
	if err != nil {
		return nil, err
	}
	a, err := openAs(ctx, path, c)
	if err != nil {
		use.release()
		return nil, err
	}
	a.use = use
	return a, nil
}

func openAs(ctx context.Context, path string, c Credentials) (*App, error) {
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return nil, err
	}
	auth := NewAuth(st)
	on, err := auth.Enabled(ctx)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	if !on {
		return New(Params{Store: st}), nil
	}
	if c.Username == "" {
		_ = st.Close()
		return nil, ErrSignInRequired
	}
	u, err := auth.SignIn(ctx, c)
	if err != nil {
		_ = st.Close()
		return nil, err
	}
	return New(Params{Store: st, Actor: u.Username, Role: u.Role}), nil
}

// require refuses when the signed-in role is not one of roles.
func (a *App) require(roles ...models.Role) error {
	for _, r := range roles {
		if a.Role == r {
			return nil
		}
	}
	return fmt.Errorf("%w（%s）", ErrForbidden, a.Role)
}

// afterRestore drops what the services cached from the database that was replaced.
func (a *App) afterRestore() {
	a.Divisions.invalidate()
}

// Close closes the database.
func (a *App) Close() error {
	err := a.store.Close()
	a.use.release()
	return err
}

// DBPath is the file this App works on.
func (a *App) DBPath() string { return a.store.Path() }

// OSUser is the signed-in operating-system user, without a Windows domain prefix.
func OSUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		name := u.Username
		if i := strings.LastIndex(name, `\`); i >= 0 {
			name = name[i+1:]
		}
		return name
	}
	if n := os.Getenv("USERNAME"); n != "" {
		return n
	}
	return "unknown"
}

// ResolveDBPath picks the database file: the --db flag, else $SHEQU_DB, else shequ.db in the
// user's config folder (%AppData%\shequ on Windows).
func ResolveDBPath(flag string) (string, error) {
	if flag != "" {
		return filepath.Abs(flag)
	}
	if env := os.Getenv("SHEQU_DB"); env != "" {
		return filepath.Abs(env)
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("找不到当前用户的配置文件夹（环境变量 AppData 或 HOME 未设置），请用 --db 指定数据库文件。")
	}
	return filepath.Join(dir, "shequ", "shequ.db"), nil
}
