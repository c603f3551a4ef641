package ui

import (
	"time"

	"fyne.io/fyne/v2"
)

// VisitAll shows every screen in turn, step apart so each is drawn, then returns to 首页. Only for
// measuring idle memory after a session that touched everything (SHEQU_VISIT_ALL, BENCHMARKS.md).
func (w *MainWindow) VisitAll(step time.Duration) {
	for i := range w.screens {
		time.Sleep(step)
		fyne.Do(func() { w.nav.Select(i) })
	}
	time.Sleep(step)
	fyne.Do(func() { w.nav.Select(0) })
}
