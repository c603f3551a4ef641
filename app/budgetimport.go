package app

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"shequ/app/sheet"
	"shequ/models"
)

// budgetColumns are the columns a budget sheet is recognised by, whatever their order.
var budgetColumns = []sheet.Column{
	{Key: "code", Names: []string{"区划代码", "统计用区划代码", "行政区划代码", "代码"}},
	{Key: "township", Names: []string{"乡镇(街道)", "乡镇", "街道", "乡(镇、街道)", "镇(乡、街道)", "乡镇街道", "乡镇(街道办事处)"}},
	{Key: "village", Names: []string{"村(社区)", "村", "社区", "村(居)委会", "村(居)", "村社区", "村(居)民委员会", "村(社区)名称"}},
	{Key: "category", Names: []string{"经费类别", "类别", "经费类型", "资金类别"}},
	{Key: "item", Names: []string{"项目名称", "项目"}},
	{Key: "amount", Names: []string{"金额", "预算金额", "预算数", "预算资金", "预算金额合计"}},
	{Key: "source", Names: []string{"资金来源", "经费来源"}},
	{Key: "note", Names: []string{"备注"}},
}

func budgetHeaderOK(found map[string]int) bool {
	_, amount := found["amount"]
	_, cat := found["category"]
	_, code := found["code"]
	_, town := found["township"]
	_, vill := found["village"]
	return amount && cat && (code || town || vill)
}

// ImportOptions steer one budget import.
type ImportOptions struct {
	Year    int    // 0: take it from the title ("2026年…")
	County  string // "": the county the lines belong to
	DryRun  bool   // check only, write nothing
	Replace bool   // the same file was imported before: undo that batch and import again
	// Progress, when set, is told how far the work is: rows checked of total.
	Progress func(done, total int)
	Limits   *sheet.Limits // nil: sheet.DefaultLimits()
}

// ImportIssue is one problem, located as the clerk sees it in the sheet.
type ImportIssue struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Value   string `json:"value"`
	Message string `json:"message"`
	// Key is the recognised column the issue is about (code, township, village, category,
	// item, amount, source, note), so a preview can mark that cell; "" for the whole row or file.
	Key string `json:"-"`
}

// String is the Chinese sentence for the issue.
func (i ImportIssue) String() string {
	var b strings.Builder
	if i.Sheet != "" {
		fmt.Fprintf(&b, "工作表“%s”", i.Sheet)
	}
	if i.Row > 0 {
		fmt.Fprintf(&b, "第 %d 行", i.Row)
	}
	if i.Column != "" {
		fmt.Fprintf(&b, " %s 列", i.Column)
	}
	if i.Value != "" {
		fmt.Fprintf(&b, "（%s）", i.Value)
	}
	if b.Len() > 0 {
		b.WriteString("：")
	}
	b.WriteString(i.Message)
	return b.String()
}

