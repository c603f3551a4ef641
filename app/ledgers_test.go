package app

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"shequ/app/ledger"
	"shequ/app/store"
	"shequ/models"
)

const (
	testVillage  = "511302001001" // 平城街社区, 中城街道, 顺庆区
	testVillage2 = "511302001002"
	testTownship = "511302001000"
	testCounty   = "511302000000"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.Local) }

// openLedgers is a seeded app whose ledger "today" is fixed and can be moved by the test.
func openLedgers(t *testing.T, today time.Time) (*App, *time.Time) {
	t.Helper()
	a := openSeeded(t)
	now := today
	a.Ledgers.Today = func() time.Time { return now }
	return a, &now
}

func step(stage models.ConsultationStage, on time.Time) models.ConsultationStep {
	return models.ConsultationStep{Stage: stage, On: on, Note: string(stage) + "情况", Evidence: "台账第 3 页"}
}

func TestConsultationStepOrder(t *testing.T) {
	ctx := context.Background()
	a, _ := openLedgers(t, day(2026, 6, 30))
	svc := a.Ledgers
	id, err := svc.StartConsultation(ctx, testVillage, "小区停车位划定", step(models.StagePropose, day(2026, 3, 1)))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		step models.ConsultationStep
		want string // "" = accepted; otherwise part of the message
	}{
		{"skip 告知", step(models.StageConsult, day(2026, 3, 5)), "不能跳过环节"},
		{"repeat 提议", step(models.StagePropose, day(2026, 3, 5)), "已记录"},
		{"earlier than 提议", step(models.StageInform, day(2026, 2, 28)), "早于上一环节"},
		{"no note", models.ConsultationStep{Stage: models.StageInform, On: day(2026, 3, 2)}, "情况说明"},
		{"unknown stage", step("表决", day(2026, 3, 2)), "不是协商六步法中的环节"},
		{"告知 same day", step(models.StageInform, day(2026, 3, 1)), ""},
		{"协商", step(models.StageConsult, day(2026, 3, 10)), ""},
		{"skip 决策", step(models.StageFeedback, day(2026, 3, 20)), "不能跳过环节"},
		{"决策 before 协商", step(models.StageDecide, day(2026, 3, 9)), "早于上一环节"},
		{"决策", step(models.StageDecide, day(2026, 3, 15)), ""},
		{"反馈", step(models.StageFeedback, day(2026, 3, 20)), ""},
		{"监督", step(models.StageSupervise, day(2026, 4, 20)), ""},
		{"after 监督", step(models.StageSupervise, day(2026, 4, 21)), "已全部完成"},
	}
	for _, tt := range tests {
		err := svc.AddConsultationStep(ctx, id, tt.step)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (!errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: got %v, want ErrInvalid mentioning %q", tt.name, err, tt.want)
		}
	}
	c, err := svc.Consultation(ctx, id)
	if err != nil || !c.Complete() || c.Stage() != models.StageSupervise || len(c.Steps) != 6 {
		t.Fatalf("consultation after six steps: %+v, %v", c, err)
	}
	// Taking back the last step reopens 监督; the proposal itself cannot be taken back.
	if err := svc.RemoveLastConsultationStep(ctx, id); err != nil {
		t.Fatal(err)
	}
	if c, _ = svc.Consultation(ctx, id); c.NextStage() != models.StageSupervise {
		t.Fatalf("after taking back: next %q", c.NextStage())
	}
	id2, _ := svc.StartConsultation(ctx, testVillage, "路灯维修", step(models.StagePropose, day(2026, 5, 1)))
	if err := svc.RemoveLastConsultationStep(ctx, id2); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("taking back the proposal: %v", err)
	}
	// Two clerks adding the same step: the second is refused by the store.
	if err := a.store.AddConsultationStep(ctx, id2, 1, step(models.StagePropose, day(2026, 5, 1)), "x"); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("stale step number: %v", err)
	}
	// Every step is in the audit trail.
	entries, _ := a.store.AuditEntries(ctx, store.AuditFilter{Entity: store.EntityConsultation})
	if len(entries) < 9 {
		t.Fatalf("audit entries for consultations: %d", len(entries))
	}
	// Validate on a hand-built sequence also catches a skipped step.
	bad := models.Consultation{Title: "x", Steps: []models.ConsultationStep{step(models.StagePropose, day(2026, 1, 1)),
		step(models.StageConsult, day(2026, 1, 2))}}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "第 2 个环节") {
		t.Fatalf("Validate on a skipped step: %v", err)
	}
}

