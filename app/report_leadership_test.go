package app

import (
	"context"
	"strings"
	"testing"

	"shequ/app/report"
	"shequ/app/store"
)

// 领导机制 is written from what 设置 holds; unset, the chapter says where to enter it.
func TestReportLeadership(t *testing.T) {
	a := openSeeded(t)
	ctx := context.Background()
	build := func() string {
		t.Helper()
		r, err := a.Reports.Build(ctx, report.Request{Year: 2026, Area: "511321", Sections: []string{"leadership"}})
		if err != nil {
			t.Fatal(err)
		}
		return paragraphs(r.Sections[0])
	}
	if p := build(); !strings.Contains(p, "尚未填写") || !strings.Contains(p, "设置") {
		t.Errorf("unset: %s", p)
	}
	l := report.Leadership{Group: "南部县城乡社区治理工作领导小组", Leader: "县委副书记 张某某", Deputies: "副县长 李某某\n民政局局长 王某某",
		Office: "县民政局", Members: "县委组织部\n县财政局\n县民政局", Mechanism: "领导小组每半年召开一次全体会议。"}
	if err := a.Reports.SaveLeadership(ctx, report.Leadership{}, l); err != nil {
		t.Fatal(err)
	}
	got, err := a.Reports.Leadership(ctx)
	if err != nil || got != l {
		t.Fatalf("read back %+v, %v", got, err)
	}
	want := "南充市南部县成立南部县城乡社区治理工作领导小组，由县委副书记 张某某任组长，副县长 李某某、民政局局长 王某某任副组长；领导小组办公室设在县民政局。成员单位包括县委组织部、县财政局、县民政局。领导小组每半年召开一次全体会议。"
	if p := build(); p != want {
		t.Errorf("chapter:\n%s\nwant\n%s", p, want)
	}
	// The trail records each field changed, before and after: a change to 工作机制 alone is there
	// in full (it used to show the group and leader, unchanged, as before and after).
	next := l
	next.Mechanism = "领导小组每季度召开一次全体会议。"
	if err := a.Reports.SaveLeadership(ctx, l, next); err != nil {
		t.Fatal(err)
	}
	log, err := a.store.AuditEntries(ctx, store.AuditFilter{Entity: "设置"})
	if err != nil || len(log) == 0 {
		t.Fatalf("audit: %v, %v", log, err)
	}
	if c := log[0].Changes; len(c) != 1 || c[0].Field != "领导机制·工作机制" || c[0].Before != l.Mechanism || c[0].After != next.Mechanism {
		t.Errorf("the trail of a 工作机制 change: %+v", c)
	}
	if err := a.Reports.SaveLeadership(ctx, next, report.Leadership{Leader: strings.Repeat("长", 101)}); err == nil || !strings.Contains(err.Error(), "组长") {
		t.Errorf("a 101-character 组长: %v", err)
	}
}