// ImportLine is one parsed line, ready for the preview table. A line with errors (Bad) is
// kept in a preview as the sheet has it, so the errors can be shown in place.
type ImportLine struct {
	Bad          bool
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

// ImportResult is what an import did or, for a dry run or a refusal, would have done.
type ImportResult struct {
	OK       bool
	File     string
	Sheet    string
	Year     int
	County   string
	Unit     models.Unit
	Rows     int
	Total    models.Fen
	Batch    int64 // 0 when nothing was written
	Replaced []int64
	Errors   []ImportIssue
	Warnings []ImportIssue
	Lines    []ImportLine
}

var yearRe = regexp.MustCompile(`(20\d\d)\s*年`)

// rawLine is a data row as read, before divisions are resolved.
type rawLine struct {
	row                                                   int
	code, township, village, item, amount, note, cat, src string
}

// Import reads a budget sheet and, when every line is valid, writes it as one batch.
// Problems with the file or its lines are in the result (OK false); the error is for
// failures of the program itself (database, cancellation).
func (s *BudgetService) Import(ctx context.Context, path string, opt ImportOptions) (ImportResult, error) {
	res := ImportResult{File: filepath.Base(path), Year: opt.Year, County: opt.County}
	fail := func(msg string) (ImportResult, error) {
		res.Errors = append(res.Errors, ImportIssue{Sheet: res.Sheet, Message: msg})
		return res, nil
	}
	lim := sheet.DefaultLimits()
	if opt.Limits != nil {
		lim = *opt.Limits
	}
	wb, err := sheet.Open(path, lim)
	if err != nil {
		return fail(reason(err))
	}
	defer wb.Close()
	// The pre-import snapshot is taken while the sheet is read and checked (nothing is written
	// until both are done), so on two cores it costs no time. A refused import keeps its snapshot.
	snapshot := make(chan error, 1)
	if opt.DryRun {
		snapshot <- nil
	} else {
		go func() { snapshot <- s.beforeImport(ctx) }()
	}
	defer func() {
		if snapshot != nil {
			<-snapshot
		}
	}()

	// Find the sheet whose header names the needed columns.
	idx, hdr, above, err := findBudgetSheet(ctx, wb)
	if err != nil {
		return res, err
	}
	if idx < 0 {
		return fail(fmt.Sprintf("文件“%s”的工作表（%s）中都没有找到预算表头：需要“金额（或预算金额、预算数）”“经费类别”两列，以及“区划代码”或“乡镇（街道）”“村（社区）”列",
			res.File, strings.Join(wb.Sheets(), "、")))
	}
	res.Sheet = wb.Sheets()[idx]
	res.Unit = unitOf(hdr.Texts["amount"], above)
	if res.Year == 0 {
		for _, r := range above {
			for _, c := range r.Cells {
				if m := yearRe.FindStringSubmatch(sheet.Normalize(c)); m != nil {
					res.Year, _ = strconv.Atoi(m[1])
					break
				}
			}
			if res.Year != 0 {
				break
			}
		}
	}
	if res.Year == 0 {
		return fail("无法确定预算年度：表格标题中没有“2026年”这样的年份，请指定年度（命令行用 --year）")
	}
	if res.Year < 2000 || res.Year > 2100 {
		return fail(fmt.Sprintf("年度 %d 不在 2000—2100 年之间", res.Year))
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
	}
	// A preview keeps every line for its table; an import keeps them only for small sheets.
	keepAll := opt.Progress != nil || opt.DryRun
	var lines []models.BudgetLine
	if !opt.DryRun {
		lines = make([]models.BudgetLine, 0, 1024)
	}
	addErr := func(row int, key, value, msg string) {
		letter := ""
		if i, ok := hdr.Cols[key]; ok {
			letter = sheet.ColumnLetter(i)
		}
		res.Errors = append(res.Errors, ImportIssue{Sheet: res.Sheet, Row: row, Column: letter, Value: value, Message: msg, Key: key})
	}
	// Sheets repeat the same township and village on many rows: each is resolved once.
	type resolved struct {
		d   models.Division
		err error
	}
	divCache := map[[3]string]resolved{}
	checked := 0
	check := func(l rawLine) {
		checked++
		keep := keepAll || checked <= 5000
		key := [3]string{l.code, l.township, l.village}
		rv, hit := divCache[key]
		if !hit {
			rv.d, rv.err = s.divisions.ResolveInCounty(ctx, res.County, l.code, l.township, l.village)
			divCache[key] = rv
		}
		d, divOK := rv.d, rv.err == nil
		bad := false
		if !divOK {
			key, val := "code", l.code
			if l.code == "" {
				key, val = "village", l.village
				if l.village == "" {
					key, val = "township", l.township
				}
			}
			addErr(l.row, key, val, reason(rv.err))
			bad = true
		}
		catID, ok := lk.cats[sheet.Normalize(l.cat)]
		if !ok {
			if l.cat == "" {
				addErr(l.row, "category", l.cat, "经费类别为空")
			} else {
				addErr(l.row, "category", l.cat, "不是已知的经费类别（"+lk.catList+"），可在经费类别中为它添加别名")
			}
			bad = true
		}
		srcID := lk.defaultSource
		if l.src != "" {
			if srcID, ok = lk.srcs[sheet.Normalize(l.src)]; !ok {
				addErr(l.row, "source", l.src, "不是已知的资金来源")
				bad = true
			}
		}
		amount, err := models.ParseAmount(l.amount, res.Unit)
		if err != nil {
			addErr(l.row, "amount", l.amount, reason(err))
			bad = true
		}
		if len(l.item) > 200 && utf8.RuneCountInString(l.item) > 200 {
			addErr(l.row, "item", l.item, "项目名称超过 200 个字")
			bad = true
		}
		if bad {
			if keep {
				name := l.code
				if name == "" {
					name = strings.TrimSpace(l.township + " " + l.village)
				}
				bl := ImportLine{Bad: true, Row: l.row, DivisionName: name, Category: l.cat, Item: l.item, Amount: amount,
					Source: l.src, Note: l.note}
				if divOK {
					bl.DivisionCode, bl.DivisionName = d.Code, d.Name
				}
				if amount == 0 && l.amount != "" {
					bl.AmountText = l.amount
				}
				res.Lines = append(res.Lines, bl)
			}
			return
		}
		if !opt.DryRun && len(res.Errors) == 0 {
			lines = append(lines, models.BudgetLine{Year: res.Year, DivisionCode: d.Code, CategoryID: catID, Item: l.item,
				Amount: amount, SourceID: srcID, Note: l.note, SourceRow: l.row})
		}
		res.Total += amount
		if keep {
			res.Lines = append(res.Lines, ImportLine{Row: l.row, DivisionCode: d.Code, DivisionName: d.Name,
				Category: lk.catName[catID], Item: l.item, Amount: amount, Source: lk.srcName[srcID], Note: l.note})
		}
	}

	// Read the data rows.
	var raws []rawLine
	rows := 0
	stated, statedRow := models.Fen(-1), 0
	notes := false
	col := func(r sheet.Row, key string) string {
		if i, ok := hdr.Cols[key]; ok {
			return strings.TrimSpace(r.Cell(i))
		}
		return ""
	}
	err = wb.Each(ctx, idx, func(r sheet.Row) error {
		if r.Num <= hdr.LastRow || notes {
			return nil
		}
		if isNoteRow(r) {
			notes = true
			return nil
		}
		l := rawLine{row: r.Num, code: col(r, "code"), township: col(r, "township"), village: col(r, "village"),
			item: col(r, "item"), amount: col(r, "amount"), note: col(r, "note"), cat: col(r, "category"), src: col(r, "source")}
		if l.code == "" && l.township == "" && l.village == "" && l.item == "" && l.amount == "" && l.cat == "" {
			return nil
		}
		if kind := totalKind(r); kind != "" {
			if kind == "合计" {
				if f, err := models.ParseAmount(l.amount, res.Unit); err == nil {
					stated, statedRow = f, r.Num
				}
			}
			return nil
		}
		rows++
		if countyKnown {
			check(l)
		} else {
			raws = append(raws, l)
		}
		if opt.Progress != nil && rows%2048 == 0 {
			opt.Progress(rows, 0)
		}
		return nil
	})
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return res, err
		}
		res.Errors, res.Lines, res.Total = nil, nil, 0
		return fail(reason(err))
	}
	if rows == 0 {
		return fail(fmt.Sprintf("工作表“%s”表头下没有预算明细", res.Sheet))
	}

	// Decide the county from the lines, then check them.
	if !countyKnown {
		county, msg, err := s.guessCounty(ctx, raws)
		if err != nil {
			return res, err
		}
		if msg != "" {
			return fail(msg)
		}
		res.County = county
		if !opt.DryRun {
			lines = make([]models.BudgetLine, 0, len(raws))
		}
		for i, l := range raws {
			if i%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return res, err
				}
				if opt.Progress != nil {
					opt.Progress(i, len(raws))
				}
			}
			check(l)
		}
	}
	res.Rows = rows
	if !keepAll && rows > 5000 {
		res.Lines = nil
	}
	if opt.Progress != nil {
		opt.Progress(rows, rows)
	}
	if stated >= 0 && len(res.Errors) == 0 && stated != res.Total {
		unit := "元"
		show := func(f models.Fen) string { return f.Yuan() }
		if res.Unit == models.Wanyuan {
			unit = "万元"
			show = func(f models.Fen) string { return wanyuanExact(f) }
		}
		res.Warnings = append(res.Warnings, ImportIssue{Sheet: res.Sheet, Row: statedRow, Column: sheet.ColumnLetter(hdr.Cols["amount"]),
			Value: show(stated), Message: fmt.Sprintf("表中合计为 %s %s，各行相加为 %s %s，相差 %s 元，请核对",
				show(stated), unit, show(res.Total), unit, (stated - res.Total).Yuan())})
	}
	if len(res.Errors) > 0 {
		if !opt.DryRun {
			res.Lines = nil
		}
		return res, nil
	}
	prior, err := s.st.ActiveBatches(ctx, wb.SHA256, res.Year, res.County)
	if err != nil {
		return res, err
	}
	if len(prior) > 0 {
		if !opt.Replace {
			p := prior[len(prior)-1]
			return fail(fmt.Sprintf("同一文件已于 %s 导入（批次 %d，%d 年，%d 条），不能重复导入；如需重新导入请选择“替换”（命令行用 --replace）",
				p.ImportedAt.Format("2006-01-02 15:04"), p.ID, p.Year, p.Rows))
		}
		for _, p := range prior {
			res.Replaced = append(res.Replaced, p.ID)
		}
	}
	res.OK = true
	if opt.DryRun {
		return res, nil
	}
	err = <-snapshot
	snapshot = nil
	if err != nil {
		res.OK = false
		return res, err
	}
	batch := models.ImportBatch{FileName: res.File, SHA256: wb.SHA256, Sheet: res.Sheet, Year: res.Year,
		CountyCode: res.County, Total: res.Total}
	id, err := s.st.ImportBudget(ctx, batch, lines, res.Replaced, s.actor)
	if err != nil {
		res.OK = false
		return res, err
	}
	res.Batch = id
	return res, nil
}

