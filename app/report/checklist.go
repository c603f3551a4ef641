package report

import (
	"context"
	"fmt"
	"slices"

	"shequ/app/checklist"
	"shequ/models"
	"shequ/reports/model"
)

func init() {
	RegisterSection(Section{ID: "checklist", Title: "社区标准化建设", Order: 15, Build: buildChecklistSection})
}

// reportChecklist is the year's 社区标准化建设 assessments of the area, rolled up once.
type reportChecklist struct {
	ByUnit []checklist.RollupRow // aligned with e.Units
	// Retired are townships retired since they were assessed (county reports only): their
	// assessments stay in the table and the 合计.
	Retired  []checklist.RollupRow
	Total    checklist.RollupRow
	Weakest  []checklist.WeakIndicator // the five indicators met by the smallest share
	Titles   []checklist.TitleView     // 示范单位 titles of the year
	scoreSum float64
}

// levelColumns are the four levels as the tables show them, best first.
var levelColumns = []int{3, 2, 1, 0} // indexes into models.AssessmentLevels

// Checklist reads the year's roll-up once: per township for a county, per county for the city.
func (e *Env) Checklist(ctx context.Context) (*reportChecklist, error) {
	return e.checklist.get(func() (*reportChecklist, error) {
		r := &reportChecklist{ByUnit: make([]checklist.RollupRow, len(e.Units)), Total: checklist.RollupRow{Code: e.Area.Code, Name: "合计"}}
		for i, u := range e.Units {
			r.ByUnit[i] = checklist.RollupRow{Code: u.Code, Name: u.Name}
		}
		counties := []string{e.Area.Code}
		if e.Area.Level == models.LevelCity {
			counties = counties[:0]
			for _, u := range e.Units {
				counties = append(counties, u.Code)
			}
		}
		var lastTotal checklist.RollupRow
		for _, county := range counties {
			rows, err := e.svc.Checklist.TownshipTable(ctx, county, e.Year)
			if err != nil {
				return nil, err
			}
			if len(rows) == 0 {
				continue
			}
			total := rows[len(rows)-1]
			lastTotal = total
			if e.Area.Level == models.LevelCity {
				if i := e.UnitOf(county); i >= 0 {
					r.ByUnit[i] = withName(total, e.Units[i])
				}
			} else {
				for _, row := range rows[:len(rows)-1] {
					if i := e.UnitOf(row.Code); i >= 0 && e.Units[i].Code == row.Code {
						r.ByUnit[i] = withName(row, e.Units[i])
					} else {
						r.Retired = append(r.Retired, row)
					}
				}
			}
			r.Total.Total += total.Total
			r.Total.Assessed += total.Assessed
			r.Total.MandatoryFails += total.MandatoryFails
			for i := range total.Counts {
				r.Total.Counts[i] += total.Counts[i]
			}
			r.scoreSum += total.AverageScore * float64(total.Assessed)
		}
		if len(counties) == 1 && lastTotal.Assessed > 0 {
			r.Total.AverageScore = lastTotal.AverageScore // the service's figure, not recomputed
		} else if r.Total.Assessed > 0 {
			r.Total.AverageScore = r.scoreSum / float64(r.Total.Assessed)
		}
		weak, err := e.svc.Checklist.WeakestIndicatorsOf(ctx, counties, e.Year, 5)
		if err != nil {
			return nil, err
		}
		r.Weakest = weak
		titles, err := e.svc.Checklist.Titles(ctx, e.Area.Code, "", "", e.Year)
		if err != nil {
			return nil, err
		}
		r.Titles = titles
		return r, nil
	})
}

// withName is a roll-up row under the report unit's name.
func withName(r checklist.RollupRow, u Unit) checklist.RollupRow {
	r.Code, r.Name = u.Code, u.Name
	return r
}

// atStandardRate is (优秀＋良好＋达标) ÷ 已测评.
func atStandardRate(r checklist.RollupRow) model.Rate {
	return model.RateOf(int64(r.AtStandard()), int64(r.Assessed))
}

// averageCell is the average score, or an empty cell when nothing was assessed.
func averageCell(r checklist.RollupRow) any {
	if r.Assessed == 0 {
		return nil
	}
	return r.AverageScore
}

func checklistRow(r checklist.RollupRow) []any {
	row := []any{r.Name, int64(r.Total), int64(r.Assessed)}
	for _, i := range levelColumns {
		row = append(row, int64(r.Counts[i]))
	}
	return append(row, int64(r.AtStandard()), atStandardRate(r), averageCell(r), int64(r.MandatoryFails))
}