func TestOpinionDeadlineAndOverdue(t *testing.T) {
	ctx := context.Background()
	a, today := openLedgers(t, day(2026, 3, 16))
	svc := a.Ledgers
	raised := day(2026, 3, 1)
	id, err := svc.SaveOpinion(ctx, models.Opinion{DivisionCode: testVillage, RaisedOn: raised, Content: "路灯不亮",
		FromName: "张三丰", FromPhone: "13812345678", Status: models.OpinionPending})
	if err != nil {
		t.Fatal(err)
	}
	o, _ := a.store.Opinion(ctx, id)
	if o.ReplyDays != 15 || !o.DueOn().Equal(day(2026, 3, 16)) {
		t.Fatalf("default deadline: %d days, due %v", o.ReplyDays, o.DueOn())
	}
	tests := []struct {
		today   time.Time
		overdue bool
	}{
		{day(2026, 3, 15), false},
		{day(2026, 3, 16), false}, // the due day itself is still on time
		{day(2026, 3, 17), true},
		{day(2026, 12, 31), true},
	}
	for _, tt := range tests {
		*today = tt.today
		got, err := svc.OverdueOpinions(ctx, testTownship)
		if err != nil {
			t.Fatal(err)
		}
		if (len(got) == 1) != tt.overdue {
			t.Errorf("today %s: %d overdue, want overdue=%v", models.FormatDate(tt.today), len(got), tt.overdue)
		}
		if s, _ := a.Summary(ctx); (s.Ledgers.OverdueReplies == 1) != tt.overdue || s.Ledgers.Opinions != 1 {
			t.Errorf("today %s: summary %+v", models.FormatDate(tt.today), s.Ledgers)
		}
	}
	// Answered late: no longer overdue, but flagged as a late answer.
	o.Status, o.Reply, o.RepliedOn = models.OpinionReplied, "已报街道维修", day(2026, 3, 18)
	if _, err := svc.SaveOpinion(ctx, o); err != nil {
		t.Fatal(err)
	}
	o, _ = a.store.Opinion(ctx, id)
	if o.Overdue(*today) || !o.AnsweredLate() {
		t.Fatalf("late answer: overdue %v, late %v", o.Overdue(*today), o.AnsweredLate())
	}
	// A shorter county deadline applies to opinions recorded from then on only.
	if err := svc.SetReplyDays(ctx, 10); err != nil {
		t.Fatal(err)
	}
	id2, _ := svc.SaveOpinion(ctx, models.Opinion{DivisionCode: testVillage, RaisedOn: raised, Content: "垃圾清运",
		Status: models.OpinionInProgress})
	o2, _ := a.store.Opinion(ctx, id2)
	o, _ = a.store.Opinion(ctx, id)
	if o2.ReplyDays != 10 || o.ReplyDays != 15 {
		t.Fatalf("reply days after the change: new %d, old %d", o2.ReplyDays, o.ReplyDays)
	}
	*today = day(2026, 3, 12)
	if got, _ := svc.OverdueOpinions(ctx, testVillage); len(got) != 1 || got[0].ID != id2 {
		t.Fatalf("10-day deadline: overdue %v", got)
	}
	if err := svc.SetReplyDays(ctx, 0); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("0-day deadline: %v", err)
	}
	// Reply rate: one of two answered.
	if r, _ := svc.ReplyRate(ctx, testVillage, 2026); r != (models.Ratio{Num: 1, Den: 2}) {
		t.Fatalf("reply rate %v", r)
	}
	// The audit trail masks who raised it.
	entries, _ := a.store.AuditEntries(ctx, store.AuditFilter{Entity: store.EntityOpinion})
	for _, e := range entries {
		for _, c := range e.Changes {
			if strings.Contains(c.After+c.Before, "张三丰") || strings.Contains(c.After+c.Before, "13812345678") {
				t.Fatalf("audit entry shows personal data: %+v", c)
			}
		}
	}
}

