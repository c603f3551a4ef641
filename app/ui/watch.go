package ui

import (
	"context"

	"fyne.io/fyne/v2"
)

// Other desks' changes reach the open screen without a restart. The app announces the area of
// every committed write (app.Changes: NOTIFY on a shared database, PRAGMA data_version on a
// file); the window reads the screen in front again when the area concerns it, unless that would
// wipe something: a dialog open above it (a form being filled in, a question) or typed input not
// saved (the same test as leaving the screen, release.go). A screen skipped so is read again the
// next time it is shown.

// Watch follows the database's changes until ctx ends.
func (w *MainWindow) Watch(ctx context.Context) { w.follow(w.app.Changes(ctx)) }

func (w *MainWindow) follow(changes <-chan string) {
	go func() {
		for area := range changes {
			fyne.Do(func() { w.changed(area) })
		}
	}()
}

// changed reads the screen in front again when area ("" for any) concerns it and nothing
// unsaved is in the way.
func (w *MainWindow) changed(area string) {
	if w.current < 0 {
		return
	}
	s := w.screens[w.current]
	if !concerns(s, area) || w.Win.Canvas().Overlays().Top() != nil || holdsInput(s) {
		return
	}
	s.shown()
	if d, ok := s.(*divisionsScreen); ok {
		d.detail.reread()
	}
}

// concerns says whether a change in area (the audit trail's module) can alter what s shows.
func concerns(s screen, area string) bool {
	var areas []string
	switch s.(type) {
	case *homeScreen, *auditScreen: // counts of everything; the trail itself
		return true
	case *reportScreen, *settingsScreen, *aboutScreen: // forms and fixed text: nothing to read again
		return false
	case *divisionsScreen:
		areas = []string{"区划"}
	case *checklistScreen:
		areas = []string{"社区标准化建设", "区划"}
	case *registryScreen:
		areas = []string{"三社互动", "区划"}
	case *budgetScreen:
		areas = []string{"经费保障"}
	case *dutiesScreen:
		areas = []string{"部门职责"}
	case *ledgersScreen:
		areas = []string{"民主自治"}
	}
	if area == "" {
		return true
	}
	for _, a := range areas {
		if a == area {
			return true
		}
	}
	return false
}

// holdsInput says whether s holds what reading it again would lose: release (release.go) keeps
// a screen's tree for exactly that, unsaved input or running work.
func holdsInput(s screen) bool {
	r, ok := s.(releaser)
	return ok && r.release() == nil
}

// reread shows the open village's profile again when another desk saved it; the clerk's own
// last message stays when nothing changed.
func (d *divisionDetail) reread() {
	if d.code == "" || d.unsaved() || !d.profileBox.Visible() {
		return
	}
	p, err := d.s.w.app.Divisions.Profile(d.s.w.ctx, d.code)
	if err != nil || p.RowVersion == d.version {
		return
	}
	d.loadProfile()
}