// findBudgetSheet returns the first sheet with a budget header, the header, and the rows above it.
func findBudgetSheet(ctx context.Context, wb *sheet.Workbook) (int, sheet.Header, []sheet.Row, error) {
	for i := range wb.Sheets() {
		head, err := headRows(ctx, wb, i)
		if err != nil {
			if ctx.Err() != nil {
				return -1, sheet.Header{}, nil, err
			}
			continue // an unreadable sheet (a chart, say) is not the budget sheet
		}
		merges := func() []sheet.Merge {
			ms, _ := wb.Merges(i)
			return ms
		}
		if h, ok := sheet.FindHeader(head, merges, budgetColumns, budgetHeaderOK); ok {
			var above []sheet.Row
			for _, r := range head {
				if r.Num < h.FirstRow {
					above = append(above, r)
				}
			}
			return i, h, above, nil
		}
	}
	return -1, sheet.Header{}, nil, nil
}

// headRows reads the rows of sheet i a header can lie on: the first HeaderScanRows and the one
// below them, for a header on two rows.
func headRows(ctx context.Context, wb *sheet.Workbook, i int) ([]sheet.Row, error) {
	var head []sheet.Row
	err := wb.Each(ctx, i, func(r sheet.Row) error {
		if r.Num > sheet.HeaderScanRows+1 {
			return sheet.ErrStop
		}
		head = append(head, r)
		return nil
	})
	return head, err
}