func TestOpinionValidation(t *testing.T) {
	base := models.Opinion{DivisionCode: testVillage, RaisedOn: day(2026, 3, 1), Content: "x", Status: models.OpinionPending}
	tests := []struct {
		name  string
		edit  func(*models.Opinion)
		field string // "" = valid
	}{
		{"pending", func(*models.Opinion) {}, ""},
		{"rejected without reason", func(o *models.Opinion) { o.Status, o.RepliedOn = models.OpinionRejected, day(2026, 3, 5) }, "不予采纳理由"},
		{"rejected with reason", func(o *models.Opinion) {
			o.Status, o.RepliedOn, o.RejectReason = models.OpinionRejected, day(2026, 3, 5), "不属本社区职责"
		}, ""},
		{"replied without date", func(o *models.Opinion) { o.Status, o.Reply = models.OpinionReplied, "好" }, "答复日期"},
		{"replied before raised", func(o *models.Opinion) {
			o.Status, o.Reply, o.RepliedOn = models.OpinionReplied, "好", day(2026, 2, 1)
		}, "答复日期"},
		{"implemented without reply", func(o *models.Opinion) { o.Status, o.RepliedOn = models.OpinionImplemented, day(2026, 3, 5) }, "答复内容"},
		{"reason while pending", func(o *models.Opinion) { o.RejectReason = "x" }, "不予采纳理由"},
		{"bad phone", func(o *models.Opinion) { o.FromPhone = "12345" }, "联系电话"},
		{"unknown status", func(o *models.Opinion) { o.Status = "已办结" }, "办理状态"},
	}
	for _, tt := range tests {
		o := base
		tt.edit(&o)
		err := o.Validate()
		var ve *models.ValidationError
		switch {
		case tt.field == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.field != "" && (!errors.As(err, &ve) || !strings.Contains(err.Error(), tt.field)):
			t.Errorf("%s: got %v, want a problem with %s", tt.name, err, tt.field)
		}
	}
}

