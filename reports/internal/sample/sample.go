// Package sample builds report models for the renderers' tests and benchmarks: the shape of a
// whole-city report (nine chapters of headings, prose, figures, county tables with charts, and
// a 3,004-row appendix) without a database.
package sample

import (
	"fmt"
	"time"

	"shequ/models"
	"shequ/reports/model"
)

// Counties are 南充市's nine counties.
var Counties = []string{"顺庆区", "高坪区", "嘉陵区", "南部县", "营山县", "蓬安县", "仪陇县", "西充县", "阆中市"}

// Chapters are the whole-city report's chapter titles, in order.
var Chapters = []string{"概况", "领导机制", "社区标准化建设", "三社互动", "经费保障", "部门职责落实", "民主自治", "存在问题和下步打算"}

// City is a whole-city report with villages rows in its appendix (3,004 for the real city).
func City(villages int) *model.Report {
	r := &model.Report{
		Title: "南充市城乡社区治理工作情况报告（2026年度）",
		Area:  "南充市",
		Unit:  "南充市民政局",
		Year:  2026,
		Date:  time.Date(2026, 12, 6, 0, 0, 0, 0, time.Local),
	}
	for i, title := range Chapters {
		r.Sections = append(r.Sections, chapter(i, title))
	}
	r.Sections = append(r.Sections, appendix(villages))
	return r
}

func chapter(i int, title string) model.Section {
	s := model.Section{ID: fmt.Sprintf("s%d", i), Title: title}
	s.Blocks = append(s.Blocks,
		&model.Paragraph{Text: fmt.Sprintf("2026年，全市%s工作稳步推进，共召开民主议事会议 2,404 次，收集意见建议 751 条，办结率 85.7%%。", title)},
		&model.KPIs{Items: []model.KPI{{Label: "村（社区）", Value: "3,004 个"}, {Label: "预算金额", Value: "46,650.16 万元"}, {Label: "达标率", Value: "85.7%"}}},
		&model.Heading{Text: "（一）按县（市、区）统计"},
	)
	t := countyTable(i, title)
	s.Blocks = append(s.Blocks, t, t.Chart,
		&model.Heading{Text: "（二）说明"},
		&model.Paragraph{Text: "本章数据截至2026年12月6日，由各县（市、区）民政局录入。\n金额按分累加后折算为万元。"},
	)
	return s
}

func countyTable(i int, title string) *model.Table {
	t := &model.Table{
		Name:    title + "按县",
		Caption: fmt.Sprintf("表%d 2026年%s按县（市、区）统计表（单位：万元）", i+1, title),
		Columns: []model.Column{
			{Header: "县（市、区）", Weight: 1.4},
			{Header: "村（社区）数", Kind: model.Int},
			{Header: "预算金额", Group: "经费（万元）", Kind: model.Money},
			{Header: "已拨付", Group: "经费（万元）", Kind: model.Money},
			{Header: "达标率", Kind: model.Percent},
		},
		Main: true,
		Note: "注：金额单位为万元，四舍五入保留两位小数。",
	}
	var n, budget, paid int64
	chart := &model.BarChart{Title: "各县（市、区）预算金额", Unit: "万元", ValueCols: []int{2}}
	var vals []float64
	for k, c := range Counties {
		v := int64(300 + 17*k + i)
		b := models.Fen(int64(k+1) * 9_000_000_00 / 9)
		p := b * 7 / 10
		n, budget, paid = n+v, budget+int64(b), paid+int64(p)
		t.Rows = append(t.Rows, []any{c, v, b, p, model.RateOf(int64(k%3+8), 10)})
		chart.Categories = append(chart.Categories, c)
		vals = append(vals, model.Wanyuan(b))
	}
	chart.Series = []model.Series{{Name: "预算金额", Values: vals}}
	t.Totals = []any{"合计", n, models.Fen(budget), models.Fen(paid), model.RateOf(2404, 3004)}
	t.Chart = chart
	return t
}

func appendix(villages int) model.Section {
	t := &model.Table{
		Name: "村（社区）明细",
		Columns: []model.Column{
			{Header: "村（社区）", Weight: 2},
			{Header: "乡镇（街道）", Weight: 1.6},
			{Header: "户数", Kind: model.Int},
			{Header: "人口", Kind: model.Int},
			{Header: "会议", Kind: model.Int},
			{Header: "预算（万元）", Kind: model.Money},
			{Header: "拨付（万元）", Kind: model.Money},
		},
	}
	var budget int64
	for v := range villages {
		b := models.Fen(int64(v%97+1) * 1_234_567)
		budget += int64(b)
		t.Rows = append(t.Rows, []any{
			fmt.Sprintf("第%d村民委员会", v+1), fmt.Sprintf("%s第%d镇", Counties[v%9], v%27+1),
			int64(300 + v%700), int64(1000 + v%3000), int64(v % 5), b, b / 2})
	}
	t.Totals = []any{"合计", nil, nil, nil, nil, models.Fen(budget), models.Fen(budget / 2)}
	return model.Section{ID: "appendix", Title: "附表：各村（社区）主要指标", Appendix: true, Blocks: []model.Block{t}}
}
