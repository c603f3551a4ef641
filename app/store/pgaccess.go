package store

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"

	"shequ/models"
)

// Shared mode's access rules (issue 17), enforced by PostgreSQL: every person is a login role in
// one of the group roles shequ_admin, shequ_clerk or shequ_viewer, with a scope (a county or a
// township, or the whole database) recorded in access_scopes; row-level security keeps a scoped
// role to the rows under its scope (pgaccess_policies.go). SetUpAccess installs the rules; the
// owner of the tables (the IT person's role that ran init) stays unrestricted.

//go:embed access/access.sql
var accessSQL string

// Group role names, one per kind of account.
const (
	GroupAdmin  = "shequ_admin"
	GroupClerk  = "shequ_clerk"
	GroupViewer = "shequ_viewer"
)

// AccessKinds maps the kinds user add accepts to the group roles and to the desk-mode role names
// that messages and the window show.
var AccessKinds = map[string]struct {
	Group string
	Role  models.Role
}{
	"admin":  {GroupAdmin, models.RoleAdmin},
	"clerk":  {GroupClerk, models.RoleEditor},
	"viewer": {GroupViewer, models.RoleViewer},
}

// ErrNotOwner is returned when access management is tried by a role not entitled to it: setting up
// access needs the owner of the tables, adding accounts the owner or an admin.
var ErrNotOwner = errors.New("没有管理账号的权限")

// SetUpAccess creates the group roles, the scope table, the scope functions, the audit trigger,
// the grants and the row-level security policies; running it again brings them up to date. An
// upgrade run by the owner refreshes them too (refreshAccess).
func (s *Store) SetUpAccess(ctx context.Context) error {
	if !s.pg {
		return nil
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockWriters(tx); err != nil {
			return err
		}
		return applyAccess(tx)
	})
}

func applyAccess(tx *gorm.DB) error {
	var schema string
	if err := tx.Raw("SELECT current_schema()").Row().Scan(&schema); err != nil {
		return err
	}
	body := strings.ReplaceAll(accessSQL, "{{SCHEMA}}", pgx.Identifier{schema}.Sanitize())
	if err := tx.Exec(body).Error; err != nil {
		return accessFailure(err)
	}
	for _, p := range scopedTables {
		for _, stmt := range policySQL(p) {
			if err := tx.Exec(stmt).Error; err != nil {
				return fmt.Errorf("设置表 %s 的行级权限失败：%w", p.table, err)
			}
		}
	}
	return nil
}

// accessSetUp reports whether init has set up access rules in this database.
func accessSetUp(db *gorm.DB) (bool, error) {
	var n int64
	err := db.Raw(`SELECT COUNT(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		WHERE p.proname = 'shequ_is_owner' AND n.nspname = current_schema()`).Row().Scan(&n)
	return n > 0, err
}

// refreshAccess re-applies the access rules after migrations, where init has set them up.
func refreshAccess(tx *gorm.DB) error {
	if on, err := accessSetUp(tx); err != nil || !on {
		return err
	}
	return applyAccess(tx)
}

// pgSkipMigrate decides whether opening a shared database skips the upgrade: when it is up to
// date there is nothing to do (and no DDL, which clerks' roles may not run); when it is not and
// the role is not the owner, the IT person has to upgrade it first.
func (s *Store) pgSkipMigrate(ctx context.Context, only map[int]bool) (bool, error) {
	if only != nil {
		return false, nil
	}
	if s.pgUpToDate(ctx) {
		return true, nil
	}
	db := s.db.WithContext(ctx)
	if on, err := accessSetUp(db); err != nil || !on {
		return false, nil
	}
	var owner bool
	if err := db.Raw("SELECT shequ_is_owner()").Row().Scan(&owner); err != nil || owner {
		return false, nil
	}
	if v, err := s.SchemaVersion(ctx); err == nil && v > LatestSchemaVersion() {
		return true, fmt.Errorf("%w：数据库是第 %d 版结构，本程序最高支持第 %d 版，请升级 shequ", ErrSchemaTooNew, v, LatestSchemaVersion())
	}
	return true, fmt.Errorf("数据库需要升级到本程序的第 %d 版结构，请信息管理员先用新版 shequctl init 升级", LatestSchemaVersion())
}

