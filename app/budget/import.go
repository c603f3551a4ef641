package budget

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"shequ/app/sheet"
	"shequ/models"
)

// ImportOptions steer one budget import.
type ImportOptions struct {
	Year    int    // 0: take it from the title ("2026年…")
	County  string // "": the county the lines belong to
	DryRun  bool   // check only, write nothing
	Replace bool   // the same file was imported before: undo that batch and import again
	// Progress, when set, is told how far the work is: rows checked of total.
	Progress func(done, total int)
	Limits   *sheet.Limits // nil: sheet.DefaultLimits()
	// Sheets, when given, limits the import to these sheets (by name); otherwise every sheet
	// that carries a budget header is imported.
	Sheets []string
}

// ImportLine is one parsed line, ready for the preview table. A line with errors (Bad) is
// kept in a preview as the sheet has it, so the errors can be shown in place.
type ImportLine struct {
	Bad          bool
	Sheet        string
	AmountText   string // the amount as written, when it could not be read
	Row          int
	DivisionCode string
	DivisionName string
	Category     string
	Item         string
	Amount       models.Fen
	Source       string
	Note         string
}

// SheetResult is what one sheet of the workbook holds.
type SheetResult struct {
	Name string `json:"name"`
	// Township is the township the sheet is about when its rows name none (from its name or title).
	Township string     `json:"township,omitempty"`
	Rows     int        `json:"rows"`
	Total    models.Fen `json:"total_fen"`
	Errors   int        `json:"errors"` // lines with problems
	// Problem says why the sheet as a whole cannot be imported ("" when it can).
	Problem string `json:"problem,omitempty"`
	// Summary: the sheet sums up the others (汇总表) and is left out so nothing counts twice.
	Summary bool `json:"summary,omitempty"`
}

// ImportResult is what an import did or, for a dry run or a refusal, would have done.
type ImportResult struct {
	OK       bool
	File     string
	Sheet    string // the sheets imported, joined by "、"
	Sheets   []SheetResult
	Year     int
	County   string
	Unit     models.Unit
	Rows     int
	Total    models.Fen
	Batch    int64 // 0 when nothing was written
	Replaced []int64
	Errors   []sheet.Issue
	Warnings []sheet.Issue
	Lines    []ImportLine
}

// limits are what reading the workbook may cost: the defaults unless the options set their own.
func (o ImportOptions) limits() sheet.Limits {
	if o.Limits != nil {
		return *o.Limits
	}
	return sheet.DefaultLimits()
}