func TestDisclosureCompliance(t *testing.T) {
	ctx := context.Background()
	a, today := openLedgers(t, day(2026, 10, 15))
	svc := a.Ledgers
	fin, err := svc.SaveDisclosureItem(ctx, models.DisclosureItem{CountyCode: testCounty, Item: "财务收支",
		Frequency: models.FreqQuarterly, Timings: []string{models.TimingAfter},
		Channels: []string{models.ChannelBoard, models.ChannelWeb}})
	if err != nil {
		t.Fatal(err)
	}
	proj, err := svc.SaveDisclosureItem(ctx, models.DisclosureItem{CountyCode: testCounty, Item: "工程项目",
		Frequency: models.FreqOnEvent, Timings: models.DisclosureTimings, Channels: models.DisclosureChannels})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SaveDisclosureItem(ctx, models.DisclosureItem{CountyCode: testTownship, Item: "x",
		Frequency: models.FreqYearly, Timings: []string{"事后"}, Channels: []string{"公开栏"}}); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("catalogue on a township: %v", err)
	}
	rec := func(item int64, on time.Time, timing string, ch ...string) error {
		_, err := svc.SaveDisclosure(ctx, models.DisclosureRecord{DivisionCode: testVillage, ItemID: item,
			DisclosedOn: on, Timing: timing, Channels: ch})
		return err
	}
	for _, r := range []struct {
		on time.Time
	}{{day(2026, 1, 20)}, {day(2026, 3, 31)}, {day(2026, 8, 5)}} {
		if err := rec(fin, r.on, models.TimingAfter, models.ChannelBoard); err != nil {
			t.Fatal(err)
		}
	}
	if err := rec(proj, day(2026, 5, 1), models.TimingBefore, models.ChannelSMS); err != nil {
		t.Fatal(err)
	}
	// The record must fit the catalogue: timing and channels it allows.
	if err := rec(fin, day(2026, 4, 1), models.TimingBefore, models.ChannelBoard); err == nil || !strings.Contains(err.Error(), "只要求事后") {
		t.Fatalf("timing outside the catalogue: %v", err)
	}
	if err := rec(fin, day(2026, 4, 1), models.TimingAfter, models.ChannelSMS); err == nil || !strings.Contains(err.Error(), "不含“短信”") {
		t.Fatalf("channel outside the catalogue: %v", err)
	}
	if err := rec(fin, day(2026, 4, 1), models.TimingAfter); err == nil {
		t.Fatal("a record without a channel was accepted")
	}
	tests := []struct {
		today     time.Time
		due, done int
		missing   string
	}{
		{day(2026, 3, 31), 0, 0, ""}, // Q1 is not due before it has ended
		{day(2026, 4, 1), 1, 1, ""},
		{day(2026, 7, 1), 2, 1, "第2季度"},
		{day(2026, 10, 15), 3, 2, "第2季度"},
		{day(2027, 1, 1), 4, 2, "第2季度、第4季度"},
	}
	for _, tt := range tests {
		*today = tt.today
		cs, err := svc.DisclosureCompliance(ctx, testVillage, 2026)
		if err != nil || len(cs) != 2 {
			t.Fatalf("compliance: %v, %v", cs, err)
		}
		c := cs[0]
		if c.Due != tt.due || c.Done != tt.done || strings.Join(c.Missing, "、") != tt.missing || c.Records != 3 {
			t.Errorf("today %s: %+v", models.FormatDate(tt.today), c)
		}
		// An on-event item is never due on the calendar.
		if cs[1].Due != 0 || !cs[1].Compliant() || cs[1].Records != 1 {
			t.Errorf("on-event item: %+v", cs[1])
		}
	}
	// A catalogue entry with records cannot be deleted.
	if err := svc.DeleteDisclosureItem(ctx, fin); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("deleting a used catalogue entry: %v", err)
	}
	// The township view lists the missing quarter for this village, and every quarter for its neighbour.
	*today = day(2026, 10, 15)
	gaps, err := svc.TownshipGaps(ctx, testTownship)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gaps {
		switch g.Code {
		case testVillage:
			if len(g.Undisclosed) != 1 || g.Undisclosed[0] != "财务收支（第2季度）" {
				t.Errorf("gaps of %s: %q", g.Name, g.Undisclosed)
			}
		case testVillage2:
			if len(g.Undisclosed) != 1 || !strings.Contains(g.Undisclosed[0], "第1季度、第2季度、第3季度") {
				t.Errorf("gaps of %s: %q", g.Name, g.Undisclosed)
			}
		}
	}
}

