package report

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"shequ/models"
	"shequ/reports/model"
)

// The 经费保障 chapter's funding part: where the money comes from (纳入县级财政预算 or not),
// the 政府购买服务 contracts in force in the year with their providers, and the 费随事转 of the
// 依法协助政府 matters of the 公共服务准入目录.

// fundingBlocks are （三）按资金来源, （四）政府购买服务 and （五）费随事转.
func fundingBlocks(ctx context.Context, e *Env, b *reportBudget) ([]model.Block, error) {
	var out []model.Block
	src := &model.Table{Name: "经费按资金来源", Caption: fmt.Sprintf("%d年经费保障按资金来源统计表", e.Year),
		Columns: reportBudgetColumns("资金来源"), Note: roundingNote}
	for _, name := range b.Sources {
		x := b.BySource[name]
		src.Rows = append(src.Rows, []any{name, x.Lines, x.Amount, x.Disbursed, x.Rate()})
	}
	src.Totals = []any{"合计", b.Total.Lines, b.Total.Amount, b.Total.Disbursed, b.Total.Rate()}
	county := b.BySource["县级财政"]
	text := ""
	for _, name := range b.Sources {
		if strings.Contains(name, "县级财政") {
			county = b.BySource[name]
		}
	}
	if county != nil {
		text = fmt.Sprintf("纳入县级财政预算的经费 %s 万元，占预算总额的 %s。", county.Amount.Wanyuan(), model.RateOf(int64(county.Amount), int64(b.Total.Amount)))
	}
	out = append(out, &model.Heading{Text: "（三）按资金来源"})
	if text != "" {
		out = append(out, &model.Paragraph{Text: text})
	}
	out = append(out, src)

	contracts, err := e.svc.Budget.Contracts(ctx)
	if err != nil {
		return nil, err
	}
	start, end := models.YearSpan(e.Year)
	ct := &model.Table{Name: "政府购买服务合同", Caption: fmt.Sprintf("%d年政府购买服务合同一览表", e.Year),
		Columns: []model.Column{{Header: "序号", Kind: model.Int, Weight: 0.5}, {Header: "服务项目", Weight: 2.6},
			{Header: "承接主体", Weight: 2.6}, {Header: "登记社会组织", Weight: 1}, {Header: "委托事项（费随事转）", Weight: 2},
			{Header: "合同期限", Weight: 2.4}, {Header: "状态", Weight: 0.8}, {Header: "合同金额（万元）", Kind: model.Money, Weight: 1.3}},
		Note: "注：按合同期限与本年度有交叉、服务村（社区）在本区域内的合同统计；金额单位为万元。"}
	var ctTotal models.Fen
	registered := 0
	for _, c := range contracts {
		if !c.StartOn.Before(end) || c.EndOn.Before(start) || !slices.ContainsFunc(c.DivisionCodes, e.In) {
			continue
		}
		reg := "否"
		if c.ProviderOrgID != 0 {
			reg = "是"
			registered++
		}
		item := c.EntrustedItem
		if item == "" {
			item = "—"
		}
		ct.Rows = append(ct.Rows, []any{int64(len(ct.Rows) + 1), c.Title, c.Provider, reg, item,
			models.FormatDateCN(c.StartOn) + "至" + models.FormatDateCN(c.EndOn), string(c.Status), c.Amount})
		ctTotal += c.Amount
	}
	out = append(out, &model.Heading{Text: "（四）政府购买服务"})
	if len(ct.Rows) == 0 {
		out = append(out, &model.Paragraph{Text: fmt.Sprintf("%d年度尚未录入本区域的政府购买服务合同。", e.Year)})
	} else {
		ct.Totals = []any{nil, "合计", nil, nil, nil, nil, nil, ctTotal}
		out = append(out, &model.Paragraph{Text: fmt.Sprintf("%d年度在执行的政府购买服务合同 %s 份，合同金额 %s 万元，其中由登记的社会组织承接 %s 份。",
			e.Year, model.Count(len(ct.Rows)), ctTotal.Wanyuan(), model.Count(registered))}, ct)
	}

	items, err := e.svc.Ledgers.ServiceItemsUnder(ctx, e.prefix)
	if err != nil {
		return nil, err
	}
	ft := &model.Table{Name: "费随事转", Caption: "依法协助政府事项费随事转情况表",
		Columns: []model.Column{{Header: "县（市、区）", Weight: 1.2}, {Header: "服务事项", Weight: 2.4}, {Header: "主管部门", Weight: 1.4},
			{Header: "委托协议", Weight: 2}, {Header: "经费来源", Weight: 2.2}, {Header: "费随事转金额（万元）", Kind: model.Money, Weight: 1.4}}}
	var ftTotal models.Fen
	names := map[string]string{}
	for _, it := range items {
		if it.Class != models.ServiceAssist {
			continue
		}
		if _, ok := names[it.CountyCode]; !ok {
			d, _ := e.svc.Divisions.Get(ctx, it.CountyCode)
			names[it.CountyCode] = d.Name
		}
		funding := it.FundingText()
		if funding == "" {
			funding = "未注明"
		}
		ft.Rows = append(ft.Rows, []any{names[it.CountyCode], it.Name, it.Department, it.Agreement, funding, it.Amount})
		ftTotal += it.Amount
	}
	out = append(out, &model.Heading{Text: "（五）费随事转"})
	if len(ft.Rows) == 0 {
		return append(out, &model.Paragraph{Text: "公共服务准入目录中尚未录入依法协助政府事项及其委托协议，无法反映费随事转情况。"}), nil
	}
	ft.Totals = []any{"合计", nil, nil, nil, nil, ftTotal}
	return append(out, &model.Paragraph{Text: fmt.Sprintf("公共服务准入目录中依法协助政府事项 %s 项，均应签订委托协议、实行费随事转，约定金额合计 %s 万元。",
		model.Count(len(ft.Rows)), ftTotal.Wanyuan())}, ft), nil
}