// Import reads the budget sheets of a workbook (every sheet that carries a budget header, or the
// ones opt.Sheets names) and, when every line of every sheet is valid, writes them as one batch.
// Problems with the file or its lines are in the result (OK false); the error is for failures
// of the program itself (database, cancellation). The steps: read the sheets (sheets.go),
// check each line (check.go), reconcile the totals, write.
func (s *Service) Import(ctx context.Context, path string, opt ImportOptions) (res ImportResult, err error) {
	res = ImportResult{File: filepath.Base(path), Year: opt.Year, County: opt.County}
	fail := func(msg string) (ImportResult, error) {
		res.Errors = append(res.Errors, sheet.NewIssue(res.Sheet, 0, "", "", msg, ""))
		return res, nil
	}
	wb, err := sheet.Open(path, opt.limits())
	if err != nil {
		return fail(sheet.Reason(err))
	}
	defer wb.Close()
	snapshot := s.startSnapshot(ctx, opt.DryRun)
	defer func() {
		if snapshot != nil {
			<-snapshot
		}
	}()

	sheets, problems, err := s.findBudgetSheets(ctx, wb, opt.Sheets)
	if err != nil {
		return res, err
	}
	res.Errors = append(res.Errors, problems...)
	sheets, summaries := leaveOutSummaries(&res, sheets)
	defer func() { res.Sheets = withProblemSheets(res.Sheets, sheets, summaries, problems, wb.Sheets()) }()
	if len(sheets) == 0 {
		if len(problems) > 0 {
			return res, nil
		}
		return fail(fmt.Sprintf("文件“%s”的工作表（%s）中都没有找到预算表头：需要“金额（或预算金额、预算数）”“经费类别”两列，以及“区划代码”或“乡镇（街道）”“村（社区）”列",
			res.File, strings.Join(wb.Sheets(), "、")))
	}
	res.Sheet, res.Unit = sheetNames(sheets), sheets[0].unit
	if msg := settleYear(&res, sheets); msg != "" {
		return fail(msg)
	}
	lk, err := s.lookups(ctx)
	if err != nil {
		return res, err
	}
	// When the county is given it is checked first, so every row is checked as it is read and
	// no raw rows are kept; otherwise the rows are kept until the county is guessed from them.
	countyKnown := res.County != ""
	if countyKnown {
		if d, err := s.divisions.Get(ctx, res.County); err != nil || d.Level != models.LevelCounty {
			return fail(fmt.Sprintf("“%s”不是县（市、区）的区划代码", res.County))
		}
		if err := s.checkSheetTowns(ctx, &res, sheets); err != nil {
			return res, err
		}
	}
	c := &lineChecker{s: s, res: &res, lk: lk, write: !opt.DryRun, keepAll: opt.Progress != nil || opt.DryRun,
		divCache: map[[3]string]resolvedDivision{}, lines: make([]models.BudgetLine, 0, 1024)}
	pipe, err := s.startPipe(ctx, &res, wb.SHA256, opt, countyKnown, &snapshot, c)
	if err != nil {
		return res, err
	}
	defer pipe.finish(false, models.ImportBatch{}) // a return before the end rolls back
	var raws []rawLine
	err = s.readSheets(ctx, wb, sheets, opt.Progress, func(l rawLine) {
		switch {
		case !countyKnown:
			raws = append(raws, l)
		case !l.sh.skip:
			c.check(ctx, l)
		}
	})
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return res, err
		}
		res.Errors, res.Lines, res.Total = nil, nil, 0
		return fail(sheet.Reason(err))
	}
	rows := lineCount(sheets)
	if rows == 0 {
		return fail(fmt.Sprintf("工作表“%s”表头下没有预算明细", res.Sheet))
	}
	if !countyKnown {
		if err := s.checkGuessed(ctx, &res, sheets, raws, c, opt.Progress); err != nil || res.County == "" {
			return res, err
		}
	}
	res.Rows = rows
	if !c.keepAll && rows > 5000 {
		res.Lines = nil
	}
	if opt.Progress != nil {
		opt.Progress(rows, rows)
	}
	reconcile(&res, sheets)
	if len(res.Errors) > 0 {
		if !opt.DryRun {
			res.Lines = nil
		}
		return res, nil
	}
	return s.write(ctx, res, wb.SHA256, c.lines, opt, &snapshot, pipe)
}

// startSnapshot takes the pre-import snapshot while the sheets are read and checked (nothing is
// written until both are done), so on two cores it costs no time. A refused import keeps its
// snapshot; a dry run takes none.
func (s *Service) startSnapshot(ctx context.Context, dry bool) chan error {
	done := make(chan error, 1)
	if dry {
		done <- nil
	} else {
		go func() { done <- s.beforeImport(ctx) }()
	}
	return done
}

// sheetNames joins the sheets' names for messages and the batch: "中城街道、北城街道".
func sheetNames(sheets []*budgetSheet) string {
	names := make([]string, len(sheets))
	for i, sh := range sheets {
		names[i] = sh.name
	}
	return strings.Join(names, "、")
}

func lineCount(sheets []*budgetSheet) int {
	n := 0
	for _, sh := range sheets {
		n += sh.rows
	}
	return n
}

