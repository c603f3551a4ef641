package auth

import (
	"context"
	"fmt"

	"shequ/models"
)

// errSharedAccounts: once init has set up access rules in a shared database, its accounts are
// PostgreSQL login roles, managed with shequctl user add/list; shequ's own accounts and sign-in
// switch do not apply there.
var errSharedAccounts = fmt.Errorf("%w：共享数据库的账号是数据库账号，由信息管理员用 shequctl user add 添加、user list 查看；这里的登录账号和登录开关只用于本机数据库",
	models.ErrInvalid)

// refuseShared refuses shequ's own account management on a shared database with access rules.
func (s *Accounts) refuseShared(ctx context.Context) error {
	if !s.st.Shared() {
		return nil
	}
	acc, err := s.st.SessionAccount(ctx)
	if err != nil {
		return err
	}
	if !acc.Unmanaged {
		return errSharedAccounts
	}
	return nil
}
