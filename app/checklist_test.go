package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shequ/app/checklist"
	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

const (
	clCounty    = "511302000000" // 顺庆区
	clTownship  = "511302001000" // 中城街道
	clCommunity = "511302001001" // 平城街社区 (社区)
	clVillage   = "511302007208" // 江家坝村 (村)
)

func fv(v float64) *float64 { return &v }

// allMet fills every active indicator of lib at its target for kind.
func allMet(lib models.Library, kind string) map[string]models.IndicatorValue {
	out := map[string]models.IndicatorValue{}
	for _, in := range lib.Active() {
		out[in.Code] = models.IndicatorValue{Value: fv(in.Target(kind))}
	}
	return out
}

// as opens a second App on the same store with another role.
func as(t *testing.T, a *App, actor string, role models.Role) *App {
	t.Helper()
	st, err := store.Open(context.Background(), pgtest.Reopenable(a.DBPath()), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return New(Params{Store: st, Actor: actor, Role: role})
}

func TestChecklistSeed(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	if _, err := a.Init(ctx); err != nil { // a second Init adds nothing
		t.Fatal(err)
	}
	lib, err := a.Checklist.Library(ctx, clCounty, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Active()) != 42 || lib.TotalPoints() != 100 || lib.CountyCode != "" || lib.Levels != models.DefaultLevelRule {
		t.Fatalf("default library: %d indicators, %d points, county %q, %+v", len(lib.Active()), lib.TotalPoints(), lib.CountyCode, lib.Levels)
	}
	mand := 0
	for _, in := range lib.Active() {
		if in.Mandatory {
			mand++
		}
	}
	if in, _ := lib.Indicator("ORG03"); in.TargetCommunity != 50 || in.TargetVillage != 90 || mand != 7 {
		t.Errorf("ORG03 %+v, %d mandatory", in, mand)
	}
	if lib.VersionID != 1 || lib.Version != 1 {
		t.Errorf("default library is version id %d v%d after two Inits", lib.VersionID, lib.Version)
	}
}

func TestChecklistSaveScoreAndTargets(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	lib, _ := a.Checklist.Library(ctx, clCounty, 2026)
	// Community targets: every indicator met → 100, 优秀.
	sc, err := a.Checklist.Save(ctx, clCommunity, 2026, allMet(lib, "社区"))
	if err != nil || sc.Total != 100 || sc.Level != models.LevelExcellent {
		t.Fatalf("community: %+v %v", sc, err)
	}
	// The same values for a village miss the indicators whose village target is higher.
	sc, err = a.Checklist.Save(ctx, clVillage, 2026, allMet(lib, "社区"))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Total != 98 || sc.Level != models.LevelExcellent { // ORG03 turnout 50 < 90 (2 points)
		t.Errorf("village with community values: %d %s", sc.Total, sc.Level)
	}
	// A mandatory indicator unmet: 未达标 whatever the score.
	vals := allMet(lib, "村")
	vals["DEM06"] = models.IndicatorValue{Value: fv(0)}
	sc, err = a.Checklist.Save(ctx, clVillage, 2026, vals)
	if err != nil || sc.Total != 98 || sc.Level != models.LevelBelow || len(sc.MandatoryUnmet) != 1 {
		t.Fatalf("mandatory: %+v %v", sc, err)
	}
	f, err := a.Checklist.Form(ctx, clVillage, 2026)
	if err != nil || f.Assessment.Score != 98 || f.Assessment.Level != models.LevelBelow || f.NextLevel != models.LevelStandard ||
		len(f.NextSteps) != 1 || f.NextSteps[0].Code != "DEM06" {
		t.Fatalf("stored: %+v %s %+v %v", f.Assessment.Score, f.NextLevel, f.NextSteps, err)
	}
	// Bad values are refused with the indicator named.
	if _, err := a.Checklist.Save(ctx, clVillage, 2026, map[string]models.IndicatorValue{"ORG01": {Value: fv(3)}, "XYZ01": {Value: fv(1)}}); err == nil ||
		!strings.Contains(err.Error(), "ORG01") || !strings.Contains(err.Error(), "XYZ01") {
		t.Errorf("bad values: %v", err)
	}
	if _, err := a.Checklist.Save(ctx, clTownship, 2026, nil); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("township assessed: %v", err)
	}
	table, err := a.Checklist.TownshipTable(ctx, clCounty, 2026)
	if err != nil {
		t.Fatal(err)
	}
	total := table[len(table)-1]
	if total.Assessed != 2 || total.Counts[0] != 1 || total.Counts[3] != 1 || total.MandatoryFails != 1 || total.AverageScore != 99 {
		t.Errorf("county total %+v", total)
	}
	if table[0].Code != clTownship || table[0].Assessed != 1 || table[0].Total == 0 || table[0].Rate(3) != "100.0%" {
		t.Errorf("township row %+v", table[0])
	}
	weak, err := a.Checklist.WeakestIndicators(ctx, clCounty, "", 2026, 5)
	if err != nil || len(weak) != 5 || weak[0].Rate != 0.5 {
		t.Errorf("weakest %+v %v", weak, err)
	}
	s, _ := a.Summary(ctx)
	if s.Assessments["2026"] != (checklist.AssessmentYear{Assessed: 2, AtStandard: 1}) {
		t.Errorf("summary %+v", s.Assessments)
	}
}

