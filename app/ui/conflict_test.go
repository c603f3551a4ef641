package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shequ/app"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// otherDesk opens the fixture's database a second time, as a second window or desk would.
func otherDesk(t *testing.T, f *fixture) *app.App {
	t.Helper()
	other, err := app.Open(f.ctx, pgtest.Reopenable(f.app.DBPath()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = other.Close() })
	return other
}

func setHouseholds(t *testing.T, f *fixture, a *app.App, n int64) {
	t.Helper()
	p, err := a.Divisions.Profile(f.ctx, pingcheng)
	if err != nil {
		t.Fatal(err)
	}
	p.Households = n
	if err := a.Divisions.SaveProfile(f.ctx, p); err != nil {
		t.Fatal(err)
	}
}

func storedProfile(t *testing.T, f *fixture) models.CommunityProfile {
	t.Helper()
	p, err := f.app.Divisions.Profile(f.ctx, pingcheng)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// Two clerks edit the same community profile: the second save names who changed it and when and
// offers 重新载入 (the first clerk's value comes back) and 仍然保存 (the second clerk's value is
// saved over the other change, and the version moves on).
func TestSaveOfAChangedRecordAsks(t *testing.T) {
	f := newFixture(t)
	other := otherDesk(t, f)
	s := f.openDivisions(t)
	s.Select(pingcheng)
	d := s.detail
	retype(d.households, "100")
	test.Tap(button(t, d.root, "保存"))
	if p := storedProfile(t, f); p.Households != 100 || p.RowVersion != 1 {
		t.Fatalf("first save stored %d at version %d", p.Households, p.RowVersion)
	}

	setHouseholds(t, f, other, 200) // the other desk, while this form still shows 100
	retype(d.households, "300")
	test.Tap(button(t, d.root, "保存"))
	o := topOverlay(t, f.w.Win)
	msg := strings.Join(visibleTexts(o), "\n")
	if !strings.Contains(msg, "已被 "+other.Actor+" 于 ") || !strings.Contains(msg, "修改") {
		t.Errorf("the conflict says %q, want who (%s) and when", msg, other.Actor)
	}
	if p := storedProfile(t, f); p.Households != 200 {
		t.Fatalf("the stale save was written: %d", p.Households)
	}
	test.Tap(button(t, o, "重新载入"))
	if f.w.Win.Canvas().Overlays().Top() != nil {
		t.Error("the dialog stays open after 重新载入")
	}
	if d.households.Text != "200" || d.unsaved() {
		t.Errorf("after 重新载入 the form shows %q (unsaved %v), want the other clerk's 200", d.households.Text, d.unsaved())
	}

	setHouseholds(t, f, other, 500)
	retype(d.households, "600")
	test.Tap(button(t, d.root, "保存"))
	test.Tap(button(t, topOverlay(t, f.w.Win), "仍然保存"))
	p := storedProfile(t, f)
	if p.Households != 600 || p.RowVersion != 4 {
		t.Errorf("after 仍然保存: %d at version %d, want 600 at version 4", p.Households, p.RowVersion)
	}
	if !strings.Contains(d.message.Text, "已保存") || d.households.Text != "600" {
		t.Errorf("after 仍然保存 the form says %q and shows %q", d.message.Text, d.households.Text)
	}
	// The form is at the new version: the next save goes through without a question.
	retype(d.households, "700")
	test.Tap(button(t, d.root, "保存"))
	if top := f.w.Win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("a save after 仍然保存 asked again: %q", visibleTexts(top))
	}
	if p := storedProfile(t, f); p.Households != 700 {
		t.Errorf("stored %d, want 700", p.Households)
	}
}

// A change announced for the open screen's area shows the other desk's data at once; input typed
// and not saved is left alone; a change of another area reads nothing.
func TestChangeAnnouncedRefreshesOpenScreen(t *testing.T) {
	f := newFixture(t)
	other := otherDesk(t, f)
	f.w.Show("nav.home")
	if f.w.home.profiles.Text != "0" {
		t.Fatalf("home counts %q profiles, want 0", f.w.home.profiles.Text)
	}
	setHouseholds(t, f, other, 42)
	f.w.changed("区划")
	if f.w.home.profiles.Text != "1" {
		t.Errorf("after the change home counts %q profiles, want 1", f.w.home.profiles.Text)
	}

	s := f.openDivisions(t)
	s.Select(pingcheng)
	d := s.detail
	setHouseholds(t, f, other, 43)
	f.w.changed("民主自治")
	if d.households.Text != "42" {
		t.Errorf("a change of 民主自治 reread the profile: %q", d.households.Text)
	}
	f.w.changed("区划")
	if d.households.Text != "43" {
		t.Errorf("after the change the profile shows %q, want the other desk's 43", d.households.Text)
	}
	retype(d.population, "9")
	setHouseholds(t, f, other, 44)
	f.w.changed("区划")
	if d.households.Text != "43" || d.population.Text != "9" {
		t.Errorf("a change wiped typed input: households %q, population %q", d.households.Text, d.population.Text)
	}
}

// The ledger forms ask too (they save with the context they were opened with): 仍然保存 on an
// entry another desk changed meanwhile saves this clerk's values and closes the form.
func TestLedgerFormOverwritesOnRequest(t *testing.T) {
	f := newFixture(t)
	other := otherDesk(t, f)
	today := func() time.Time { return time.Date(2026, 5, 20, 0, 0, 0, 0, time.Local) }
	f.app.Ledgers.Today, other.Ledgers.Today = today, today
	id, err := f.app.Ledgers.SaveMeeting(f.ctx, models.Meeting{DivisionCode: pingcheng, Kind: "民情恳谈会",
		HeldOn: time.Date(2026, 5, 10, 0, 0, 0, 0, time.Local), Topic: "防汛", Present: 28, Entitled: 30})
	if err != nil {
		t.Fatal(err)
	}
	s := f.openLedgers(t, "平城街社区", pingcheng)
	s.ledgers[0].edit(id)
	dlg := topOverlay(t, f.w.Win)
	var topic *widget.Entry
	for _, it := range formIn(t, dlg).Items {
		if e, ok := it.Widget.(*widget.Entry); ok && it.Text == "议题" {
			topic = e
		}
	}
	m, err := other.Ledgers.Meeting(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	m.Topic = "停车难"
	if _, err := other.Ledgers.SaveMeeting(f.ctx, m); err != nil {
		t.Fatal(err)
	}
	retype(topic, "防汛与停车")
	test.Tap(button(t, dlg, "保存"))
	ask := topOverlay(t, f.w.Win)
	if ask == dlg || !containsText(ask, "仍然保存") {
		t.Fatalf("no question over the form: %q", visibleTexts(ask))
	}
	test.Tap(button(t, ask, "仍然保存"))
	if top := f.w.Win.Canvas().Overlays().Top(); top != nil {
		t.Fatalf("still open after 仍然保存: %q", visibleTexts(top))
	}
	if got, _ := f.app.Ledgers.Meeting(f.ctx, id); got.Topic != "防汛与停车" || got.RowVersion != 3 {
		t.Errorf("stored %q at version %d, want 防汛与停车 at 3", got.Topic, got.RowVersion)
	}
}
