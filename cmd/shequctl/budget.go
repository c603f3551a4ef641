package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"shequ/app/budget"
	"shequ/app/sheet"
)

func init() {
	importers["budget"] = importBudget
	exporters["budget"] = exportBudget
	exporters["budget-template"] = exportBudgetTemplate
}

// errRefused: the import was refused and the reasons are already printed; exit code 1.
var errRefused = errors.New("导入被拒绝")

// parseWithFile parses flags that may come before or after the one positional FILE.
func parseWithFile(fs *flag.FlagSet, args []string) (string, error) {
	file := ""
	for {
		if err := fs.Parse(args); err != nil {
			return "", usageError{flagMessage(err)}
		}
		if fs.NArg() == 0 {
			break
		}
		if file != "" {
			return "", usagef("多余的参数：%s", strings.Join(fs.Args(), " "))
		}
		file, args = fs.Arg(0), fs.Args()[1:]
	}
	if file == "" {
		return "", usagef("请指明要导入的文件")
	}
	return file, nil
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

// importBudget is `shequctl import budget FILE [--year Y] [--county CODE] [--sheet NAME]... [--dry-run] [--replace] [--json]`.
func importBudget(ctx context.Context, e *env, args []string) error {
	fs := newFlags("import budget")
	year := fs.Int("year", 0, "预算年度（不填则从表格标题读取）")
	county := fs.String("county", "", "县（市、区）区划代码（不填则按明细判断）")
	dry := fs.Bool("dry-run", false, "只检查，不写入")
	replace := fs.Bool("replace", false, "同一文件已导入过时，撤销旧批次后重新导入")
	asJSON := fs.Bool("json", false, "以 JSON 输出结果")
	var sheets sheetList
	fs.Var(&sheets, "sheet", "只导入这些工作表（可重复，或用逗号分隔；不填则导入所有带预算表头的工作表）")
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
	res, err := a.Budget.Import(ctx, file, budget.ImportOptions{Year: *year, County: strings.TrimSpace(*county), DryRun: *dry, Replace: *replace,
		Sheets: sheets})
	if err != nil {
		return err
	}
	if *asJSON {
		out := importJSON{OK: res.OK, File: res.File, Sheet: res.Sheet, Year: res.Year, County: res.County, Rows: res.Rows,
			TotalFen: int64(res.Total), Sheets: res.Sheets, Errors: issues(res.Errors), Warnings: issues(res.Warnings)}
		if out.Sheets == nil {
			out.Sheets = []budget.SheetResult{}
		}
		if res.Batch != 0 {
			out.Batch = &res.Batch
		}
		if err := writeJSON(e.stdout, out); err != nil {
			return err
		}
	} else {
		for _, w := range res.Warnings {
			fmt.Fprintf(e.stderr, "提醒：%s\n", w)
		}
		for _, x := range res.Errors {
			fmt.Fprintf(e.stderr, "错误：%s\n", x)
		}
		if res.OK && len(res.Sheets) > 1 {
			for _, sh := range res.Sheets {
				town := ""
				if sh.Township != "" && sh.Township != sh.Name {
					town = "（" + sh.Township + "）"
				}
				fmt.Fprintf(e.stdout, "工作表“%s”%s：%d 条，合计 %s 元\n", sh.Name, town, sh.Rows, sh.Total.Yuan())
			}
		}
		if res.OK {
			verb := "已导入"
			if *dry {
				verb = "检查通过（未写入）"
			}
			fmt.Fprintf(e.stdout, "%s：文件“%s”工作表“%s”，%d 年，%d 条，合计 %s 元", verb, res.File, res.Sheet, res.Year, res.Rows, res.Total.Yuan())
			if res.Batch != 0 {
				fmt.Fprintf(e.stdout, "，批次 %d", res.Batch)
			}
			fmt.Fprintln(e.stdout)
		}
	}
	if !res.OK {
		return fmt.Errorf("%w：共 %d 处问题，未写入任何数据", errRefused, len(res.Errors))
	}
	return nil
}

// exportBudget is `shequctl export budget --year Y --out FILE.xlsx`.
func exportBudget(ctx context.Context, e *env, args []string) error {
	fs := newFlags("export budget")
	year := fs.Int("year", time.Now().Year(), "年度")
	out := fs.String("out", "", "输出的 Excel 文件（.xlsx）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkXLSXOut("export budget", "预算.xlsx", *out); err != nil {
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
		n, err = a.Budget.Export(ctx, *year, w)
		return err
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已导出 %d 年预算明细 %d 条：%s\n", *year, n, *out)
	return nil
}

// exportBudgetTemplate is `shequctl export budget-template --county CODE [--year Y] --out F.xlsx`.
func exportBudgetTemplate(ctx context.Context, e *env, args []string) error {
	fs := newFlags("export budget-template")
	county := fs.String("county", "", "县（市、区）区划代码，如 511323000000")
	year := fs.Int("year", time.Now().Year(), "模板标题中的年度")
	out := fs.String("out", "", "输出的 Excel 文件（.xlsx）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *county == "" {
		return usagef("export budget-template 需要 --county 县区划代码，如 --county 511323000000")
	}
	if err := checkXLSXOut("export budget-template", "预算.xlsx", *out); err != nil {
		return err
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := writeExport(*out, ".xlsx", func(w io.Writer) error { return a.Budget.Template(ctx, *county, *year, w) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已生成预算导入模板：%s\n", *out)
	return nil
}

// checkXLSXOut checks the --out of an Excel export; example is the file name the message suggests.
func checkXLSXOut(cmd, example, out string) error {
	if out == "" {
		return usagef("%s 需要 --out 文件名，如 --out %s", cmd, example)
	}
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return usagef("输出文件应以 .xlsx 结尾：%s", out)
	}
	return nil
}
