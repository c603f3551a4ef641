package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"shequ/app"
	"shequ/app/store"
)

// The commands that move data into and out of a shared database (issue 17).

func init() {
	register("import-desk", command{usage: "本机数据库文件.db", help: "把本机数据库（含操作日志）整体导入刚用 init 建好的共享数据库（--db postgres://…）", run: cmdImportDesk})
}

func cmdImportDesk(ctx context.Context, e *env, args []string) error {
	fs := newFlags("import-desk")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 {
		return usagef("请指定一个本机数据库文件，如 shequctl --db postgres://… import-desk shequ.db")
	}
	path, err := app.ResolveDBPath(e.dbFlag)
	if err != nil {
		return err
	}
	if !store.IsPostgres(path) {
		return usagef("import-desk 把本机数据库导入共享数据库：请用 --db postgres://用户名@服务器/数据库名 指定共享数据库")
	}
	file, err := filepath.Abs(fs.Arg(0))
	if err != nil {
		return err
	}
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("找不到本机数据库文件 %s", fs.Arg(0))
	}
	return withApp(ctx, e, func(a *app.App) error {
		res, err := a.ImportDesk(ctx, file, nil)
		if err != nil {
			return err
		}
		if res.Migrated {
			fmt.Fprintf(e.stdout, "本机数据库的结构是第 %d 版，已在临时副本上升级到第 %d 版后导入（原文件未改动）。\n",
				res.FromVersion, store.LatestSchemaVersion())
		}
		for _, f := range res.Foreign {
			fmt.Fprintf(e.stdout, "提醒：文件中不属于 shequ 的对象未导入：%s\n", f)
		}
		fmt.Fprintf(e.stdout, "已把本机数据库 %s 导入共享数据库 %s：\n", file, a.DBPath())
		empty := 0
		for _, t := range res.Tables {
			if t.Rows == 0 {
				empty++
				continue
			}
			fmt.Fprintf(e.stdout, "  数据表 %-30s %d 行\n", t.Table, t.Rows)
		}
		fmt.Fprintf(e.stdout, "  另有 %d 张数据表没有数据\n合计 %d 张表 %d 行（编号、操作日志原样保留；本次导入已记入操作日志）。\n",
			empty, len(res.Tables), res.Rows)
		return nil
	})
}

// backupShared is backup on a shared database: a desk-mode copy of it (backup --out FILE.db).
func backupShared(ctx context.Context, e *env, out string, force bool) error {
	if out == "" {
		return errors.New("共享模式下 backup 需要 --out：用 backup --out 文件.db 写一份本机数据库副本（离线保存、恢复演练）；" +
			"服务器上的备份请信息管理员用 pg_dump -Fc 定期做（用 pg_restore 恢复）")
	}
	return withApp(ctx, e, func(a *app.App) error {
		res, err := a.CopyToFile(ctx, out, force)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "已把共享数据库 %s 复制到本机文件 %s：%d 张表共 %d 行。用 shequ --db %s 可以打开它。\n",
			a.DBPath(), out, len(res.Tables), res.Rows, out)
		return nil
	})
}
