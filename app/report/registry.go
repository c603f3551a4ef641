package report

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"shequ/models"
	"shequ/reports/model"
)

func init() {
	RegisterSection(Section{ID: "registry", Title: "三社互动", Order: 18, Build: buildRegistrySection})
}

// registrySum is one unit's 三社互动 figures: the register as it stands on the report day and
// the subsidies of the report year.
type registrySum struct {
	OrgsByType             []int64 // in models.OrgTypes order, 正常 organisations only
	Orgs                   int64
	Workers                int64   // in post
	ByQual                 []int64 // in post, in models.CertifiedQualifications order
	Certified              int64   // in post with a qualification, as TownshipStats counts them
	Population, Households int64   // from the community profiles
	Profiled, Villages     int64   // villages with a profile, of all active villages: the base of Population
	Grids, GridVillages    int64
	GridHouseholds         int64
	SubWorkers, SubMonths  int64
	Monthly, OneOff, Sub   models.Fen
}

func newRegistrySum() registrySum {
	return registrySum{OrgsByType: make([]int64, len(models.OrgTypes)), ByQual: make([]int64, len(models.CertifiedQualifications))}
}

func (r *registrySum) add(x registrySum) {
	for i := range r.OrgsByType {
		r.OrgsByType[i] += x.OrgsByType[i]
	}
	for i := range r.ByQual {
		r.ByQual[i] += x.ByQual[i]
	}
	r.Orgs += x.Orgs
	r.Workers += x.Workers
	r.Certified += x.Certified
	r.Population += x.Population
	r.Households += x.Households
	r.Profiled += x.Profiled
	r.Villages += x.Villages
	r.Grids += x.Grids
	r.GridVillages += x.GridVillages
	r.GridHouseholds += x.GridHouseholds
	r.SubWorkers += x.SubWorkers
	r.SubMonths += x.SubMonths
	r.Monthly += x.Monthly
	r.OneOff += x.OneOff
	r.Sub += x.Sub
}

// Coverage is 网格内户数 ÷ 档案户数.
func (r registrySum) Coverage() model.Rate { return model.RateOf(r.GridHouseholds, r.Households) }

// perTenThousand is certified workers per 10,000 residents, empty without population.
func (r registrySum) perTenThousand() any {
	if r.Population == 0 {
		return nil
	}
	return float64(r.Certified) * 10000 / float64(r.Population)
}

// reportRegistry is the area's 三社互动 register per unit, summed once.
type reportRegistry struct {
	ByUnit []registrySum // aligned with e.Units
	// Other holds records of townships (or counties) retired since they were registered.
	Other registrySum
	Total registrySum
}

// Registry reads the register and the year's subsidies once.
func (e *Env) Registry(ctx context.Context) (*reportRegistry, error) {
	return e.registry.get(func() (*reportRegistry, error) {
		r := &reportRegistry{ByUnit: make([]registrySum, len(e.Units)), Other: newRegistrySum(), Total: newRegistrySum()}
		for i := range r.ByUnit {
			r.ByUnit[i] = newRegistrySum()
		}
		at := func(code string) *registrySum {
			if !e.In(code) {
				return nil
			}
			if i := e.UnitOf(code); i >= 0 {
				return &r.ByUnit[i]
			}
			return &r.Other
		}
		// Counted in the database and from the few columns the figures need: the register's own
		// lists (TownshipStats, WorkerRows, Subsidies, Coverage) read every column of every record
		// several times, which for a whole city costs more than the rest of the report.
		orgs, err := e.svc.Registry.ActiveOrgCounts(ctx, e.prefix)
		if err != nil {
			return nil, err
		}
		for code, byType := range orgs {
			x := at(models.Code(code).Township().String())
			if x == nil {
				continue
			}
			for typ, n := range byType {
				if i := slices.Index(models.OrgTypes, typ); i >= 0 {
					x.OrgsByType[i] += n
				}
				x.Orgs += n
			}
		}
		workers, err := e.svc.Registry.WorkerFacts(ctx, e.prefix)
		if err != nil {
			return nil, err
		}
		rules, err := e.svc.Registry.SubsidyRules(ctx)
		if err != nil {
			return nil, err
		}
		for _, w := range workers {
			x := at(models.Code(w.DivisionCode).Township().String())
			if x == nil {
				continue
			}
			if w.Status == "在岗" {
				x.Workers++
				if i := slices.Index(models.CertifiedQualifications, w.Qualification); i >= 0 {
					x.ByQual[i]++
				}
				if w.Certified() {
					x.Certified++
				}
			}
			if sub := models.ComputeSubsidy(w, e.Year, rules); sub.Total() != 0 {
				x.SubWorkers++
				x.SubMonths += int64(sub.Months)
				x.Monthly += sub.Monthly
				x.OneOff += sub.OneOff
				x.Sub += sub.Total()
			}
		}
		grids, err := e.svc.Registry.GridSums(ctx, e.prefix)
		if err != nil {
			return nil, err
		}
		for code, g := range grids {
			x := at(code)
			if x == nil || g[0] == 0 {
				continue
			}
			x.Grids += g[0]
			x.GridVillages++
			x.GridHouseholds += g[1]
		}
		per, _, err := e.counts(ctx)
		if err != nil {
			return nil, err
		}
		for i, c := range per {
			r.ByUnit[i].Households, r.ByUnit[i].Population = c.Households, c.Population
			r.ByUnit[i].Profiled, r.ByUnit[i].Villages = c.Profiles, c.Villages+c.Communities
		}
		for _, u := range r.ByUnit {
			r.Total.add(u)
		}
		r.Total.add(r.Other)
		return r, nil
	})
}

