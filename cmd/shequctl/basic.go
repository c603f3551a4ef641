package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"

	"shequ/app"
	"shequ/app/store"
)

func init() {
	register("version", command{help: "显示版本", run: cmdVersion})
	register("init", command{help: "创建或升级数据库并导入官方区划（可重复执行）", run: cmdInit})
	register("summary", command{usage: "[--json]", help: "数据概况", run: cmdSummary})
}

func cmdVersion(_ context.Context, e *env, args []string) error {
	if err := parseFlags(newFlags("version"), args); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "shequ %s（数据库结构第 %d 版，%s/%s）\n", app.Version, store.LatestSchemaVersion(), runtime.GOOS, runtime.GOARCH)
	return nil
}

// openApp opens the database chosen by --db, $SHEQU_DB or the default path. When an administrator
// has turned sign-in on, $SHEQU_USER and $SHEQU_PASSWORD sign in.
func openApp(ctx context.Context, e *env) (*app.App, error) {
	path, err := app.ResolveDBPath(e.dbFlag)
	if err != nil {
		return nil, err
	}
	a, err := app.OpenAs(ctx, path, app.Credentials{Username: os.Getenv("SHEQU_USER"), Password: os.Getenv("SHEQU_PASSWORD")})
	if errors.Is(err, app.ErrSignInRequired) {
		return nil, fmt.Errorf("%w：请用环境变量 SHEQU_USER 和 SHEQU_PASSWORD 提供用户名和密码", err)
	}
	return a, err
}

func cmdInit(ctx context.Context, e *env, args []string) error {
	if err := parseFlags(newFlags("init"), args); err != nil {
		return err
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.Init(ctx)
	if err != nil {
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
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
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
}
