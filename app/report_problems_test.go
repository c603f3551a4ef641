package app

import (
	"context"
	"strings"
	"testing"

	"shequ/app/duty"
	"shequ/app/report"
)

// 存在问题和下步打算 is drafted from the figures of the other chapters.
func TestReportProblemsDrafted(t *testing.T) {
	a, year := sectionsApp(t)
	ctx := context.Background()
	r, err := a.Reports.Build(ctx, report.Request{Year: year, Area: shunqing})
	if err != nil {
		t.Fatal(err)
	}
	var text string
	for _, s := range r.Sections {
		if s.ID == "problems" {
			text = paragraphs(s)
		}
	}
	overdue, _ := a.Duties.Tasks(ctx, duty.TaskFilter{Year: year, OverdueOnly: true}, a.Reports.Now())
	ct := findTable(r, "标准化达标分乡镇（街道）")
	bt := findTable(r, "经费按乡镇（街道）")
	for _, want := range []string{
		"社区标准化建设达标率为 " + ct.Totals[8].(interface{ String() string }).String(),
		"村（社区）经费预算执行率为 " + bt.Totals[4].(interface{ String() string }).String(),
		"部门改革任务逾期 " + itoa(len(overdue)) + " 项",
		"指导未开展议事会议的村（社区）", "请办公室结合实际修改完善",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the drafted chapter lacks %q:\n%s", want, text)
		}
	}
	empty, _ := a.Reports.Build(ctx, report.Request{Year: 2001, Area: shunqing, Sections: []string{"problems"}})
	if !strings.Contains(paragraphs(empty.Sections[0]), "数据不足") {
		t.Errorf("empty year: %s", paragraphs(empty.Sections[0]))
	}
}
