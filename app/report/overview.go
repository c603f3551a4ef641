package report

import (
	"context"
	"fmt"

	"shequ/models"
	"shequ/reports/model"
)

func init() {
	RegisterSection(Section{ID: "overview", Title: "概况", Order: 10, Build: buildOverviewSection,
		// The 概况 sums up every module (and the year before): all are read at the same time.
		Reads: []func(context.Context, *Env) error{reads((*Env).Profiles), reads((*Env).Budget),
			reads((*Env).Duties), reads((*Env).Ledgers), reads((*Env).Checklist), reads((*Env).Registry),
			previousReads((*Env).Budget), previousReads((*Env).Ledgers), previousReads((*Env).Checklist)}})
	RegisterSection(Section{ID: "appendix", Title: "附表　村（社区）基本情况", Order: 1000, Build: buildAppendixSection})
}

// areaCounts are the divisions and profiles of the area, per unit and in total.
type areaCounts struct {
	Villages, Communities, Profiles, Households, Population int64
}

func (e *Env) counts(ctx context.Context) ([]areaCounts, areaCounts, error) {
	ps, err := e.Profiles(ctx)
	if err != nil {
		return nil, areaCounts{}, err
	}
	out := make([]areaCounts, len(e.Units))
	var tot areaCounts
	for i, u := range e.Units {
		c := &out[i]
		for _, v := range u.Villages {
			if v.Kind() == "社区" {
				c.Communities++
			} else {
				c.Villages++
			}
			if p, ok := ps[v.Code]; ok {
				c.Profiles++
				c.Households += p[0]
				c.Population += p[1]
			}
		}
		tot.Villages += c.Villages
		tot.Communities += c.Communities
		tot.Profiles += c.Profiles
		tot.Households += c.Households
		tot.Population += c.Population
	}
	return out, tot, nil
}

func buildOverviewSection(ctx context.Context, e *Env) (model.Section, error) {
	per, tot, err := e.counts(ctx)
	if err != nil {
		return model.Section{}, err
	}
	m, err := e.modules(ctx)
	if err != nil {
		return model.Section{}, err
	}
	b, d, l := m.Budget, m.Duties, m.Ledgers
	missing, err := e.missing(ctx)
	if err != nil {
		return model.Section{}, err
	}
	done := d.ByStatus[models.TaskDone]
	s := model.Section{}
	if p := missingParagraph(e, missing); p != nil {
		s.Blocks = append(s.Blocks, p)
	}
	n := func(x int64) string { return model.FormatCell(model.Int, x) }
	s.Blocks = append(s.Blocks,
		&model.Paragraph{Text: fmt.Sprintf("%s共辖%s %d 个，村（社区）%s 个，其中村 %s 个、社区 %s 个；已建立社区档案 %s 个，登记户数 %s 户、常住人口 %s 人。",
			e.AreaName, e.UnitLabel, len(e.Units), n(tot.Villages+tot.Communities), n(tot.Villages), n(tot.Communities), n(tot.Profiles),
			n(tot.Households), n(tot.Population))})
	if len(missing) == 6 { // nothing entered: no line of zeros
		s.Blocks = append(s.Blocks, divisionsTable(e, per, tot))
		return s, nil
	}
	s.Blocks = append(s.Blocks,
		&model.Paragraph{Text: fmt.Sprintf("%d年度安排村（社区）经费预算 %s 万元，已拨付 %s 万元，执行率 %s；部门改革任务 %s 项，已完成 %s 项，逾期 %s 项；各村（社区）召开民主议事类会议 %s 次，群众意见建议答复率 %s。",
			e.Year, b.Total.Amount.Wanyuan(), b.Total.Disbursed.Wanyuan(), b.Total.Rate(), model.Count(d.Total), model.Count(done),
			model.Count(d.ByStatus[models.TaskOverdue]), model.Count(l.Total.Meetings), l.Total.ReplyRate())},
		&model.KPIs{Items: []model.KPI{
			{Label: e.UnitLabel + "（个）", Value: fmt.Sprint(len(e.Units))},
			{Label: "村（社区）（个）", Value: model.FormatCell(model.Int, tot.Villages+tot.Communities)},
			{Label: "已建社区档案（个）", Value: model.FormatCell(model.Int, tot.Profiles)},
			{Label: "经费预算（万元）", Value: b.Total.Amount.Wanyuan()},
			{Label: "经费执行率", Value: b.Total.Rate().String()},
			{Label: "改革任务完成率", Value: model.RateOf(int64(done), int64(d.Total)).String()},
			{Label: "民主议事会议（次）", Value: model.FormatCell(model.Int, l.Total.Meetings)},
			{Label: "意见建议答复率", Value: l.Total.ReplyRate().String()},
			{Label: "逾期未答复意见（条）", Value: model.FormatCell(model.Int, l.Total.Overdue)},
		}},
	)
	s.Blocks = append(s.Blocks, divisionsTable(e, per, tot))
	more, err := compareBlocks(ctx, e)
	if err != nil {
		return s, err
	}
	s.Blocks = append(s.Blocks, more...)
	return s, nil
}

