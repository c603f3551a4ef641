package app

import (
	"context"
	"strings"
	"testing"

	"shequ/app/duty"
	"shequ/app/report"
	"shequ/models"
	"shequ/reports/model"
)

func paragraphs(s model.Section) string {
	var b strings.Builder
	for _, bl := range s.Blocks {
		if p, ok := bl.(*model.Paragraph); ok {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// The 部门职责 chapter: overdue tasks name the lead, the 配合部门 and the latest progress report;
// unfinished tasks are carried into the next year's report; a year without tasks says so.
func TestReportDutiesCarriedAndOverdue(t *testing.T) {
	a, year, _, _ := reportApp(t)
	ctx := context.Background()
	today := a.Reports.Now()
	overdue, _ := a.Duties.Tasks(ctx, duty.TaskFilter{Year: year, OverdueOnly: true}, today)
	if len(overdue) == 0 {
		t.Fatal("the generated year has no overdue task")
	}
	first := overdue[0]
	if _, err := a.Duties.AddReport(ctx, models.ProgressReport{TaskID: first.Task.ID, DepartmentID: first.Task.LeadID,
		ReportedOn: today.AddDate(0, 0, -3), Text: "已完成方案起草，正在征求意见"}, nil, today); err != nil {
		t.Fatal(err)
	}
	r, err := a.Reports.Build(ctx, report.Request{Year: year, Area: shunqing, Sections: []string{"duties"}})
	if err != nil {
		t.Fatal(err)
	}
	od := findTable(r, "逾期任务")
	if od == nil || len(od.Rows) != len(overdue) || od.Columns[3].Header != "配合部门" {
		t.Fatalf("overdue table %+v", od)
	}
	row := od.Rows[0]
	support := strings.Join(first.Supporters, "、")
	if support == "" {
		support = "—"
	}
	if row[2] != first.Lead || row[3] != support || !strings.Contains(row[6].(string), "正在征求意见") ||
		!strings.Contains(row[6].(string), models.FormatDateCN(today.AddDate(0, 0, -3))) {
		t.Errorf("first overdue row %q", row)
	}

	// Next year: every task not completed this year is carried, named as such.
	all, _ := a.Duties.Tasks(ctx, duty.TaskFilter{Year: year}, today)
	notDone := 0
	for _, r := range all {
		if r.Status != models.TaskDone {
			notDone++
		}
	}
	r2, err := a.Reports.Build(ctx, report.Request{Year: year + 1, Area: shunqing, Sections: []string{"duties"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := findTable(r2, "部门职责落实").Totals[1]; got != int64(notDone) || notDone == 0 {
		t.Errorf("%d: %v tasks, want %d carried", year+1, got, notDone)
	}
	if p := paragraphs(r2.Sections[0]); !strings.Contains(p, "以前年度结转 "+itoa(notDone)+" 项") {
		t.Errorf("%d paragraph: %s", year+1, p)
	}

	// A year before any plan: words, no table of zeros.
	r3, err := a.Reports.Build(ctx, report.Request{Year: 2001, Area: shunqing, Sections: []string{"duties"}})
	if err != nil {
		t.Fatal(err)
	}
	if findTable(r3, "部门职责落实") != nil || !strings.Contains(paragraphs(r3.Sections[0]), "尚未录入改革任务") {
		t.Errorf("2001 duties: %s", paragraphs(r3.Sections[0]))
	}
}