// seedLedger fills one village's ledgers for 2026 with known numbers.
func seedLedger(t *testing.T, a *App, code string) {
	t.Helper()
	ctx := context.Background()
	svc := a.Ledgers
	must := func(_ int64, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	meet := func(kind models.MeetingKind, on time.Time, present, entitled int) int64 {
		m := models.Meeting{DivisionCode: code, Kind: kind, HeldOn: on, Topic: string(kind) + "议题", Present: present, Entitled: entitled}
		if kind == models.MeetingDeliberation || kind == models.MeetingHearing {
			m.Project, m.Concerned = "老旧小区改造", "全体居民"
		}
		id, err := svc.SaveMeeting(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	meet(models.MeetingAssembly, day(2026, 1, 10), 300, 400)
	rep := meet(models.MeetingRepresentative, day(2026, 3, 10), 40, 45)
	meet(models.MeetingRepresentative, day(2026, 9, 10), 36, 45)
	meet(models.MeetingRepresentative, day(2025, 12, 10), 10, 45) // last year: not counted
	for _, m := range []int{2, 5, 8} {
		meet(models.MeetingSentiment, day(2026, m, 15), 30, 30)
	}
	meet(models.MeetingDeliberation, day(2026, 4, 1), 50, 60)
	meet(models.MeetingHearing, day(2026, 4, 2), 20, 25)
	meet(models.MeetingCoordination, day(2026, 6, 2), 8, 8)
	meet(models.MeetingOwners, day(2026, 6, 3), 80, 100)
	for i, st := range []models.OpinionStatus{models.OpinionReplied, models.OpinionImplemented, models.OpinionRejected, models.OpinionPending} {
		o := models.Opinion{DivisionCode: code, RaisedOn: day(2026, 5, 1+i), Content: "意见", Status: st, Category: "环境卫生"}
		if st.Answered() {
			o.RepliedOn, o.Reply, o.RejectReason = day(2026, 5, 10), "已答复", ""
			if st == models.OpinionRejected {
				o.Reply, o.RejectReason = "", "不属本社区职责"
			}
		}
		if i == 0 {
			o.Category = "投诉"
		}
		must(svc.SaveOpinion(ctx, o))
	}
	must(svc.StartConsultation(ctx, code, "小区停车", step(models.StagePropose, day(2026, 2, 1))))
	full, err := svc.StartConsultation(ctx, code, "广场舞噪音", step(models.StagePropose, day(2026, 2, 1)))
	if err != nil {
		t.Fatal(err)
	}
	for i, st := range models.ConsultationStages[1:] {
		if err := svc.AddConsultationStep(ctx, full, step(st, day(2026, 2, 2+i))); err != nil {
			t.Fatal(err)
		}
	}
	must(svc.SaveCouncil(ctx, models.CouncilBody{DivisionCode: code, EstablishedOn: day(2024, 1, 1),
		Members: "张三\n李四\n王五", TermStart: day(2024, 1, 1), TermEnd: day(2028, 12, 31),
		Selection: "由居民代表会议推选", Remit: "社区公共事务", Rules: "每月一次，过半数通过"}))
	must(svc.SaveCovenant(ctx, models.Covenant{DivisionCode: code, Kind: models.CovenantResidents, Version: "2026年版",
		AdoptedOn: day(2026, 3, 10), MeetingID: rep}))
	must(svc.SaveSupervision(ctx, models.SupervisionCommittee{DivisionCode: code, EstablishedOn: day(2023, 5, 1),
		Members: "甲\n乙\n丙", TermStart: day(2023, 5, 1), TermEnd: day(2028, 4, 30)}))
	for i, e := range []models.Estate{
		{Name: "锦江苑", ManagedProperty: true, PropertyCompany: "某物业", OwnersCommittee: true},
		{Name: "滨江花园", ManagedProperty: true, PropertyCompany: "某物业"},
		{Name: "老院子", SelfGovGroup: true},
		{Name: "棉纺厂宿舍", SelfGovGroup: true},
	} {
		e.DivisionCode, e.Households = code, 100+i
		must(svc.SaveEstate(ctx, e))
	}
	item, err := svc.SaveDisclosureItem(ctx, models.DisclosureItem{CountyCode: testCounty, Item: "财务收支",
		Frequency: models.FreqQuarterly, Timings: []string{models.TimingAfter}, Channels: []string{models.ChannelBoard}})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []int{1, 4, 7, 10, 11} {
		must(svc.SaveDisclosure(ctx, models.DisclosureRecord{DivisionCode: code, ItemID: item, DisclosedOn: day(2026, m, 5),
			Timing: models.TimingAfter, Channels: []string{models.ChannelBoard}}))
	}
	must(svc.SaveEvaluation(ctx, models.Evaluation{DivisionCode: code, Kind: models.EvalReport, Year: 2026,
		HeldOn: day(2026, 12, 20), Subject: "刘书记", Post: "党委书记", Satisfied: 30, Basic: 5, Dissatisfied: 1}))
	assist, err := svc.SaveServiceItem(ctx, models.ServiceItem{CountyCode: testCounty, Name: "高龄津贴申报",
		Department: "民政局", Class: models.ServiceAssist, Agreement: "委托协议范本", Amount: 500000})
	if err != nil {
		t.Fatal(err)
	}
	must(svc.SaveCommunityTask(ctx, models.CommunityTask{DivisionCode: code, Year: 2026, Name: "高龄津贴申报",
		Department: "民政局", ItemID: assist, AgreementOn: day(2026, 1, 5), Funded: 300000}))
	must(svc.SaveAccountability(ctx, models.Accountability{DivisionCode: code, Cadre: "赵某", Post: "委员",
		On: day(2026, 6, 1), Failing: "未按时公开财务", Measure: models.MeasureRectify, RectifyBy: day(2026, 7, 1),
		RectifyStatus: models.RectifyOpen}))
}

func TestProposedChecklistValues(t *testing.T) {
	ctx := context.Background()
	a, _ := openLedgers(t, day(2026, 12, 31))
	seedLedger(t, a, testVillage)
	got, err := a.Ledgers.ProposedChecklistValues(ctx, testVillage, 2026)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"DEM01": 3,                 // 1 assembly + 2 representative meetings in 2026
		"DEM02": 76.0 / 90.0 * 100, // (40+36)/(45+45)
		"DEM03": 1,                 // complete 议事会
		"DEM04": 3,                 // 论证会 + 听证会 + 协调会
		"DEM05": 0,                 // no 民主评议 recorded
		"DEM06": 1,                 // 居民公约 adopted in March
		"DEM08": 3,                 // three 恳谈会
		"DEM09": 75,                // 3 of 4 answered (不予采纳 with reason counts)
		"DEM10": 75,                // 3 of 4 estates covered
		"DEM11": 1,                 // committee in office
		"DEM12": 5,                 // five disclosures
		"DEM13": 1,                 // one 述职述廉
		"DEM14": 100,               // the one 投诉 was answered
		"DEM16": 1,                 // one matter went through all six steps
		"ORG08": 1,                 // the one task is in the catalogue as 依法协助
		"GUA04": 0,                 // but only 3,000 of the 5,000 yuan followed it
	}
	for code, w := range want {
		g, ok := got[code]
		if !ok {
			t.Errorf("%s missing", code)
		} else if d := g - w; d > 1e-9 || d < -1e-9 {
			t.Errorf("%s = %v, want %v", code, g, w)
		}
	}
	for _, code := range []string{"DEM07", "DEM15"} {
		if _, ok := got[code]; ok {
			t.Errorf("%s proposed, but no ledger counts it", code)
		}
	}
	if len(got) != len(want) {
		t.Errorf("proposed %d codes, want %d: %v", len(got), len(want), got)
	}
	// An empty village: counts are 0, yes/no are 0, rates without a denominator are not proposed.
	empty, err := a.Ledgers.ProposedChecklistValues(ctx, testVillage2, 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"DEM02", "DEM09", "DEM10", "DEM14", "ORG08", "GUA04"} {
		if _, ok := empty[code]; ok {
			t.Errorf("empty village: %s proposed as %v", code, empty[code])
		}
	}
	if empty["DEM01"] != 0 || empty["DEM11"] != 0 || len(empty) != 10 {
		t.Errorf("empty village: %v", empty)
	}
	if _, err := a.Ledgers.ProposedChecklistValues(ctx, testTownship, 2026); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("a township: %v", err)
	}
}

func TestTownshipGaps(t *testing.T) {
	ctx := context.Background()
	a, today := openLedgers(t, day(2026, 8, 20))
	seedLedger(t, a, testVillage)
	gaps, err := a.Ledgers.TownshipGaps(ctx, testTownship)
	if err != nil {
		t.Fatal(err)
	}
	var mine, other ledger.GapRow
	for _, g := range gaps {
		switch g.Code {
		case testVillage:
			mine = g
		case testVillage2:
			other = g
		}
	}
	// 恳谈会 on 15 August, the 待办 opinion of 4 May is overdue, 停车 has waited since 1 February.
	if mine.NoSentiment || mine.Overdue != 1 || len(mine.Undisclosed) != 0 || len(mine.Stuck) != 1 ||
		mine.Stuck[0] != "小区停车（停在“提议”）" {
		t.Errorf("gaps of the seeded village: %+v", mine)
	}
	if !other.NoSentiment || other.Overdue != 0 || len(other.Undisclosed) != 1 || !other.HasGap() {
		t.Errorf("gaps of the empty village: %+v", other)
	}
	// In the next quarter the August meeting no longer counts.
	*today = day(2026, 10, 2)
	gaps, _ = a.Ledgers.TownshipGaps(ctx, testTownship)
	for _, g := range gaps {
		if g.Code == testVillage && !g.NoSentiment {
			t.Errorf("October: %+v", g)
		}
	}
	if _, err := a.Ledgers.TownshipGaps(ctx, testCounty); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("gaps of a county: %v", err)
	}
}

