package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"shequ/app"
	"shequ/app/sheet"
	"shequ/models"
)

// A spec is one import or export command: what it is called, the shared flags it takes and the
// work it does on the opened app. runImport and runExport do the rest, the same for every one.
type spec struct {
	cmd   string // as typed: "import budget", "export ledgers", "report"
	usage string // after cmd
	help  string
	takes shared
	year  yearRule

	yearHelp, countyHelp string
	countyRequired       bool   // without --county the command is a usage error
	example              string // export: the --out file name a usage error suggests
	outHelp              string // export: what --out is (default: an Excel file)

	extra func(fs *flag.FlagSet) // the command's own flags, read back with values.get
	check func(v *values) error  // export: checks --out once given (default: ends in .xlsx)
	load  func(ctx context.Context, a *app.App, v *values) (imported, error)
	write func(ctx context.Context, a *app.App, v *values, w io.Writer) (string, error) // returns the line to print
}

// shared is the set of shared flags a spec takes; exports always take --out, imports a FILE.
type shared uint8

const (
	takesYear shared = 1 << iota
	takesCounty
	takesDryRun
	takesJSON
)

// yearRule is what --year defaults to and which values it accepts besides a work year.
type yearRule uint8

const (
	yearThisYear  yearRule = iota // this year by default
	yearFromTitle                 // 0 by default: the year in the sheet's title
	yearOrAll                     // this year by default; 0 for every year
)

// values are a spec's parsed command line; county is in its 12-digit form ("" when not given).
type values struct {
	year   int
	county string
	dryRun bool
	json   bool
	out    string
	file   string
	fs     *flag.FlagSet
}

// get is the value of one of the spec's own flags.
func (v *values) get(name string) any { return v.fs.Lookup(name).Value.(flag.Getter).Get() }

// imported is what an import did, for runImport to print.
type imported struct {
	ok               bool
	errors, warnings []sheet.Issue
	json             any             // the --json document
	report           func(io.Writer) // the lines printed when it went through
}

// errRefused: the import was refused and the reasons are already printed; exit code 1.
var errRefused = errors.New("导入被拒绝")

// helpRequest is -h or --help: the usage is printed on standard output and the exit code is 0.
// Empty fields stand for the top-level command's own usage and help.
type helpRequest struct{ usage, help, more string }

func (helpRequest) Error() string { return "help requested" }

// helpRequest is the spec's usage, help and its flags (fs) one a line.
func (s *spec) helpRequest(fs *flag.FlagSet) helpRequest {
	var b strings.Builder
	b.WriteString("\n选项：\n")
	fs.VisitAll(func(f *flag.Flag) { fmt.Fprintf(&b, "  --%-20s %s\n", f.Name, f.Usage) })
	return helpRequest{usage: strings.TrimSpace(s.cmd + " " + s.usage), help: s.help, more: b.String()}
}

// flagError turns the flag package's error into a usage error, or a help request.
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return helpRequest{}
	}
	return usageError{flagMessage(err)}
}

// runImport runs an import spec: `import KIND FILE [flags]`.
func runImport(s spec) func(context.Context, *env, []string) error {
	return s.runner(true, func(ctx context.Context, e *env, a *app.App, v *values) error {
		res, err := s.load(ctx, a, v)
		if err != nil {
			return err
		}
		if v.json {
			if err := writeJSON(e.stdout, res.json); err != nil {
				return err
			}
		} else {
			for _, w := range res.warnings {
				fmt.Fprintf(e.stderr, "提醒：%s\n", w)
			}
			for _, x := range res.errors {
				fmt.Fprintf(e.stderr, "错误：%s\n", x)
			}
			if res.ok {
				res.report(e.stdout)
			}
		}
		if !res.ok {
			return fmt.Errorf("%w：共 %d 处问题，未写入任何数据", errRefused, len(res.errors))
		}
		return nil
	})
}

// runExport runs an export spec: `export KIND --out FILE [flags]`, written whole or not at all.
func runExport(s spec) func(context.Context, *env, []string) error {
	return s.runner(false, func(ctx context.Context, e *env, a *app.App, v *values) error {
		var done string
		if err := writeExport(v.out, filepath.Ext(v.out), func(w io.Writer) error {
			var err error
			done, err = s.write(ctx, a, v, w)
			return err
		}); err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, done)
		return nil
	})
}