func TestChecklistProposalsAndOverride(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	if err := a.Divisions.SaveProfile(ctx, models.CommunityProfile{DivisionCode: clCommunity, Households: 800, Population: 2400, ServiceAreaM2: 300}); err != nil {
		t.Fatal(err)
	}
	cats, _ := a.Budget.Categories(ctx)
	srcs, _ := a.Budget.Sources(ctx)
	for _, amt := range []models.Fen{3_000_000, 2_500_000} {
		if _, err := a.store.CreateBudgetLine(ctx, models.BudgetLine{Year: 2026, DivisionCode: clCommunity, CategoryID: cats[0].ID,
			Amount: amt, SourceID: srcs[0].ID}, "t"); err != nil {
			t.Fatal(err)
		}
	}
	f, err := a.Checklist.Form(ctx, clCommunity, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if p := f.Proposals["FAC01"]; p.Value != 37.5 || !strings.Contains(p.From, "社区档案") {
		t.Errorf("FAC01 proposal %+v", p)
	}
	if p := f.Proposals["GUA02"]; p.Value != 55000 {
		t.Errorf("GUA02 proposal %+v", p)
	}
	if _, ok := f.Proposals["DEM01"]; !ok {
		t.Errorf("ledger proposals missing: %v", f.Proposals)
	}
	// Accept FAC01 as proposed, override GUA02.
	if _, err := a.Checklist.Save(ctx, clCommunity, 2026, map[string]models.IndicatorValue{
		"FAC01": {Value: fv(37.5)}, "GUA02": {Value: fv(40000), Note: "以拨付为准"}}); err != nil {
		t.Fatal(err)
	}
	f, _ = a.Checklist.Form(ctx, clCommunity, 2026)
	if v := f.Assessment.Values["GUA02"]; !v.Overridden() || *v.Proposed != 55000 || v.Note != "以拨付为准" {
		t.Errorf("GUA02 stored %+v", v)
	}
	if v := f.Assessment.Values["FAC01"]; v.Overridden() || v.Proposed == nil {
		t.Errorf("FAC01 stored %+v", v)
	}
	log, _ := a.store.AuditEntries(ctx, store.AuditFilter{Module: "社区标准化建设", Entity: "标准化测评"})
	if len(log) != 1 || log[0].Action != store.ActionCreate {
		t.Fatalf("audit %+v", log)
	}
	found := false
	for _, c := range log[0].Changes {
		if strings.HasPrefix(c.Field, "GUA02") && strings.Contains(c.Field, "未采用建议值 55000") && c.After == "40000" {
			found = true
		}
	}
	if !found {
		t.Errorf("override not in audit: %+v", log[0].Changes)
	}
}

func TestChecklistWorkflow(t *testing.T) {
	ctx := context.Background()
	admin := openSeeded(t)
	editor := as(t, admin, "李录入", models.RoleEditor)
	viewer := as(t, admin, "王只读", models.RoleViewer)
	lib, _ := admin.Checklist.Library(ctx, clCounty, 2026)
	if _, err := viewer.Checklist.Save(ctx, clCommunity, 2026, allMet(lib, "社区")); err == nil {
		t.Fatal("viewer saved")
	}
	if _, err := editor.Checklist.Save(ctx, clCommunity, 2026, map[string]models.IndicatorValue{"ORG01": {Value: fv(1)}}); err != nil {
		t.Fatal(err)
	}
	if err := editor.Checklist.Step(ctx, clCommunity, 2026, checklist.ActSubmit, ""); err == nil || !strings.Contains(err.Error(), "41 项指标未填写") {
		t.Fatalf("incomplete submit: %v", err)
	}
	if _, err := editor.Checklist.Save(ctx, clCommunity, 2026, allMet(lib, "社区")); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		who    *App
		action string
		reason string
		ok     bool
		state  string
	}{
		{editor, checklist.ActApprove, "", false, models.StateSelf}, // not submitted yet
		{editor, checklist.ActSubmit, "", true, models.StateTownship},
		{editor, checklist.ActSendBack, "", false, models.StateTownship}, // reason needed
		{editor, checklist.ActSendBack, "会议记录缺页", true, models.StateSelf},
		{editor, checklist.ActSubmit, "", true, models.StateTownship},
		{editor, checklist.ActApprove, "", true, models.StateCounty},
		{editor, checklist.ActAccept, "", false, models.StateCounty}, // county acceptance is for 管理员
		{admin, checklist.ActAccept, "", true, models.StateCounty},
		{admin, checklist.ActSendBack, "x", false, models.StateCounty}, // frozen: only reopen
		{admin, checklist.ActPublish, "", true, models.StatePublished},
		{editor, checklist.ActReopen, "数据有误", false, models.StatePublished},
		{admin, checklist.ActReopen, "", false, models.StatePublished},
	}
	for i, s := range steps {
		err := s.who.Checklist.Step(ctx, clCommunity, 2026, s.action, s.reason)
		if (err == nil) != s.ok {
			t.Fatalf("step %d %s by %s: %v", i, s.action, s.who.Actor, err)
		}
		f, _ := admin.Checklist.Form(ctx, clCommunity, 2026)
		if f.Assessment.State != s.state {
			t.Fatalf("step %d: state %s, want %s", i, f.Assessment.State, s.state)
		}
	}
	// Frozen: no edits.
	if _, err := admin.Checklist.Save(ctx, clCommunity, 2026, map[string]models.IndicatorValue{"ORG01": {Value: fv(0)}}); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("frozen saved: %v", err)
	}
	if err := admin.Checklist.Step(ctx, clCommunity, 2026, checklist.ActReopen, "数据有误"); err != nil {
		t.Fatal(err)
	}
	if _, err := editor.Checklist.Save(ctx, clCommunity, 2026, map[string]models.IndicatorValue{"ORG01": {Value: fv(0)}}); err != nil {
		t.Fatalf("after reopen: %v", err)
	}
	f, _ := admin.Checklist.Form(ctx, clCommunity, 2026)
	if f.Assessment.Frozen() || f.Assessment.Level != models.LevelBelow {
		t.Errorf("after reopen %+v", f.Assessment.Level)
	}
	var who []string
	for _, s := range f.Assessment.Steps {
		who = append(who, s.Actor+":"+s.Action+":"+s.Reason)
	}
	want := strings.ReplaceAll("李录入:提交乡镇审核:,李录入:退回:会议记录缺页,李录入:提交乡镇审核:,李录入:乡镇审核通过:,A:县级验收通过:,A:公示:,A:重新打开:数据有误", "A", admin.Actor)
	if strings.Join(who, ",") != want {
		t.Errorf("steps %s", strings.Join(who, ","))
	}
	if got := admin.Checklist.Actions(f.Assessment, true); len(got) != 1 || got[0] != checklist.ActSubmit {
		t.Errorf("actions %v", got)
	}
}

