package main

import (
	"context"
	"fmt"

	"shequ/app"
	"shequ/app/backup"
)

func init() {
	register("backup", command{usage: "--out 文件 [--force]", help: "把数据库备份到指定文件（程序运行时也可备份）；共享数据库复制成本机数据库文件", run: cmdBackup})
	register("restore", command{usage: "文件", help: "检查并从备份文件恢复数据库（先自动备份当前数据库）", run: cmdRestore})
	register("check", command{help: "检查数据库完整性与外键", run: cmdCheck})
}

func cmdBackup(ctx context.Context, e *env, args []string) error {
	fs := newFlags("backup")
	out := fs.String("out", "", "备份文件")
	force := fs.Bool("force", false, "覆盖已有的文件（共享数据库）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if sharedDB(e) {
		return backupShared(ctx, e, *out, *force)
	}
	if *out == "" {
		return usagef("缺少 --out 备份文件")
	}
	return withApp(ctx, e, func(a *app.App) error {
		if err := a.Backups.BackupTo(ctx, *out); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "已备份到 %s\n", *out)
		return nil
	})
}

func cmdRestore(ctx context.Context, e *env, args []string) error {
	fs := newFlags("restore")
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() != 1 {
		return usagef("请指定一个备份文件")
	}
	path, err := app.ResolveDBPath(e.dbFlag)
	if err != nil {
		return err
	}
	// Restoring swaps the file: no shequ window may have it open.
	lock, err := backup.AcquireLock(path)
	if err != nil {
		return err
	}
	defer lock.Release()
	return withApp(ctx, e, func(a *app.App) error {
		res, err := a.Backups.Restore(ctx, fs.Arg(0))
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "已从 %s 恢复。恢复前的数据库已备份为 %s\n", fs.Arg(0), res.Before.Path)
		if w := res.Warning(); w != "" {
			fmt.Fprintln(e.stdout, w)
		}
		return nil
	})
}

func cmdCheck(ctx context.Context, e *env, args []string) error {
	if err := parseFlags(newFlags("check"), args); err != nil {
		return err
	}
	return withApp(ctx, e, func(a *app.App) error {
		if err := a.Backups.Check(ctx); err != nil {
			return err
		}
		if a.Shared() {
			fmt.Fprintf(e.stdout, "共享数据库 %s 结构检查通过（完整性与外键由数据库服务器保证）\n", a.DBPath())
			return nil
		}
		fmt.Fprintf(e.stdout, "数据库 %s 完整性与外键检查通过\n", a.DBPath())
		return nil
	})
}
