package report

import (
	"context"
	"fmt"
	"strings"

	"shequ/models"
	"shequ/reports/model"
)

func init() {
	RegisterSection(Section{ID: "ledgers", Title: "民主自治", Order: 50, Build: buildLedgersSection})
}

// ledgerSum is one unit's or village's 民主自治 figures for the year.
type ledgerSum struct {
	Meetings, Opinions, Answered, Overdue int64
	WithMeetings                          int64 // villages with at least one meeting
}

func (l *ledgerSum) add(x ledgerSum) {
	l.Meetings += x.Meetings
	l.Opinions += x.Opinions
	l.Answered += x.Answered
	l.Overdue += x.Overdue
}

func (l ledgerSum) ReplyRate() model.Rate { return model.RateOf(l.Answered, l.Opinions) }

// reportLedgers is the year's meetings and opinions of the area, counted once.
type reportLedgers struct {
	Total     ledgerSum
	ByKind    map[models.MeetingKind]int64
	ByUnit    []ledgerSum
	ByVillage map[string]*ledgerSum
}

// Ledgers reads the year's meetings and opinions of the area once; overdue replies are judged
// on the report day, whenever the opinion was raised.
func (e *Env) Ledgers(ctx context.Context) (*reportLedgers, error) {
	return e.ledgers.get(func() (*reportLedgers, error) {
		counts, err := e.svc.Ledgers.Tally(ctx, e.Area.Code, e.Year)
		if err != nil {
			return nil, err
		}
		over, err := e.svc.Ledgers.OverdueByDivision(ctx, e.Area.Code)
		if err != nil {
			return nil, err
		}
		r := &reportLedgers{ByKind: map[models.MeetingKind]int64{}, ByUnit: make([]ledgerSum, len(e.Units)), ByVillage: map[string]*ledgerSum{}}
		add := func(code string, x ledgerSum) {
			v := r.ByVillage[code]
			if v == nil {
				v = &ledgerSum{}
				r.ByVillage[code] = v
			}
			for _, s := range []*ledgerSum{&r.Total, v} {
				s.add(x)
			}
			if u := e.UnitOf(code); u >= 0 {
				r.ByUnit[u].add(x)
			}
		}
		for code, c := range counts {
			var x ledgerSum
			for kind, n := range c.Meetings {
				r.ByKind[models.MeetingKind(kind)] += n
				x.Meetings += n
			}
			for st, n := range c.Opinions {
				x.Opinions += n
				if st.Answered() {
					x.Answered += n
				}
			}
			add(code, x)
		}
		for code, n := range over {
			add(code, ledgerSum{Overdue: n})
		}
		for i, u := range e.Units {
			for _, v := range u.Villages {
				if x := r.ByVillage[v.Code]; x != nil && x.Meetings > 0 {
					r.ByUnit[i].WithMeetings++
					r.Total.WithMeetings++
				}
			}
		}
		return r, nil
	})
}