// unitOf: 元 unless the amount header or a line above the header says 万元.
func unitOf(amountHeader string, above []sheet.Row) models.Unit {
	n := sheet.Normalize(amountHeader)
	if strings.Contains(n, "万元") {
		return models.Wanyuan
	}
	if strings.Contains(n, "元") {
		return models.Yuan
	}
	for _, r := range above {
		for _, c := range r.Cells {
			c = sheet.Normalize(c)
			if strings.Contains(c, "单位") && strings.Contains(c, "万元") {
				return models.Wanyuan
			}
		}
	}
	return models.Yuan
}

var notePrefixes = func() []string {
	list := []string{"注:", "注1", "注：", "说明:", "填表人", "填报人", "审核人", "制表人", "单位负责人", "负责人:", "联系人", "填表说明"}
	for i, p := range list {
		list[i] = sheet.Normalize(p)
	}
	return list
}()

// isNoteRow: the notes under a table start with 注：, 填表人：, 审核人： …
func isNoteRow(r sheet.Row) bool {
	for _, c := range r.Cells {
		if c = sheet.Normalize(c); c != "" {
			for _, p := range notePrefixes {
				if strings.HasPrefix(c, p) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// totalKind says whether a row is a 合计/总计 row ("合计") or a 小计 row ("小计"), "" otherwise.
func totalKind(r sheet.Row) string {
	kind := ""
	for _, c := range r.Cells {
		c = sheet.Normalize(c)
		if len(c) > 60 {
			continue
		}
		switch {
		case strings.Contains(c, "合计") || strings.Contains(c, "总计"):
			return "合计"
		case strings.Contains(c, "小计"):
			kind = "小计"
		}
	}
	return kind
}

// reason strips the sentinel prefix so the message reads as one sentence.
func reason(err error) string {
	msg := err.Error()
	for _, s := range []error{models.ErrInvalid, models.ErrNotFound, models.ErrConflict} {
		msg = strings.TrimPrefix(msg, s.Error()+"：")
	}
	return msg
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

// guessCounty finds the one county most lines belong to; msg explains when there is none.
func (s *BudgetService) guessCounty(ctx context.Context, raws []rawLine) (county, msg string, err error) {
	votes := map[string]int{}
	for i, l := range raws {
		if i > 2000 && i%16 != 0 {
			continue // a sample is enough to see which county a long sheet is about
		}
		cs, err := s.divisions.CountiesFor(ctx, l.code, l.township, l.village)
		if err != nil {
			return "", "", err
		}
		for _, c := range cs {
			votes[c]++
		}
	}
	type kv struct {
		code string
		n    int
	}
	var list []kv
	for c, n := range votes {
		list = append(list, kv{c, n})
	}
	sort.Slice(list, func(i, j int) bool {
		return list[i].n > list[j].n || list[i].n == list[j].n && list[i].code < list[j].code
	})
	switch {
	case len(list) == 0:
		return "", "无法判断这些预算明细属于哪个县（市、区）：区划代码和乡镇名称都没有对上，请指定县（命令行用 --county）", nil
	case len(list) > 1 && list[0].n == list[1].n:
		var names []string
		for _, x := range list {
			if x.n == list[0].n {
				d, _ := s.divisions.Get(ctx, x.code)
				names = append(names, fmt.Sprintf("%s（%s）", d.Name, x.code))
			}
		}
		return "", "无法判断这些预算明细属于哪个县（市、区），可能是：" + strings.Join(names, "、") + "，请指定县（命令行用 --county）", nil
	}
	return list[0].code, "", nil
}
