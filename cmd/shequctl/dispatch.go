package main

import (
	"context"
	"maps"
	"slices"
	"strings"
)

// importers and exporters are the kinds `shequctl import KIND …` and `shequctl export KIND …`
// accept; each area adds its own in its file's init().
var (
	importers = map[string]func(context.Context, *env, []string) error{}
	exporters = map[string]func(context.Context, *env, []string) error{}
)

func init() {
	register("import", command{usage: "种类 [参数]", help: "导入数据（种类见 shequctl import）", run: func(ctx context.Context, e *env, args []string) error {
		return dispatch(ctx, e, "导入", importers, args)
	}})
	register("export", command{usage: "种类 [参数]", help: "导出数据（种类见 shequctl export）", run: func(ctx context.Context, e *env, args []string) error {
		return dispatch(ctx, e, "导出", exporters, args)
	}})
}

func dispatch(ctx context.Context, e *env, verb string, table map[string]func(context.Context, *env, []string) error, args []string) error {
	kinds := strings.Join(slices.Sorted(maps.Keys(table)), "、")
	if len(args) == 0 {
		return usagef("请指明%s的种类：%s", verb, kinds)
	}
	run, ok := table[args[0]]
	if !ok {
		return usagef("未知的%s种类“%s”，可选：%s", verb, args[0], kinds)
	}
	return run(ctx, e, args[1:])
}
