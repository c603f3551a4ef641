package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

func init() {
	exporters["ledgers"] = exportLedgers
}

// exportLedgers is `shequctl export ledgers --year Y [--county CODE] --out F.xlsx`: every 民主自治
// ledger of the year, one sheet each, personal data masked.
func exportLedgers(ctx context.Context, e *env, args []string) error {
	fs := newFlags("export ledgers")
	year := fs.Int("year", time.Now().Year(), "年度")
	county := fs.String("county", "", "县（市、区）区划代码，如 511302000000；不填为全部")
	out := fs.String("out", "", "输出的 Excel 文件（.xlsx）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkXLSXOut("export ledgers", "民主自治台账.xlsx", *out); err != nil {
		return err
	}
	if *year < 2000 || *year > 2200 {
		return usagef("--year 应为 2000 至 2200 之间的年份：%d", *year)
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := writeExport(*out, ".xlsx", func(w io.Writer) error {
		return a.Ledgers.ExportLedgers(ctx, w, *year, strings.TrimSpace(*county), nil)
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已导出 %d 年度民主自治台账（14 张表，个人信息已隐去）：%s\n", *year, *out)
	return nil
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
