package app

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"shequ/models"
)

func TestLedgerMeetingAttachments(t *testing.T) {
	ctx := context.Background()
	a, _ := openLedgers(t, day(2026, 5, 20))
	svc := a.Ledgers
	mid, err := svc.SaveMeeting(ctx, models.Meeting{DivisionCode: testVillage, Kind: models.MeetingRepresentative,
		HeldOn: day(2026, 5, 1), Topic: "修订居民公约", Present: 30, Entitled: 35})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name    string
		id      int64
		file    string
		data    []byte
		wantErr string
	}{
		{"empty file", mid, "空.txt", nil, "空文件"},
		{"too big", mid, "录像.mp4", make([]byte, models.MaxAttachmentSize+1), "超过 20 MB"},
		{"no name", mid, "  ", []byte("x"), "文件名不能为空"},
		{"unknown meeting", 9999, "a.txt", []byte("x"), "不存在"},
	} {
		if _, err := svc.AttachToMeeting(ctx, c.id, c.file, c.data); err == nil || !strings.Contains(userText(err), c.wantErr) {
			t.Errorf("%s: %v, want %q", c.name, err, c.wantErr)
		}
	}
	// A Windows path is reduced to the file's name.
	id, err := svc.AttachToMeeting(ctx, mid, `C:\Users\办事员\Desktop\会议记录（签字）.pdf`, []byte("%PDF 记录"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AttachToMeeting(ctx, mid, "签到表.jpg", bytes.Repeat([]byte{0xff}, 3000)); err != nil {
		t.Fatal(err)
	}
	files, err := svc.MeetingAttachments(ctx, mid)
	if err != nil || len(files) != 2 || files[0].Name != "会议记录（签字）.pdf" || files[1].SizeText() != "2.9 KB" {
		t.Fatalf("files %+v, %v", files, err)
	}
	f, data, err := svc.MeetingAttachment(ctx, id)
	if err != nil || f.Name != "会议记录（签字）.pdf" || string(data) != "%PDF 记录" {
		t.Fatalf("open: %+v %q %v", f, data, err)
	}
	counts, err := svc.MeetingAttachmentCounts(ctx, []int64{mid})
	if err != nil || counts[mid] != 2 {
		t.Fatalf("counts %v %v", counts, err)
	}
	if err := svc.RemoveMeetingAttachment(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.MeetingAttachment(ctx, id); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("removed file still opens: %v", err)
	}
	if err := svc.DeleteMeeting(ctx, mid); err != nil {
		t.Fatal(err)
	}
	if files, _ := svc.MeetingAttachments(ctx, mid); len(files) != 0 {
		t.Fatalf("files outlive their meeting: %+v", files)
	}
}

// userText is an error as a clerk reads it (validation errors list every field).
func userText(err error) string {
	var v *models.ValidationError
	if errors.As(err, &v) {
		var b strings.Builder
		for _, f := range v.Fields {
			b.WriteString(f.Field + "：" + f.Message + "；")
		}
		return b.String()
	}
	return err.Error()
}

func TestLedgerServiceItemContract(t *testing.T) {
	ctx := context.Background()
	a, _ := openLedgers(t, day(2026, 5, 20))
	svc := a.Ledgers
	cid, err := a.Budget.SaveContract(ctx, models.PurchaseContract{Title: "中城街道社区养老服务", Provider: "顺庆区社工服务中心",
		DivisionCodes: []string{"511302001000"}, Amount: 12000000, StartOn: day(2026, 1, 1), EndOn: day(2026, 12, 31),
		EntrustedItem: "高龄津贴申报"})
	if err != nil {
		t.Fatal(err)
	}
	// A contract for another county is not offered.
	if _, err := a.Budget.SaveContract(ctx, models.PurchaseContract{Title: "高坪区项目", Provider: "某机构",
		DivisionCodes: []string{"511303000000"}, Amount: 100, StartOn: day(2026, 1, 1), EndOn: day(2026, 12, 31),
		EntrustedItem: "x"}); err != nil {
		t.Fatal(err)
	}
	offered, err := svc.ServiceContracts(ctx, testVillage)
	if err != nil || len(offered) != 1 || offered[0].ID != cid {
		t.Fatalf("contracts offered: %+v, %v", offered, err)
	}
	old, err := svc.SaveServiceItem(ctx, models.ServiceItem{CountyCode: testCounty, Name: "低保入户调查", Class: models.ServiceAssist,
		Agreement: "委托协议", Amount: 300000, BudgetRef: "2025年区级预算第12项"})
	if err != nil {
		t.Fatal(err)
	}
	linked, err := svc.SaveServiceItem(ctx, models.ServiceItem{CountyCode: testCounty, Name: "高龄津贴申报", Class: models.ServiceAssist,
		Agreement: "委托协议", Amount: 500000, ContractID: cid, BudgetRef: "旧说明"})
	if err != nil {
		t.Fatal(err)
	}
	items, err := svc.ServiceCatalogue(ctx, testVillage)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]models.ServiceItem{}
	for _, it := range items {
		got[it.ID] = it
	}
	if it := got[linked]; it.ContractTitle != "中城街道社区养老服务" || it.ContractAmount != 12000000 || it.BudgetRef != "" ||
		it.FundingText() != "中城街道社区养老服务（120,000.00 元）" {
		t.Fatalf("linked item %+v, %q", it, it.FundingText())
	}
	if it := got[old]; it.ContractID != 0 || it.FundingText() != "2025年区级预算第12项" {
		t.Fatalf("old item %+v", it)
	}
	for _, c := range []struct {
		name string
		it   models.ServiceItem
		want string
	}{
		{"no such contract", models.ServiceItem{CountyCode: testCounty, Name: "x", Class: models.ServiceAssist, Agreement: "y", Amount: 1, ContractID: 999}, "不存在"},
		{"self-governance item", models.ServiceItem{CountyCode: testCounty, Name: "x", Class: models.ServiceSelfGov, ContractID: cid}, "只有“依法协助政府”"},
	} {
		if _, err := svc.SaveServiceItem(ctx, c.it); err == nil || !strings.Contains(userText(err), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func TestLedgerBodyTerms(t *testing.T) {
	ctx := context.Background()
	a, _ := openLedgers(t, day(2026, 5, 20))
	svc := a.Ledgers
	first := models.CouncilBody{DivisionCode: testVillage, EstablishedOn: day(2018, 1, 1), Members: "张三\n李四",
		TermStart: day(2018, 1, 1), TermEnd: day(2020, 12, 31), Selection: "推选", Remit: "公共事务", Rules: "过半数"}
	id1, err := svc.SaveCouncil(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	second := first
	second.TermStart, second.TermEnd, second.Members = day(2021, 1, 1), day(2025, 12, 31), "王五\n赵六\n钱七"
	id2, err := svc.SaveCouncil(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	cur, found, err := svc.Council(ctx, testVillage)
	if err != nil || !found || cur.ID != id2 || cur.MemberCount() != 3 {
		t.Fatalf("current council %+v %v %v", cur, found, err)
	}
	terms, _ := svc.CouncilTerms(ctx, testVillage)
	if len(terms) != 2 || terms[0].ID != id2 || terms[1].ID != id1 {
		t.Fatalf("terms %+v", terms)
	}
	// Overlapping terms are refused; editing a term within its own dates is not an overlap.
	bad := first
	bad.TermStart, bad.TermEnd = day(2020, 6, 1), day(2022, 5, 31)
	if _, err := svc.SaveCouncil(ctx, bad); err == nil || !strings.Contains(userText(err), "与第 1 届（2018-01-01 至 2020-12-31）重叠") ||
		!strings.Contains(userText(err), "与第 2 届") {
		t.Fatalf("overlap: %v", err)
	}
	first.ID, first.Members = id1, "张三\n李四\n孙八"
	if _, err := svc.SaveCouncil(ctx, first); err != nil {
		t.Fatal(err)
	}
	// A term of another village cannot be edited through this one.
	other := first
	other.DivisionCode = testVillage2
	if _, err := svc.SaveCouncil(ctx, other); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("foreign term: %v", err)
	}
	if err := svc.DeleteCouncilTerm(ctx, id2); err != nil {
		t.Fatal(err)
	}
	if cur, _, _ = svc.Council(ctx, testVillage); cur.ID != id1 || cur.MemberCount() != 3 {
		t.Fatalf("after deleting the current term: %+v", cur)
	}

	// 监督委员会: a term that ended in 2025 still counts for 2025, not for 2026.
	if _, err := svc.SaveSupervision(ctx, models.SupervisionCommittee{DivisionCode: testVillage, EstablishedOn: day(2020, 3, 1),
		Members: "甲\n乙\n丙", TermStart: day(2020, 3, 1), TermEnd: day(2025, 2, 28)}); err != nil {
		t.Fatal(err)
	}
	y25, _ := svc.Year(ctx, testVillage, 2025)
	y26, _ := svc.Year(ctx, testVillage, 2026)
	if !y25.Supervision || y26.Supervision {
		t.Fatalf("supervision in office: 2025 %v, 2026 %v", y25.Supervision, y26.Supervision)
	}
	if _, err := svc.SaveSupervision(ctx, models.SupervisionCommittee{DivisionCode: testVillage, EstablishedOn: day(2020, 3, 1),
		Members: "丁\n戊\n己", TermStart: day(2025, 3, 1), TermEnd: day(2030, 2, 28)}); err != nil {
		t.Fatal(err)
	}
	sups, _ := svc.SupervisionTerms(ctx, testVillage)
	y26, _ = svc.Year(ctx, testVillage, 2026)
	if len(sups) != 2 || sups[0].Members != "丁\n戊\n己" || !y26.Supervision {
		t.Fatalf("supervision terms %+v, 2026 %v", sups, y26.Supervision)
	}
}

func TestLedgerUpwardEvaluations(t *testing.T) {
	ctx := context.Background()
	a, _ := openLedgers(t, day(2026, 12, 20))
	svc := a.Ledgers
	up := func(code, subject string, year, s, b, d int) {
		t.Helper()
		if _, err := svc.SaveEvaluation(ctx, models.Evaluation{DivisionCode: code, Kind: models.EvalUpward, Year: year,
			HeldOn: day(year, 12, 10), Subject: subject, Satisfied: s, Basic: b, Dissatisfied: d}); err != nil {
			t.Fatal(err)
		}
	}
	up(testVillage, "中城街道办事处", 2026, 20, 5, 1)
	up(testVillage2, "中城街道办事处", 2026, 10, 3, 2)
	up(testVillage, "区民政局", 2026, 15, 2, 0)
	up(testVillage, "中城街道办事处", 2025, 99, 0, 0)   // another year
	up("511302002003", "北城街道办事处", 2026, 8, 1, 1) // another township
	// A cadre's 述职述廉 is not an upward evaluation.
	if _, err := svc.SaveEvaluation(ctx, models.Evaluation{DivisionCode: testVillage, Kind: models.EvalReport, Year: 2026,
		HeldOn: day(2026, 12, 1), Subject: "刘书记", Post: "书记", Satisfied: 30}); err != nil {
		t.Fatal(err)
	}
	rows, err := svc.UpwardEvaluations(ctx, testVillage, 2026) // any code in the county selects the county
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("rows %+v", rows)
	}
	if r := rows[0]; r.Township != "中城街道" || r.Subject != "中城街道办事处" || r.Communities != 2 ||
		r.Satisfied != 30 || r.Basic != 8 || r.Dissatisfied != 3 || r.Satisfaction().String() != "92.7%（38/41）" {
		t.Fatalf("row 0 %+v", r)
	}
	if r := rows[1]; r.Subject != "区民政局" || r.Communities != 1 || r.Satisfied != 15 {
		t.Fatalf("row 1 %+v", r)
	}
	if r := rows[2]; r.TownshipCode != "511302002000" || r.Subject != "北城街道办事处" {
		t.Fatalf("row 2 %+v", r)
	}
	if rows, _ := svc.UpwardEvaluations(ctx, "511303000000", 2026); len(rows) != 0 {
		t.Fatalf("another county: %+v", rows)
	}
}