func TestChecklistLibraryVersioning(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	lib, _ := a.Checklist.Library(ctx, clCounty, 2025)
	vals := allMet(lib, "村") // turnout 90 in a village
	if _, err := a.Checklist.Save(ctx, clVillage, 2025, vals); err != nil {
		t.Fatal(err)
	}
	before, _ := a.Checklist.Form(ctx, clVillage, 2025)
	// Raise the village turnout target and retire DEM16 for 2025: the assessment keeps its version.
	org03, _ := lib.Indicator("ORG03")
	org03.TargetVillage = 95
	v2, err := a.Checklist.SaveIndicator(ctx, clCounty, 2025, org03)
	if err != nil {
		t.Fatal(err)
	}
	if v2 == before.Assessment.VersionID {
		t.Fatal("edit of a used version went into it")
	}
	if _, err := a.Checklist.RetireIndicator(ctx, clCounty, 2025, "DEM16"); err != nil {
		t.Fatal(err)
	}
	after, _ := a.Checklist.Form(ctx, clVillage, 2025)
	if after.Assessment.VersionID != before.Assessment.VersionID || after.Score.Total != 100 || after.Assessment.Score != 100 {
		t.Errorf("old assessment changed: v%d score %d", after.Assessment.VersionID, after.Score.Total)
	}
	cur, _ := a.Checklist.Library(ctx, clCounty, 2025)
	if in, _ := cur.Indicator("ORG03"); in.TargetVillage != 95 || len(cur.Active()) != 41 || cur.Version != 2 {
		t.Errorf("current library v%d: ORG03 %v, %d active", cur.Version, in.TargetVillage, len(cur.Active()))
	}
	// A new assessment uses the current version; 2026 starts from the county's 2025 library.
	delete(vals, "DEM16")
	sc, err := a.Checklist.Save(ctx, "511302007209", 2025, vals)
	if err != nil || sc.Total != 100-2-2 || sc.Max != 98 {
		t.Errorf("new assessment on v2: %+v %v", sc.Total, err)
	}
	next, _ := a.Checklist.Library(ctx, clCounty, 2026)
	if in, _ := next.Indicator("ORG03"); in.TargetVillage != 95 {
		t.Errorf("2026 base: %v", in.TargetVillage)
	}
	// The default library and other counties are untouched.
	other, _ := a.Checklist.Library(ctx, "511303000000", 2025)
	if in, _ := other.Indicator("ORG03"); in.TargetVillage != 90 {
		t.Errorf("other county: %v", in.TargetVillage)
	}
	editor := as(t, a, "e", models.RoleEditor)
	if _, err := editor.Checklist.SetLevels(ctx, clCounty, 2025, models.LevelRule{Standard: 50, Good: 70, Excellent: 85}); err == nil {
		t.Error("editor changed levels")
	}
}

