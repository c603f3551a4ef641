package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"shequ/app"
	"shequ/models"
)

// Account management where there is no screen: shequctl user … and shequctl signin on|off.

// stdin is where passwords are read from (one line); tests replace it.
var stdin io.Reader = os.Stdin

func init() {
	register("user", command{usage: "add 用户名 --role admin|clerk|viewer [--scope 区划代码] | list [--json] | passwd 用户名 | disable 用户名 | unlock 用户名",
		help: "管理登录账号（密码从标准输入读一行；启用登录后需管理员的 SHEQU_USER/SHEQU_PASSWORD）", run: cmdUser})
	register("signin", command{usage: "on|off", help: "启用或关闭登录（仅管理员）", run: cmdSignIn})
}

var roleArgs = map[string]models.Role{
	"admin": models.RoleAdmin, "clerk": models.RoleEditor, "viewer": models.RoleViewer,
	string(models.RoleAdmin): models.RoleAdmin, string(models.RoleEditor): models.RoleEditor, string(models.RoleViewer): models.RoleViewer,
}

func cmdUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef("请指明操作：add、list、passwd、disable 或 unlock")
	}
	switch args[0] {
	case "add":
		return cmdUserAdd(ctx, e, args[1:])
	case "list":
		return cmdUserList(ctx, e, args[1:])
	case "passwd", "disable", "unlock":
		return cmdUserByName(ctx, e, args[0], args[1:])
	case "-h", "--help", "-help":
		return helpRequest{}
	default:
		return usagef("未知的操作“%s”，可选：add、list、passwd、disable、unlock", args[0])
	}
}

// nameAndFlags parses "NAME --flag …" and "--flag … NAME" alike and returns NAME.
func nameAndFlags(fs interface {
	Parse([]string) error
	Args() []string
}, args []string) (string, error) {
	var name string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return "", flagError(err)
	}
	rest := fs.Args()
	if name == "" && len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	if len(rest) > 0 {
		return "", usagef("多余的参数：%s", strings.Join(rest, " "))
	}
	if name == "" {
		return "", usagef("请指定用户名")
	}
	return name, nil
}

// readPassword reads one line from standard input (prompting when it is a terminal).
func readPassword(e *env) (string, error) {
	if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprint(e.stderr, "请输入密码（一行，回车结束）：")
		}
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("无法读取密码：%w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usagef("请从标准输入提供密码（一行）")
	}
	return line, nil
}

func cmdUserAdd(ctx context.Context, e *env, args []string) error {
	fs := newFlags("user add")
	role := fs.String("role", "", "角色：admin（管理员）、clerk（录入员）、viewer（只读）")
	scope := fs.String("scope", "", "共享模式：账号的范围，县或乡镇的区划代码（不填为整个数据库）")
	name, err := nameAndFlags(fs, args)
	if err != nil {
		return err
	}
	if sharedDB(e) {
		return cmdSharedUserAdd(ctx, e, name, *role, *scope)
	}
	if *scope != "" {
		return usagef("--scope 只用于共享数据库（postgres://…）；本机数据库的账号没有范围")
	}
	r, ok := roleArgs[*role]
	if !ok {
		return usagef("--role 应为 admin（管理员）、clerk（录入员）或 viewer（只读）")
	}
	pw, err := readPassword(e)
	if err != nil {
		return err
	}
	return withApp(ctx, e, func(a *app.App) error {
		if err := a.Accounts.Add(ctx, name, r, pw); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "已添加用户 %s（%s）\n", name, r)
		return nil
	})
}

// userJSON is one account in `user list --json`.
type userJSON struct {
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Role        string `json:"role"`
	State       string `json:"state"`
	Disabled    bool   `json:"disabled"`
	Locked      bool   `json:"locked"`
	LockedUntil string `json:"locked_until,omitempty"`
}

func cmdUserList(ctx context.Context, e *env, args []string) error {
	fs := newFlags("user list")
	asJSON := fs.Bool("json", false, "以 JSON 输出")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if sharedDB(e) {
		return cmdSharedUserList(ctx, e, *asJSON)
	}
	return withApp(ctx, e, func(a *app.App) error {
		users, err := a.Accounts.Users(ctx)
		if err != nil {
			return err
		}
		out := make([]userJSON, len(users))
		now := time.Now()
		for i, u := range users {
			j := userJSON{Username: u.Username, DisplayName: u.DisplayName, Role: string(u.Role), Disabled: u.Disabled, State: "在用"}
			if u.LockedUntil != nil && now.Before(*u.LockedUntil) {
				j.Locked, j.LockedUntil = true, u.LockedUntil.Local().Format("2006-01-02 15:04")
				j.State = "锁定至 " + j.LockedUntil
			}
			if u.Disabled {
				j.State = "已停用"
			}
			out[i] = j
		}
		if *asJSON {
			return writeJSON(e.stdout, out)
		}
		if len(out) == 0 {
			fmt.Fprintln(e.stdout, "还没有登录账号。用 shequctl user add 用户名 --role admin 添加第一个管理员。")
			return nil
		}
		fmt.Fprintln(e.stdout, "用户名\t姓名\t角色\t状态")
		for _, u := range out {
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\n", u.Username, u.DisplayName, u.Role, u.State)
		}
		return nil
	})
}

func cmdUserByName(ctx context.Context, e *env, op string, args []string) error {
	name, err := nameAndFlags(newFlags("user "+op), args)
	if err != nil {
		return err
	}
	var pw string
	if op == "passwd" {
		if pw, err = readPassword(e); err != nil {
			return err
		}
	}
	return withApp(ctx, e, func(a *app.App) error {
		switch op {
		case "passwd":
			err = a.Accounts.SetPassword(ctx, name, pw)
		case "disable":
			err = a.Accounts.Disable(ctx, name)
		case "unlock":
			err = a.Accounts.Unlock(ctx, name)
		}
		if err != nil {
			return err
		}
		done := map[string]string{"passwd": "已重设 %s 的密码", "disable": "已停用用户 %s", "unlock": "已解除用户 %s 的锁定"}[op]
		fmt.Fprintf(e.stdout, done+"\n", name)
		return nil
	})
}

func cmdSignIn(ctx context.Context, e *env, args []string) error {
	fs := newFlags("signin")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 || (fs.Arg(0) != "on" && fs.Arg(0) != "off") {
		return usagef("请指定 on（启用登录）或 off（关闭登录）")
	}
	return withApp(ctx, e, func(a *app.App) error {
		on := fs.Arg(0) == "on"
		if was, err := a.Auth().Enabled(ctx); err != nil {
			return err
		} else if was == on { // nothing to switch; SetSignIn would take it for another desk's switch
			fmt.Fprintln(e.stdout, map[bool]string{true: "登录已是启用状态", false: "登录已是关闭状态"}[on])
			return nil
		}
		if err := a.Accounts.SetSignIn(ctx, on); err != nil {
			return err
		}
		if on {
			fmt.Fprintln(e.stdout, "已启用登录：此后打开数据库需要用户名和密码（命令行用 SHEQU_USER 和 SHEQU_PASSWORD）")
		} else {
			fmt.Fprintln(e.stdout, "已关闭登录：此后打开数据库的人都按管理员处理")
		}
		return nil
	})
}
