package report

import (
	"context"
	"fmt"
	"slices"

	"shequ/models"
	"shequ/reports/model"
)

// The 概况's comparison with the year before (上年、增减, where that year has data) and the
// ranking of the units (counties in a city report, townships in a county report) by 达标率
// and by budget execution.

// previous is the report's area and units for the year before, with its own module figures.
func (e *Env) previous() *Env {
	e.prevOnce.Do(func() {
		e.prev = &Env{svc: e.svc, Year: e.Year - 1, Today: e.Today, Area: e.Area, AreaName: e.AreaName,
			UnitLabel: e.UnitLabel, Units: e.Units, prefix: e.prefix, unitLevel: e.unitLevel, unitIdx: e.unitIdx}
	})
	return e.prev
}

// previousReads is reads for the year before.
func previousReads[T any](load func(*Env, context.Context) (T, error)) func(context.Context, *Env) error {
	return func(ctx context.Context, e *Env) error {
		_, err := load(e.previous(), ctx)
		return err
	}
}

// change writes this year's value against last year's: "+12.50", "−3.0个百分点", "持平".
func change(diff float64, unit string) string {
	switch {
	case diff > 0.00001:
		return fmt.Sprintf("+%s%s", trimFloat(diff), unit)
	case diff < -0.00001:
		return fmt.Sprintf("−%s%s", trimFloat(-diff), unit)
	}
	return "持平"
}

func trimFloat(v float64) string {
	return model.FormatCell(model.Decimal, v)
}

// compareBlocks are （一）主要指标同比 and （二）排名.
func compareBlocks(ctx context.Context, e *Env) ([]model.Block, error) {
	p := e.previous()
	c, err := e.Checklist(ctx)
	if err != nil {
		return nil, err
	}
	pc, err := p.Checklist(ctx)
	if err != nil {
		return nil, err
	}
	b, err := e.Budget(ctx)
	if err != nil {
		return nil, err
	}
	pb, err := p.Budget(ctx)
	if err != nil {
		return nil, err
	}
	l, err := e.Ledgers(ctx)
	if err != nil {
		return nil, err
	}
	pl, err := p.Ledgers(ctx)
	if err != nil {
		return nil, err
	}
	t := &model.Table{Name: "主要指标同比", Caption: fmt.Sprintf("%d年主要指标与上年对比表", e.Year),
		Columns: []model.Column{{Header: "指标", Weight: 2.4}, {Header: "本年", Weight: 1.3}, {Header: "上年", Weight: 1.3}, {Header: "增减", Weight: 1.4}},
		Note:    "注：上年无数据的指标，上年和增减记为“—”；比率的增减以百分点计。"}
	rate := func(name string, now, before model.Rate, has bool) {
		row := []any{name, now.String(), "—", "—"}
		if has && before.OK {
			row[2] = before.String()
			if now.OK {
				row[3] = change((now.Value-before.Value)*100, "个百分点")
			}
		}
		t.Rows = append(t.Rows, row)
	}
	money := func(name string, now, before models.Fen, has bool) {
		row := []any{name, now.Wanyuan(), "—", "—"}
		if has {
			row[2] = before.Wanyuan()
			row[3] = change(float64(now-before)/1e6, "")
		}
		t.Rows = append(t.Rows, row)
	}
	count := func(name string, now, before int64, has bool) {
		row := []any{name, model.FormatCell(model.Int, now), "—", "—"}
		if has {
			row[2] = model.FormatCell(model.Int, before)
			d := now - before
			switch {
			case d > 0:
				row[3] = "+" + model.FormatCell(model.Int, d)
			case d < 0:
				row[3] = "−" + model.FormatCell(model.Int, -d)
			default:
				row[3] = "持平"
			}
		}
		t.Rows = append(t.Rows, row)
	}
	// A year with 示范单位 titles but no assessment has no 上年 figure: "—", not 0.
	count("已测评村（社区）（个）", int64(c.Total.Assessed), int64(pc.Total.Assessed), pc.Total.Assessed > 0)
	rate("社区标准化达标率", atStandardRate(c.Total), atStandardRate(pc.Total), pc.Total.Assessed > 0)
	money("经费预算（万元）", b.Total.Amount, pb.Total.Amount, !pb.empty())
	money("已拨付经费（万元）", b.Total.Disbursed, pb.Total.Disbursed, !pb.empty())
	rate("经费执行率", b.Total.Rate(), pb.Total.Rate(), !pb.empty())
	count("民主议事会议（次）", l.Total.Meetings, pl.Total.Meetings, pl.Total.Meetings+pl.Total.Opinions > 0)
	rate("意见建议答复率", l.Total.ReplyRate(), pl.Total.ReplyRate(), pl.Total.Meetings+pl.Total.Opinions > 0)

	var out []model.Block
	out = append(out, &model.Heading{Text: "（一）主要指标同比"})
	if pc.empty() && pb.empty() && pl.Total.Meetings+pl.Total.Opinions == 0 {
		out = append(out, &model.Paragraph{Text: fmt.Sprintf("%d年度尚未录入数据，本年暂无同比。", e.Year-1)})
	} else {
		out = append(out, t)
	}

	rt := rankingTable(e, c, b)
	out = append(out, &model.Heading{Text: "（二）各" + shortUnit(e) + "排名"})
	if c.empty() && b.empty() {
		return append(out, &model.Paragraph{Text: "本年度尚无测评和经费数据，暂不排名。"}), nil
	}
	return append(out, rt), nil
}