// registryRows are the units' rows of a table, with the retired-division row when it has anything.
func registryRows(e *Env, r *reportRegistry, row func(name string, x registrySum) []any, hasOther func(registrySum) bool) [][]any {
	var out [][]any
	for i, u := range e.Units {
		out = append(out, row(u.Name, r.ByUnit[i]))
	}
	if hasOther(r.Other) {
		out = append(out, row("已撤销区划", r.Other))
	}
	return out
}

func buildRegistrySection(ctx context.Context, e *Env) (model.Section, error) {
	r, err := e.Registry(ctx)
	if err != nil {
		return model.Section{}, err
	}
	if r.empty() {
		return model.Section{Blocks: []model.Block{noData(e, "社会组织、社会工作者、网格和社工补贴", "三社互动")}}, nil
	}
	s := model.Section{}
	s.Blocks = append(s.Blocks, registryIntro(e, r.Total)...)
	s.Blocks = append(s.Blocks, orgBlocks(e, r)...)
	s.Blocks = append(s.Blocks, workerTable(e, r), &model.Heading{Text: "（三）网格化服务管理"})
	s.Blocks = append(s.Blocks, gridTable(e, r), &model.Heading{Text: "（四）社会工作者补贴"})
	s.Blocks = append(s.Blocks, subsidyBlocks(e, r)...)
	more, err := projectBlocks(ctx, e)
	if err != nil {
		return s, err
	}
	s.Blocks = append(s.Blocks, more...)
	return s, nil
}

// registryIntro is the chapter's opening paragraph, its key figures and the first heading.
func registryIntro(e *Env, t registrySum) []model.Block {
	var types, quals []string
	for i, typ := range models.OrgTypes {
		types = append(types, fmt.Sprintf("%s %s 个", typ, model.Count(t.OrgsByType[i])))
	}
	for i := len(models.CertifiedQualifications) - 1; i >= 0; i-- {
		quals = append(quals, fmt.Sprintf("%s %s 人", models.CertifiedQualifications[i], model.Count(t.ByQual[i])))
	}
	per, perKPI, perNote := "—", "—", ""
	if v, ok := t.perTenThousand().(float64); ok {
		per, perKPI = fmt.Sprintf("%.2f", v), fmt.Sprintf("%.2f", v)
		if t.Profiled < t.Villages { // a ratio over part of the area names its base
			per += fmt.Sprintf("（按已填人口的 %s 个村（社区）计算，共 %s 个）", model.Count(t.Profiled), model.Count(t.Villages))
			perNote = fmt.Sprintf("（%s/%s 个有人口）", model.Count(t.Profiled), model.Count(t.Villages))
		}
	}
	return []model.Block{
		&model.Paragraph{Text: fmt.Sprintf("%s，%s登记在册、状态正常的社会组织 %s 个（%s）；在岗社会工作者及网格员 %s 人，其中持证社会工作者 %s 人（%s），每万常住人口持证社会工作者 %s 人；划分网格 %s 个，覆盖村（社区）%s 个、%s 户，网格覆盖率 %s。%d年度社会工作者补贴 %s 万元，涉及 %s 人。",
			e.snapshotAsOf(), e.AreaName, model.Count(t.Orgs), strings.Join(types, "、"), model.Count(t.Workers), model.Count(t.Certified), strings.Join(quals, "、"), per,
			model.Count(t.Grids), model.Count(t.GridVillages), model.Count(t.GridHouseholds), coverageWithBase(t), e.Year, t.Sub.Wanyuan(), model.Count(t.SubWorkers))},
		&model.KPIs{Items: []model.KPI{
			{Label: "社会组织（个）", Value: model.FormatCell(model.Int, t.Orgs)},
			{Label: "持证社会工作者（人）", Value: model.FormatCell(model.Int, t.Certified)},
			{Label: "每万人持证社工（人）", Value: perKPI, Note: perNote},
			{Label: "网格（个）", Value: model.FormatCell(model.Int, t.Grids)},
			{Label: "网格覆盖率", Value: t.Coverage().String()},
			{Label: "社工补贴（万元）", Value: t.Sub.Wanyuan()},
		}},
		&model.Heading{Text: "（一）社会组织"}}

}

