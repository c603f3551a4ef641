package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"shequ/app"
	"shequ/app/registry"
	"shequ/app/sheet"
)

// registryNames are what each register is called in a suggested file name.
var registryNames = map[registry.Kind]string{registry.KindOrgs: "社会组织", registry.KindWorkers: "社会工作者"}

func init() {
	for _, k := range []registry.Kind{registry.KindOrgs, registry.KindWorkers} {
		name := registryNames[k]
		addImport(spec{cmd: "import " + string(k), usage: "文件 [--json]", help: "导入" + name + "名册（全部通过才写入）",
			takes: takesJSON, load: func(ctx context.Context, a *app.App, v *values) (imported, error) {
				return importRegistry(ctx, a, k, v)
			}})
		addExport(spec{cmd: "export " + string(k), usage: "--out " + name + ".xlsx [--with-personal-data]", help: "导出" + name + "名册",
			example: name + ".xlsx",
			extra: func(fs *flag.FlagSet) {
				fs.Bool("with-personal-data", false, "导出完整身份证号和联系电话（记入操作日志）")
			},
			write: func(ctx context.Context, a *app.App, v *values, w io.Writer) (string, error) {
				return exportRegistry(ctx, a, k, v, w)
			}})
		addExport(spec{cmd: "export " + string(k) + "-template", usage: "--out " + name + "导入模板.xlsx", help: "生成" + name + "名册的导入模板",
			example: name + "导入模板.xlsx",
			write: func(_ context.Context, a *app.App, v *values, w io.Writer) (string, error) {
				return "已生成导入模板：" + v.out, a.Registry.Template(k, w)
			}})
	}
}

// importRegistry is `shequctl import orgs|workers FILE [--json]`: every row or none.
func importRegistry(ctx context.Context, a *app.App, kind registry.Kind, v *values) (imported, error) {
	res, err := a.Registry.Import(ctx, kind, v.file)
	if err != nil {
		return imported{}, err
	}
	out := struct {
		OK     bool          `json:"ok"`
		Kind   string        `json:"kind"`
		File   string        `json:"file"`
		Sheet  string        `json:"sheet"`
		Rows   int           `json:"rows"`
		Errors []sheet.Issue `json:"errors"`
	}{res.OK, string(res.Kind), res.File, res.Sheet, res.Rows, issues(res.Errors)}
	return imported{ok: res.OK, errors: res.Errors, json: out, report: func(w io.Writer) {
		fmt.Fprintf(w, "已导入：文件“%s”工作表“%s”，%d 条\n", res.File, res.Sheet, res.Rows)
	}}, nil
}

// exportRegistry is `shequctl export orgs|workers --out F.xlsx [--with-personal-data]`.
func exportRegistry(ctx context.Context, a *app.App, kind registry.Kind, v *values, w io.Writer) (string, error) {
	full := v.get("with-personal-data").(bool)
	n, err := a.Registry.Export(ctx, kind, full, w)
	note := "个人信息已遮盖"
	if full {
		note = "含完整个人信息，已记入操作日志"
	}
	return fmt.Sprintf("已导出 %d 条（%s）：%s", n, note, v.out), err
}
