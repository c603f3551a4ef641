package main

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// importers and exporters are the kinds `shequctl import KIND …` and `shequctl export KIND …`
// accept; each area adds its own in its file's init().
var (
	importers = map[string]spec{}
	exporters = map[string]spec{}
)

func init() {
	register("import", command{usage: "种类 [参数]", help: "导入数据（种类见 shequctl import）", run: func(ctx context.Context, e *env, args []string) error {
		return dispatch(ctx, e, "导入", importers, runImport, args)
	}})
	register("export", command{usage: "种类 [参数]", help: "导出数据（种类见 shequctl export）", run: func(ctx context.Context, e *env, args []string) error {
		return dispatch(ctx, e, "导出", exporters, runExport, args)
	}})
}

// addImport and addExport put a kind's spec in its table; the kind is the spec's last word.
func addImport(s spec) { importers[s.cmd[strings.LastIndexByte(s.cmd, ' ')+1:]] = s }
func addExport(s spec) { exporters[s.cmd[strings.LastIndexByte(s.cmd, ' ')+1:]] = s }

func dispatch(ctx context.Context, e *env, verb string, table map[string]spec, runner func(spec) func(context.Context, *env, []string) error, args []string) error {
	names := slices.Sorted(maps.Keys(table))
	kinds := strings.Join(names, "、")
	if len(args) == 0 {
		return usagef("请指明%s的种类：%s", verb, kinds)
	}
	if isHelp(args[0]) {
		var b strings.Builder
		fmt.Fprintln(&b, "\n种类：")
		for _, n := range names {
			s := table[n]
			fmt.Fprintf(&b, "  %s %s\n    %s\n", n, s.usage, s.help)
		}
		return helpRequest{more: b.String()}
	}
	s, ok := table[args[0]]
	if !ok {
		return usagef("未知的%s种类“%s”，可选：%s", verb, args[0], kinds)
	}
	return runner(s)(ctx, e, args[1:])
}

func isHelp(arg string) bool { return arg == "-h" || arg == "--help" || arg == "-help" }
