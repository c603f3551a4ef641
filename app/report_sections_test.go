package app

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"shequ/app/report"
	"shequ/models"
	"shequ/reports/model"
)

// genSectionData fills the 社区标准化建设 and 三社互动 modules for the villages of county through
// the services: assessments of year at four levels (some failing a mandatory indicator), 示范单位
// titles, organisations of every type, workers at every qualification level and grids. Villages
// are numbered from seq+1 (unique registration and ID numbers across counties); it returns the
// last number used.
func genSectionData(tb testing.TB, a *App, county string, year, seq int) int {
	tb.Helper()
	ctx := context.Background()
	lib, err := a.Checklist.Library(ctx, county, year)
	if err != nil {
		tb.Fatal(err)
	}
	var optional, mandatory []string
	for _, in := range lib.Active() {
		if in.Mandatory {
			mandatory = append(mandatory, in.Code)
		} else {
			optional = append(optional, in.Code)
		}
	}
	today := models.Day(time.Now())
	cert := time.Date(year, 1, 2, 0, 0, 0, 0, time.Local)
	if cert.After(today) {
		cert = today
	}
	towns, _ := a.Divisions.Children(ctx, county)
	n := seq
	for ti, t := range towns {
		if !t.Active() {
			continue
		}
		vs, _ := a.Divisions.Children(ctx, t.Code)
		for _, v := range vs {
			if !v.Active() {
				continue
			}
			n++
			if n%5 != 0 { // four in five villages assessed
				vals := map[string]models.IndicatorValue{}
				for _, in := range lib.Active() {
					vals[in.Code] = models.IndicatorValue{Value: fv(in.Target(v.Kind()))}
				}
				for _, c := range optional[:(n%4)*5] {
					vals[c] = models.IndicatorValue{Value: fv(0)}
				}
				if n%7 == 0 {
					vals[mandatory[n%len(mandatory)]] = models.IndicatorValue{Value: fv(0)}
				}
				if _, err := a.Checklist.Save(ctx, v.Code, year, vals); err != nil {
					tb.Fatal(err)
				}
			}
			if n%2 == 0 {
				o := models.SocialOrg{Name: fmt.Sprintf("%s%s服务%d队", models.ShortName(v.Name), models.OrgTypes[n%4][:6], n), USCC: testUSCC(tb, n),
					Form: "社会团体", Type: models.OrgTypes[(n/2)%4], Nature: "互助性", Status: "正常", DivisionCode: v.Code,
					Leader: "王某某", LeaderPhone: "13812345678", ServedCodes: []string{v.Code}, Members: int64(10 + n%40)}
				if n%10 == 0 {
					o.Status = "异常名录"
				}
				if _, err := a.Registry.SaveOrg(ctx, o); err != nil {
					tb.Fatal(err)
				}
			}
			q := models.Qualifications[n%4]
			w := models.SocialWorker{Name: fmt.Sprint("社工", n), IDNumber: testID(tb, fmt.Sprintf("1990%02d%02d", 1+n/900%12, 1+ti%28), n%900),
				Qualification: q, Post: "社工站社工", DivisionCode: v.Code, Status: "在岗", OnPostFrom: time.Date(year-1, 7, 1, 0, 0, 0, 0, time.Local)}
			if q != models.QualNone {
				w.CertNo, w.CertDate = fmt.Sprint("Z", n), time.Date(2019, 5, 1, 0, 0, 0, 0, time.Local)
				if n%3 == 0 {
					w.CertDate = cert // a one-off award this year
				}
			}
			if _, err := a.Registry.SaveWorker(ctx, w); err != nil {
				tb.Fatal(err)
			}
			if n%3 != 0 {
				if _, err := a.Registry.SaveGrid(ctx, models.Grid{DivisionCode: v.Code, Name: "第一网格", Households: int64(150 + n%300), Population: 500}); err != nil {
					tb.Fatal(err)
				}
			}
		}
	}
	vs, _ := a.Divisions.Children(ctx, towns[0].Code)
	for _, d := range []models.DemoTitle{
		{DivisionCode: vs[0].Code, Level: "省级", Kind: "示范社区", Year: year, DocumentNo: fmt.Sprintf("川民发〔%d〕12号", year)},
		{DivisionCode: vs[1].Code, Level: "市级", Kind: "示范社区", Year: year, DocumentNo: fmt.Sprintf("南民发〔%d〕3号", year)},
		{DivisionCode: towns[0].Code, Level: "市级", Kind: "示范街道", Year: year},
		{DivisionCode: vs[2].Code, Level: "省级", Kind: "示范社区", Year: year - 1}, // another year: not listed
	} {
		if _, err := a.Checklist.AddTitle(ctx, d); err != nil {
			tb.Fatal(err)
		}
	}
	return n
}

