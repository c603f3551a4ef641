package report

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"shequ/models"
	"shequ/reports/model"
)

// The 三社互动 chapter's （五）: the joint projects (社区、社会组织、社会工作者联动项目) running in
// the report year, and the 政府购买服务 contracts taken on by registered social organisations.

// projectBlocks are the heading, a paragraph and the projects' table; a sentence when none.
func projectBlocks(ctx context.Context, e *Env) ([]model.Block, error) {
	projects, err := e.svc.Registry.Projects(ctx)
	if err != nil {
		return nil, err
	}
	contracts, err := e.svc.Budget.Contracts(ctx)
	if err != nil {
		return nil, err
	}
	start, end := models.YearSpan(e.Year)
	byID := map[int64]models.PurchaseContract{}
	var orgContracts []models.PurchaseContract
	for _, c := range contracts {
		byID[c.ID] = c
		if c.ProviderOrgID != 0 && c.StartOn.Before(end) && !c.EndOn.Before(start) && slices.ContainsFunc(c.DivisionCodes, e.In) {
			orgContracts = append(orgContracts, c)
		}
	}
	var ours []models.JointProject
	for _, p := range projects {
		if e.In(p.DivisionCode) && p.StartOn.Before(end) && (p.EndOn.IsZero() || !p.EndOn.Before(start)) {
			ours = append(ours, p)
		}
	}
	slices.SortStableFunc(ours, func(a, b models.JointProject) int {
		if c := a.StartOn.Compare(b.StartOn); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	out := []model.Block{&model.Heading{Text: "（五）联动项目和政府购买服务"}}
	if len(ours) == 0 && len(orgContracts) == 0 {
		return append(out, &model.Paragraph{Text: fmt.Sprintf("%d年度尚未录入社区、社会组织、社会工作者联动项目，也没有由登记社会组织承接的政府购买服务合同。", e.Year)}), nil
	}
	names := map[int64]string{}
	if len(ours) > 0 {
		orgs, err := e.svc.Registry.Orgs(ctx)
		if err != nil {
			return nil, err
		}
		for _, o := range orgs {
			names[o.ID] = o.Name
		}
	}
	villages := map[string]string{}
	for _, v := range e.Villages() {
		villages[v.Code] = models.ShortName(v.Name)
	}
	var orgMoney models.Fen
	for _, c := range orgContracts {
		orgMoney += c.Amount
	}
	t := &model.Table{Name: "联动项目", Caption: fmt.Sprintf("%d年三社联动项目一览表", e.Year),
		Columns: []model.Column{{Header: "序号", Kind: model.Int, Weight: 0.5}, {Header: "项目名称", Weight: 2.4},
			{Header: "村（社区）", Weight: 1.4}, {Header: "参与社会组织", Weight: 2.4}, {Header: "社工（人）", Kind: model.Int, Weight: 0.8},
			{Header: "政府购买服务合同", Weight: 2}, {Header: "状态", Weight: 0.8}, {Header: "经费（万元）", Kind: model.Money, Weight: 1.1}},
		Note: "注：经费为合同金额；未签订合同的项目为项目经费。"}
	var money models.Fen
	withContract := 0
	for _, p := range ours {
		var on []string
		for _, id := range p.OrgIDs {
			if n := names[id]; n != "" {
				on = append(on, n)
			}
		}
		org := strings.Join(on, "、")
		if org == "" {
			org = "—"
		}
		contract, amount := "—", p.Amount
		if c, ok := byID[p.ContractID]; ok && p.ContractID != 0 {
			contract, amount = c.Title, c.Amount
			withContract++
		}
		money += amount
		t.Rows = append(t.Rows, []any{int64(len(t.Rows) + 1), p.Title, villages[p.DivisionCode], org, int64(len(p.WorkerIDs)), contract, p.Status, amount})
	}
	t.Totals = []any{nil, "合计", nil, nil, nil, nil, nil, money}
	out = append(out, &model.Paragraph{Text: fmt.Sprintf("%d年度开展三社联动项目 %s 个，其中以政府购买服务合同实施的 %s 个，经费合计 %s 万元；由登记社会组织承接的政府购买服务合同 %s 份，金额 %s 万元。",
		e.Year, model.Count(len(ours)), model.Count(withContract), money.Wanyuan(), model.Count(len(orgContracts)), orgMoney.Wanyuan())})
	if len(ours) > 0 {
		out = append(out, t)
	}
	return out, nil
}
