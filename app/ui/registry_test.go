package ui

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shequ/app/auth"
	"shequ/app/registry"
	"shequ/models"
)

// testUSCC makes a valid 统一社会信用代码 for the n-th test organisation.
func testUSCC(t *testing.T, n int) string {
	t.Helper()
	first := fmt.Sprintf("52511302MJ%07d", n)
	c, err := models.USCCCheckChar(first)
	if err != nil {
		t.Fatal(err)
	}
	return first + string(c)
}

// testIDNumber makes a valid 身份证号 born on 1985-06-0n.
func testIDNumber(t *testing.T, n int) string {
	t.Helper()
	first := fmt.Sprintf("5113021985060%d%03d", n, 10+n)
	c, err := models.IDCheckDigit(first)
	if err != nil {
		t.Fatal(err)
	}
	return first + string(c)
}

// openRegistry adds two organisations and two workers of different kinds through the service
// and shows 三社互动 with its work run synchronously.
func openRegistry(t *testing.T) (*fixture, *registryScreen) {
	t.Helper()
	f := newFixture(t)
	reg := f.app.Registry
	for i, o := range []models.SocialOrg{
		{Name: "平城街志愿服务队", Form: "社会团体", Type: "公益慈善类", Nature: "公益性", Status: "正常", DivisionCode: "511302001001"},
		{Name: "中城街道文体协会", Form: "社会团体", Type: "文体活动类", Nature: "互助性", Status: "正常", DivisionCode: "511302001000",
			ServedCodes: []string{"511302001001"}},
	} {
		o.USCC = testUSCC(t, i+1)
		if _, err := reg.SaveOrg(f.ctx, o); err != nil {
			t.Fatalf("SaveOrg %s: %v", o.Name, err)
		}
	}
	from := time.Date(2020, 1, 1, 0, 0, 0, 0, time.Local)
	for i, w := range []models.SocialWorker{
		{Name: "王明", Qualification: models.QualWorker, CertNo: "SW001", CertDate: from, Post: "社工站社工"},
		{Name: "李华", Qualification: models.QualNone, Post: "网格员"},
	} {
		w.IDNumber, w.Phone = testIDNumber(t, i+1), "1380000000"+strconv.Itoa(i+1)
		w.DivisionCode, w.Status, w.OnPostFrom, w.EmployerKind, w.EmployerName = "511302001001", "在岗", from, "社区", "平城街社区"
		if _, err := reg.SaveWorker(f.ctx, w); err != nil {
			t.Fatalf("SaveWorker %s: %v", w.Name, err)
		}
	}
	var s *registryScreen
	for _, x := range f.w.screens {
		if r, ok := x.(*registryScreen); ok {
			s = r
		}
	}
	if s == nil {
		t.Fatal("三社互动 is not among the screens")
	}
	f.w.Show("nav.registry")
	return f, s
}

func tableRows(tb *widget.Table) int {
	rows, _ := tb.Length()
	return rows
}

func TestRegistryFiltersNarrowTables(t *testing.T) {
	f, s := openRegistry(t)
	if !containsText(f.w.body, "平城街志愿服务队") {
		t.Errorf("the organisation tab does not show the organisation; texts: %q", visibleTexts(f.w.body))
	}
	o := s.orgs
	if n := tableRows(o.table); n != 2 {
		t.Fatalf("organisations before filtering = %d, want 2", n)
	}
	o.typ.SetSelected("文体活动类")
	if n := tableRows(o.table); n != 1 || o.rows[0].Name != "中城街道文体协会" {
		t.Fatalf("after choosing 文体活动类: %d rows (%v)", n, o.rows)
	}
	o.typ.SetSelected(T("registry.all"))
	test.Type(o.search, "志愿")
	if n := tableRows(o.table); n != 1 || o.rows[0].Name != "平城街志愿服务队" {
		t.Fatalf("after searching 志愿: %d rows", n)
	}
	o.search.SetText("")
	o.town.SetSelected("中城街道")
	if n := tableRows(o.table); n != 2 {
		t.Errorf("both organisations are in 中城街道, got %d rows", n)
	}

	s.tabs.SelectIndex(1)
	wk := s.workers
	if n := tableRows(wk.table); n != 2 {
		t.Fatalf("workers before filtering = %d, want 2", n)
	}
	if got := wk.cell(0, 2); got == testIDNumber(t, 1) || got == testIDNumber(t, 2) {
		t.Errorf("the table shows a full 身份证号: %s", got)
	}
	wk.qual.SetSelected(models.QualWorker)
	if n := tableRows(wk.table); n != 1 || wk.rows.rows[0].Name != "王明" {
		t.Fatalf("after choosing 社会工作师: %d rows", n)
	}
	wk.qual.SetSelected(T("registry.all"))
	wk.post.SetSelected("网格员")
	if n := tableRows(wk.table); n != 1 || wk.rows.rows[0].Name != "李华" {
		t.Fatalf("after choosing 网格员: %d rows", n)
	}
}

