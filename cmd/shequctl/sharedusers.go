package main

import (
	"context"
	"fmt"

	"shequ/app"
	"shequ/app/store"
	"shequ/models"
)

// Accounts of a shared database (issue 17) are PostgreSQL login roles: user add creates one in
// its group role with a scope, user list shows them; the IT person runs both as the owner.

// sharedDB reports whether the command works on a shared (PostgreSQL) database.
func sharedDB(e *env) bool {
	path, err := app.ResolveDBPath(e.dbFlag)
	return err == nil && store.IsPostgres(path)
}

// initAccess sets up the access rules after init on a shared database.
func initAccess(ctx context.Context, e *env, a *app.App) error {
	if !a.Shared() {
		return nil
	}
	if err := a.SetUpAccess(ctx); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "访问规则：已设置组角色 shequ_admin（管理员）、shequ_clerk（录入员）、shequ_viewer（只读）与按区划的行级权限；用 shequctl user add 添加账号")
	return nil
}

func cmdSharedUserAdd(ctx context.Context, e *env, name, kind, scope string) error {
	if _, ok := store.AccessKinds[kind]; !ok {
		return usagef("--role 应为 admin（管理员）、clerk（录入员）或 viewer（只读）")
	}
	pw, err := readPassword(e)
	if err != nil {
		return err
	}
	return withApp(ctx, e, func(a *app.App) error {
		if err := a.AddAccessUser(ctx, store.NewAccess{Name: name, Kind: kind, Scope: scope, Password: pw}); err != nil {
			return err
		}
		where := "整个数据库"
		if c, err := models.ParseDivisionCode(scope); err == nil {
			where = "区划 " + c.String() + " 及其下级"
		}
		fmt.Fprintf(e.stdout, "已添加数据库账号 %s（%s，组角色 %s），范围：%s\n", name, store.AccessKinds[kind].Role, store.AccessKinds[kind].Group, where)
		return nil
	})
}

// sharedUserJSON is one account in `user list --json` of a shared database.
type sharedUserJSON struct {
	Username string `json:"username"`
	Role     string `json:"role"`
	Kind     string `json:"kind"`
	Scope    string `json:"scope"`
}

func cmdSharedUserList(ctx context.Context, e *env, asJSON bool) error {
	return withApp(ctx, e, func(a *app.App) error {
		users, err := a.AccessUsers(ctx)
		if err != nil {
			return err
		}
		out := make([]sharedUserJSON, len(users))
		for i, u := range users {
			out[i] = sharedUserJSON{Username: u.Name, Role: string(u.Role()), Kind: u.Kind, Scope: u.Scope}
		}
		if asJSON {
			return writeJSON(e.stdout, out)
		}
		if len(out) == 0 {
			fmt.Fprintln(e.stdout, "这个共享数据库还没有账号。用 shequctl user add 用户名 --role admin|clerk|viewer [--scope 区划代码] 添加。")
			return nil
		}
		fmt.Fprintln(e.stdout, "用户名\t角色\t范围")
		for _, u := range out {
			scope := u.Scope
			if scope == "" {
				scope = "整个数据库"
			}
			fmt.Fprintf(e.stdout, "%s\t%s（%s）\t%s\n", u.Username, u.Role, u.Kind, scope)
		}
		return nil
	})
}
