package main

import (
	"context"
	"flag"
	"io"
	"strings"

	"shequ/app"
	"shequ/app/report"
)

// `shequctl report`: the leadership report for a year and a county or the city.
func init() {
	s := spec{cmd: "report",
		usage: "--year Y [--county CODE] [--sections a,b] [--table SECTION] --out FILE.pdf|FILE.xlsx|FILE.docx",
		help:  "生成城乡社区治理工作情况报告（PDF、Excel 或可编辑的 Word）；--table 只输出该章节的主表（PDF）",
		takes: takesYear | takesCounty, yearHelp: "报告年度",
		countyHelp: "县（市、区）区划代码，6 位（511321）或 12 位均可；默认全市",
		example:    "报告.pdf", outHelp: "输出文件（.pdf、.xlsx 或 .docx）",
		extra: func(fs *flag.FlagSet) {
			fs.String("sections", "", "只生成这些章节（逗号分隔）："+report.SectionIDs())
			fs.String("table", "", "只输出该章节的主表（PDF），如 budget")
		},
		check: checkReportOut, write: writeReport}
	register("report", command{usage: s.usage, help: s.help, run: runExport(s)})
}

// checkReportOut: the file's extension chooses the format, and a lone table is PDF only.
func checkReportOut(v *values) error {
	format, err := report.FormatOf(v.out)
	if err != nil {
		return usagef("%s", strings.TrimPrefix(err.Error(), "数据不合法："))
	}
	if v.get("table").(string) != "" && format != report.FormatPDF {
		return usagef("--table 只能输出 PDF：%s", v.out)
	}
	return nil
}

func writeReport(ctx context.Context, a *app.App, v *values, w io.Writer) (string, error) {
	req := report.Request{Year: v.year, Area: v.county}
	for _, s := range strings.Split(v.get("sections").(string), ",") {
		if s = strings.TrimSpace(s); s != "" {
			req.Sections = append(req.Sections, s)
		}
	}
	done := "已生成报表：" + v.out
	if table := v.get("table").(string); table != "" {
		return done, a.Reports.WriteMainTable(ctx, req, table, w)
	}
	format, err := report.FormatOf(v.out)
	if err != nil {
		return "", err
	}
	return done, a.Reports.Write(ctx, req, format, w)
}
