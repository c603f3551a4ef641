package budget

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"shequ/app/sheet"
	"shequ/models"
)

// The read step of a budget import: which sheets of a workbook carry a budget table, their
// headers and units, and the township a sheet is about when its rows name none (one sheet per
// township, as county offices send them).

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

// budgetSheet is one sheet that carries a budget table, and what reading it found.
type budgetSheet struct {
	idx   int
	name  string
	hdr   sheet.Header
	above []sheet.Row
	unit  models.Unit
	year  int // from the title, 0 when it names none
	// town is the township the sheet is about when its rows have neither a township nor a code
	// column: taken from the sheet's name or title ("" when neither names one).
	town string
	// Filled while reading.
	rows       int
	total      models.Fen
	stated     models.Fen
	statedRow  int
	statedKind string // "合计", "小计" (one closing 小计 row), "" when the sheet states no total
	errors     int    // lines with problems
	skip       bool   // the sheet as a whole is in error: its lines are not checked one by one
	problem    string // why the sheet as a whole is in error
}

// namesDivisions: the rows say which township (or code) each line belongs to.
func (b *budgetSheet) namesDivisions() bool {
	_, code := b.hdr.Cols["code"]
	_, town := b.hdr.Cols["township"]
	return code || town
}

// findBudgetSheets returns every sheet with a budget header, in workbook order, limited to
// only when given. A sheet that looks like a budget table but cannot be read as one (broken,
// its header incomplete, or named after a township without a header) is an issue: the caller
// refuses the whole workbook rather than import it without that sheet.
func (s *Service) findBudgetSheets(ctx context.Context, wb *sheet.Workbook, only []string) ([]*budgetSheet, []sheet.Issue, error) {
	names := wb.Sheets()
	want := map[string]bool{}
	var problems []sheet.Issue
	for _, n := range only {
		found := false
		for _, have := range names {
			if sheet.Normalize(have) == sheet.Normalize(n) {
				want[have], found = true, true
			}
		}
		if !found {
			problems = append(problems, sheet.Issue{Message: fmt.Sprintf("文件中没有名为“%s”的工作表（有：%s）", n, strings.Join(names, "、"))})
		}
	}
	var out []*budgetSheet
	for i, name := range names {
		if len(want) > 0 && !want[name] {
			continue
		}
		head, err := sheet.HeadRows(ctx, wb, i)
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			if errors.Is(err, sheet.ErrNotWorksheet) && len(want) == 0 {
				continue // a chart
			}
			problems = append(problems, sheet.Issue{Sheet: name, Message: "无法读取：" + sheet.Reason(err)})
			continue
		}
		merges := func() []sheet.Merge {
			ms, _ := wb.Merges(i)
			return ms
		}
		h, ok := sheet.FindHeader(head, merges, budgetColumns, budgetHeaderOK)
		if !ok {
			if msg := s.looksLikeBudget(ctx, name, head, len(want) > 0); msg != "" {
				problems = append(problems, sheet.Issue{Sheet: name, Message: msg})
			}
			continue
		}
		bs := &budgetSheet{idx: i, name: name, hdr: h, stated: -1}
		for _, r := range head {
			if r.Num < h.FirstRow {
				bs.above = append(bs.above, r)
			}
		}
		bs.unit = unitOf(h.Texts["amount"], bs.above)
		bs.year = sheet.TitleYear(bs.above)
		if !bs.namesDivisions() {
			if bs.town, err = s.townshipNamed(ctx, name, bs.above); err != nil {
				return nil, nil, err
			}
		}
		out = append(out, bs)
	}
	return out, problems, nil
}

// leaveOutSummaries takes a 汇总 sheet out of a workbook that also has detail sheets: its
// amounts repeat theirs. Each one left out is a warning; a summary alone is imported as before.
func leaveOutSummaries(res *ImportResult, sheets []*budgetSheet) (details, summaries []*budgetSheet) {
	for _, sh := range sheets {
		n := sheet.Normalize(sh.name)
		if strings.Contains(n, "汇总") || strings.Contains(n, "总表") || n == "合计" {
			summaries = append(summaries, sh)
		} else {
			details = append(details, sh)
		}
	}
	if len(summaries) == 0 || len(details) == 0 {
		return sheets, nil
	}
	for _, sh := range summaries {
		res.Warnings = append(res.Warnings, sheet.NewIssue(sh.name, 0, "", "", fmt.Sprintf("是汇总表，没有导入（明细在其他 %d 个工作表中，以免重复计算）；如确需导入它，请只选这一个工作表（命令行用 --sheet）", len(details)), ""))
	}
	return details, summaries
}