// orgBlocks are the organisations by type (table and chart) and per unit, then the next heading.
func orgBlocks(e *Env, r *reportRegistry) []model.Block {
	t := r.Total
	byType := &model.Table{Name: "社会组织按类型", Caption: "社区社会组织按类型统计表",
		Columns: []model.Column{{Header: "类型", Weight: 2}, {Header: "个数", Kind: model.Int}, {Header: "占比", Kind: model.Percent}}}
	typeChart := &model.BarChart{Title: "社区社会组织按类型分布", Unit: "个", ValueCols: []int{1}, Series: []model.Series{{Name: "社会组织"}}}
	for i, typ := range models.OrgTypes {
		byType.Rows = append(byType.Rows, []any{typ, t.OrgsByType[i], model.RateOf(t.OrgsByType[i], t.Orgs)})
		typeChart.Categories = append(typeChart.Categories, typ)
		typeChart.Series[0].Values = append(typeChart.Series[0].Values, float64(t.OrgsByType[i]))
	}
	byType.Totals = []any{"合计", t.Orgs, model.RateOf(t.Orgs, t.Orgs)}
	byType.Chart = typeChart

	orgCols := []model.Column{{Header: e.UnitLabel, Weight: 2.2}}
	for _, typ := range models.OrgTypes {
		orgCols = append(orgCols, model.Column{Header: typ, Group: "社会组织（个）", Kind: model.Int})
	}
	orgCols = append(orgCols, model.Column{Header: "合计", Group: "社会组织（个）", Kind: model.Int})
	orgRow := func(name string, x registrySum) []any {
		row := []any{name}
		for _, n := range x.OrgsByType {
			row = append(row, n)
		}
		return append(row, x.Orgs)
	}
	orgs := &model.Table{Name: "社会组织分" + shortUnit(e), Caption: unitCaption(e, "社区社会组织"), Main: true, Columns: orgCols,
		Rows: registryRows(e, r, orgRow, func(x registrySum) bool { return x.Orgs > 0 }),
		Note: "注：按登记状态为“正常”的社会组织统计，截至报告日。"}
	orgs.Totals = orgRow("合计", t)
	return []model.Block{byType, typeChart, orgs, &model.Heading{Text: "（二）社会工作者"}}

}

// workerTable is the workers and their certificates per unit.
func workerTable(e *Env, r *reportRegistry) *model.Table {
	t := r.Total
	wCols := []model.Column{{Header: e.UnitLabel, Weight: 1.8}, {Header: "在岗人员（人）", Kind: model.Int}}
	for _, q := range models.CertifiedQualifications {
		wCols = append(wCols, model.Column{Header: q, Group: "持证社会工作者（人）", Kind: model.Int, Weight: 1.5})
	}
	wCols = append(wCols, model.Column{Header: "小计", Group: "持证社会工作者（人）", Kind: model.Int},
		model.Column{Header: "每万人持证（人）", Kind: model.Decimal, Weight: 1.2})
	wRow := func(name string, x registrySum) []any {
		row := []any{name, x.Workers}
		for _, n := range x.ByQual {
			row = append(row, n)
		}
		return append(row, x.Certified, x.perTenThousand())
	}
	workers := &model.Table{Name: "社会工作者分" + shortUnit(e), Caption: unitCaption(e, "社会工作者持证情况"), Columns: wCols,
		Rows: registryRows(e, r, wRow, func(x registrySum) bool { return x.Workers > 0 }),
		Note: "注：在岗人员含社区专职工作者、社工站社工、网格员等；每万人持证＝持证社会工作者÷社区档案常住人口×10000" + profiledNote(t) + "。"}
	workers.Totals = wRow("合计", t)
	return workers

}

