package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"shequ/app/report"
)

// The 领导机制 form saves against what it was opened with: another desk's save meanwhile asks
// 重新载入 (the form opens again on the stored values) or 仍然保存.
func TestLeadershipFormAsksOnConflict(t *testing.T) {
	f := newFixture(t)
	other := otherDesk(t, f)
	form := openLeadershipForm(f.w)
	form.group.SetText("本桌的领导小组")
	theirs := report.Leadership{Group: "另一桌的领导小组"}
	if err := other.Reports.SaveLeadership(f.ctx, report.Leadership{}, theirs); err != nil {
		t.Fatal(err)
	}
	form.dlg.Hide()
	form.save()
	o := topOverlay(t, f.w.Win)
	if msg := strings.Join(visibleTexts(o), "\n"); !strings.Contains(msg, "设置（领导机制）已被 "+other.Actor+" 于 ") {
		t.Fatalf("the conflict says %q", msg)
	}
	test.Tap(button(t, o, "重新载入"))
	if texts := visibleTexts(topOverlay(t, f.w.Win)); !strings.Contains(strings.Join(texts, "\n"), "另一桌的领导小组") {
		t.Errorf("重新载入 does not show the stored 领导机制: %q", texts)
	}
	f.w.Win.Canvas().Overlays().Top().Hide()

	form.save() // still from what it was opened with
	test.Tap(button(t, topOverlay(t, f.w.Win), "仍然保存"))
	if l, _ := f.app.Reports.Leadership(f.ctx); l.Group != "本桌的领导小组" {
		t.Errorf("after 仍然保存 %+v", l)
	}
}