// withProblemSheets completes the sheet list, in workbook order, with the sheets that could not
// be read as budget tables (each with its problem), so a preview can offer to leave them out.
func withProblemSheets(listed []SheetResult, sheets, summaries []*budgetSheet, problems []sheet.Issue, order []string) []SheetResult {
	if listed == nil {
		for _, sh := range sheets {
			listed = append(listed, SheetResult{Name: sh.name, Township: sh.town, Problem: sh.problem})
		}
	}
	for _, sh := range summaries {
		listed = append(listed, SheetResult{Name: sh.name, Summary: true})
	}
	for _, p := range problems {
		if p.Sheet != "" {
			listed = append(listed, SheetResult{Name: p.Sheet, Problem: p.Message})
		}
	}
	pos := map[string]int{}
	for i, n := range order {
		pos[n] = i
	}
	sort.SliceStable(listed, func(i, j int) bool { return pos[listed[i].Name] < pos[listed[j].Name] })
	return listed
}

// settleYear takes the year from the options or the sheets' titles; a sheet whose title names
// another year than the rest is an error for that sheet. msg explains a year that cannot be had.
func settleYear(res *ImportResult, sheets []*budgetSheet) (msg string) {
	given := res.Year != 0
	for _, sh := range sheets {
		switch {
		case given || sh.year == 0:
		case res.Year == 0:
			res.Year = sh.year
		case sh.year != res.Year:
			sh.problem = fmt.Sprintf("标题是 %d 年，其他工作表是 %d 年；请分开导入，或指定年度（命令行用 --year）", sh.year, res.Year)
			res.Errors = append(res.Errors, sheet.NewIssue(sh.name, 0, "", "", sh.problem, ""))
		}
	}
	if res.Year == 0 {
		return "无法确定预算年度：表格标题中没有“2026年”这样的年份，请指定年度（命令行用 --year）"
	}
	if !models.ValidYear(res.Year) {
		return fmt.Sprintf("年度 %d 不在 %s 年之间", res.Year, models.YearRange)
	}
	return ""
}

// checkSheetTowns checks, once the county is known, the township each sheet without a township
// column is about. A sheet whose name is not a township of the county is an error for that sheet
// (and its lines are not checked one by one); so is, in a workbook of several budget sheets, a
// sheet that names no township at all.
func (s *Service) checkSheetTowns(ctx context.Context, res *ImportResult, sheets []*budgetSheet) error {
	county, err := s.divisions.Get(ctx, res.County)
	if err != nil {
		return err
	}
	for _, sh := range sheets {
		if sh.namesDivisions() {
			continue
		}
		if sh.town == "" {
			if len(sheets) > 1 {
				sh.skip = true
				sh.problem = "没有“乡镇（街道）”或“区划代码”列，工作表名称和标题中也没有" + county.Name +
					"的乡镇（街道）名称；一个乡镇（街道）一张工作表时，请用乡镇（街道）名称给工作表命名"
				res.Errors = append(res.Errors, sheet.NewIssue(sh.name, 0, "", "", sh.problem, ""))
			}
			continue
		}
		if _, err := s.divisions.ResolveInCounty(ctx, res.County, "", sh.town, ""); err != nil {
			sh.skip = true
			sh.problem = "这张表没有“乡镇（街道）”列，按工作表名称或标题取乡镇（街道），但“" + sh.town + "”不是" +
				county.Name + "的乡镇（街道）：" + sheet.Reason(err)
			res.Errors = append(res.Errors, sheet.NewIssue(sh.name, 0, "", sh.town, sh.problem, "township"))
		}
	}
	return nil
}

// checkGuessed decides the county from the lines read, then checks them. res.County stays ""
// (with the reason in res.Errors) when no county can be decided.
func (s *Service) checkGuessed(ctx context.Context, res *ImportResult, sheets []*budgetSheet, raws []rawLine, c *lineChecker, progress func(int, int)) error {
	county, msg, err := s.guessCounty(ctx, raws)
	if err != nil {
		return err
	}
	if msg != "" {
		res.Errors = append(res.Errors, sheet.NewIssue(res.Sheet, 0, "", "", msg, ""))
		return nil
	}
	res.County = county
	if err := s.checkSheetTowns(ctx, res, sheets); err != nil {
		return err
	}
	if c.write {
		c.lines = make([]models.BudgetLine, 0, len(raws))
	}
	for i, l := range raws {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil {
				progress(i, len(raws))
			}
		}
		if !l.sh.skip {
			c.check(ctx, l)
		}
	}
	return nil
}

