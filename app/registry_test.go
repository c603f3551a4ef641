package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"shequ/app/registry"
	"shequ/app/store"
	"shequ/models"
)

// testUSCC makes a valid 统一社会信用代码 for a made-up organisation number n.
func testUSCC(t testing.TB, n int) string {
	first := fmt.Sprintf("52511302MJ%07d", n)
	c, err := models.USCCCheckChar(first)
	if err != nil {
		t.Fatal(err)
	}
	return first + string(c)
}

// testID makes a valid 身份证号 for a made-up person with sequence n (odd: 男).
func testID(t testing.TB, birth string, n int) string {
	first := fmt.Sprintf("511302%s%03d", birth, n)
	c, err := models.IDCheckDigit(first)
	if err != nil {
		t.Fatal(err)
	}
	return first + string(c)
}

func regDay(t testing.TB, s string) time.Time {
	d, err := models.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func testOrg(t testing.TB, n int, name string) models.SocialOrg {
	return models.SocialOrg{Name: name, USCC: testUSCC(t, n), Form: "社会团体", Type: "文体活动类", Nature: "互助性",
		Status: "正常", DivisionCode: "511302001001", Leader: "王某某", LeaderPhone: "13812345678",
		ServedCodes: []string{"511302001001", "511302001002"}, Members: 30}
}

func TestRegistryDuplicatesAndMasking(t *testing.T) {
	a := openSeeded(t)
	ctx := context.Background()
	r := a.Registry
	id, err := r.SaveOrg(ctx, testOrg(t, 1, "平城街舞蹈队"))
	if err != nil {
		t.Fatal(err)
	}
	// Same USCC, other name: refused naming the existing record.
	_, err = r.SaveOrg(ctx, testOrg(t, 1, "另一个队"))
	if !errors.Is(err, models.ErrConflict) || !strings.Contains(err.Error(), "平城街舞蹈队") {
		t.Fatalf("duplicate USCC: %v", err)
	}
	// Same name in the same county, other USCC: refused.
	_, err = r.SaveOrg(ctx, testOrg(t, 2, "平城街舞蹈队"))
	if !errors.Is(err, models.ErrConflict) || !strings.Contains(err.Error(), fmt.Sprint(id)) {
		t.Fatalf("duplicate name: %v", err)
	}
	// Same name in another county is allowed (高坪区 511303).
	o := testOrg(t, 3, "平城街舞蹈队")
	o.DivisionCode, o.ServedCodes = "511303001002", nil
	if _, err := r.SaveOrg(ctx, o); err != nil {
		t.Fatalf("same name in another county: %v", err)
	}
	// A bad check character is refused with a sentence.
	bad := testOrg(t, 4, "坏代码")
	bad.USCC = bad.USCC[:17] + "0"
	if bad.USCC == testUSCC(t, 4) {
		bad.USCC = bad.USCC[:17] + "1"
	}
	if _, err := r.SaveOrg(ctx, bad); err == nil || !strings.Contains(err.Error(), "校验位") {
		t.Fatalf("bad USCC: %v", err)
	}

	w := models.SocialWorker{Name: "李四", IDNumber: testID(t, "19900101", 11), Phone: "13900001111",
		Qualification: models.QualWorker, CertNo: "S1", CertDate: regDay(t, "2022-06-01"), Post: "社工站社工",
		DivisionCode: "511302001001", Status: "在岗", OnPostFrom: regDay(t, "2021-01-01"), EmployerKind: "社会组织", EmployerOrgID: id}
	wid, err := r.SaveWorker(ctx, w)
	if err != nil {
		t.Fatal(err)
	}
	w.Name = "李四重"
	if _, err := r.SaveWorker(ctx, w); !errors.Is(err, models.ErrConflict) || !strings.Contains(err.Error(), "李四") ||
		strings.Contains(err.Error(), w.IDNumber) {
		t.Fatalf("duplicate 身份证号 must be refused without printing it: %v", err)
	}
	rows, err := r.WorkerRows(ctx)
	if err != nil || len(rows) != 1 {
		t.Fatal(rows, err)
	}
	if rows[0].IDNumber != models.MaskIDNumber(w.IDNumber) || rows[0].Phone != "139****1111" || rows[0].Employer != "平城街舞蹈队" {
		t.Fatalf("row not masked: %+v", rows[0])
	}
	orgRows, _ := r.OrgRows(ctx)
	for _, o := range orgRows {
		if strings.Contains(o.Phone, "12345678") || o.Leader != "王**" {
			t.Fatalf("org row not masked: %+v", o)
		}
	}
	// Revealing is audited.
	full, err := r.RevealWorker(ctx, wid)
	if err != nil || full.IDNumber != w.IDNumber {
		t.Fatal(full, err)
	}
	ents, _ := a.store.AuditEntries(ctx, store.AuditFilter{Module: registry.Module, Entity: store.EntityWorker})
	if len(ents) < 2 || ents[0].Action != store.ActionView {
		t.Fatalf("reveal not audited: %+v", ents)
	}
	// The audit trail never holds the full number.
	for _, e := range ents {
		for _, c := range e.Changes {
			if strings.Contains(c.After, w.IDNumber) {
				t.Fatalf("audit holds the full 身份证号: %+v", c)
			}
		}
	}
}

func TestRegistryImportRoundTrip(t *testing.T) {
	a := openSeeded(t)
	ctx := context.Background()
	r := a.Registry
	for i, name := range []string{"平城街舞蹈队", "邻里互助会", "夕阳红志愿队"} {
		o := testOrg(t, 10+i, name)
		if i == 2 {
			o.Form, o.USCC = models.OrgFormFiled, ""
		}
		if _, err := r.SaveOrg(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 3; i++ {
		w := models.SocialWorker{Name: fmt.Sprintf("社工%d", i), IDNumber: testID(t, "19880808", 20+i), Phone: "13900001111",
			Qualification: models.QualAssistant, CertNo: fmt.Sprint("C", i), CertDate: regDay(t, "2023-05-01"), Post: "网格员",
			DivisionCode: "511302001002", Status: "在岗", OnPostFrom: regDay(t, "2022-01-01"), EmployerKind: "社区", EmployerName: "某社区"}
		if _, err := r.SaveWorker(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	for _, kind := range []registry.Kind{registry.KindOrgs, registry.KindWorkers} {
		var masked, full bytes.Buffer
		if _, err := r.Export(ctx, kind, false, &masked); err != nil {
			t.Fatal(err)
		}
		n, err := r.Export(ctx, kind, true, &full)
		if err != nil || n != 3 {
			t.Fatal(n, err)
		}
		mp, fp := filepath.Join(dir, string(kind)+"-masked.xlsx"), filepath.Join(dir, string(kind)+".xlsx")
		_ = os.WriteFile(mp, masked.Bytes(), 0o644)
		_ = os.WriteFile(fp, full.Bytes(), 0o644)

		// Into the same database: every row is a duplicate, and nothing is written.
		res, err := r.Import(ctx, kind, fp)
		if err != nil || res.OK || len(res.Errors) != 3 || !strings.Contains(res.Errors[0].Message, "重复") {
			t.Fatalf("%s re-import: %+v %v", kind, res, err)
		}
		// Into a fresh database: all rows come back.
		b := openSeeded(t)
		if kind == registry.KindWorkers { // workers name no registered organisation here
			res, err = b.Registry.Import(ctx, kind, fp)
		} else {
			res, err = b.Registry.Import(ctx, kind, fp)
		}
		if err != nil || !res.OK || res.Rows != 3 {
			t.Fatalf("%s import: %+v %v", kind, res, err)
		}
		var again bytes.Buffer
		if _, err := b.Registry.Export(ctx, kind, true, &again); err != nil {
			t.Fatal(err)
		}
		ra, _ := r.ExportRows(ctx, kind)
		rb, _ := b.Registry.ExportRows(ctx, kind)
		if fmt.Sprint(ra) != fmt.Sprint(rb) {
			t.Fatalf("%s round trip differs:\n%v\n%v", kind, ra, rb)
		}
		// The masked export cannot be imported as if it were data: its rows are refused.
		c := openSeeded(t)
		if res, _ := c.Registry.Import(ctx, kind, mp); res.OK && kind == registry.KindWorkers {
			t.Fatalf("masked worker export imported: %+v", res)
		}
	}
}

func TestRegistryImportRowErrors(t *testing.T) {
	a := openSeeded(t)
	ctx := context.Background()
	dir := t.TempDir()
	id := testID(t, "19900101", 31)
	csv := "姓名,性别,身份证号,资格等级,证书编号,取得证书日期,岗位,区划代码,到岗日期\n" +
		"张三,女," + id + ",社会工作师,Z1,2023-01-01,网格员,511302001001,2023-02-01\n" +
		"李四,男," + id[:17] + "0,无,,,网格员,511302001001,2023-02-01\n" +
		"王五,男," + id + ",无,,,网格员,511302001001,2023-02-30\n"
	p := filepath.Join(dir, "w.csv")
	if err := os.WriteFile(p, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := a.Registry.Import(ctx, registry.KindWorkers, p)
	if err != nil || res.OK {
		t.Fatalf("%+v %v", res, err)
	}
	var msgs []string
	for _, e := range res.Errors {
		msgs = append(msgs, e.String())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"第 2 行 B 列（女）：性别：填写为女，但身份证号显示为男", "第 3 行 C 列", "校验位", "第 4 行 I 列（2023-02-30）"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in\n%s", want, all)
		}
	}
	if strings.Contains(all, id) {
		t.Errorf("errors print a full 身份证号:\n%s", all)
	}
	if c, _ := a.Registry.Counts(ctx); c.Workers != 0 {
		t.Fatalf("all or nothing: %d workers written", c.Workers)
	}
}

func TestRegistrySubsidiesAndStats(t *testing.T) {
	a := openSeeded(t)
	ctx := context.Background()
	r := a.Registry
	rules, _ := r.SubsidyRules(ctx)
	if len(rules) != 3 || rules[1].Monthly != 30000 {
		t.Fatalf("default rules: %+v", rules)
	}
	rules = append(rules, models.SubsidyRule{EffectiveFrom: regDay(t, "2025-07-01"), Qualification: models.QualWorker, Monthly: 40000, OneOff: 150000})
	if err := r.SaveSubsidyRules(ctx, rules); err != nil {
		t.Fatal(err)
	}
	mk := func(n int, code, q, cert, from string) {
		w := models.SocialWorker{Name: fmt.Sprint("人", n), IDNumber: testID(t, "19900101", n), Qualification: q, CertNo: "C",
			CertDate: regDay(t, cert), Post: "社工站社工", DivisionCode: code, Status: "在岗", OnPostFrom: regDay(t, from)}
		if _, err := r.SaveWorker(ctx, w); err != nil {
			t.Fatal(err)
		}
	}
	mk(41, "511302001001", models.QualWorker, "2020-01-01", "2020-01-01")    // 6×300 + 6×400
	mk(43, "511302001002", models.QualAssistant, "2025-03-01", "2025-03-01") // 10×100 + 1000
	mk(45, "511302003001", models.QualSenior, "2020-01-01", "2025-07-15")    // 6×500
	_, towns, err := r.Subsidies(ctx, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(towns) != 3 || towns[0].Total != 420000+200000 || towns[1].Total != 300000 || towns[2].Total != 920000 {
		t.Fatalf("township totals: %+v", towns)
	}
	if err := a.Divisions.SaveProfile(ctx, models.CommunityProfile{DivisionCode: "511302001001", Households: 1000, Population: 3000}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.SaveGrid(ctx, models.Grid{DivisionCode: "511302001001", Name: "一网格", Households: 600, Population: 1800}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.SaveGrid(ctx, models.Grid{DivisionCode: "511302001001", Name: "一网格", Households: 1}); !errors.Is(err, models.ErrConflict) {
		t.Fatalf("duplicate grid name: %v", err)
	}
	cov, err := r.Coverage(ctx, "")
	if err != nil || len(cov) != 1 || cov[0].Ratio != 0.6 {
		t.Fatalf("coverage: %+v %v", cov, err)
	}
	stats, err := r.TownshipStats(ctx)
	if err != nil || len(stats) != 2 || stats[0].CertifiedWorkers != 2 || stats[0].Coverage != 0.6 ||
		fmt.Sprintf("%.2f", stats[0].PerTenThousand) != "6.67" {
		t.Fatalf("stats: %+v %v", stats, err)
	}
	// One community of 中城街道's six has a population: the ratio says it stands on that one.
	if st := stats[0]; st.PopulationBase != 1 || st.HouseholdsBase != 1 || st.Villages != 6 || !st.PerTenThousandPartial() || !st.CoveragePartial() {
		t.Errorf("base of 每万人: %d of %d villages, partial %v", st.PopulationBase, st.Villages, st.PerTenThousandPartial())
	}
	s, err := a.Summary(ctx)
	if err != nil || s.Workers != 3 || s.Grids != 1 || s.Orgs != 0 {
		t.Fatalf("summary: %+v %v", s, err)
	}
}

// Opening an organisation for editing shows the leader's full phone: it is recorded like a reveal.
func TestRegistryOrgFormIsAudited(t *testing.T) {
	a := openSeeded(t)
	ctx := context.Background()
	id, err := a.Registry.SaveOrg(ctx, testOrg(t, 7, "平城街志愿者协会"))
	if err != nil {
		t.Fatal(err)
	}
	o, err := a.Registry.Org(ctx, id)
	if err != nil || o.LeaderPhone != "13812345678" {
		t.Fatalf("org %+v, %v", o, err)
	}
	entries, err := a.store.AuditEntries(ctx, store.AuditFilter{EntityID: fmt.Sprint(id)})
	if err != nil {
		t.Fatal(err)
	}
	viewed := false
	for _, e := range entries {
		viewed = viewed || e.Action == store.ActionView
	}
	if !viewed {
		t.Fatalf("no 查看 entry for the opened form: %+v", entries)
	}
}
