package main

import (
	"context"
	"fmt"
	"io"

	"shequ/app/registry"
	"shequ/app/sheet"
)

func init() {
	for _, k := range []registry.Kind{registry.KindOrgs, registry.KindWorkers} {
		importers[string(k)] = func(ctx context.Context, e *env, args []string) error { return importRegistry(ctx, e, k, args) }
		exporters[string(k)] = func(ctx context.Context, e *env, args []string) error { return exportRegistry(ctx, e, k, args) }
		exporters[string(k)+"-template"] = func(ctx context.Context, e *env, args []string) error { return registryTemplate(ctx, e, k, args) }
	}
}

// importRegistry is `shequctl import orgs|workers FILE [--json]`: every row or none.
func importRegistry(ctx context.Context, e *env, kind registry.Kind, args []string) error {
	fs := newFlags("import " + string(kind))
	asJSON := fs.Bool("json", false, "以 JSON 输出结果")
	file, err := parseWithFile(fs, args)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	res, err := a.Registry.Import(ctx, kind, file)
	if err != nil {
		return err
	}
	if *asJSON {
		out := struct {
			OK     bool          `json:"ok"`
			Kind   string        `json:"kind"`
			File   string        `json:"file"`
			Sheet  string        `json:"sheet"`
			Rows   int           `json:"rows"`
			Errors []sheet.Issue `json:"errors"`
		}{res.OK, string(res.Kind), res.File, res.Sheet, res.Rows, issues(res.Errors)}
		if err := writeJSON(e.stdout, out); err != nil {
			return err
		}
	} else {
		for _, x := range res.Errors {
			fmt.Fprintf(e.stderr, "错误：%s\n", x)
		}
		if res.OK {
			fmt.Fprintf(e.stdout, "已导入：文件“%s”工作表“%s”，%d 条\n", res.File, res.Sheet, res.Rows)
		}
	}
	if !res.OK {
		return fmt.Errorf("%w：共 %d 处问题，未写入任何数据", errRefused, len(res.Errors))
	}
	return nil
}

// exportRegistry is `shequctl export orgs|workers --out F.xlsx [--with-personal-data]`.
func exportRegistry(ctx context.Context, e *env, kind registry.Kind, args []string) error {
	fs := newFlags("export " + string(kind))
	out := fs.String("out", "", "输出的 Excel 文件（.xlsx）")
	full := fs.Bool("with-personal-data", false, "导出完整身份证号和联系电话（记入操作日志）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkXLSXOut("export "+string(kind), "预算.xlsx", *out); err != nil {
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
		n, err = a.Registry.Export(ctx, kind, *full, w)
		return err
	}); err != nil {
		return err
	}
	note := "个人信息已遮盖"
	if *full {
		note = "含完整个人信息，已记入操作日志"
	}
	fmt.Fprintf(e.stdout, "已导出 %d 条（%s）：%s\n", n, note, *out)
	return nil
}

// registryTemplate is `shequctl export orgs-template|workers-template --out F.xlsx`.
func registryTemplate(ctx context.Context, e *env, kind registry.Kind, args []string) error {
	fs := newFlags("export " + string(kind) + "-template")
	out := fs.String("out", "", "输出的 Excel 文件（.xlsx）")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkXLSXOut("export "+string(kind)+"-template", "预算.xlsx", *out); err != nil {
		return err
	}
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := writeExport(*out, ".xlsx", func(w io.Writer) error { return a.Registry.Template(kind, w) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已生成导入模板：%s\n", *out)
	return nil
}
