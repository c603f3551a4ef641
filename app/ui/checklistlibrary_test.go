package ui

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shequ/app/checklist"
	"shequ/models"
)

// openChecklist shows 社区标准化 and returns its screen (顺庆区, 中城街道, this year).
func openChecklist(t *testing.T, f *fixture) *checklistScreen {
	t.Helper()
	f.w.Show("nav.checklist")
	for _, sc := range f.w.screens {
		if c, ok := sc.(*checklistScreen); ok && c.countyCode() != "" {
			return c
		}
	}
	t.Fatal("社区标准化 not loaded")
	return nil
}

func TestChecklistEvidenceAndHistoryChart(t *testing.T) {
	f := newFixture(t)
	s := openChecklist(t, f)
	s.tabs.SelectIndex(1)
	s.list.Select(0)
	form := s.form
	if form.code != pingcheng {
		t.Fatalf("form shows %q", form.code)
	}
	// Not saved yet: no attach buttons, and the history says there is none.
	if hasButton(form.body, "证明材料") || !containsText(form.history, "还没有测评记录") || form.chart != nil {
		t.Fatalf("before saving: attach shown or history %q", visibleTexts(form.history))
	}
	test.Tap(form.save)
	if !hasButton(form.body, "证明材料") {
		t.Fatal("no attach buttons after saving")
	}
	form.attach("ORG01", `D:\台账\两委会议记录.pdf`, []byte("%PDF 记录"))
	form.attach("ORG02", "空.txt", nil) // refused: empty; shown in an error dialog
	if got := len(form.evidence["ORG01"]); got != 1 || len(form.evidence["ORG02"]) != 0 {
		t.Fatalf("evidence %+v", form.evidence)
	}
	if !containsText(form.body, "证明材料：两委会议记录.pdf（") {
		t.Errorf("file not listed: %q", visibleTexts(form.body))
	}
	test.Tap(button(t, form.body, "打开"))
	if data, err := os.ReadFile(form.lastOpened); err != nil || string(data) != "%PDF 记录" {
		t.Errorf("opened %q: %q %v", form.lastOpened, data, err)
	}
	form.removeEvidence("ORG01", form.evidence["ORG01"][0].ID)
	if len(form.evidence["ORG01"]) != 0 || containsText(form.body, "两委会议记录.pdf") {
		t.Errorf("file not removed: %+v", form.evidence)
	}
	// Attaching leaves what the clerk typed and has not saved yet.
	var org03 *indicatorInput
	for _, r := range form.inputs {
		if r.in.Code == "ORG03" {
			org03 = r
		}
	}
	test.Type(org03.number, "77")
	form.attach("ORG01", "照片.jpg", []byte{0xFF, 0xD8})
	if org03.number.Text != "77" || len(form.evidence["ORG01"]) != 1 {
		t.Errorf("after attaching: ORG03 %q, files %+v", org03.number.Text, form.evidence)
	}

	// The chart: one bar for this year, the thresholds marked.
	if form.chart == nil || len(form.chart.bars) != 1 || len(form.chart.lines) != 3 {
		t.Fatalf("chart %+v", form.chart)
	}
	for _, want := range []string{"达标 60", "良好 75", "优秀 90", "0"} {
		if !containsText(form.history, want) {
			t.Errorf("chart lacks %q: %q", want, visibleTexts(form.history))
		}
	}

	// Accepted by the county: frozen, files listed but no attach or remove.
	lib, _ := f.app.Checklist.Library(f.ctx, "511302000000", s.yearValue())
	all := map[string]models.IndicatorValue{}
	for _, in := range lib.Active() {
		v := in.Target("社区")
		all[in.Code] = models.IndicatorValue{Value: &v}
	}
	if _, err := f.app.Checklist.Save(f.ctx, pingcheng, s.yearValue(), all); err != nil {
		t.Fatal(err)
	}
	for _, act := range []string{checklist.ActSubmit, checklist.ActApprove, checklist.ActAccept} {
		if err := f.app.Checklist.Step(f.ctx, pingcheng, s.yearValue(), act, ""); err != nil {
			t.Fatal(err)
		}
	}
	form.load(pingcheng)
	if hasButton(form.body, "证明材料") || hasButton(form.body, "删除") || !containsText(form.body, "照片.jpg") {
		t.Errorf("frozen form: %q", visibleTexts(form.body))
	}
	if form.chart == nil || form.chart.rows[0].Score != 100 {
		t.Errorf("chart after full marks: %+v", form.chart)
	}
	bar := form.chart.bars[0]
	if bar.Size().Height <= 0 {
		t.Errorf("bar not laid out: %v", bar.Size())
	}
}