func TestLedgerValidationAndAudit(t *testing.T) {
	ctx := context.Background()
	a, _ := openLedgers(t, day(2026, 6, 1))
	svc := a.Ledgers
	// Every problem at once.
	_, err := svc.SaveMeeting(ctx, models.Meeting{DivisionCode: testVillage, Kind: models.MeetingHearing, Present: 9, Entitled: 5})
	var ve *models.ValidationError
	if !errors.As(err, &ve) || len(ve.Fields) != 5 {
		t.Fatalf("bad hearing: %v", err)
	}
	if _, err := svc.SaveMeeting(ctx, models.Meeting{DivisionCode: testTownship, Kind: models.MeetingAssembly,
		HeldOn: day(2026, 1, 1), Topic: "x", Present: 1, Entitled: 1}); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("meeting of a township: %v", err)
	}
	m := models.Meeting{DivisionCode: testVillage, Kind: models.MeetingSentiment, HeldOn: day(2026, 5, 1), Topic: "夏季防汛",
		Present: 25, Entitled: 30}
	id, err := svc.SaveMeeting(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	m.ID, m.Present = id, 28
	if _, err := svc.SaveMeeting(ctx, m); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.SaveMeeting(ctx, m); err != nil { // unchanged: no entry
		t.Fatal(err)
	}
	if err := svc.DeleteMeeting(ctx, id); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteMeeting(ctx, id); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("deleting twice: %v", err)
	}
	entries, _ := a.store.AuditEntries(ctx, store.AuditFilter{Entity: store.EntityMeeting})
	if len(entries) != 3 || entries[0].Action != store.ActionDelete || entries[1].Action != store.ActionUpdate ||
		entries[2].Action != store.ActionCreate {
		t.Fatalf("audit entries: %+v", entries)
	}
	if c := entries[1].Changes; len(c) != 1 || c[0].Field != "实到人数" || c[0].Before != "25" || c[0].After != "28" {
		t.Fatalf("update entry: %+v", c)
	}
	// Accountability: 限期整改 needs a deadline; public only once rectified; open past the deadline is overdue.
	acc := models.Accountability{DivisionCode: testVillage, Cadre: "赵某", On: day(2026, 6, 1), Failing: "x",
		Measure: models.MeasureRectify, RectifyStatus: models.RectifyOpen, MadePublic: true}
	if err := acc.Validate(); err == nil || !strings.Contains(err.Error(), "整改期限") || !strings.Contains(err.Error(), "整改公开") {
		t.Fatalf("accountability: %v", err)
	}
	acc.RectifyBy, acc.MadePublic = day(2026, 7, 1), false
	if acc.RectifyState(day(2026, 7, 1)) != models.RectifyOpen || acc.RectifyState(day(2026, 7, 2)) != models.RectifyOverdue {
		t.Fatal("rectification overdue around the deadline")
	}
	// Service catalogue: 依法协助 needs agreement and amount; others must not carry them.
	if _, err := svc.SaveServiceItem(ctx, models.ServiceItem{CountyCode: testCounty, Name: "x", Class: models.ServiceAssist}); err == nil ||
		!strings.Contains(err.Error(), "委托协议") || !strings.Contains(err.Error(), "费随事转") {
		t.Fatalf("assist item without agreement: %v", err)
	}
	if _, err := svc.SaveServiceItem(ctx, models.ServiceItem{CountyCode: testCounty, Name: "x", Class: models.ServiceSelfGov, Amount: 1}); err == nil {
		t.Fatal("self-governance item with an amount accepted")
	}
	gov, _ := svc.SaveServiceItem(ctx, models.ServiceItem{CountyCode: testCounty, Name: "户籍办理", Class: models.ServiceGovernment})
	items, _ := svc.ServiceCatalogue(ctx, testVillage)
	if f := models.CheckTask(models.CommunityTask{ItemID: gov}, items); len(f) != 1 || f[0] != models.FindingGovernment {
		t.Fatalf("task under a government item: %v", f)
	}
	if f := models.CheckTask(models.CommunityTask{}, items); len(f) != 1 || f[0] != models.FindingNotListed {
		t.Fatalf("unlisted task: %v", f)
	}
}