// gridTable is the grids and their coverage per unit.
func gridTable(e *Env, r *reportRegistry) *model.Table {
	t := r.Total
	gRow := func(name string, x registrySum) []any {
		return []any{name, x.Grids, x.GridVillages, x.GridHouseholds, x.Households, x.Coverage()}
	}
	grids := &model.Table{Name: "网格覆盖分" + shortUnit(e), Caption: unitCaption(e, "网格覆盖情况"),
		Columns: []model.Column{{Header: e.UnitLabel, Weight: 2.2}, {Header: "网格（个）", Kind: model.Int},
			{Header: "已划网格村（社区）（个）", Kind: model.Int, Weight: 1.7},
			{Header: "网格内户数", Group: "户数", Kind: model.Int, Weight: 1.2}, {Header: "档案户数", Group: "户数", Kind: model.Int, Weight: 1.2},
			{Header: "覆盖率", Kind: model.Percent}},
		Rows: registryRows(e, r, gRow, func(x registrySum) bool { return x.Grids > 0 }),
		Note: "注：覆盖率＝网格内户数÷社区档案登记户数；未填写档案户数的，覆盖率记为“—”。"}
	grids.Totals = gRow("合计", t)
	return grids

}

// subsidyBlocks are the year's worker subsidies per unit with their chart.
func subsidyBlocks(e *Env, r *reportRegistry) []model.Block {
	t := r.Total
	sRow := func(name string, x registrySum) []any {
		return []any{name, x.SubWorkers, x.SubMonths, x.Monthly, x.OneOff, x.Sub}
	}
	subs := &model.Table{Name: "社工补贴分" + shortUnit(e), Caption: unitCaption(e, "社会工作者补贴"),
		Columns: []model.Column{{Header: e.UnitLabel, Weight: 2.2}, {Header: "享受补贴（人）", Kind: model.Int},
			{Header: "补贴月数", Kind: model.Int, Weight: 0.9},
			{Header: "月度补贴", Group: "金额（万元）", Kind: model.Money, Weight: 1.2},
			{Header: "一次性补贴", Group: "金额（万元）", Kind: model.Money, Weight: 1.2},
			{Header: "合计", Group: "金额（万元）", Kind: model.Money, Weight: 1.2}},
		Rows: registryRows(e, r, sRow, func(x registrySum) bool { return x.SubWorkers > 0 }),
		Note: roundingNote + "补贴按补贴标准表与在岗月数测算。"}
	subs.Totals = sRow("合计", t)
	subChart := &model.BarChart{Title: fmt.Sprintf("%d年各%s社会工作者补贴", e.Year, shortUnit(e)), Unit: "万元", ValueCols: []int{5},
		Series: []model.Series{{Name: "补贴合计"}}}
	for _, row := range subs.Rows {
		subChart.Categories = append(subChart.Categories, row[0].(string))
		subChart.Series[0].Values = append(subChart.Series[0].Values, model.Wanyuan(row[5].(models.Fen)))
	}
	subs.Chart = subChart
	return []model.Block{subs, subChart}
}

// profiledNote says on what population the 每万人 figures stand when not every village has one.
func profiledNote(t registrySum) string {
	if t.Profiled >= t.Villages {
		return ""
	}
	return fmt.Sprintf("；常住人口仅含已填社区档案的 %s 个村（社区）（共 %s 个），比值可能偏高", model.Count(t.Profiled), model.Count(t.Villages))
}

// coverageWithBase is the grid coverage, naming its base when only some villages have a profile.
func coverageWithBase(t registrySum) string {
	c := t.Coverage().String()
	if t.Profiled < t.Villages && t.Households > 0 {
		c += fmt.Sprintf("（按已填户数的 %s 个村（社区）计算）", model.Count(t.Profiled))
	}
	return c
}
