package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"shequ/app/report"
	"shequ/models"
)

// The 三社互动 chapter lists the year's joint projects with their organisations, contract and
// money, and counts the 政府购买服务 contracts taken on by registered organisations.
func TestReportRegistryProjects(t *testing.T) {
	a, year := sectionsApp(t)
	ctx := context.Background()
	orgs, err := a.store.Orgs(ctx)
	if err != nil || len(orgs) == 0 {
		t.Fatalf("orgs: %v %d", err, len(orgs))
	}
	org := orgs[0]
	on := time.Date(year, 3, 1, 0, 0, 0, 0, time.Local)
	cid, err := a.Budget.SaveContract(ctx, models.PurchaseContract{Title: "儿童之家运营", Provider: org.Name, ProviderOrgID: org.ID,
		DivisionCodes: []string{org.DivisionCode}, Amount: 8_000_001, StartOn: on, EndOn: on.AddDate(0, 9, 0), Status: models.ContractExecuting, EntrustedItem: "未成年人关爱"})
	if err != nil {
		t.Fatal(err)
	}
	village := org.DivisionCode
	if len(village) != 12 || village[9:] == "000" {
		t.Skipf("organisation based at %s, not a village", village)
	}
	for _, p := range []models.JointProject{
		{Title: "四点半课堂", DivisionCode: village, OrgIDs: []int64{org.ID}, StartOn: on, EndOn: on.AddDate(0, 9, 0), ContractID: cid, Status: "实施中"},
		{Title: "邻里互助", DivisionCode: village, OrgIDs: []int64{org.ID}, StartOn: on, EndOn: on.AddDate(0, 5, 0), Amount: 123_456, Status: "已结项"},
	} {
		if _, err := a.Registry.SaveProject(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	r, err := a.Reports.Build(ctx, report.Request{Year: year, Area: shunqing, Sections: []string{"registry"}})
	if err != nil {
		t.Fatal(err)
	}
	tb := findTable(r, "联动项目")
	if tb == nil || len(tb.Rows) != 2 || tb.Totals[7] != models.Fen(8_000_001+123_456) || tb.Rows[0][3] != org.Name || tb.Rows[0][5] != "儿童之家运营" {
		t.Fatalf("projects table %+v", tb)
	}
	if p := paragraphs(r.Sections[0]); !strings.Contains(p, "开展三社联动项目 2 个，其中以政府购买服务合同实施的 1 个，经费合计 8.12 万元；由登记社会组织承接的政府购买服务合同 1 份，金额 8.00 万元") {
		t.Errorf("paragraph: %s", p)
	}
}
