package app

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"shequ/app/report"
	"shequ/models"
)

// The 民主自治 chapter reports the eight other ledgers: coverage by village and overdue items,
// equal to what was entered.
func TestReportAutonomyLedgers(t *testing.T) {
	a, year, _, _ := reportApp(t)
	ctx := context.Background()
	today := a.Reports.Now()
	towns, _ := a.Divisions.Children(ctx, shunqing)
	var vs []models.Division
	for _, tw := range towns {
		kids, _ := a.Divisions.Children(ctx, tw.Code)
		vs = append(vs, kids...)
	}
	on := time.Date(year, 3, 1, 0, 0, 0, 0, time.Local)
	must := func(_ int64, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, v := range vs[:6] {
		must(a.Ledgers.SaveCovenant(ctx, models.Covenant{DivisionCode: v.Code, Kind: models.CovenantVillage, Version: "2024版",
			AdoptedOn: on.AddDate(-1, 0, 0), Summary: "村规民约"}))
		if i < 4 {
			must(a.Ledgers.SaveCouncil(ctx, models.CouncilBody{DivisionCode: v.Code, EstablishedOn: on.AddDate(-1, 0, 0),
				Members: "张三\n李四", TermStart: on.AddDate(-1, 0, 0), TermEnd: on.AddDate(4, 0, 0), Selection: "选举", Remit: "议事", Rules: "规则"}))
			must(a.Ledgers.SaveSupervision(ctx, models.SupervisionCommittee{DivisionCode: v.Code, EstablishedOn: on.AddDate(-1, 0, 0),
				Members: "王五\n钱七\n孙八", TermStart: on.AddDate(-1, 0, 0), TermEnd: on.AddDate(4, 0, 0)}))
		}
		if i < 3 {
			must(a.Ledgers.SaveEstate(ctx, models.Estate{DivisionCode: v.Code, Name: "幸福小区", Households: 120, SelfGovGroup: i != 0}))
			must(a.Ledgers.SaveEvaluation(ctx, models.Evaluation{DivisionCode: v.Code, Kind: models.EvalCommunity, Year: year, HeldOn: on,
				Subject: "社区工作", Satisfied: 30, Basic: 5, Dissatisfied: 1}))
			must(a.Ledgers.StartConsultation(ctx, v.Code, "停车位规划", models.ConsultationStep{On: on, Note: "提议"}))
		}
		if i < 2 {
			must(a.Ledgers.SaveAccountability(ctx, models.Accountability{DivisionCode: v.Code, Cadre: "赵六", Post: "主任", On: on,
				Failing: "未按期公开", Measure: models.MeasureRectify, RectifyBy: on.AddDate(0, 1, 0), RectifyStatus: models.RectifyOpen}))
		}
	}
	r, err := a.Reports.Build(ctx, report.Request{Year: year, Area: shunqing, Sections: []string{"ledgers"}})
	if err != nil {
		t.Fatal(err)
	}
	tb := findTable(r, "民主自治台账分乡镇（街道）")
	if tb == nil {
		t.Fatalf("no table of the eight ledgers; chapter: %s", paragraphs(r.Sections[0]))
	}
	// 总数, 村规民约, 议事会, 监督委员会, 务公开, 述职述廉, 民主评议, 小区, 协商启动, 完成, 问责, 逾期未整改
	want := []any{"合计", int64(192), int64(6), int64(4), int64(4), int64(0), int64(0), int64(3), int64(3), int64(3), int64(0), int64(2), int64(2)}
	for i, w := range want {
		if tb.Totals[i] != w {
			t.Errorf("合计 column %s: %v, want %v", tb.Columns[i].Header, tb.Totals[i], w)
		}
	}
	p := paragraphs(r.Sections[0])
	for _, w := range []string{"已制定村规民约（居民公约）的 6 个（3.1%）", "其中已建立业主委员会或自治小组的 2 个（66.7%）",
		"截至" + models.FormatDateCN(today) + "逾期未整改 2 件"} {
		if !strings.Contains(p, w) {
			t.Errorf("paragraph lacks %q:\n%s", w, p)
		}
	}
	var buf bytes.Buffer
	if err := a.Reports.Write(ctx, report.Request{Year: year, Area: shunqing, Sections: []string{"ledgers"}}, report.FormatPDF, &buf); err != nil {
		t.Fatal(err)
	}
	checkPDFText(t, buf.Bytes(), "SHEQU_AUTONOMY_OUT", "（三）其他民主自治台账", "监督委员会", "逾期未整改")
}