func buildChecklistSection(ctx context.Context, e *Env) (model.Section, error) {
	c, err := e.Checklist(ctx)
	if err != nil {
		return model.Section{}, err
	}
	if c.empty() {
		return model.Section{Blocks: []model.Block{noData(e, "社区标准化建设测评结果", "社区标准化")}}, nil
	}
	t := c.Total
	avg := "—"
	if t.Assessed > 0 {
		avg = fmt.Sprintf("%.1f", t.AverageScore)
	}
	s := model.Section{}
	text := fmt.Sprintf("%d年度，%s应开展社区标准化建设测评的村（社区）%s 个，已测评 %s 个，测评率 %s。其中优秀 %s 个、良好 %s 个、达标 %s 个、未达标 %s 个，达标及以上 %s 个，达标率 %s，平均得分 %s 分",
		e.Year, e.AreaName, model.Count(t.Total), model.Count(t.Assessed), model.RateOf(int64(t.Assessed), int64(t.Total)),
		model.Count(t.Counts[3]), model.Count(t.Counts[2]), model.Count(t.Counts[1]), model.Count(t.Counts[0]), model.Count(t.AtStandard()), atStandardRate(t), avg)
	if t.MandatoryFails > 0 {
		text += fmt.Sprintf("；有 %s 个村（社区）存在必备指标未达到，直接评定为未达标", model.Count(t.MandatoryFails))
	}
	text += fmt.Sprintf("。全年获评示范单位 %s 个。", model.Count(len(c.Titles)))
	s.Blocks = append(s.Blocks,
		&model.Paragraph{Text: text},
		&model.KPIs{Items: []model.KPI{
			{Label: "已测评村（社区）（个）", Value: fmt.Sprintf("%s / %s", model.FormatCell(model.Int, int64(t.Assessed)), model.FormatCell(model.Int, int64(t.Total)))},
			{Label: "达标及以上（个）", Value: model.FormatCell(model.Int, int64(t.AtStandard()))},
			{Label: "达标率", Value: atStandardRate(t).String()},
			{Label: "优秀（个）", Value: model.FormatCell(model.Int, int64(t.Counts[3]))},
			{Label: "平均得分（分）", Value: avg},
			{Label: "示范单位（个）", Value: fmt.Sprint(len(c.Titles))},
		}},
		&model.Heading{Text: "（一）分" + e.UnitLabel + "达标情况"})

	cols := []model.Column{{Header: e.UnitLabel, Weight: 1.8},
		{Header: "总数", Group: "村（社区）", Kind: model.Int, Weight: 0.8},
		{Header: "已测评", Group: "村（社区）", Kind: model.Int, Weight: 0.8}}
	for _, i := range levelColumns {
		cols = append(cols, model.Column{Header: models.AssessmentLevels[i], Group: "测评等级", Kind: model.Int, Weight: 0.8})
	}
	cols = append(cols, model.Column{Header: "达标及以上", Kind: model.Int, Weight: 0.9},
		model.Column{Header: "达标率", Kind: model.Percent, Weight: 0.9},
		model.Column{Header: "平均得分", Kind: model.Decimal, Weight: 0.9},
		model.Column{Header: "必备指标未达", Kind: model.Int, Weight: 0.9})
	rateCol := len(cols) - 3
	unit := &model.Table{Name: "标准化达标分" + shortUnit(e), Caption: unitCaption(e, "社区标准化建设达标情况"), Main: true, Columns: cols,
		Note: "注：数量单位为个；达标率＝达标及以上个数÷已测评个数；已测评含尚处于自查、审核阶段的当年测评；必备指标未达到的，不论得分均为未达标。"}
	chart := &model.BarChart{Title: fmt.Sprintf("%d年各%s社区标准化建设达标率", e.Year, shortUnit(e)), Unit: "%", ValueCols: []int{rateCol},
		Series: []model.Series{{Name: "达标率"}}}
	for _, r := range slices.Concat(c.ByUnit, c.Retired) {
		unit.Rows = append(unit.Rows, checklistRow(r))
		if r.Assessed > 0 {
			chart.Categories = append(chart.Categories, r.Name)
			chart.Series[0].Values = append(chart.Series[0].Values, atStandardRate(r).Value*100)
		}
	}
	unit.Totals = checklistRow(t)
	unit.Totals[0] = "合计"
	unit.Chart = chart
	sortChart(chart)
	s.Blocks = append(s.Blocks, unit)
	if len(chart.Categories) > 0 {
		s.Blocks = append(s.Blocks, chart)
	}

	s.Blocks = append(s.Blocks, &model.Heading{Text: "（二）薄弱指标"})
	if len(c.Weakest) == 0 {
		s.Blocks = append(s.Blocks, &model.Paragraph{Text: "本年度尚无测评数据，无法分析薄弱指标。"})
	} else {
		weak := &model.Table{Name: "薄弱指标", Caption: fmt.Sprintf("%d年达成率最低的%d项指标", e.Year, len(c.Weakest)),
			Columns: []model.Column{{Header: "序号", Kind: model.Int, Weight: 0.6}, {Header: "指标编号", Weight: 1},
				{Header: "指标名称", Weight: 3.4}, {Header: "已达到（个）", Kind: model.Int, Weight: 1.3},
				{Header: "已测评（个）", Kind: model.Int, Weight: 1.3}, {Header: "达成率", Kind: model.Percent, Weight: 1}},
			Note: "注：达成率＝该指标达到目标值的村（社区）数÷录入该指标的测评数。"}
		for i, w := range c.Weakest {
			weak.Rows = append(weak.Rows, []any{int64(i + 1), w.Code, w.Name, int64(w.Met), int64(w.N), model.RateOf(int64(w.Met), int64(w.N))})
		}
		s.Blocks = append(s.Blocks, weak)
	}

	s.Blocks = append(s.Blocks, &model.Heading{Text: "（三）示范单位"})
	if len(c.Titles) == 0 {
		s.Blocks = append(s.Blocks, &model.Paragraph{Text: fmt.Sprintf("%d年度尚未登记获评的示范单位。", e.Year)})
		return s, nil
	}
	demo := &model.Table{Name: "示范单位", Caption: fmt.Sprintf("%d年获评示范单位名单", e.Year),
		Columns: []model.Column{{Header: "序号", Kind: model.Int, Weight: 0.6}, {Header: "单位", Weight: 3.2},
			{Header: "称号", Weight: 1.8}, {Header: "文号", Weight: 2}}}
	for i, ti := range c.Titles {
		demo.Rows = append(demo.Rows, []any{int64(i + 1), ti.DivisionName, ti.Level + ti.Kind, ti.DocumentNo})
	}
	s.Blocks = append(s.Blocks, demo)
	return s, nil
}
