package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

func TestChecklistFormLiveScore(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.checklist")
	var s *checklistScreen
	for _, sc := range f.w.screens {
		if c, ok := sc.(*checklistScreen); ok {
			s = c
		}
	}
	if s == nil || s.countyCode() != "511302000000" || s.townshipCode() != "511302001000" || len(s.communities) == 0 {
		t.Fatalf("screen not loaded: %v %q %q", s != nil, s.countyCode(), s.townshipCode())
	}
	if len(s.rollup) == 0 || !strings.Contains(s.rollup[len(s.rollup)-1].Name, "合计") {
		t.Fatalf("roll-up %+v", s.rollup)
	}
	s.tabs.SelectIndex(1)
	s.list.Select(0)
	if s.form.code != "511302001001" || !strings.HasPrefix(s.form.score.Text, "得分 0 / 100") {
		t.Fatalf("form %q %q", s.form.code, s.form.score.Text)
	}
	input := func(code string) *indicatorInput {
		for _, r := range s.form.inputs {
			if r.in.Code == code {
				return r
			}
		}
		t.Fatalf("no input for %s", code)
		return nil
	}
	input("ORG01").yesNo.SetSelected("是")
	if !strings.HasPrefix(s.form.score.Text, "得分 4 / 100") || input("ORG01").earned.Text != "得 4 分" {
		t.Fatalf("after ORG01: %q", s.form.score.Text)
	}
	org03 := input("ORG03").number
	test.Type(org03, "49")
	if !strings.HasPrefix(s.form.score.Text, "得分 4 ") {
		t.Fatalf("49%% below the community target counted: %q", s.form.score.Text)
	}
	test.Type(org03, "0") // 490
	if !strings.HasPrefix(s.form.score.Text, "得分 6 ") {
		t.Fatalf("after ORG03: %q", s.form.score.Text)
	}
	if !strings.Contains(s.form.hint.Text, "升至“达标”") {
		t.Errorf("hint %q", s.form.hint.Text)
	}
	test.Tap(s.form.save)
	form, err := f.app.Checklist.Form(f.ctx, "511302001001", s.yearValue())
	if err != nil || !form.Exists || form.Assessment.Score != 6 {
		t.Fatalf("saved: %+v %v", form.Assessment.Score, err)
	}
	if s.communities[0].Score != 6 || !s.communities[0].Assessed || s.rollup[0].Assessed != 1 {
		t.Errorf("lists not refreshed: %+v %+v", s.communities[0], s.rollup[0])
	}
	if len(s.form.actions.Objects) != 1 {
		t.Errorf("workflow buttons: %d", len(s.form.actions.Objects))
	}
}
