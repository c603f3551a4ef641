package main

import (
	"context"
	"fmt"

	"shequ/app"
	"shequ/app/auth"
	"shequ/app/backup"
)

func init() {
	register("recover", command{usage: "[--from 备份文件]", help: "数据库损坏或不见了时，从最新的完好备份（或指定的备份）恢复，损坏的文件移到一旁保留", run: cmdRecover})
}

func cmdRecover(ctx context.Context, e *env, args []string) error {
	fs := newFlags("recover")
	from := fs.String("from", "", "从这个备份文件恢复（默认：此数据库最新的完好备份）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	path, err := app.ResolveDBPath(e.dbFlag)
	if err != nil {
		return err
	}
	// Recovery swaps the file: no shequ window may have it open.
	lock, err := backup.LockDesk(path)
	if err != nil {
		return err
	}
	defer lock.Release()
	r, err := backup.Recover(ctx, path, *from, auth.OSUser())
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已从备份 %s（%s）恢复数据库 %s。\n", r.From.Path, r.From.Describe(), path)
	if r.Aside != "" {
		fmt.Fprintf(e.stdout, "损坏的数据库文件已移到 %s（连同 -wal、-shm 文件），留给 IT 人员查看，不再使用。\n", r.Aside)
	} else {
		fmt.Fprintln(e.stdout, "原数据库文件已不存在，没有需要移走的文件。")
	}
	fmt.Fprintln(e.stdout, "恢复已记入操作日志。备份之后所做的修改需要重新录入。")
	return nil
}
