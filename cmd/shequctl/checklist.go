package main

import (
	"context"
	"fmt"
	"io"

	"shequ/app"
	"shequ/app/checklist"
	"shequ/app/sheet"
)

func init() {
	addImport(spec{cmd: "import assessments", usage: "文件 [--year 年度] [--dry-run] [--json]", help: "导入标准化建设测评表（全部通过才写入）",
		takes: takesYear | takesDryRun | takesJSON, year: yearFromTitle, yearHelp: "测评年度（不填则从表格标题读取）", load: importAssessments})
	addExport(spec{cmd: "export assessments", usage: "--year 年度 [--county 代码] --out 测评.xlsx", help: "导出标准化建设测评表",
		takes: takesYear | takesCounty, yearHelp: "测评年度",
		countyHelp: "县（市、区）或乡镇（街道）区划代码，6、9 或 12 位；不填则每个县一张工作表", example: "测评.xlsx",
		write: func(ctx context.Context, a *app.App, v *values, w io.Writer) (string, error) {
			n, err := a.Checklist.ExportAssessments(ctx, v.county, v.year, w, nil)
			return fmt.Sprintf("已导出 %d 年标准化建设测评表，%d 个村（社区）：%s", v.year, n, v.out), err
		}})
}

type assessmentImportJSON struct {
	OK        bool          `json:"ok"`
	File      string        `json:"file"`
	Year      int           `json:"year"`
	Rows      int           `json:"rows"`
	Unchanged int           `json:"unchanged"`
	Skipped   int           `json:"skipped"`
	ZeroScore int           `json:"zero_score"`
	Errors    []sheet.Issue `json:"errors"`
}

// importAssessments is `shequctl import assessments FILE [--year Y] [--dry-run] [--json]`.
func importAssessments(ctx context.Context, a *app.App, v *values) (imported, error) {
	res, err := a.Checklist.ImportAssessments(ctx, v.file, checklist.AssessmentImportOptions{Year: v.year, DryRun: v.dryRun})
	if err != nil {
		return imported{}, err
	}
	out := assessmentImportJSON{OK: res.OK, File: res.File, Year: res.Year, Rows: res.Rows,
		Unchanged: res.Unchanged, Skipped: res.Skipped, ZeroScore: res.ZeroScore, Errors: issues(res.Errors)}
	return imported{ok: res.OK, errors: res.Errors, json: out, report: func(w io.Writer) {
		msg := fmt.Sprintf("%s：文件“%s”，%d 年测评 %d 份", importVerb(v), res.File, res.Year, res.Rows)
		if more := res.Message(); more != "" {
			msg += "，" + more
		}
		fmt.Fprintln(w, msg)
	}}, nil
}
