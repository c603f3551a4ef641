package models

import (
	"errors"
	"fmt"
)

// ErrForbidden means the signed-in role may not do this.
var ErrForbidden = errors.New("当前账号无权进行此操作")

// Session is who works through the services: the name the audit trail gives and the role the
// checks below use. Without sign-in it is the OS user as an administrator.
type Session struct {
	Actor string
	Role  Role
	// Shared is set on a shared database with access rules, where the database role signed in
	// as says who this is; Scope is then the level of that role's scope: LevelCounty or
	// LevelTownship, "" for the whole database.
	Shared bool
	Scope  Level
}

// Require refuses when the session's role is not one of roles: every role check goes through here.
func (s Session) Require(roles ...Role) error {
	for _, r := range roles {
		if s.Role == r {
			return nil
		}
	}
	return fmt.Errorf("%w（%s）", ErrForbidden, s.Role)
}