func buildLedgersSection(ctx context.Context, e *Env) (model.Section, error) {
	l, err := e.Ledgers(ctx)
	if err != nil {
		return model.Section{}, err
	}
	villages := int64(len(e.Villages()))
	s := model.Section{}
	if l.empty() {
		more, err := autonomyBlocks(ctx, e, "（一）民主自治台账建立情况")
		if err != nil {
			return s, err
		}
		if len(more) == 2 { // nothing in the other ledgers either
			s.Blocks = append(s.Blocks, noData(e, "民主议事会议、群众意见建议等民主自治台账", "民主自治"))
			return s, nil
		}
		s.Blocks = append(s.Blocks, &model.Paragraph{Text: fmt.Sprintf("%d年度尚未录入民主议事会议和群众意见建议。", e.Year)})
		s.Blocks = append(s.Blocks, more...)
		return s, nil
	}
	s.Blocks = append(s.Blocks,
		&model.Paragraph{Text: fmt.Sprintf("%d年度，%s各村（社区）共召开民主议事类会议 %s 次，%s 个村（社区）开展了会议，%s 个尚未开展；收集群众意见建议 %s 条，已答复 %s 条，答复率 %s；截至%s逾期未答复 %s 条。",
			e.Year, e.AreaName, model.Count(l.Total.Meetings), model.Count(l.Total.WithMeetings), model.Count(villages-l.Total.WithMeetings), model.Count(l.Total.Opinions),
			model.Count(l.Total.Answered), l.Total.ReplyRate(), models.FormatDateCN(e.Today), model.Count(l.Total.Overdue))},
		&model.KPIs{Items: []model.KPI{
			{Label: "会议（次）", Value: fmt.Sprint(l.Total.Meetings)},
			{Label: "意见建议（条）", Value: fmt.Sprint(l.Total.Opinions)},
			{Label: "答复率", Value: l.Total.ReplyRate().String()},
		}},
		&model.Heading{Text: "（一）会议开展情况"})
	kinds := &model.Table{Name: "会议按类型", Caption: fmt.Sprintf("%d年民主自治会议按类型统计表", e.Year),
		Columns: []model.Column{{Header: "会议类型", Weight: 2}, {Header: "次数", Kind: model.Int}, {Header: "占比", Kind: model.Percent}}}
	for _, k := range models.MeetingKinds {
		kinds.Rows = append(kinds.Rows, []any{string(k), l.ByKind[k], model.RateOf(l.ByKind[k], l.Total.Meetings)})
	}
	kinds.Totals = []any{"合计", l.Total.Meetings, model.RateOf(l.Total.Meetings, l.Total.Meetings)}
	s.Blocks = append(s.Blocks, kinds, &model.Heading{Text: "（二）分" + e.UnitLabel + "情况"})

	unit := &model.Table{Name: "民主自治分" + shortUnit(e), Caption: unitCaption(e, "民主自治"), Main: true,
		Columns: []model.Column{{Header: e.UnitLabel, Weight: 2.2},
			{Header: "总数", Group: "村（社区）", Kind: model.Int, Weight: 0.8},
			{Header: "已开会", Group: "村（社区）", Kind: model.Int, Weight: 0.8},
			{Header: "未开会", Group: "村（社区）", Kind: model.Int, Weight: 0.8},
			{Header: "会议（次）", Kind: model.Int, Weight: 1.1},
			{Header: "收集", Group: "意见建议（条）", Kind: model.Int, Weight: 0.8},
			{Header: "已答复", Group: "意见建议（条）", Kind: model.Int, Weight: 0.8},
			{Header: "逾期", Group: "意见建议（条）", Kind: model.Int, Weight: 0.8},
			{Header: "答复率", Kind: model.Percent, Weight: 0.9}}}
	chart := &model.BarChart{Title: fmt.Sprintf("%d年各%s会议次数", e.Year, shortUnit(e)), Unit: "次", ValueCols: []int{4},
		Series: []model.Series{{Name: "会议次数"}}}
	gaps := &model.Table{Name: "未开会村（社区）", Caption: fmt.Sprintf("%d年尚未开展民主议事会议的村（社区）", e.Year),
		Columns: []model.Column{{Header: e.UnitLabel, Weight: 1.6}, {Header: "个数", Kind: model.Int, Weight: 0.6},
			{Header: "村（社区）名称", Weight: 5}}}
	var gapTotal int64
	for i, u := range e.Units {
		x := l.ByUnit[i]
		n := int64(len(u.Villages))
		unit.Rows = append(unit.Rows, []any{u.Name, n, x.WithMeetings, n - x.WithMeetings, x.Meetings, x.Opinions, x.Answered, x.Overdue, x.ReplyRate()})
		chart.Categories = append(chart.Categories, u.Name)
		chart.Series[0].Values = append(chart.Series[0].Values, float64(x.Meetings))
		var names []string
		for _, v := range u.Villages {
			if y := l.ByVillage[v.Code]; y == nil || y.Meetings == 0 {
				names = append(names, models.ShortName(v.Name))
			}
		}
		if len(names) > 0 {
			gaps.Rows = append(gaps.Rows, []any{u.Name, int64(len(names)), strings.Join(names, "、")})
			gapTotal += int64(len(names))
		}
	}
	unit.Totals = []any{"合计", villages, l.Total.WithMeetings, villages - l.Total.WithMeetings, l.Total.Meetings,
		l.Total.Opinions, l.Total.Answered, l.Total.Overdue, l.Total.ReplyRate()}
	unit.Chart = chart
	s.Blocks = append(s.Blocks, unit, chart)
	more, err := autonomyBlocks(ctx, e, "（三）其他民主自治台账")
	if err != nil {
		return s, err
	}
	s.Blocks = append(s.Blocks, more...)
	s.Blocks = append(s.Blocks, &model.Heading{Text: "（四）薄弱环节"})
	if len(gaps.Rows) == 0 {
		s.Blocks = append(s.Blocks, &model.Paragraph{Text: "各村（社区）均已开展民主议事会议。"})
		return s, nil
	}
	gaps.Totals = []any{"合计", gapTotal, nil}
	gaps.Note = "注：名称较多时单元格末尾以“…”省略，完整名单见附表。"
	s.Blocks = append(s.Blocks, gaps)
	return s, nil
}
