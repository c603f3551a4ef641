package report

import (
	"context"
	"fmt"

	"shequ/app/store"
	"shequ/models"
	"shequ/reports/model"
)

func init() {
	RegisterSection(Section{ID: "budget", Title: "经费保障", Order: 20, Build: buildBudgetSection})
}

// budgetSum is a budget and what was disbursed against it.
type budgetSum struct {
	Lines             int64
	Amount, Disbursed models.Fen
}

func (b *budgetSum) addSum(l store.BudgetSum) {
	b.Lines += l.Lines
	b.Amount += l.Amount
	b.Disbursed += l.Disbursed
}

// Rate is the execution rate (已拨付 / 预算).
func (b budgetSum) Rate() model.Rate { return model.RateOf(int64(b.Disbursed), int64(b.Amount)) }

// reportBudget is the year's budget of the area, summed once for every chapter.
type reportBudget struct {
	Total      budgetSum
	Categories []string // in the order of the category list
	ByCategory map[string]*budgetSum
	ByUnit     []budgetSum
	Own        budgetSum // the county's (or counties') own lines, outside any unit
	ByVillage  map[string]*budgetSum
	Sources    []string // funding sources in list order, then 未注明来源 when lines lack one
	BySource   map[string]*budgetSum
}

// Budget reads the year's budget lines of the area once.
func (e *Env) Budget(ctx context.Context) (*reportBudget, error) {
	return e.budget.get(func() (*reportBudget, error) {
		// Summed per division and per category in the database: a whole-city year is tens of
		// thousands of lines, and the report needs only their totals.
		sums, err := e.svc.Budget.Sums(ctx, e.Year, e.prefix)
		if err != nil {
			return nil, err
		}
		cats, err := e.svc.Budget.Categories(ctx)
		if err != nil {
			return nil, err
		}
		b := &reportBudget{ByCategory: map[string]*budgetSum{}, ByUnit: make([]budgetSum, len(e.Units)), ByVillage: map[string]*budgetSum{},
			BySource: map[string]*budgetSum{}}
		srcs, err := e.svc.Budget.Sources(ctx)
		if err != nil {
			return nil, err
		}
		known := map[int64]bool{}
		for _, src := range srcs {
			known[src.ID] = true
			x := &budgetSum{}
			if v := sums.BySource[src.ID]; v != nil {
				x.addSum(*v)
			}
			b.Sources = append(b.Sources, src.Name)
			b.BySource[src.Name] = x
		}
		other := &budgetSum{}
		for id, v := range sums.BySource {
			if !known[id] {
				other.addSum(*v)
			}
		}
		if other.Lines > 0 {
			b.Sources = append(b.Sources, "未注明来源")
			b.BySource["未注明来源"] = other
		}
		for _, c := range cats {
			b.Categories = append(b.Categories, c.Name)
			x := &budgetSum{}
			if s := sums.ByCategory[c.ID]; s != nil {
				x.addSum(*s)
			}
			b.ByCategory[c.Name] = x
		}
		for _, l := range sums.ByDivision {
			b.Total.addSum(*l)
			if u := e.UnitOf(l.DivisionCode); u >= 0 {
				b.ByUnit[u].addSum(*l)
			} else {
				b.Own.addSum(*l)
			}
			v := &budgetSum{}
			v.addSum(*l)
			b.ByVillage[l.DivisionCode] = v
		}
		return b, nil
	})
}

var reportBudgetColumns = func(first string) []model.Column {
	return []model.Column{{Header: first, Weight: 2.2}, {Header: "项目数", Kind: model.Int, Weight: 0.8},
		{Header: "预算金额", Group: "金额（万元）", Kind: model.Money, Weight: 1.3},
		{Header: "已拨付", Group: "金额（万元）", Kind: model.Money, Weight: 1.3},
		{Header: "执行率", Kind: model.Percent, Weight: 0.9}}
}

const roundingNote = "注：金额单位为万元，四舍五入保留两位小数；合计按分累加后折算，可能与分项之和存在尾差。"

