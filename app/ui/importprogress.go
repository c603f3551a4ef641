package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// progressState is what an import's progress bar shows: work under way, finished, or failed.
type progressState int

const (
	progressRunning progressState = iota
	progressOK
	progressFailed
)

// Bar colours per state: the theme's red primary made a finished import look like a failure.
var progressColours = map[progressState]color.Color{
	progressRunning: color.NRGBA{R: 0x1e, G: 0x6f, B: 0xb8, A: 0xff},
	progressOK:      color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff},
	progressFailed:  color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff},
}

// importProgress is a long task's progress bar with its 停止 button: the button is enabled only
// while the work runs, and the bar's colour says how the work ended.
type importProgress struct {
	bar   *widget.ProgressBar
	stop  *widget.Button
	view  *container.ThemeOverride
	state progressState
}

func newImportProgress(onStop func()) *importProgress {
	p := &importProgress{bar: widget.NewProgressBar()}
	p.stop = widget.NewButton(T("budget.cancel_work"), func() {
		onStop()
		p.stop.Disable()
	})
	p.stop.Disable()
	p.view = container.NewThemeOverride(p.bar, barTheme{Theme: fyne.CurrentApp().Settings().Theme(), c: progressColours[progressRunning]})
	return p
}

// start shows the work as under way from zero and enables 停止.
func (p *importProgress) start() {
	p.setState(progressRunning)
	p.bar.SetValue(0)
	p.stop.Enable()
}

// reset shows no work: an empty bar and 停止 disabled.
func (p *importProgress) reset() {
	p.setState(progressRunning)
	p.bar.SetValue(0)
	p.stop.Disable()
}

// finish shows how the work ended and disables 停止: a full green bar, or a red one with the
// bar left where the work stopped.
func (p *importProgress) finish(ok bool) {
	p.stop.Disable()
	if ok {
		p.setState(progressOK)
		p.bar.SetValue(1)
		return
	}
	p.setState(progressFailed)
}

func (p *importProgress) setState(s progressState) {
	p.state = s
	p.view.Theme = barTheme{Theme: fyne.CurrentApp().Settings().Theme(), c: progressColours[s]}
	p.view.Refresh()
}

// barTheme colours a progress bar: its fill is the primary colour.
type barTheme struct {
	fyne.Theme
	c color.Color
}

func (t barTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNamePrimary {
		return t.c
	}
	return t.Theme.Color(n, v)
}
