package app

import (
	"context"
	"strings"
	"testing"

	"shequ/app/budget"
	"shequ/app/report"
	"shequ/models"
	"shequ/reports/model"
)

// The 概况 compares the main figures with the year before, to the fen, and ranks the units.
func TestReportCompareAndRank(t *testing.T) {
	a, year := sectionsApp(t)
	ctx := context.Background()
	prevBudget, _ := genReportData(t, a, shunqing[:6], year-1, a.Reports.Now())
	cats, _ := a.Budget.Categories(ctx)
	srcs, _ := a.Budget.Sources(ctx)
	if _, err := a.Budget.AddLine(ctx, budget.LineInput{Year: year - 1, DivisionCode: "511302001001", CategoryID: cats[0].ID,
		Item: "上年追加", AmountText: "12345.67", SourceID: srcs[0].ID}); err != nil {
		t.Fatal(err)
	}
	prevBudget += 1_234_567
	r, err := a.Reports.Build(ctx, report.Request{Year: year, Area: shunqing, Sections: []string{"overview", "budget"}})
	if err != nil {
		t.Fatal(err)
	}
	cmp := findTable(r, "主要指标同比")
	if cmp == nil {
		t.Fatal("no comparison table")
	}
	now := findTable(r, "经费按乡镇（街道）").Totals[2].(models.Fen)
	row := cmp.Rows[2]
	want := now - prevBudget
	sign := "+"
	if want < 0 {
		sign, want = "−", -want
	}
	if row[0] != "经费预算（万元）" || row[1] != now.Wanyuan() || row[2] != prevBudget.Wanyuan() || row[3] != sign+want.Wanyuan() {
		t.Errorf("budget row %q; this year %s, last %s", row, now.Wanyuan(), prevBudget.Wanyuan())
	}
	if std := cmp.Rows[1]; std[2] != "—" { // the year before has no assessments
		t.Errorf("达标率 row %q", std)
	}
	// The 达标率 bars are sorted, highest first.
	r2, _ := a.Reports.Build(ctx, report.Request{Year: year, Area: shunqing, Sections: []string{"checklist"}})
	var bars *model.BarChart
	for _, b := range r2.Sections[0].Blocks {
		if c, ok := b.(*model.BarChart); ok && strings.Contains(c.Title, "达标率") {
			bars = c
		}
	}
	if bars == nil || len(bars.Categories) < 2 {
		t.Fatal("no 达标率 chart")
	}
	for i := 1; i < len(bars.Series[0].Values); i++ {
		if bars.Series[0].Values[i] > bars.Series[0].Values[i-1] {
			t.Errorf("达标率 bars not sorted: %v", bars.Series[0].Values)
			break
		}
	}
	rank := findTable(r, "排名")
	for i := 1; i < len(rank.Rows); i++ {
		a, b := rank.Rows[i-1][2].(model.Rate), rank.Rows[i][2].(model.Rate)
		if b.OK && (!a.OK || b.Value > a.Value) {
			t.Errorf("达标率 ranking out of order at %d: %v then %v", i, a, b)
		}
		x, y := rank.Rows[i-1][4].(model.Rate), rank.Rows[i][4].(model.Rate)
		if y.OK && (!x.OK || y.Value > x.Value) {
			t.Errorf("执行率 ranking out of order at %d: %v then %v", i, x, y)
		}
	}
}