func TestChecklistLibraryTab(t *testing.T) {
	f := newFixture(t)
	s := openChecklist(t, f)
	s.tabs.SelectIndex(3)
	p := s.library
	if !strings.Contains(p.summary.Text, "42 项指标，共 100 分") || !strings.Contains(p.levels.Text, "达标 ≥ 60") {
		t.Fatalf("library tab: %q %q", p.summary.Text, p.levels.Text)
	}
	for _, dim := range models.Dimensions {
		if !containsText(p.body, dim+"（") {
			t.Errorf("dimension %s missing", dim)
		}
	}
	// The add dialog opens with its fields.
	test.Tap(button(t, p.root, "新增指标"))
	if dlg := topOverlay(t, f.w.Win); !containsText(dlg, "社区目标值") || !containsText(dlg, "否决项（未达到即评为未达标）") {
		t.Errorf("add dialog: %q", visibleTexts(dlg))
	}
	msg := widget.NewLabel("")
	// Every problem at once.
	e := newIndicatorEditor(models.Indicator{}, true)
	e.code.SetText("x1")
	e.method.SetSelected(models.MethodAtLeast.Label())
	e.community.SetText("五十")
	e.points.SetText("2.5")
	if p.saveIndicator(e, models.Indicator{}, true, msg) {
		t.Fatal("bad indicator saved")
	}
	for _, want := range []string{"指标编号", "指标名称", "维度", "社区目标值：“五十”不是数字", "分值：“2.5”不是整数"} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("message lacks %q:\n%s", want, msg.Text)
		}
	}
	// A code already in the library.
	e = newIndicatorEditor(models.Indicator{}, true)
	e.code.SetText("ORG01")
	e.name.SetText("重复")
	e.dimension.SetSelected(models.Dimensions[0])
	e.points.SetText("1")
	if p.saveIndicator(e, models.Indicator{}, true, msg) || !strings.Contains(msg.Text, "ORG01 已在指标库中") {
		t.Errorf("duplicate: %q", msg.Text)
	}
	// A good one.
	e.code.SetText("org99")
	e.name.SetText("居务公开栏按季更新")
	if !p.saveIndicator(e, models.Indicator{}, true, msg) {
		t.Fatalf("not saved: %s", msg.Text)
	}
	if in, ok := p.lib.Indicator("ORG99"); !ok || in.Points != 1 || !strings.Contains(p.summary.Text, "43 项指标，共 101 分") {
		t.Errorf("after add: %+v %q", in, p.summary.Text)
	}
	// Edit the points of an existing one.
	old, _ := p.lib.Indicator("ORG03")
	e = newIndicatorEditor(old, false)
	if !e.code.Disabled() || e.community.Text != "50" {
		t.Errorf("edit dialog code %q community %q", e.code.Text, e.community.Text)
	}
	e.points.SetText("5")
	if !p.saveIndicator(e, old, false, msg) {
		t.Fatalf("edit: %s", msg.Text)
	}
	if in, _ := p.lib.Indicator("ORG03"); in.Points != 5 || in.TargetCommunity != 50 {
		t.Errorf("after edit %+v", in)
	}
	// Retire.
	p.retire("ORG99")
	if in, _ := p.lib.Indicator("ORG99"); !in.Retired || !containsText(p.body, "ORG99 居务公开栏按季更新（已停用）") {
		t.Errorf("after retire %+v", in)
	}
	// Thresholds.
	if p.saveLevels("80", "70", "x", msg) || !strings.Contains(msg.Text, "优秀：“x”不是整数") {
		t.Errorf("bad levels: %q", msg.Text)
	}
	if p.saveLevels("80", "70", "90", msg) || !strings.Contains(msg.Text, "0 < 达标 ≤ 良好 ≤ 优秀") {
		t.Errorf("falling levels: %q", msg.Text)
	}
	if !p.saveLevels("65", "80", "92", msg) || !strings.Contains(p.levels.Text, "达标 ≥ 65 分，良好 ≥ 80 分，优秀 ≥ 92 分") {
		t.Errorf("levels: %q %q", msg.Text, p.levels.Text)
	}
}

func TestChecklistLibraryTabReadOnlyForEditors(t *testing.T) {
	f := newFixture(t)
	f.app.Role = models.RoleEditor
	s := newChecklistScreen(f.w)
	s.shown()
	if !s.library.add.Disabled() || !s.library.editLv.Disabled() || !containsText(s.library.root, "只有管理员可以修改指标库") {
		t.Error("an editor may edit the library")
	}
	if b := button(t, s.library.body, "修改"); !b.Disabled() {
		t.Error("edit button enabled for an editor")
	}
}

func TestDivisionDetailShowsDemoTitles(t *testing.T) {
	f := newFixture(t)
	s := f.openDivisions(t)
	s.Select(pingcheng)
	if got := s.detail.titlesV.Text; got != "示范单位：无" || !s.detail.titlesV.Visible() {
		t.Errorf("no titles: %q", got)
	}
	for _, tt := range []models.DemoTitle{
		{DivisionCode: pingcheng, Level: "市级", Kind: "示范社区", Year: 2023, DocumentNo: "南民发〔2023〕5号"},
		{DivisionCode: pingcheng, Level: "省级", Kind: "示范社区", Year: 2025},
	} {
		if _, err := f.app.Checklist.AddTitle(f.ctx, tt); err != nil {
			t.Fatal(err)
		}
	}
	s.Select("511302001000")
	if s.detail.titlesV.Visible() {
		t.Error("titles line shown for a township")
	}
	s.Select(pingcheng)
	if got := s.detail.titlesV.Text; got != "示范单位：2025年省级示范社区；2023年市级示范社区（南民发〔2023〕5号）" {
		t.Errorf("titles %q", got)
	}
}

// hasButton reports whether o shows a button with exactly this text.
func hasButton(o fyne.CanvasObject, text string) bool {
	for _, x := range visibleObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			return true
		}
	}
	return false
}
