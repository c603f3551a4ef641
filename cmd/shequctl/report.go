package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"shequ/app"
)

func init() {
	register("report", command{
		usage: "--year Y [--county CODE] [--sections a,b] [--table SECTION] --out FILE.pdf|FILE.xlsx|FILE.docx",
		help:  "生成城乡社区治理工作情况报告（PDF、Excel 或可编辑的 Word）；--table 只输出该章节的主表（PDF）",
		run:   runReport,
	})
}

// runReport is `shequctl report`: the leadership report for a year and a county or the city.
func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags("report")
	year := fs.Int("year", time.Now().Year(), "报告年度")
	county := fs.String("county", app.CityCode, "县（市、区）区划代码，6 位（511321）或 12 位均可；默认全市")
	sections := fs.String("sections", "", "只生成这些章节（逗号分隔）："+app.SectionIDs())
	table := fs.String("table", "", "只输出该章节的主表（PDF），如 budget")
	out := fs.String("out", "", "输出文件（.pdf、.xlsx 或 .docx）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("report 需要 --out 文件名，如 --out 报告.pdf")
	}
	format, err := app.FormatOf(*out)
	if err != nil {
		return usagef("%s", strings.TrimPrefix(err.Error(), "数据不合法："))
	}
	if *table != "" && format != app.FormatPDF {
		return usagef("--table 只能输出 PDF：%s", *out)
	}
	if *year < 2000 || *year > 2100 {
		return usagef("--year 应为 2000 至 2100 之间的年份：%d", *year)
	}
	req := app.ReportRequest{Year: *year, Area: *county}
	for _, s := range strings.Split(*sections, ",") {
		if s = strings.TrimSpace(s); s != "" {
			req.Sections = append(req.Sections, s)
		}
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := writeExport(*out, filepath.Ext(*out), func(w io.Writer) error {
		if *table != "" {
			return a.Reports.WriteMainTable(ctx, req, *table, w)
		}
		return a.Reports.Write(ctx, req, format, w)
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已生成报表：%s\n", *out)
	return nil
}
