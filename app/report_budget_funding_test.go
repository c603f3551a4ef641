package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"shequ/app/budget"
	"shequ/app/report"
	"shequ/models"
)

// The 经费保障 chapter shows the money by funding source (to the fen), the 政府购买服务
// contracts of the year with their providers, and the 费随事转 of 依法协助政府 matters.
func TestReportBudgetFunding(t *testing.T) {
	a, year, planned, disbursed := reportApp(t)
	ctx := context.Background()
	srcs, _ := a.Budget.Sources(ctx)
	village := "511302001001"
	if _, err := a.Budget.SaveContract(ctx, models.PurchaseContract{Title: "社区养老服务", Provider: "顺庆区夕阳红服务中心",
		DivisionCodes: []string{village}, Amount: 12_345_678, StartOn: time.Date(year, 2, 1, 0, 0, 0, 0, time.Local),
		EndOn: time.Date(year, 12, 31, 0, 0, 0, 0, time.Local), Status: models.ContractExecuting, EntrustedItem: "居家养老上门服务"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Ledgers.SaveServiceItem(ctx, models.ServiceItem{CountyCode: shunqing, Name: "高龄津贴初审", Department: "民政局",
		Class: models.ServiceAssist, Agreement: "顺民委〔2026〕3号", Amount: 500_000, BudgetRef: "县级财政预算"}); err != nil {
		t.Fatal(err)
	}
	r, err := a.Reports.Build(ctx, report.Request{Year: year, Area: shunqing, Sections: []string{"budget"}})
	if err != nil {
		t.Fatal(err)
	}
	src := findTable(r, "经费按资金来源")
	if src == nil || src.Totals[2] != planned || src.Totals[3] != disbursed {
		t.Fatalf("by source: %+v", src)
	}
	var sum models.Fen
	for i, s := range srcs {
		_, tot, err := a.Budget.Lines(ctx, budget.Filter{Year: year, SourceID: s.ID})
		if err != nil {
			t.Fatal(err)
		}
		if src.Rows[i][0] != s.Name || src.Rows[i][2] != tot.Amount || src.Rows[i][3] != tot.Disbursed {
			t.Errorf("source %s: %v, want %v/%v", s.Name, src.Rows[i], tot.Amount, tot.Disbursed)
		}
		sum += src.Rows[i][2].(models.Fen)
	}
	if sum != planned {
		t.Errorf("sources add up to %v, want %v", sum, planned)
	}
	ct := findTable(r, "政府购买服务合同")
	if ct == nil || len(ct.Rows) != 1 || ct.Rows[0][2] != "顺庆区夕阳红服务中心" || ct.Totals[7] != models.Fen(12_345_678) {
		t.Errorf("contracts: %+v", ct)
	}
	ft := findTable(r, "费随事转")
	if ft == nil || len(ft.Rows) != 1 || ft.Rows[0][1] != "高龄津贴初审" || ft.Totals[5] != models.Fen(500_000) {
		t.Errorf("费随事转: %+v", ft)
	}
	var buf bytes.Buffer
	if err := a.Reports.Write(ctx, report.Request{Year: year, Area: shunqing, Sections: []string{"budget"}}, report.FormatPDF, &buf); err != nil {
		t.Fatal(err)
	}
	checkPDFText(t, buf.Bytes(), "SHEQU_FUNDING_OUT", "（三）按资金来源", "夕阳红", "12.35", "高龄津贴初审")
	// The year before has neither: said in words.
	r2, _ := a.Reports.Build(ctx, report.Request{Year: year - 1, Area: shunqing, Sections: []string{"budget"}})
	if !strings.Contains(paragraphs(r2.Sections[0]), "尚未录入") {
		t.Errorf("empty budget year: %s", paragraphs(r2.Sections[0]))
	}
}