// divisionsTable is the 概况's main table: villages, communities and profiles per unit.
func divisionsTable(e *Env, per []areaCounts, tot areaCounts) *model.Table {
	t := &model.Table{Name: "区划与档案", Caption: fmt.Sprintf("%s区划与社区档案情况表", e.AreaName), Main: true,
		Columns: []model.Column{{Header: e.UnitLabel, Weight: 2.2},
			{Header: "村", Group: "村（社区）（个）", Kind: model.Int}, {Header: "社区", Group: "村（社区）（个）", Kind: model.Int},
			{Header: "已建档案（个）", Kind: model.Int}, {Header: "户数", Kind: model.Int, Weight: 1.2},
			{Header: "常住人口", Kind: model.Int, Weight: 1.2}}}
	for i, u := range e.Units {
		c := per[i]
		t.Rows = append(t.Rows, []any{u.Name, c.Villages, c.Communities, c.Profiles, c.Households, c.Population})
	}
	t.Totals = []any{"合计", tot.Villages, tot.Communities, tot.Profiles, tot.Households, tot.Population}
	return t
}

func buildAppendixSection(ctx context.Context, e *Env) (model.Section, error) {
	ps, err := e.Profiles(ctx)
	if err != nil {
		return model.Section{}, err
	}
	b, err := e.Budget(ctx)
	if err != nil {
		return model.Section{}, err
	}
	l, err := e.Ledgers(ctx)
	if err != nil {
		return model.Section{}, err
	}
	if len(ps) == 0 && b.empty() && l.empty() {
		text := fmt.Sprintf("%d年度%s各村（社区）尚无社区档案、经费和民主自治数据，本附表暂不列出 %s 个村（社区）的空白明细。",
			e.Year, e.AreaName, model.FormatCell(model.Int, int64(len(e.Villages()))))
		return model.Section{Appendix: true, Blocks: []model.Block{&model.Paragraph{Text: text}}}, nil
	}
	return model.Section{Appendix: true, Blocks: []model.Block{appendixTable(ctx, e, ps, b, l)}}, nil
}

// appendixRow sums the villages of one row group (a county's subtotal, or the whole area).
type appendixRow struct {
	hh, pop, meetings int64
	budget            budgetSum
	led               ledgerSum
}

func (a *appendixRow) add(p [2]int64, bs budgetSum, ls ledgerSum) {
	a.hh += p[0]
	a.pop += p[1]
	a.budget.Amount += bs.Amount
	a.budget.Disbursed += bs.Disbursed
	a.meetings += ls.Meetings
	a.led.Opinions += ls.Opinions
	a.led.Answered += ls.Answered
}

func (a appendixRow) cells() []any {
	return []any{a.hh, a.pop, a.budget.Amount, a.budget.Disbursed, a.budget.Rate(), a.meetings, a.led.ReplyRate()}
}

// appendixTable lists every village with its figures. A whole-city table also names each
// village's 乡镇（街道） and closes each county with its 小计, so a village is found by county and
// township as the printed registers are ordered.
func appendixTable(ctx context.Context, e *Env, ps map[string][2]int64, b *reportBudget, l *reportLedgers) *model.Table {
	city := e.unitLevel == models.LevelCounty
	cols := []model.Column{{Header: e.UnitLabel, Weight: 1.4}}
	village := 1.9
	if city { // room for the township without shrinking the figures
		cols = []model.Column{{Header: e.UnitLabel, Weight: 1.1}, {Header: "乡镇（街道）", Weight: 1.3}}
		village = 1.8 // a seven-character name such as 瓦子坪农村社区 on one line
	}
	cols = append(cols, model.Column{Header: "村（社区）", Weight: village},
		model.Column{Header: "户数", Kind: model.Int, Weight: 0.8}, model.Column{Header: "常住人口", Kind: model.Int, Weight: 1.0},
		model.Column{Header: "预算", Group: "经费（万元）", Kind: model.Money, Weight: 1.1},
		model.Column{Header: "已拨付", Group: "经费（万元）", Kind: model.Money, Weight: 1.1},
		model.Column{Header: "执行率", Kind: model.Percent, Weight: 0.9}, model.Column{Header: "会议（次）", Kind: model.Int, Weight: 0.9},
		model.Column{Header: "意见答复率", Kind: model.Percent, Weight: 0.9})
	t := &model.Table{Name: "村（社区）明细", Caption: fmt.Sprintf("%d年村（社区）基本情况及经费、民主自治明细表", e.Year), Main: true,
		Columns: cols, Note: roundingNote + "县（市、区）本级经费不计入村（社区）明细。"}
	var all appendixRow
	for _, u := range e.Units {
		towns := map[string]string{}
		if city {
			kids, _ := e.svc.Divisions.Children(ctx, u.Code) // a name only: a failure leaves the cell empty
			for _, k := range kids {
				towns[k.Code] = models.ShortName(k.Name)
			}
		}
		var sub appendixRow
		for _, v := range u.Villages {
			p := ps[v.Code]
			var bs budgetSum
			if x := b.ByVillage[v.Code]; x != nil {
				bs = *x
			}
			var ls ledgerSum
			if x := l.ByVillage[v.Code]; x != nil {
				ls = *x
			}
			row := []any{models.ShortName(u.Name)}
			if city {
				row = append(row, towns[v.ParentCode])
			}
			row = append(row, models.ShortName(v.Name), p[0], p[1], bs.Amount, bs.Disbursed, bs.Rate(), ls.Meetings, ls.ReplyRate())
			t.Rows = append(t.Rows, row)
			sub.add(p, bs, ls)
			all.add(p, bs, ls)
		}
		if city {
			t.Rows = append(t.Rows, append([]any{models.ShortName(u.Name) + "小计", nil, model.Count(len(u.Villages)) + " 个"}, sub.cells()...))
		}
	}
	t.Totals = []any{"合计", nil}
	if city {
		t.Totals = append(t.Totals, nil)
	}
	t.Totals = append(t.Totals, all.cells()...)
	return t
}