func buildBudgetSection(ctx context.Context, e *Env) (model.Section, error) {
	b, err := e.Budget(ctx)
	if err != nil {
		return model.Section{}, err
	}
	s := model.Section{}
	if b.empty() {
		s.Blocks = append(s.Blocks, noData(e, "村（社区）经费预算", "经费保障"))
		return s, nil
	}
	s.Blocks = append(s.Blocks,
		&model.Paragraph{Text: fmt.Sprintf("%d年度，%s共安排村（社区）经费预算 %s 万元（%s 项），已拨付 %s 万元，预算执行率 %s。",
			e.Year, e.AreaName, b.Total.Amount.Wanyuan(), model.Count(b.Total.Lines), b.Total.Disbursed.Wanyuan(), b.Total.Rate())},
		&model.KPIs{Items: []model.KPI{
			{Label: "预算总额（万元）", Value: b.Total.Amount.Wanyuan()},
			{Label: "已拨付（万元）", Value: b.Total.Disbursed.Wanyuan()},
			{Label: "执行率", Value: b.Total.Rate().String()},
		}},
		&model.Heading{Text: "（一）按经费类别"})

	cat := &model.Table{Name: "经费按类别", Caption: fmt.Sprintf("%d年经费保障按类别统计表", e.Year),
		Columns: reportBudgetColumns("经费类别"), Note: roundingNote}
	chart := &model.BarChart{Title: fmt.Sprintf("%d年各类别经费预算与拨付", e.Year), Unit: "万元", ValueCols: []int{2, 3},
		Series: []model.Series{{Name: "预算金额"}, {Name: "已拨付"}}}
	for _, name := range b.Categories {
		c := b.ByCategory[name]
		cat.Rows = append(cat.Rows, []any{name, c.Lines, c.Amount, c.Disbursed, c.Rate()})
		chart.Categories = append(chart.Categories, name)
		chart.Series[0].Values = append(chart.Series[0].Values, model.Wanyuan(c.Amount))
		chart.Series[1].Values = append(chart.Series[1].Values, model.Wanyuan(c.Disbursed))
	}
	cat.Totals = []any{"合计", b.Total.Lines, b.Total.Amount, b.Total.Disbursed, b.Total.Rate()}
	cat.Chart = chart
	s.Blocks = append(s.Blocks, cat, chart, &model.Heading{Text: "（二）按" + e.UnitLabel})

	unit := &model.Table{Name: "经费按" + shortUnit(e), Caption: unitCaption(e, "经费保障"), Main: true,
		Columns: reportBudgetColumns(e.UnitLabel), Note: roundingNote}
	uchart := &model.BarChart{Title: fmt.Sprintf("%d年各%s经费预算与拨付", e.Year, shortUnit(e)), Unit: "万元", ValueCols: []int{2, 3},
		Series: []model.Series{{Name: "预算金额"}, {Name: "已拨付"}}}
	for i, u := range e.Units {
		c := b.ByUnit[i]
		unit.Rows = append(unit.Rows, []any{u.Name, c.Lines, c.Amount, c.Disbursed, c.Rate()})
		uchart.Categories = append(uchart.Categories, u.Name)
		uchart.Series[0].Values = append(uchart.Series[0].Values, model.Wanyuan(c.Amount))
		uchart.Series[1].Values = append(uchart.Series[1].Values, model.Wanyuan(c.Disbursed))
	}
	if b.Own.Lines > 0 {
		unit.Rows = append(unit.Rows, []any{e.Area.Name + "本级", b.Own.Lines, b.Own.Amount, b.Own.Disbursed, b.Own.Rate()})
	}
	unit.Totals = []any{"合计", b.Total.Lines, b.Total.Amount, b.Total.Disbursed, b.Total.Rate()}
	unit.Chart = uchart
	s.Blocks = append(s.Blocks, unit, uchart)
	more, err := fundingBlocks(ctx, e, b)
	if err != nil {
		return s, err
	}
	s.Blocks = append(s.Blocks, more...)
	return s, nil
}

// shortUnit is 乡镇 or 县（市、区） without its brackets, for captions.
func shortUnit(e *Env) string {
	if e.unitLevel == models.LevelTownship {
		return "乡镇（街道）"
	}
	return "县（市、区）"
}