// accessFailure says in Chinese why access management was refused; shequ_add_user's own
// refusals are in Chinese already.
func accessFailure(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == "42501" && strings.Contains(pe.Message, "账号"):
			return fmt.Errorf("%w：%s", ErrNotOwner, pe.Message)
		case pe.Code == "42501", strings.Contains(pe.Message, "must be owner"):
			return fmt.Errorf("%w：当前角色需要是数据库所有者并具有 CREATEROLE 权限（%s）", ErrNotOwner, pe.Message)
		case pe.Code == "22023":
			return fmt.Errorf("%w：%s", models.ErrInvalid, pe.Message)
		}
	}
	return fmt.Errorf("设置访问规则失败：%w", err)
}

// AccessAccount is one login role of a shared database as access_scopes records it.
type AccessAccount struct {
	Name  string
	Kind  string // admin, clerk or viewer
	Scope string // division code, "" for the whole database
	// Owner is true for the owner of the tables (not recorded in access_scopes).
	Owner bool
	// Unmanaged: init has not set up access rules in this database; shequ's own accounts apply.
	Unmanaged bool
}

// Role is the desk-mode role name of the account's kind.
func (a AccessAccount) Role() models.Role {
	if a.Owner {
		return models.RoleAdmin
	}
	return AccessKinds[a.Kind].Role
}

// SessionAccount is who this connection is signed in as: the owner, or a recorded login role.
// A role not recorded in this database is refused with a sentence for the clerk.
func (s *Store) SessionAccount(ctx context.Context) (AccessAccount, error) {
	var name string
	if err := s.db.WithContext(ctx).Raw("SELECT session_user").Row().Scan(&name); err != nil {
		return AccessAccount{}, err
	}
	set, err := accessSetUp(s.db.WithContext(ctx))
	if err != nil {
		return AccessAccount{}, err
	}
	if !set { // access not set up: whoever connects works as before
		return AccessAccount{Name: name, Owner: true, Unmanaged: true}, nil
	}
	var owner bool
	if err := s.db.WithContext(ctx).Raw("SELECT shequ_is_owner()").Row().Scan(&owner); err != nil {
		return AccessAccount{}, err
	}
	if owner {
		return AccessAccount{Name: name, Owner: true}, nil
	}
	var rows []struct {
		Kind      string
		ScopeCode *string
	}
	if err := s.db.WithContext(ctx).Raw(`SELECT kind, scope_code FROM shequ_session_account()`).Scan(&rows).Error; err != nil {
		return AccessAccount{}, err
	}
	if len(rows) == 0 {
		return AccessAccount{}, fmt.Errorf("%w：账号 %s 没有登记在这个共享数据库里，请信息管理员用 shequctl user add 添加", models.ErrInvalid, name)
	}
	a := AccessAccount{Name: name, Kind: rows[0].Kind}
	if rows[0].ScopeCode != nil {
		a.Scope = *rows[0].ScopeCode
	}
	return a, nil
}

// pgUpToDate reports whether a shared database has every migration of this build and an
// identity, reading only: then opening it needs no DDL, which the roles of clerks may not run.
func (s *Store) pgUpToDate(ctx context.Context) bool {
	ms, err := loadMigrations()
	if err != nil {
		return false
	}
	var applied []int
	if err := s.db.WithContext(ctx).Raw(`SELECT version FROM schema_migrations`).Scan(&applied).Error; err != nil {
		return false
	}
	done := map[int]bool{}
	for _, v := range applied {
		done[v] = true
	}
	for _, m := range ms {
		if !done[m.version] {
			return false
		}
	}
	id, err := getMeta(s.db.WithContext(ctx), metaIdentity)
	return err == nil && uuidPattern.MatchString(id) && len(done) == len(ms)
}
