package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"shequ/app/checklist"
	"shequ/app/sheet"
)

func init() {
	importers["assessments"] = importAssessments
	exporters["assessments"] = exportAssessments
}

// exportAssessments is `shequctl export assessments --year Y [--county CODE] --out F.xlsx`.
func exportAssessments(ctx context.Context, e *env, args []string) error {
	fs := newFlags("export assessments")
	year := fs.Int("year", time.Now().Year(), "测评年度")
	county := fs.String("county", "", "县（市、区）或乡镇（街道）区划代码；不填则每个县一张工作表")
	out := fs.String("out", "", "输出的 Excel 文件（.xlsx）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *year < 2000 || *year > 2100 {
		return usagef("--year 应为 2000 至 2100 之间的年份：%d", *year)
	}
	if err := checkXLSXOut("export assessments", "预算.xlsx", *out); err != nil {
		return err
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	n := 0
	if err := writeExport(*out, ".xlsx", func(w io.Writer) error {
		var err error
		n, err = a.Checklist.ExportAssessments(ctx, strings.TrimSpace(*county), *year, w, nil)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已导出 %d 年标准化建设测评表，%d 个村（社区）：%s\n", *year, n, *out)
	return nil
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
func importAssessments(ctx context.Context, e *env, args []string) error {
	fs := newFlags("import assessments")
	year := fs.Int("year", 0, "测评年度（不填则从表格标题读取）")
	dry := fs.Bool("dry-run", false, "只检查，不写入")
	asJSON := fs.Bool("json", false, "以 JSON 输出结果")
	file, err := parseWithFile(fs, args)
	if err != nil {
		return err
	}
	if *year != 0 && (*year < 2000 || *year > 2100) {
		return usagef("--year 应为 2000 至 2100 之间的年份：%d", *year)
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.Checklist.ImportAssessments(ctx, file, checklist.AssessmentImportOptions{Year: *year, DryRun: *dry})
	if err != nil {
		return err
	}
	if *asJSON {
		if err := writeJSON(e.stdout, assessmentImportJSON{OK: res.OK, File: res.File, Year: res.Year, Rows: res.Rows,
			Unchanged: res.Unchanged, Skipped: res.Skipped, ZeroScore: res.ZeroScore, Errors: issues(res.Errors)}); err != nil {
			return err
		}
	} else {
		for _, x := range res.Errors {
			fmt.Fprintf(e.stderr, "错误：%s\n", x)
		}
		if res.OK {
			verb := "已导入"
			if *dry {
				verb = "检查通过（未写入）"
			}
			msg := fmt.Sprintf("%s：文件“%s”，%d 年测评 %d 份", verb, res.File, res.Year, res.Rows)
			if more := res.Message(); more != "" {
				msg += "，" + more
			}
			fmt.Fprintln(e.stdout, msg)
		}
	}
	if !res.OK {
		return fmt.Errorf("%w：共 %d 处问题，未写入任何数据", errRefused, len(res.Errors))
	}
	return nil
}