// looksLikeBudget explains why a sheet without a usable header still cannot be passed over:
// a row names two or more budget columns, one of them 金额, 经费类别 or 项目名称 (a list of
// division codes alone is not a budget), or it is named after a township, or the clerk chose it.
func (s *Service) looksLikeBudget(ctx context.Context, name string, head []sheet.Row, chosen bool) string {
	need := "需要“金额”“经费类别”两列，以及“区划代码”或“乡镇（街道）”“村（社区）”列"
	for _, r := range head {
		found := map[string]bool{}
		for _, c := range r.Cells {
			for _, col := range budgetColumns {
				if col.Key != "note" && col.Matches(c) {
					found[col.Key] = true
				}
			}
		}
		if len(found) >= 2 && (found["amount"] || found["category"] || found["item"]) {
			var missing []string
			if !found["amount"] {
				missing = append(missing, "“金额”")
			}
			if !found["category"] {
				missing = append(missing, "“经费类别”")
			}
			if !found["code"] && !found["township"] && !found["village"] {
				missing = append(missing, "“区划代码”或“村（社区）”")
			}
			return fmt.Sprintf("第 %d 行像是预算表头，但没有%s列，无法读取这张表（%s）", r.Num, strings.Join(missing, "、"), need)
		}
	}
	if chosen {
		return "没有找到预算表头：" + need
	}
	if len(head) > 0 {
		if counties, err := s.divisions.CountiesFor(ctx, "", sheetTownName(name), ""); err == nil && len(counties) > 0 {
			return "以乡镇（街道）命名，但没有找到预算表头（" + need + "），无法读取这张表"
		}
	}
	return ""
}

var sheetNumbering = regexp.MustCompile(`^[\s\d０-９.、．\-_()（）]+`)

// sheetTownName strips the numbering offices put before sheet names ("01 中城街道", "1、北城街道").
func sheetTownName(name string) string {
	return strings.TrimSpace(sheetNumbering.ReplaceAllString(strings.TrimSpace(name), ""))
}

// townshipNamed finds the township a sheet is about: its name, or a township name at the start of
// a title line ("中城街道2026年村（社区）经费预算表", "顺庆区中城街道…"). "" when none is found.
func (s *Service) townshipNamed(ctx context.Context, name string, above []sheet.Row) (string, error) {
	isTown := func(t string) (bool, error) {
		cs, err := s.divisions.CountiesFor(ctx, "", t, "")
		return len(cs) > 0, err
	}
	if n := sheetTownName(name); n != "" {
		if ok, err := isTown(n); ok || err != nil {
			return n, err
		}
	}
	for _, r := range above {
		for _, c := range r.Cells {
			runes := []rune(sheet.Normalize(c))
			for end := 2; end <= len(runes) && end <= 24; end++ {
				stem := string(runes[:end])
				if !strings.HasSuffix(stem, "街道") && !strings.HasSuffix(stem, "镇") && !strings.HasSuffix(stem, "乡") {
					continue
				}
				for start := 0; start < end-1; start++ {
					if ok, err := isTown(string(runes[start:end])); err != nil || ok {
						return string(runes[start:end]), err
					}
				}
			}
		}
	}
	return "", nil
}

// readSheets streams the data rows of every sheet to use, skipping blank, 合计/小计 and note rows.
func (s *Service) readSheets(ctx context.Context, wb *sheet.Workbook, sheets []*budgetSheet, progress func(int, int), use func(rawLine)) error {
	rows := 0
	for _, sh := range sheets {
		notes := false
		col := func(r sheet.Row, key string) string {
			if i, ok := sh.hdr.Cols[key]; ok {
				return strings.TrimSpace(r.Cell(i))
			}
			return ""
		}
		err := wb.Each(ctx, sh.idx, func(r sheet.Row) error {
			if r.Num <= sh.hdr.LastRow || notes {
				return nil
			}
			if isNoteRow(r) {
				notes = true
				return nil
			}
			l := rawLine{sh: sh, row: r.Num, code: col(r, "code"), township: col(r, "township"), village: col(r, "village"),
				item: col(r, "item"), amount: col(r, "amount"), note: col(r, "note"), cat: col(r, "category"), src: col(r, "source")}
			if l.code == "" && l.township == "" && l.village == "" && l.item == "" && l.amount == "" && l.cat == "" {
				return nil
			}
			if kind := totalKind(r); kind != "" {
				sh.statedTotal(kind, l.amount, r.Num)
				return nil
			}
			if sh.statedKind == "小计" {
				sh.statedKind = "" // a 小计 with lines after it is a group's, not the sheet's
			}
			if l.township == "" && l.code == "" && !sh.namesDivisions() {
				l.township = sh.town
			}
			sh.rows++
			rows++
			use(l)
			if progress != nil && rows%2048 == 0 {
				progress(rows, 0)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// statedTotal notes a total row: the 合计 row states the sheet's total; a 小计 row does when it
// is the only one and closes the sheet (a township's sheet).
func (sh *budgetSheet) statedTotal(kind, amount string, row int) {
	f, err := parseAmountCell(amount, sh.unit)
	switch {
	case kind == "合计":
		if err == nil {
			sh.stated, sh.statedRow, sh.statedKind = f, row, "合计"
		}
	case sh.statedKind == "合计":
	case sh.statedRow == 0 && err == nil:
		sh.stated, sh.statedRow, sh.statedKind = f, row, "小计"
	default:
		sh.statedKind = "" // several 小计 rows: groups, not the sheet
	}
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
