package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"shequ/app"
)

// `shequctl export ledgers --year Y [--county CODE] --out F.xlsx`: every 民主自治 ledger of the
// year, one sheet each, personal data masked.
func init() {
	addExport(spec{cmd: "export ledgers", usage: "--year 年度 [--county 代码] --out 民主自治台账.xlsx",
		help: "导出一年的民主自治台账（个人信息已隐去）", takes: takesYear | takesCounty, yearHelp: "年度",
		countyHelp: "县（市、区）区划代码，6 位或 12 位，如 511302000000；不填为全部", example: "民主自治台账.xlsx",
		write: func(ctx context.Context, a *app.App, v *values, w io.Writer) (string, error) {
			return fmt.Sprintf("已导出 %d 年度民主自治台账（14 张表，个人信息已隐去）：%s", v.year, v.out),
				a.Ledgers.ExportLedgers(ctx, w, v.year, v.county, nil)
		}})
}

// writeExport writes beside the target and renames, so a failed export never leaves half a file;
// ext is the temporary file's extension (".xlsx", ".pdf").
func writeExport(out, ext string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(out), ".shequ-export-*"+ext)
	if err != nil {
		return fmt.Errorf("无法写入 %s：%w", out, err)
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("无法写入 %s：%w", out, err)
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("无法写入 %s：%w", out, err)
	}
	return nil
}