// runner parses the command line (an import's, withFile, or an export's), opens the app and does.
func (s *spec) runner(withFile bool, do func(context.Context, *env, *app.App, *values) error) func(context.Context, *env, []string) error {
	return func(ctx context.Context, e *env, args []string) error {
		v, err := s.parse(args, withFile)
		if err != nil {
			return err
		}
		return withApp(ctx, e, func(a *app.App) error { return do(ctx, e, a, v) })
	}
}

// withApp opens the app for one command and closes it after.
func withApp(ctx context.Context, e *env, do func(a *app.App) error) error {
	a, err := openApp(ctx, e)
	if err != nil {
		return err
	}
	defer a.Close()
	return do(a)
}

// parse reads the command line of an import (withFile) or an export and checks the shared flags.
func (s *spec) parse(args []string, withFile bool) (*values, error) {
	fs := newFlags(s.cmd)
	v := &values{fs: fs}
	county := ""
	if s.takes&takesYear != 0 {
		def := time.Now().Year()
		if s.year == yearFromTitle {
			def = 0
		}
		fs.IntVar(&v.year, "year", def, s.yearHelp)
	}
	if s.takes&takesCounty != 0 {
		fs.StringVar(&county, "county", "", s.countyHelp)
	}
	if s.takes&takesDryRun != 0 {
		fs.BoolVar(&v.dryRun, "dry-run", false, "只检查，不写入")
	}
	if s.takes&takesJSON != 0 {
		fs.BoolVar(&v.json, "json", false, "以 JSON 输出结果")
	}
	if !withFile {
		fs.StringVar(&v.out, "out", "", cmp.Or(s.outHelp, "输出的 Excel 文件（.xlsx）"))
	}
	if s.extra != nil {
		s.extra(fs)
	}
	var err error
	if withFile {
		v.file, err = parseWithFile(fs, args)
	} else {
		err = parseFlags(fs, args)
	}
	if errors.As(err, new(helpRequest)) {
		return nil, s.helpRequest(fs)
	}
	if err == nil {
		err = s.checkYear(v.year)
	}
	if err == nil {
		v.county, err = s.parseCounty(county)
	}
	if err == nil && !withFile {
		err = s.checkOut(v)
	}
	return v, err
}

func (s *spec) checkYear(y int) error {
	switch {
	case s.takes&takesYear == 0 || models.ValidYear(y):
		return nil
	case y == 0 && (s.year == yearFromTitle || s.year == yearOrAll):
		return nil
	case s.year == yearOrAll:
		return usagef("--year 应为 %d 至 %d 之间的年份，或 0 表示全部年度：%d", models.MinYear, models.MaxYear, y)
	}
	return usagef("--year 应为 %d 至 %d 之间的年份：%d", models.MinYear, models.MaxYear, y)
}

// parseCounty takes the 6-digit and the 12-digit form alike and gives the 12-digit one.
func (s *spec) parseCounty(county string) (string, error) {
	if county = strings.TrimSpace(county); county == "" {
		if s.countyRequired {
			return "", usagef("%s 需要 --county 县区划代码，如 --county 511323000000", s.cmd)
		}
		return "", nil
	}
	code, err := models.ParseDivisionCode(county)
	if err != nil {
		return "", err
	}
	return code.String(), nil
}

func (s *spec) checkOut(v *values) error {
	if v.out == "" {
		return usagef("%s 需要 --out 文件名，如 --out %s", s.cmd, s.example)
	}
	if s.check != nil {
		return s.check(v)
	}
	if !strings.EqualFold(filepath.Ext(v.out), ".xlsx") {
		return usagef("输出文件应以 .xlsx 结尾：%s", v.out)
	}
	return nil
}

// parseWithFile parses flags that may come before or after the one positional FILE.
func parseWithFile(fs *flag.FlagSet, args []string) (string, error) {
	file := ""
	for {
		if err := fs.Parse(args); err != nil {
			return "", flagError(err)
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
