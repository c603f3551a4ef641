package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"shequ/models"
)

// The 自查 form opened on a village with no assessment yet: when another desk saves that
// village's assessment meanwhile, saving asks 重新载入 / 仍然保存, naming who, instead of replacing
// the other desk's values with this form's.
func TestChecklistFirstSaveAsksOnConflict(t *testing.T) {
	f := newFixture(t)
	other := otherDesk(t, f)
	f.w.Show("nav.checklist")
	s := f.w.screens[screenIndex(t, f.w, "社区标准化")].(*checklistScreen)
	s.tabs.SelectIndex(1)
	s.list.Select(0)
	code, year := s.form.code, s.yearValue()
	if code == "" || s.form.form.Exists {
		t.Fatalf("form on %q, exists %v", code, s.form.form.Exists)
	}
	no := 0.0
	if _, err := other.Checklist.SaveRead(f.ctx, code, year, models.ReadAbsent, map[string]models.IndicatorValue{"ORG01": {Value: &no}}); err != nil {
		t.Fatal(err)
	}
	org01 := func() *float64 {
		t.Helper()
		stored, err := f.app.Checklist.Form(f.ctx, code, year)
		if err != nil {
			t.Fatal(err)
		}
		return stored.Assessment.Values["ORG01"].Value
	}
	for _, r := range s.form.inputs {
		if r.in.Code == "ORG01" {
			r.yesNo.SetSelected("是")
		}
	}
	test.Tap(s.form.save)
	o := topOverlay(t, f.w.Win)
	if msg := strings.Join(visibleTexts(o), "\n"); !strings.Contains(msg, "已被 "+other.Actor+" 于 ") {
		t.Fatalf("the save says %q, want a conflict naming %s", msg, other.Actor)
	}
	if v := org01(); v == nil || *v != 0 {
		t.Fatalf("the other desk's 否 for ORG01 was replaced: %v", v)
	}
	test.Tap(button(t, o, "仍然保存"))
	if v := org01(); v == nil || *v != 1 {
		t.Errorf("仍然保存 did not save this form's 是 for ORG01: %v", v)
	}
}
