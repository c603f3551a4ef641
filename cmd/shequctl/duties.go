package main

import (
	"context"
	"io"
	"time"

	"shequ/app"
)

// `shequctl export duties --year Y --out F.xlsx`: the year's departments × tasks matrix and task
// list, with status computed for today.
func init() {
	addExport(spec{cmd: "export duties", usage: "--year 年度 --out 部门职责.xlsx", help: "导出部门职责（任务矩阵、任务清单）",
		takes: takesYear, year: yearOrAll, yearHelp: "计划年度（0 为全部年度）", example: "部门职责.xlsx",
		write: func(ctx context.Context, a *app.App, v *values, w io.Writer) (string, error) {
			return "已导出部门职责（任务矩阵、任务清单）：" + v.out, a.Duties.ExportXLSX(ctx, w, v.year, time.Now())
		}})
}
