// Command shequctl is shequ's command line over the same services as the GUI:
// initialise, import, export, report and back up without opening a window.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"

	"shequ/app"
	"shequ/app/backup"
)

// usageError means the command line itself was wrong: exit code 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// env is what every command gets: the chosen database path and where to write.
type env struct {
	dbFlag string
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	usage string // after the command name
	help  string
	run   func(ctx context.Context, e *env, args []string) error
}

var commands = map[string]command{}

func register(name string, c command) { commands[name] = c }

func main() {
	setupConsole()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run parses the global flags, dispatches the command and maps errors to exit codes:
// 0 success, 1 failure or rejected input, 2 usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	fs := flag.NewFlagSet("shequctl", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.dbFlag, "db", "", "数据库文件")
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		printUsage(stdout)
		return 0
	} else if err != nil {
		fmt.Fprintf(stderr, "参数错误：%s\n\n", flagMessage(err))
		printUsage(stderr)
		return 2
	}
	rest := fs.Args()
	if len(rest) == 0 {
		printUsage(stderr)
		return 2
	}
	if rest[0] == "help" || rest[0] == "-h" || rest[0] == "--help" {
		printUsage(stdout)
		return 0
	}
	c, ok := commands[rest[0]]
	if !ok {
		fmt.Fprintf(stderr, "未知命令：%s\n\n", rest[0])
		printUsage(stderr)
		return 2
	}
	err := c.run(ctx, e, rest[1:])
	var ue usageError
	var help helpRequest
	switch {
	case err == nil:
		return 0
	case errors.As(err, &help):
		if help.usage == "" {
			help.usage, help.help = strings.TrimSpace(rest[0]+" "+c.usage), c.help
		}
		fmt.Fprintf(stdout, "用法：shequctl [--db 文件] %s\n%s\n%s", help.usage, help.help, help.more)
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "用法错误：%s\n用法：shequctl [--db 文件] %s %s\n", ue.msg, rest[0], c.usage)
		return 2
	default:
		// SQLite's or the system's own words go to the log beside the database, not to the clerk.
		dbPath, _ := app.ResolveDBPath(e.dbFlag)
		fmt.Fprintf(stderr, "错误：%v\n", backup.Explain(dbPath, err))
		return 1
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "shequctl —— 社区治理工作台命令行工具")
	fmt.Fprintln(w, "用法：shequctl [--db 数据库文件] 命令 [参数]")
	fmt.Fprintln(w, "未指定 --db 时使用环境变量 SHEQU_DB，再否则使用用户配置目录下的 shequ/shequ.db。")
	fmt.Fprintln(w, "\n命令：")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-28s %s\n", strings.TrimSpace(n+" "+c.usage), c.help)
	}
}

// newFlags makes a command's flag set that reports errors as usage errors.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return flagError(err)
	}
	if fs.NArg() > 0 {
		return usagef("多余的参数：%s", strings.Join(fs.Args(), " "))
	}
	return nil
}

// flagMessage puts the flag package's English errors into Chinese.
func flagMessage(err error) string {
	msg := err.Error()
	for _, p := range [][2]string{
		{"flag provided but not defined: ", "未知选项 "},
		{"flag needs an argument: ", "选项缺少取值："},
		{"invalid value ", "取值无效："},
		{"invalid boolean value ", "取值无效："},
	} {
		if strings.HasPrefix(msg, p[0]) {
			return p[1] + strings.TrimPrefix(msg, p[0])
		}
	}
	return msg
}
