package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"shequ/app"
	"shequ/app/auth"
	"shequ/app/backup"
	"shequ/app/store"
)

func init() {
	register("version", command{usage: "[--json]", help: "显示版本、提交、构建日期和 Go 版本", run: cmdVersion})
	register("init", command{usage: "[--new]", help: "创建或升级数据库并导入官方区划（可重复执行）", run: cmdInit})
	register("summary", command{usage: "[--json]", help: "数据概况", run: cmdSummary})
}

func cmdVersion(_ context.Context, e *env, args []string) error {
	fs := newFlags("version")
	asJSON := fs.Bool("json", false, "以 JSON 输出")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	b := app.Build(store.LatestSchemaVersion())
	if *asJSON {
		return writeJSON(e.stdout, b)
	}
	unknown := func(s string) string {
		if s == "" {
			return "未知"
		}
		return s
	}
	fmt.Fprintf(e.stdout, "shequ %s（数据库结构第 %d 版，%s/%s）\n提交：%s\n构建日期：%s\nGo 版本：%s\n",
		b.Version, b.SchemaVersion, b.OS, b.Arch, unknown(b.Commit), unknown(b.BuildDate), b.GoVersion)
	return nil
}

// openApp opens the existing database chosen by --db, $SHEQU_DB or the default path; only init
// creates one. When an administrator has turned sign-in on, $SHEQU_USER and $SHEQU_PASSWORD sign in.
func openApp(ctx context.Context, e *env) (*app.App, error) {
	return openAppWith(ctx, e, func(ctx context.Context, path string, c auth.Credentials) (*app.App, error) {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && !store.IsPostgres(path) {
			return nil, store.MissingFile(path)
		}
		return app.OpenAs(ctx, path, c)
	})
}

func openAppWith(ctx context.Context, e *env, open func(context.Context, string, auth.Credentials) (*app.App, error)) (*app.App, error) {
	path, err := app.ResolveDBPath(e.dbFlag)
	if err != nil {
		return nil, err
	}
	a, err := open(ctx, path, auth.Credentials{Username: os.Getenv("SHEQU_USER"), Password: os.Getenv("SHEQU_PASSWORD")})
	switch {
	case errors.Is(err, auth.ErrSignInRequired):
		return nil, fmt.Errorf("%w：请用环境变量 SHEQU_USER 和 SHEQU_PASSWORD 提供用户名和密码", err)
	case errors.Is(err, store.ErrMissing):
		if newest, _ := backup.NewestIntactBackup(ctx, path); newest != nil {
			return nil, fmt.Errorf("%w它的备份还在（最新的完好备份：%s，%s）。用 shequctl recover 恢复它；确实要新建空数据库，用 shequctl init --new",
				err, newest.Describe(), newest.Path)
		}
		return nil, fmt.Errorf("%w新建数据库请用 shequctl init", err)
	case errors.Is(err, store.ErrCorrupt):
		return nil, fmt.Errorf("%w用 shequctl recover 从最新的完好备份恢复", err)
	}
	return a, err
}

func cmdInit(ctx context.Context, e *env, args []string) error {
	fs := newFlags("init")
	fresh := fs.Bool("new", false, "数据库文件不见了但备份还在时，仍新建空数据库")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	open := app.OpenAs
	if !*fresh {
		// A database that vanished while its backups exist is not silently replaced by an empty one.
		open = func(ctx context.Context, path string, c auth.Credentials) (*app.App, error) {
			if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) && !store.IsPostgres(path) {
				if newest, _ := backup.NewestIntactBackup(ctx, path); newest != nil {
					return nil, store.MissingFile(path)
				}
			}
			return app.OpenAs(ctx, path, c)
		}
	}
	a, err := openAppWith(ctx, e, open)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.Init(ctx)
	if err != nil {
		return err
	}
	if err := initAccess(ctx, e, a); err != nil {
		return err
	}
	s, err := a.Summary(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "数据库：%s\n结构版本：第 %d 版\n新增区划：%d 条\n现有区划：市 %d，县（市、区）%d，乡镇（街道）%d，村（社区）%d\n",
		a.DBPath(), res.SchemaVersion, res.DivisionsInserted, s.Divisions.City, s.Divisions.County, s.Divisions.Township, s.Divisions.Village)
	return nil
}

func cmdSummary(ctx context.Context, e *env, args []string) error {
	fs := newFlags("summary")
	asJSON := fs.Bool("json", false, "以 JSON 输出")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	return withApp(ctx, e, func(a *app.App) error {
		s, err := a.Summary(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(e.stdout, s)
		}
		fmt.Fprintf(e.stdout, "区划：市 %d，县（市、区）%d，乡镇（街道）%d，村（社区）%d\n已建社区档案：%d\n",
			s.Divisions.City, s.Divisions.County, s.Divisions.Township, s.Divisions.Village, s.Profiles)
		if s.DataChangedAt != nil {
			fmt.Fprintf(e.stdout, "最近修改：%s\n", s.DataChangedAt.Format("2006年1月2日 15:04"))
		}
		return nil
	})
}