func TestRegistryRevealWorkerIsAudited(t *testing.T) {
	f, s := openRegistry(t)
	s.tabs.SelectIndex(1)
	wk := s.workers
	wk.table.Select(widget.TableCellID{Row: 0, Col: 0})
	r := wk.rows.rows[0]
	test.Tap(button(t, wk.root, T("registry.reveal")))
	w, err := f.app.Registry.RevealWorker(f.ctx, r.ID) // the number the dialog must show
	if err != nil {
		t.Fatal(err)
	}
	if d := topOverlay(t, f.w.Win); !containsText(d, w.IDNumber) {
		t.Errorf("the reveal dialog does not show the full 身份证号; texts: %q", visibleTexts(d))
	}
	rows, err := f.app.AuditLog.Rows(f.ctx, auth.AuditQuery{Module: registry.Module})
	if err != nil {
		t.Fatal(err)
	}
	views := 0
	for _, a := range rows {
		if a.Action == "查看" && a.Record == "社会工作者 "+strconv.FormatInt(r.ID, 10) {
			views++
		}
	}
	if views != 2 { // the button's and this test's own RevealWorker
		t.Errorf("查看 entries for worker %d = %d, want 2; trail: %+v", r.ID, views, rows)
	}
}

func TestRegistryOrgFormListsEveryProblem(t *testing.T) {
	f, s := openRegistry(t)
	test.Tap(button(t, s.orgs.root, T("registry.add")))
	form := topOverlay(t, f.w.Win)
	test.Tap(button(t, form, T("registry.save")))
	msg := topOverlay(t, f.w.Win)
	if msg == form {
		t.Fatal("saving an empty form showed no error")
	}
	for _, want := range []string{"名称", "统一社会信用代码", "组织形式", "类型", "性质", "所在区划"} {
		if !containsText(msg, want) {
			t.Errorf("the error does not mention %s; texts: %q", want, visibleTexts(msg))
		}
	}
	if n := tableRows(s.orgs.table); n != 2 {
		t.Errorf("a refused form changed the table: %d rows", n)
	}
}

func TestRegistryStatsDrawsBars(t *testing.T) {
	_, s := openRegistry(t)
	s.tabs.SelectIndex(4)
	if len(s.stats.stats) != 1 || s.stats.stats[0].Township != "中城街道" || s.stats.stats[0].Orgs != 2 {
		t.Fatalf("statistics = %+v", s.stats.stats)
	}
	bars := 0
	for _, o := range visibleObjects(s.stats.chart) {
		if _, ok := o.(*canvas.Rectangle); ok {
			bars++
		}
	}
	if bars < 4 { // the legend's four swatches at least, and the stacked bar
		t.Errorf("the chart draws %d rectangles", bars)
	}
	if len(s.stats.towns) == 0 || s.stats.towns[len(s.stats.towns)-1].Township != "合计" {
		t.Errorf("subsidy totals = %+v", s.stats.towns)
	}
}

func TestRegistrySubsidyRulesEditor(t *testing.T) {
	f, s := openRegistry(t)
	s.stats.onRules()
	dlg := topOverlay(t, f.w.Win)
	var monthly *widget.Entry
	for _, o := range visibleObjects(dlg) {
		if e, ok := o.(*widget.Entry); ok && e.Text == "300.00" {
			monthly = e
		}
	}
	if monthly == nil {
		t.Fatal("the 社会工作师 monthly rate 300.00 is not in the editor")
	}
	retype(monthly, "abc")
	test.Tap(button(t, dlg, "确定"))
	if rules, _ := f.app.Registry.SubsidyRules(f.ctx); rules[1].Monthly != 30000 {
		t.Fatalf("an unreadable amount was saved: %+v", rules)
	}
	retype(monthly, "350")
	test.Tap(button(t, dlg, "确定"))
	rules, err := f.app.Registry.SubsidyRules(f.ctx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rules {
		found = found || (r.Qualification == models.QualWorker && r.Monthly == 35000)
	}
	if !found {
		t.Fatalf("rules after saving: %+v", rules)
	}
}

// TestRegistryCoverageChartRunsToHundred: grid coverage is a percentage; a township at 2.5 %
// drew a full-width bar because bars were scaled to the largest value.
func TestRegistryCoverageChartRunsToHundred(t *testing.T) {
	_, s := openRegistry(t)
	s.tabs.SelectIndex(4)
	s.stats.stats = []registry.TownshipStat{{Township: "中城街道", Coverage: 0.025, PerTenThousand: -1}}
	s.stats.metric.SetSelected(T("registry.metric_coverage"))
	var shares []float32
	for _, o := range visibleObjects(s.stats.chart) {
		if c, ok := o.(*fyne.Container); ok {
			if l, ok := c.Layout.(segLayout); ok {
				shares = append(shares, l.shares...)
			}
		}
	}
	if len(shares) != 1 || shares[0] > 0.03 {
		t.Errorf("coverage 2.5 %%: bar shares %v, want [0.025]", shares)
	}
}

// TestRegistryOrgFormUSCCHintReadsWhole: the USCC hint was a placeholder cut to
// "18 位；备案的社区社会…"; it is the field's hint under it now, read whole.
func TestRegistryOrgFormUSCCHintReadsWhole(t *testing.T) {
	f, s := openRegistry(t)
	test.Tap(button(t, s.orgs.root, T("registry.add")))
	form := formIn(t, topOverlay(t, f.w.Win))
	for _, it := range form.Items {
		if it.Text != T("registry.col_uscc") {
			continue
		}
		if it.HintText != T("registry.uscc_hint") || it.Widget.(*widget.Entry).PlaceHolder != "" {
			t.Errorf("hint %q, placeholder %q", it.HintText, it.Widget.(*widget.Entry).PlaceHolder)
		}
		return
	}
	t.Error("no 统一社会信用代码 field")
}
