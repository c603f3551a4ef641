package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

func init() {
	exporters["duties"] = exportDuties
}

// exportDuties is `shequctl export duties --year Y --out F.xlsx`: the year's departments × tasks
// matrix and task list, with status computed for today.
func exportDuties(ctx context.Context, e *env, args []string) error {
	fs := newFlags("export duties")
	year := fs.Int("year", time.Now().Year(), "计划年度（0 为全部年度）")
	out := fs.String("out", "", "输出的 Excel 文件（.xlsx）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkXLSXOut("export duties", "部门职责.xlsx", *out); err != nil {
		return err
	}
	if *year != 0 && (*year < 2000 || *year > 2100) {
		return usagef("--year 应为 2000 至 2100 之间的年份，或 0 表示全部年度：%d", *year)
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := writeExport(*out, ".xlsx", func(w io.Writer) error { return a.Duties.ExportXLSX(ctx, w, *year, time.Now()) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已导出部门职责（任务矩阵、任务清单）：%s\n", *out)
	return nil
}
