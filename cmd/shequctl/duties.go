package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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
	if *out == "" {
		return usagef("export duties 需要 --out 文件名，如 --out 部门职责.xlsx")
	}
	if !strings.EqualFold(filepath.Ext(*out), ".xlsx") {
		return usagef("输出文件应以 .xlsx 结尾：%s", *out)
	}
	if *year != 0 && (*year < 2000 || *year > 2100) {
		return usagef("--year 应为 2000 至 2100 之间的年份，或 0 表示全部年度：%d", *year)
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	// Written beside the target and renamed, so a failed export never leaves half a workbook.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".shequ-export-*.xlsx")
	if err != nil {
		return fmt.Errorf("无法写入 %s：%w", *out, err)
	}
	defer os.Remove(tmp.Name())
	if err := a.Duties.ExportXLSX(ctx, tmp, *year, time.Now()); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("无法写入 %s：%w", *out, err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("无法写入 %s：%w", *out, err)
	}
	fmt.Fprintf(e.stdout, "已导出部门职责（任务矩阵、任务清单）：%s\n", *out)
	return nil
}