func TestChecklistExcelRoundTrip(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	dir := t.TempDir()
	if err := a.Divisions.SaveProfile(ctx, models.CommunityProfile{DivisionCode: clCommunity, Households: 1000, Population: 3000, ServiceAreaM2: 250}); err != nil {
		t.Fatal(err)
	}
	// 滨江社区 is accepted and frozen before the export.
	lib, _ := a.Checklist.Library(ctx, clCounty, 2026)
	frozen := "511302001002"
	if _, err := a.Checklist.Save(ctx, frozen, 2026, allMet(lib, "社区")); err != nil {
		t.Fatal(err)
	}
	for _, act := range []string{checklist.ActSubmit, checklist.ActApprove, checklist.ActAccept} {
		if err := a.Checklist.Step(ctx, frozen, 2026, act, ""); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "测评.xlsx")
	out, _ := os.Create(path)
	n, err := a.Checklist.ExportAssessments(ctx, clTownship, 2026, out, nil)
	out.Close()
	if err != nil || n == 0 {
		t.Fatalf("export %d %v", n, err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sh := x.GetSheetName(0)
	rows, _ := x.GetRows(sh)
	// Title, group row, header row, data.
	hdr := rows[2]
	col := map[string]int{}
	for i, h := range hdr {
		if c := models.IndicatorCodeAt(h); c != "" {
			col[c] = i
		}
	}
	if len(col) != 42 || !strings.Contains(hdr[col["ORG03"]], "社区≥50 村≥90") || rows[1][col["ORG01"]] != "组织服务体系" {
		t.Fatalf("header %v / %v", rows[1], hdr)
	}
	rowOf := map[string]int{}
	for i, r := range rows[3:] {
		rowOf[r[0]] = i + 4
	}
	if rows[rowOf[clCommunity]-1][col["FAC01"]] != "建议：25" {
		t.Errorf("FAC01 not prefilled from profile: %q", rows[rowOf[clCommunity]-1][col["FAC01"]])
	}
	if dv, _ := x.GetDataValidations(sh); len(dv) == 0 {
		t.Error("no yes/no dropdowns")
	}
	cell := func(code, ind string) string {
		c, _ := excelize.CoordinatesToCellName(col[ind]+1, rowOf[code])
		return c
	}
	for _, in := range lib.Active() {
		v := "是"
		if in.Method == models.MethodAtLeast {
			v = models.FormatNumber(in.TargetCommunity)
		}
		_ = x.SetCellValue(sh, cell(clCommunity, in.Code), v)
	}
	_ = x.SetCellValue(sh, cell(clCommunity, "ORG03"), "45%")
	// A bad value and an edit of the frozen record: both refused, nothing written.
	_ = x.SetCellValue(sh, cell("511302001003", "ORG01"), "可能")
	_ = x.SetCellValue(sh, cell(frozen, "DEM06"), "否")
	bad := filepath.Join(dir, "bad.xlsx")
	_ = x.SaveAs(bad)
	res, err := a.Checklist.ImportAssessments(ctx, bad, checklist.AssessmentImportOptions{})
	if err != nil || res.OK || len(res.Errors) != 2 {
		t.Fatalf("bad import: %+v %v", res, err)
	}
	e0 := res.Errors[0]
	if e0.Sheet != sh || e0.Row != rowOf[frozen] || e0.Column != "A" || !strings.Contains(e0.Message, "不能通过导入修改") {
		t.Errorf("frozen error %+v", e0)
	}
	e1 := res.Errors[1]
	letter, _ := excelize.ColumnNumberToName(col["ORG01"] + 1)
	if e1.Row != rowOf["511302001003"] || e1.Column != letter || e1.Value != "可能" || !strings.Contains(e1.Message, "是”或“否") {
		t.Errorf("value error %+v", e1)
	}
	if f, _ := a.Checklist.Form(ctx, clCommunity, 2026); f.Exists {
		t.Fatal("refused import wrote something")
	}
	_ = x.SetCellValue(sh, cell("511302001003", "ORG01"), "")
	_ = x.SetCellValue(sh, cell(frozen, "DEM06"), "是")
	good := filepath.Join(dir, "good.xlsx")
	_ = x.SaveAs(good)
	x.Close()
	res, err = a.Checklist.ImportAssessments(ctx, good, checklist.AssessmentImportOptions{})
	// Rows that only repeat shequ's proposals create no assessment: only 平城街社区 is written,
	// 滨江社区 is as stored, every other row is skipped and counted.
	if err != nil || !res.OK || res.Year != 2026 || res.Rows != 1 || res.Unchanged != 1 || res.Skipped != n-2 {
		t.Fatalf("good import: %+v %v", res, err)
	}
	f, _ := a.Checklist.Form(ctx, clCommunity, 2026)
	if f.Assessment.Score != 98 || f.Assessment.Level != models.LevelExcellent || *f.Assessment.Values["ORG03"].Value != 45 {
		t.Errorf("imported community: %d %s", f.Assessment.Score, f.Assessment.Level)
	}
	if f, _ := a.Checklist.Form(ctx, frozen, 2026); !f.Assessment.Frozen() || f.Assessment.Score != 100 {
		t.Errorf("frozen touched: %+v", f.Assessment.Score)
	}
	checkIndicatorCounts(t, a, clCounty, 2026)
	// Importing the same file again changes nothing.
	res, _ = a.Checklist.ImportAssessments(ctx, good, checklist.AssessmentImportOptions{})
	if !res.OK || res.Rows != 0 {
		t.Errorf("re-import %+v", res)
	}
	log, _ := a.store.AuditEntries(ctx, store.AuditFilter{Module: "社区标准化建设", Entity: "标准化测评"})
	imports := 0
	for _, e := range log {
		if e.Action == store.ActionImport {
			imports++
		}
	}
	if imports != 1 {
		t.Errorf("%d import audit entries", imports)
	}
}

func TestDemoTitles(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	if _, err := a.Checklist.AddTitle(ctx, models.DemoTitle{DivisionCode: clCommunity, Level: "省级", Kind: "示范社区", Year: 2025, DocumentNo: "川民发〔2025〕12号"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Checklist.AddTitle(ctx, models.DemoTitle{DivisionCode: clTownship, Level: "市级", Kind: "示范社区", Year: 2025}); err == nil {
		t.Error("示范社区 given to a township")
	}
	if _, err := a.Checklist.AddTitle(ctx, models.DemoTitle{DivisionCode: clTownship, Level: "市级", Kind: "示范街道", Year: 2024}); err != nil {
		t.Fatal(err)
	}
	all, _ := a.Checklist.Titles(ctx, clCounty, "", "", 0)
	prov, _ := a.Checklist.Titles(ctx, clCounty, "省级", "", 0)
	if len(all) != 2 || len(prov) != 1 || !strings.Contains(prov[0].DivisionName, "平城街社区") {
		t.Errorf("titles %+v / %+v", all, prov)
	}
	rows, _ := a.Checklist.Communities(ctx, clTownship, 2026)
	if rows[0].Titles != "省级示范社区（2025）" {
		t.Errorf("community row %+v", rows[0])
	}
	if err := a.Checklist.DeleteTitle(ctx, prov[0].ID); err != nil {
		t.Fatal(err)
	}
}

// checkIndicatorCounts compares the per-township indicator counts kept with every save
// (migration 0011) with a count over the stored indicator values themselves.
func checkIndicatorCounts(t *testing.T, a *App, county string, year int) {
	t.Helper()
	rows, err := rawDB(t, a).Raw(`SELECT v.code, SUM(CASE WHEN v.met THEN 1 ELSE 0 END), COUNT(*)
		FROM assessments a JOIN assessment_values v ON v.assessment_id = a.id
		WHERE a.county_code = ? AND a.year = ? GROUP BY v.code ORDER BY v.code`, county, year).Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var want []store.IndicatorRate
	for rows.Next() {
		var r store.IndicatorRate
		if err := rows.Scan(&r.Code, &r.Met, &r.N); err != nil {
			t.Fatal(err)
		}
		want = append(want, r)
	}
	got, err := a.store.IndicatorMetRates(context.Background(), []string{county}, "", year)
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Code < got[j].Code })
	if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("indicator counts kept %v\ncounted from the values %v", got, want)
	}
}

func TestIndicatorCountsFollowEverySave(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	lib, err := a.Checklist.Library(ctx, clCounty, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Checklist.Save(ctx, clCommunity, 2026, allMet(lib, "社区")); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Checklist.Save(ctx, clVillage, 2026, allMet(lib, "村")); err != nil {
		t.Fatal(err)
	}
	checkIndicatorCounts(t, a, clCounty, 2026)
	// Saving again with indicators unmet or left empty redoes the counts, not adds to them.
	vals := allMet(lib, "村")
	vals["DEM06"] = models.IndicatorValue{Value: fv(0)}
	vals["ORG01"] = models.IndicatorValue{}
	if _, err := a.Checklist.Save(ctx, clVillage, 2026, vals); err != nil {
		t.Fatal(err)
	}
	checkIndicatorCounts(t, a, clCounty, 2026)
	weak, err := a.Checklist.WeakestIndicators(ctx, clCounty, "", 2026, 1)
	if err != nil || len(weak) != 1 || weak[0].Code != "DEM06" || weak[0].Met != 1 || weak[0].N != 2 {
		t.Errorf("weakest after the edit %+v %v", weak, err)
	}
}

// TestAssessmentImportSkipsUnfilled: re-importing an exported sheet nobody filled in saves
// nothing — no 0-point assessments, no proposals saved as entered values — and says how many
// rows it skipped.
func TestAssessmentImportSkipsUnfilled(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	dir := t.TempDir()
	if err := a.Divisions.SaveProfile(ctx, models.CommunityProfile{DivisionCode: clCommunity, Households: 1000, Population: 3000, ServiceAreaM2: 250}); err != nil {
		t.Fatal(err)
	}
	lib, _ := a.Checklist.Library(ctx, clCounty, 2026)
	path := filepath.Join(dir, "测评.xlsx")
	out, _ := os.Create(path)
	n, err := a.Checklist.ExportAssessments(ctx, clTownship, 2026, out, nil)
	out.Close()
	if err != nil || n < 4 {
		t.Fatalf("export %d %v", n, err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sh := x.GetSheetName(0)
	rows, _ := x.GetRows(sh)
	col := map[string]int{}
	for i, h := range rows[2] {
		if c := models.IndicatorCodeAt(h); c != "" {
			col[c] = i
		}
	}
	rowOf := map[string]int{}
	for i, r := range rows[3:] {
		rowOf[r[0]] = i + 4
	}
	set := func(code, ind, v string) {
		c, _ := excelize.CoordinatesToCellName(col[ind]+1, rowOf[code])
		_ = x.SetCellValue(sh, c, v)
	}
	zero, stale, filled := "511302001002", "511302001003", clVillage
	if _, ok := rowOf[filled]; !ok {
		filled = rows[len(rows)-1][0]
	}
	for _, in := range lib.Active() {
		v := "0"
		if in.Method == models.MethodYesNo {
			v = "否"
		}
		set(zero, in.Code, v) // everything failed: a template filled with 否/0
	}
	// An older export wrote proposals unmarked: the value proposed now is not an entered value,
	// and a stale one that scores nothing is not saved either.
	set(stale, "FAC01", "25")
	set(clCommunity, "FAC01", "25")
	set(filled, "ORG01", "是")
	bad := filepath.Join(dir, "filled.xlsx")
	_ = x.SaveAs(bad)
	x.Close()

	res, err := a.Checklist.ImportAssessments(ctx, bad, checklist.AssessmentImportOptions{})
	if err != nil || !res.OK {
		t.Fatalf("import: %+v %v", res, err)
	}
	if res.Rows != 1 || res.ZeroScore != 2 || res.Skipped != n-3 {
		t.Errorf("rows %d, zero-score %d, skipped %d of %d; want 1, 2, %d", res.Rows, res.ZeroScore, res.Skipped, n, n-3)
	}
	if msg := res.Message(); !strings.Contains(msg, fmt.Sprintf("跳过 %d 个未填写的村（社区）", n-3)) || !strings.Contains(msg, "0 分") {
		t.Errorf("message %q", msg)
	}
	for _, code := range []string{zero, stale, clCommunity} {
		if f, _ := a.Checklist.Form(ctx, code, 2026); f.Exists {
			t.Errorf("%s: an assessment was saved (score %d) from a row nobody filled in", code, f.Assessment.Score)
		}
	}
	f, _ := a.Checklist.Form(ctx, filled, 2026)
	if !f.Exists || f.Assessment.Values["ORG01"].Value == nil || f.Assessment.Values["FAC01"].Value != nil {
		t.Errorf("%s: the one entered value should be saved alone: %+v", filled, f.Assessment.Values)
	}
}
