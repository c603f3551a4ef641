package budget

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"shequ/app/sheet"
	"shequ/models"
)

// The check step of a budget import: each line's division, category, source and amount are
// resolved against the county and the lookups; a good line becomes a models.BudgetLine.

// rawLine is a data row as read, before divisions are resolved.
type rawLine struct {
	sh                                                    *budgetSheet
	row                                                   int
	code, township, village, item, amount, note, cat, src string
}

// lineChecker checks lines one by one into the result, keeping the lines to write.
type lineChecker struct {
	s       *Service
	res     *ImportResult
	lk      *budgetLookups
	write   bool // keep models.BudgetLine values for the write step
	keepAll bool // keep every ImportLine (a preview), not only the first 5000
	lines   []models.BudgetLine
	// sink, when set, takes each good line instead of lines: the writer runs beside the read.
	sink    func(models.BudgetLine)
	checked int
	// Sheets repeat the same township and village on many rows: each is resolved once.
	divCache map[[3]string]resolvedDivision
}

type resolvedDivision struct {
	d   models.Division
	err error
}

func (c *lineChecker) addErr(sh *budgetSheet, row int, key, value, msg string) {
	letter := ""
	if i, ok := sh.hdr.Cols[key]; ok {
		letter = sheet.ColumnLetter(i)
	}
	c.res.Errors = append(c.res.Errors, sheet.NewIssue(sh.name, row, letter, value, msg, key))
}

func (c *lineChecker) division(ctx context.Context, l rawLine) resolvedDivision {
	key := [3]string{l.code, l.township, l.village}
	rv, hit := c.divCache[key]
	if !hit {
		rv.d, rv.err = c.s.divisions.ResolveInCounty(ctx, c.res.County, l.code, l.township, l.village)
		c.divCache[key] = rv
	}
	return rv
}

func (c *lineChecker) check(ctx context.Context, l rawLine) {
	c.checked++
	keep := c.keepAll || c.checked <= 5000
	sh, lk := l.sh, c.lk
	rv := c.division(ctx, l)
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
		c.addErr(sh, l.row, key, val, sheet.Reason(rv.err))
		bad = true
	}
	catID, ok := lk.cats[sheet.Normalize(l.cat)]
	if !ok {
		if l.cat == "" {
			c.addErr(sh, l.row, "category", l.cat, "经费类别为空")
		} else {
			c.addErr(sh, l.row, "category", l.cat, "不是已知的经费类别（"+lk.catList+"），可在经费类别中为它添加别名")
		}
		bad = true
	}
	srcID := lk.defaultSource
	if l.src != "" {
		if srcID, ok = lk.srcs[sheet.Normalize(l.src)]; !ok {
			c.addErr(sh, l.row, "source", l.src, "不是已知的资金来源")
			bad = true
		}
	}
	amount, err := parseAmountCell(l.amount, sh.unit)
	if err != nil {
		c.addErr(sh, l.row, "amount", l.amount, sheet.Reason(err))
		bad = true
	}
	if len(l.item) > 200 && utf8.RuneCountInString(l.item) > 200 {
		c.addErr(sh, l.row, "item", l.item, "项目名称超过 200 个字")
		bad = true
	}
	if bad {
		sh.errors++
		if keep {
			name := l.code
			if name == "" {
				name = strings.TrimSpace(l.township + " " + l.village)
			}
			bl := ImportLine{Bad: true, Sheet: sh.name, Row: l.row, DivisionName: name, Category: l.cat, Item: l.item, Amount: amount,
				Source: l.src, Note: l.note}
			if divOK {
				bl.DivisionCode, bl.DivisionName = d.Code, d.Name
			}
			if amount == 0 && l.amount != "" {
				bl.AmountText = sheet.Clip(l.amount)
			}
			c.res.Lines = append(c.res.Lines, bl)
		}
		return
	}
	if c.write && len(c.res.Errors) == 0 {
		bl := models.BudgetLine{Year: c.res.Year, DivisionCode: d.Code, CategoryID: catID, Item: l.item,
			Amount: amount, SourceID: srcID, Note: l.note, SourceRow: l.row}
		if c.sink != nil {
			c.sink(bl)
		} else {
			c.lines = append(c.lines, bl)
		}
	}
	c.res.Total += amount
	sh.total += amount
	if keep {
		// Item and note are copied out of the row's text (one string for all its cells): a
		// 100,000-line preview would otherwise keep every row's text alive.
		c.res.Lines = append(c.res.Lines, ImportLine{Sheet: sh.name, Row: l.row, DivisionCode: d.Code, DivisionName: d.Name,
			Category: lk.catName[catID], Item: strings.Clone(l.item), Amount: amount, Source: lk.srcName[srcID], Note: strings.Clone(l.note)})
	}
}

// parseAmountCell reads an amount as clerks type it, in the column's unit: "245,847.31",
// "245,847.31元", "￥1,200". A cell may name 万元 (or 万) explicitly in a 元 column and is then
// read ×10,000; a cell that says 元 in a 万元 column contradicts its column and is an error.
func parseAmountCell(text string, column models.Unit) (models.Fen, error) {
	t := strings.TrimSpace(text)
	t = strings.TrimSpace(strings.TrimLeft(t, "￥¥"))
	unit := column
	switch {
	case strings.HasSuffix(t, "万元"):
		unit, t = models.Wanyuan, strings.TrimSuffix(t, "万元")
	case strings.HasSuffix(t, "万"):
		unit, t = models.Wanyuan, strings.TrimSuffix(t, "万")
	case strings.HasSuffix(t, "元"):
		if column == models.Wanyuan {
			return 0, fmt.Errorf("%w：这一列的单位是万元，这一格写的是“元”（%s），请改成万元数或去掉“元”后核对", models.ErrInvalid, sheet.Clip(t))
		}
		t = strings.TrimSuffix(t, "元")
	}
	if t != strings.TrimSpace(text) && strings.TrimSpace(t) == "" {
		return 0, fmt.Errorf("%w：只写了单位，没有金额（%s）", models.ErrInvalid, strings.TrimSpace(text))
	}
	f, err := models.ParseAmount(strings.TrimSpace(t), unit)
	if err != nil && strings.TrimSpace(t) != strings.TrimSpace(text) {
		// say the cell as written, not the number left after its unit was taken off
		return 0, fmt.Errorf("%s", strings.Replace(err.Error(), "（"+strings.TrimSpace(t)+"）", "（"+sheet.Clip(strings.TrimSpace(text))+"）", 1))
	}
	return f, err
}

// guessCounty finds the one county most lines belong to; msg explains when there is none.
func (s *Service) guessCounty(ctx context.Context, raws []rawLine) (county, msg string, err error) {
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