// sectionsApp is reportApp with the checklist and the registry filled as well.
func sectionsApp(t *testing.T) (*App, int) {
	t.Helper()
	a, year, _, _ := reportApp(t)
	genSectionData(t, a, shunqing, year, 0)
	return a, year
}

func TestReportChecklistAndRegistrySections(t *testing.T) {
	a, year := sectionsApp(t)
	ctx := context.Background()
	r, err := a.Reports.Build(ctx, report.Request{Year: year, Area: shunqing})
	if err != nil {
		t.Fatal(err)
	}
	if r.Sections[2].ID != "checklist" || r.Sections[3].ID != "registry" || r.Sections[4].ID != "budget" {
		t.Fatalf("sections in order %s, %s, %s", r.Sections[2].ID, r.Sections[3].ID, r.Sections[4].ID)
	}

	// 社区标准化建设: the township table and its 合计 are the service's roll-up.
	roll, err := a.Checklist.TownshipTable(ctx, shunqing, year)
	if err != nil {
		t.Fatal(err)
	}
	tot := roll[len(roll)-1]
	ct := findTable(r, "标准化达标分乡镇（街道）")
	if ct == nil || !ct.Main {
		t.Fatal("no main checklist table")
	}
	if tot.Assessed == 0 || tot.Counts[0] == 0 || tot.Counts[1] == 0 || tot.Counts[2] == 0 || tot.Counts[3] == 0 || tot.MandatoryFails == 0 {
		t.Fatalf("the generator should give every level: %+v", tot)
	}
	want := []any{"合计", int64(tot.Total), int64(tot.Assessed), int64(tot.Counts[3]), int64(tot.Counts[2]), int64(tot.Counts[1]),
		int64(tot.Counts[0]), int64(tot.AtStandard()), model.RateOf(int64(tot.AtStandard()), int64(tot.Assessed)), tot.AverageScore, int64(tot.MandatoryFails)}
	if fmt.Sprint(ct.Totals) != fmt.Sprint(want) {
		t.Errorf("checklist 合计 %v, want %v", ct.Totals, want)
	}
	if len(ct.Rows) != len(roll)-1 {
		t.Errorf("%d township rows, the service has %d", len(ct.Rows), len(roll)-1)
	}
	var assessed int64
	for i, row := range ct.Rows {
		assessed += row[2].(int64)
		if row[0] != roll[i].Name || row[2] != int64(roll[i].Assessed) {
			t.Errorf("row %d %v, service %+v", i, row[:3], roll[i])
		}
	}
	if assessed != int64(tot.Assessed) {
		t.Errorf("rows sum to %d assessed, want %d", assessed, tot.Assessed)
	}
	if ct.Chart == nil || ct.Chart.Unit != "%" || len(ct.Chart.Categories) == 0 {
		t.Errorf("checklist chart %+v", ct.Chart)
	}
	weak, _ := a.Checklist.WeakestIndicators(ctx, shunqing, "", year, 5)
	wt := findTable(r, "薄弱指标")
	if wt == nil || len(wt.Rows) != 5 {
		t.Fatalf("weakest table %+v", wt)
	}
	for i, w := range weak {
		if wt.Rows[i][1] != w.Code || wt.Rows[i][3] != int64(w.Met) || wt.Rows[i][4] != int64(w.N) {
			t.Errorf("weakest %d: %v, service %+v", i, wt.Rows[i], w)
		}
	}
	titles, _ := a.Checklist.Titles(ctx, shunqing, "", "", year)
	if dt := findTable(r, "示范单位"); dt == nil || len(titles) != 3 || len(dt.Rows) != 3 {
		t.Errorf("示范单位 %d titles of %d", len(titles), year)
	}

	// 三社互动: a 每万人 ratio over the few villages with a population names its base.
	for _, b := range r.Sections[2].Blocks {
		if p, ok := b.(*model.Paragraph); ok && strings.Contains(p.Text, "每万常住人口") && (!strings.Contains(p.Text, "按已填人口的") || !strings.Contains(p.Text, "按已填户数的")) {
			t.Errorf("每万人 without its base: %s", p.Text)
		}
	}
	if wk := findTable(r, "社会工作者分乡镇（街道）"); wk == nil || !strings.Contains(wk.Note, "仅含已填社区档案的") {
		t.Errorf("workers table note does not name the population base")
	}
	// 三社互动: organisations, certified workers, grids and subsidies equal the services.
	stats, _ := a.Registry.TownshipStats(ctx)
	var orgs, certified int64
	for _, s := range stats {
		orgs += int64(s.Orgs)
		certified += int64(s.CertifiedWorkers)
	}
	ot := findTable(r, "社会组织分乡镇（街道）")
	if ot == nil || !ot.Main || ot.Totals[len(ot.Totals)-1] != orgs || orgs == 0 {
		t.Fatalf("organisations 合计 %v, want %d", ot, orgs)
	}
	wk := findTable(r, "社会工作者分乡镇（街道）")
	if wk.Totals[5] != certified || wk.Totals[2].(int64)+wk.Totals[3].(int64)+wk.Totals[4].(int64) != certified {
		t.Errorf("certified workers %v, want %d", wk.Totals, certified)
	}
	cov, _ := a.Registry.Coverage(ctx, "")
	var gridHH int64
	for _, c := range cov {
		gridHH += c.GridHouseholds
	}
	gt := findTable(r, "网格覆盖分乡镇（街道）")
	if gt.Totals[3] != gridHH || gridHH == 0 {
		t.Errorf("grid households %v, want %d", gt.Totals[3], gridHH)
	}
	for i, row := range gt.Rows { // each township's coverage is the service's
		for _, s := range stats {
			if s.Township == row[0] && s.Coverage >= 0 && fmt.Sprintf("%.4f", s.Coverage) != fmt.Sprintf("%.4f", row[5].(model.Rate).Value) {
				t.Errorf("row %d coverage %v, service %.4f", i, row[5], s.Coverage)
			}
		}
	}
	_, subs, _ := a.Registry.Subsidies(ctx, year)
	st := findTable(r, "社工补贴分乡镇（街道）")
	svc := subs[len(subs)-1]
	if st.Totals[5] != svc.Total || st.Totals[3] != svc.Monthly || st.Totals[4] != svc.OneOff || svc.Total == 0 || svc.OneOff == 0 {
		t.Errorf("subsidies 合计 %v, want %v/%v/%v", st.Totals, svc.Monthly, svc.OneOff, svc.Total)
	}
	var sum models.Fen
	for _, row := range st.Rows {
		sum += row[5].(models.Fen)
	}
	if sum != svc.Total {
		t.Errorf("subsidy rows sum to %v, want %v", sum, svc.Total)
	}

	// A whole-city report adds the counties up to the same figures (only 顺庆区 has data).
	city, err := a.Reports.Build(ctx, report.Request{Year: year, Sections: []string{"checklist", "registry"}})
	if err != nil {
		t.Fatal(err)
	}
	cc := findTable(city, "标准化达标分县（市、区）")
	if cc.Totals[2] != int64(tot.Assessed) || fmt.Sprintf("%.6f", cc.Totals[9]) != fmt.Sprintf("%.6f", tot.AverageScore) {
		t.Errorf("city checklist 合计 %v", cc.Totals)
	}
	if cs := findTable(city, "社工补贴分县（市、区）"); cs.Totals[5] != svc.Total {
		t.Errorf("city subsidies %v, want %v", cs.Totals[5], svc.Total)
	}
	if cw := findTable(city, "薄弱指标"); cw == nil || cw.Rows[0][1] != weak[0].Code {
		t.Errorf("city weakest %v", cw)
	}

	// PDF: the headings, the captions and the totals are on the pages.
	var buf bytes.Buffer
	if err := a.Reports.Write(ctx, report.Request{Year: year, Area: shunqing}, report.FormatPDF, &buf); err != nil {
		t.Fatal(err)
	}
	checkPDFText(t, buf.Bytes(), "SHEQU_SECTIONS_OUT", "二、领导机制", "三、社区标准化建设", "四、三社互动", "五、经费保障", itoa(year)+"年社区标准化建设达标情况分乡镇（街道）统计表",
		"达成率最低的5项指标", "获评示范单位名单", itoa(year)+"年社会工作者补贴分乡镇（街道）统计表", svc.Total.Wanyuan(),
		weak[0].Code, "网格覆盖率")

	// Workbook: two sheets; the subsidy 合计 equals the service to the fen.
	buf.Reset()
	if err := a.Reports.Write(ctx, report.Request{Year: year, Area: shunqing}, report.FormatXLSX, &buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sh := f.GetSheetList(); len(sh) < 4 || sh[2] != "3 社区标准化建设" || sh[3] != "4 三社互动" {
		t.Fatalf("sheets %q", sh)
	}
	rows, err := f.GetRows("4 三社互动", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	inSubs, found := false, false
	for _, row := range rows {
		if len(row) > 0 && strings.HasSuffix(row[0], "社会工作者补贴分乡镇（街道）统计表") {
			inSubs = true
		}
		if inSubs && len(row) >= 6 && row[0] == "合计" {
			found = true
			got, err := models.ParseAmount(row[5], models.Yuan)
			if err != nil || got != svc.Total {
				t.Errorf("workbook subsidy 合计 %q, want %s", row[5], svc.Total.Yuan())
			}
			break
		}
	}
	if !found {
		t.Error("no subsidy 合计 on the workbook sheet")
	}
	rows, _ = f.GetRows("3 社区标准化建设", excelize.Options{RawCellValue: true})
	found = false
	for _, row := range rows {
		if len(row) >= 3 && row[0] == "合计" && row[2] == itoa(tot.Assessed) {
			found = true
		}
	}
	if !found {
		t.Errorf("no checklist 合计 of %d assessed on the workbook sheet", tot.Assessed)
	}

	// Each main table alone.
	for _, id := range []string{"checklist", "registry"} {
		buf.Reset()
		if err := a.Reports.WriteMainTable(ctx, report.Request{Year: year, Area: shunqing}, id, &buf); err != nil || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
			t.Errorf("main table of %s: %v", id, err)
		}
	}
}

// An empty year still gives both chapters, with sentences instead of tables of zeros.
func TestReportSectionsEmptyYear(t *testing.T) {
	a := openSeeded(t)
	r, err := a.Reports.Build(context.Background(), report.Request{Year: 2001, Area: shunqing, Sections: []string{"checklist", "registry"}})
	if err != nil || len(r.Sections) != 2 {
		t.Fatalf("%v %d", err, len(r.Sections))
	}
	for _, s := range r.Sections {
		if len(s.Blocks) != 1 || !strings.Contains(paragraphs(s), "2001年度南充市顺庆区尚未录入") {
			t.Errorf("empty %s: %d blocks, %s", s.Title, len(s.Blocks), paragraphs(s))
		}
	}
	var buf bytes.Buffer
	if err := a.Reports.Write(context.Background(), report.Request{Year: 2001, Area: shunqing, Sections: []string{"checklist", "registry"}}, report.FormatPDF, &buf); err != nil {
		t.Fatal(err)
	}
}

// A database with nothing entered gives a short whole-city report that says what is missing,
// not a hundred pages of zeros.
func TestReportEmptyDatabaseIsShort(t *testing.T) {
	a := openSeeded(t)
	ctx := context.Background()
	var buf bytes.Buffer
	if err := a.Reports.Write(ctx, report.Request{Year: 2001}, report.FormatPDF, &buf); err != nil {
		t.Fatal(err)
	}
	pages := regexp.MustCompile(`/Type /Page[^s]`).FindAll(buf.Bytes(), -1)
	if len(pages) > 12 { // cover, contents, one page a chapter
		t.Errorf("the empty city report has %d pages", len(pages))
	}
	checkPDFText(t, buf.Bytes(), "SHEQU_EMPTY_OUT", "2001年度南充市尚未录入任何工作数据", "社区标准化建设测评", "经费预算",
		"部门改革任务", "本章暂无数据", "空白明细")
	r, err := a.Reports.Build(ctx, report.Request{Year: 2001})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Sections {
		for _, b := range s.Blocks {
			if tb, ok := b.(*model.Table); ok && s.ID != "overview" {
				t.Errorf("%s has the table %s in an empty year", s.Title, tb.Name)
			}
		}
	}
}