func TestExportLedgers(t *testing.T) {
	ctx := context.Background()
	a, _ := openLedgers(t, day(2026, 12, 31))
	seedLedger(t, a, testVillage)
	if _, err := a.Ledgers.SaveOpinion(ctx, models.Opinion{DivisionCode: testVillage, RaisedOn: day(2026, 6, 1),
		Content: "=HYPERLINK(\"x\")", FromName: "欧阳娜娜", FromPhone: "13812345678", Status: models.OpinionPending}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	steps := 0
	if err := a.Ledgers.ExportLedgers(ctx, &buf, 2026, testCounty, func(done, total int) { steps = done }); err != nil {
		t.Fatal(err)
	}
	if steps != 14 {
		t.Errorf("progress reached %d of 14", steps)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	wantSheets := []string{"会议台账", "议事会", "意见台账", "基层协商", "村规民约居民公约", "小区院落", "监督委员会",
		"村（居）务公开目录", "公开记录", "述职述廉与民主评议", "评议政府汇总", "问责台账", "公共服务准入目录", "社区承担事项"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(wantSheets, ",") {
		t.Fatalf("sheets %q", got)
	}
	rows, _ := f.GetRows("会议台账")
	// Title, header, then the 10 meetings of 2026 (the December 2025 one is left out).
	if len(rows) != 12 || rows[0][0] != "顺庆区 2026 年度会议台账" || rows[1][0] != "乡镇（街道）" || rows[2][1] != "平城街社区" {
		t.Fatalf("meeting sheet: %d rows, %q", len(rows), rows[:min(3, len(rows))])
	}
	ops, _ := f.GetRows("意见台账")
	all := ""
	for _, r := range ops {
		all += strings.Join(r, "|") + "\n"
	}
	if strings.Contains(all, "欧阳娜娜") || strings.Contains(all, "13812345678") || !strings.Contains(all, "欧***") ||
		!strings.Contains(all, "138****5678") {
		t.Fatalf("opinions not masked:\n%s", all)
	}
	if formula, _ := f.GetCellFormula("意见台账", "F3"); formula != "" {
		t.Fatalf("opinion text became a formula: %q", formula)
	}
	cons, _ := f.GetRows("基层协商")
	if len(cons) != 5 || cons[1][4] != "提议" { // title, two header rows, two matters
		t.Fatalf("consultation sheet: %q", cons)
	}
	amount, _ := f.GetCellValue("公共服务准入目录", "G3")
	if amount != "5,000.00" {
		t.Fatalf("amount cell %q", amount)
	}
	tasks, _ := f.GetRows("社区承担事项")
	if len(tasks) != 3 || tasks[2][len(tasks[2])-1] != "经费未随事转" {
		t.Fatalf("task sheet: %q", tasks)
	}
	if err := a.Ledgers.ExportLedgers(ctx, &buf, 2026, testTownship, nil); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("export for a township: %v", err)
	}
}
