package models

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a signed-in user may do.
type Role string

const (
	RoleAdmin  Role = "管理员" // everything
	RoleEditor Role = "录入员" // enter and import; no deleting others' records; no settings
	RoleViewer Role = "只读"  // view and report
)

// Roles lists the roles in the order they are offered.
var Roles = []Role{RoleAdmin, RoleEditor, RoleViewer}

// User is a sign-in account (used only when an administrator has turned sign-in on).
type User struct {
	ID             int64
	Username       string
	DisplayName    string
	Role           Role
	FailedAttempts int
	LockedUntil    *time.Time
	Disabled       bool
}

// Sign-in rules.
const (
	MaxFailedAttempts = 5
	LockDuration      = 15 * time.Minute
	MinPasswordLength = 8
)

// ValidateAccount checks a new or edited account; password is checked only when not empty.
func ValidateAccount(username, displayName string, role Role, password string) error {
	var v ValidationError
	username = strings.TrimSpace(username)
	switch {
	case username == "":
		v.Add("用户名", "不能为空")
	case utf8.RuneCountInString(username) > 32:
		v.Add("用户名", "不能超过 32 个字")
	case strings.ContainsAny(username, " \t\r\n"):
		v.Add("用户名", "不能含空格")
	}
	if utf8.RuneCountInString(displayName) > 32 {
		v.Add("姓名", "不能超过 32 个字")
	}
	ok := false
	for _, r := range Roles {
		ok = ok || r == role
	}
	if !ok {
		v.Add("角色", "应为管理员、录入员或只读")
	}
	if password != "" && utf8.RuneCountInString(password) < MinPasswordLength {
		v.Add("密码", "至少 8 位")
	}
	return v.Err()
}