// reconcile lists each sheet with its lines and total, and compares each sheet's stated total
// (its 合计 row, or its one closing 小计 row) with the sum of its lines.
func reconcile(res *ImportResult, sheets []*budgetSheet) {
	res.Sheets = make([]SheetResult, 0, len(sheets))
	for _, sh := range sheets {
		res.Sheets = append(res.Sheets, SheetResult{Name: sh.name, Township: sh.town, Rows: sh.rows, Total: sh.total, Errors: sh.errors,
			Problem: sh.problem})
		if sh.rows == 0 {
			res.Warnings = append(res.Warnings, sheet.NewIssue(sh.name, 0, "", "", "表头下没有预算明细，这张表没有导入任何一行", ""))
		}
		if sh.stated < 0 || sh.statedKind == "" || sh.errors > 0 || sh.skip || len(res.Errors) > 0 || sh.stated == sh.total {
			continue
		}
		unit, show := "元", func(f models.Fen) string { return f.Yuan() }
		if sh.unit == models.Wanyuan {
			unit, show = "万元", wanyuanExact
		}
		res.Warnings = append(res.Warnings, sheet.NewIssue(sh.name, sh.statedRow, sheet.ColumnLetter(sh.hdr.Cols["amount"]), show(sh.stated),
			fmt.Sprintf("表中%s为 %s %s，各行相加为 %s %s，相差 %s 元，请核对", sh.statedKind,
				show(sh.stated), unit, show(sh.total), unit, (sh.stated-sh.total).Yuan()), "amount"))
	}
}

// write refuses a file imported before (unless replacing), waits for the snapshot and writes the
// lines as one batch; lines already written while reading (pipe not nil) are committed.
func (s *Service) write(ctx context.Context, res ImportResult, sum string, lines []models.BudgetLine, opt ImportOptions, snapshot *chan error,
	pipe *importPipe) (ImportResult, error) {
	if pipe != nil {
		return s.writePiped(res, sum, pipe)
	}
	prior, err := s.st.ActiveBatches(ctx, sum, res.Year, res.County)
	if err != nil {
		return res, err
	}
	if len(prior) > 0 {
		if !opt.Replace {
			p := prior[len(prior)-1]
			res.Errors = append(res.Errors, sheet.NewIssue(res.Sheet, 0, "", "", fmt.Sprintf("同一文件已于 %s 导入（批次 %d，%d 年，%d 条），不能重复导入；如需重新导入请选择“替换”（命令行用 --replace）",
				p.ImportedAt.Format("2006-01-02 15:04"), p.ID, p.Year, p.Rows), ""))
			return res, nil
		}
		for _, p := range prior {
			res.Replaced = append(res.Replaced, p.ID)
		}
	}
	res.OK = true
	if opt.DryRun {
		return res, nil
	}
	err = <-*snapshot
	*snapshot = nil
	if err != nil {
		res.OK = false
		return res, err
	}
	batch := models.ImportBatch{FileName: res.File, SHA256: sum, Sheet: res.Sheet, Year: res.Year,
		CountyCode: res.County, Total: res.Total}
	id, err := s.st.ImportBudget(ctx, batch, lines, res.Replaced, s.actor)
	if err != nil {
		res.OK = false
		return res, err
	}
	res.Batch = id
	return res, nil
}

// wanyuanExact writes fen in 万元 with as many decimals as needed (12,345,678 fen → 12.345678).
func wanyuanExact(f models.Fen) string {
	v := int64(f)
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	frac := strings.TrimRight(fmt.Sprintf("%06d", v%1000000), "0")
	s := sign + strconv.FormatInt(v/1000000, 10)
	if frac != "" {
		s += "." + frac
	}
	return s
}
