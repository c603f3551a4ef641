package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"shequ/app"
	"shequ/app/budget"
	"shequ/app/sheet"
)

func init() {
	addImport(spec{cmd: "import budget", usage: "文件 [--year 年度] [--county 代码] [--sheet 工作表]... [--dry-run] [--replace] [--json]",
		help: "导入预算明细表（全部通过才写入）", takes: takesYear | takesCounty | takesDryRun | takesJSON, year: yearFromTitle,
		yearHelp: "预算年度（不填则从表格标题读取）", countyHelp: "县（市、区）区划代码，6 位或 12 位（不填则按明细判断）",
		extra: func(fs *flag.FlagSet) {
			fs.Bool("replace", false, "同一文件已导入过时，撤销旧批次后重新导入")
			fs.Var(&sheetList{}, "sheet", "只导入这些工作表（可重复，或用逗号分隔；不填则导入所有带预算表头的工作表）")
		},
		load: importBudget})
	addExport(spec{cmd: "export budget", usage: "--year 年度 --out 预算.xlsx", help: "导出一年的预算明细",
		takes: takesYear, yearHelp: "年度", example: "预算.xlsx", write: exportBudget})
	addExport(spec{cmd: "export budget-template", usage: "--county 代码 [--year 年度] --out 预算导入模板.xlsx",
		help: "生成一个县的预算导入模板", takes: takesYear | takesCounty, countyRequired: true,
		yearHelp: "模板标题中的年度", countyHelp: "县（市、区）区划代码，6 位或 12 位，如 511323000000", example: "预算导入模板.xlsx",
		write: func(ctx context.Context, a *app.App, v *values, w io.Writer) (string, error) {
			return "已生成预算导入模板：" + v.out, a.Budget.Template(ctx, v.county, v.year, w)
		}})
}

type importJSON struct {
	OK       bool                 `json:"ok"`
	File     string               `json:"file"`
	Sheet    string               `json:"sheet"`
	Year     int                  `json:"year"`
	County   string               `json:"county"`
	Rows     int                  `json:"rows"`
	TotalFen int64                `json:"total_fen"`
	Batch    *int64               `json:"batch"`
	Sheets   []budget.SheetResult `json:"sheets"`
	Errors   []sheet.Issue        `json:"errors"`
	Warnings []sheet.Issue        `json:"warnings"`
}

// sheetList is a repeatable --sheet flag; each value may name several sheets, comma-separated.
type sheetList []string

func (l *sheetList) String() string { return strings.Join(*l, ",") }

func (l *sheetList) Get() any { return []string(*l) }

func (l *sheetList) Set(v string) error {
	for _, name := range strings.FieldsFunc(v, func(c rune) bool { return c == ',' || c == '，' || c == '、' }) {
		if name = strings.TrimSpace(name); name != "" {
			*l = append(*l, name)
		}
	}
	return nil
}

// issues is list for JSON: [] rather than null when there are none.
func issues(list []sheet.Issue) []sheet.Issue {
	if list == nil {
		return []sheet.Issue{}
	}
	return list
}

// writeJSON writes v as one line of JSON, leaving <, > and & as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// importBudget is `shequctl import budget FILE`.
func importBudget(ctx context.Context, a *app.App, v *values) (imported, error) {
	res, err := a.Budget.Import(ctx, v.file, budget.ImportOptions{Year: v.year, County: v.county, DryRun: v.dryRun,
		Replace: v.get("replace").(bool), Sheets: v.get("sheet").([]string)})
	if err != nil {
		return imported{}, err
	}
	out := importJSON{OK: res.OK, File: res.File, Sheet: res.Sheet, Year: res.Year, County: res.County, Rows: res.Rows,
		TotalFen: int64(res.Total), Sheets: res.Sheets, Errors: issues(res.Errors), Warnings: issues(res.Warnings)}
	if out.Sheets == nil {
		out.Sheets = []budget.SheetResult{}
	}
	if res.Batch != 0 {
		out.Batch = &res.Batch
	}
	return imported{ok: res.OK, errors: res.Errors, warnings: res.Warnings, json: out, report: func(w io.Writer) {
		if len(res.Sheets) > 1 {
			for _, sh := range res.Sheets {
				town := ""
				if sh.Township != "" && sh.Township != sh.Name {
					town = "（" + sh.Township + "）"
				}
				fmt.Fprintf(w, "工作表“%s”%s：%d 条，合计 %s 元\n", sh.Name, town, sh.Rows, sh.Total.Yuan())
			}
		}
		fmt.Fprintf(w, "%s：文件“%s”工作表“%s”，%d 年，%d 条，合计 %s 元", importVerb(v), res.File, res.Sheet, res.Year, res.Rows, res.Total.Yuan())
		if res.Batch != 0 {
			fmt.Fprintf(w, "，批次 %d", res.Batch)
		}
		fmt.Fprintln(w)
	}}, nil
}

// importVerb says whether an import wrote or only checked.
func importVerb(v *values) string {
	if v.dryRun {
		return "检查通过（未写入）"
	}
	return "已导入"
}

// exportBudget is `shequctl export budget --year Y --out FILE.xlsx`.
func exportBudget(ctx context.Context, a *app.App, v *values, w io.Writer) (string, error) {
	n, err := a.Budget.Export(ctx, v.year, w)
	return fmt.Sprintf("已导出 %d 年预算明细 %d 条：%s", v.year, n, v.out), err
}