// unitRate is one unit's rate in a ranking.
type unitRate struct {
	name string
	r    model.Rate
}

// rankRates sorts units with a rate first, best first; ties keep the list order.
func rankRates(xs []unitRate) []unitRate {
	slices.SortStableFunc(xs, func(a, b unitRate) int {
		switch {
		case a.r.OK != b.r.OK:
			if a.r.OK {
				return -1
			}
			return 1
		case a.r.Value > b.r.Value:
			return -1
		case a.r.Value < b.r.Value:
			return 1
		}
		return 0
	})
	return xs
}

// rankingTable ranks the units by 达标率 and by budget execution side by side.
func rankingTable(e *Env, c *reportChecklist, b *reportBudget) *model.Table {
	var std, exe []unitRate
	for i, u := range e.Units {
		std = append(std, unitRate{u.Name, atStandardRate(c.ByUnit[i])})
		exe = append(exe, unitRate{u.Name, b.ByUnit[i].Rate()})
	}
	std, exe = rankRates(std), rankRates(exe)
	rt := &model.Table{Name: "排名", Caption: fmt.Sprintf("%d年各%s达标率和经费执行率排名", e.Year, shortUnit(e)),
		Columns: []model.Column{{Header: "名次", Kind: model.Int, Weight: 0.6},
			{Header: shortUnit(e), Group: "社区标准化达标率", Weight: 1.6}, {Header: "达标率", Group: "社区标准化达标率", Kind: model.Percent},
			{Header: shortUnit(e), Group: "经费执行率", Weight: 1.6}, {Header: "执行率", Group: "经费执行率", Kind: model.Percent}},
		Note: "注：未测评或无预算的单位列在最后，比率记为“—”。"}
	for i := range e.Units {
		rt.Rows = append(rt.Rows, []any{int64(i + 1), std[i].name, std[i].r, exe[i].name, exe[i].r})
	}
	return rt
}

// sortChart orders a one-series chart's bars from the highest value down, as a ranking reads;
// equal values keep their order.
func sortChart(c *model.BarChart) {
	if len(c.Series) != 1 {
		return
	}
	idx := make([]int, len(c.Categories))
	for i := range idx {
		idx[i] = i
	}
	vals := c.Series[0].Values
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case vals[a] > vals[b]:
			return -1
		case vals[a] < vals[b]:
			return 1
		}
		return 0
	})
	cats, vs := make([]string, len(idx)), make([]float64, len(idx))
	for i, j := range idx {
		cats[i], vs[i] = c.Categories[j], vals[j]
	}
	c.Categories, c.Series[0].Values = cats, vs
}
