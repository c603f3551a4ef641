// Package ui is shequ's Fyne interface: the main window, the theme and one file per screen.
// Screens call app services only; they never touch the database, excelize or fpdf.
package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/app"
	"shequ/app/auth"
)

// screen is one entry of the left navigation.
type screen interface {
	title() string
	content() fyne.CanvasObject
	// shown is called every time the user navigates to the screen, to refresh what it shows.
	shown()
}

// releaser is a screen that can let go of its widget tree when the clerk leaves it, so a session
// that visited every screen rests at the memory of one (issue 19). release returns an unbuilt
// screen to take its place, carrying the plain state the clerk chose (filters, tab), or nil when
// leaving now would lose something: unsaved input or running work. Background work of the old
// screen keeps its own struct and writes into the dropped widgets, which nothing shows.
type releaser interface {
	release() screen
}

// MainWindow is shequ's one window: navigation on the left, the chosen screen on the right.
type MainWindow struct {
	Win     fyne.Window
	app     *app.App
	ctx     context.Context
	screens []screen
	nav     *widget.List
	body    *fyne.Container
	current int

	home      *homeScreen
	divisions *divisionsScreen
	sweep     *time.Timer // the repaint that lets Fyne drop the renderers of released screens
	namedDB   bool        // --db or SHEQU_DB named this start's database (see NamedDatabase)
}

// NewMainWindow builds the window over the services. Translations must be loaded first.
func NewMainWindow(fa fyne.App, a *app.App) *MainWindow {
	w := &MainWindow{app: a, ctx: context.Background(), current: -1}
	clerkError = a.Explain
	w.Win = fa.NewWindow(T("app.title"))
	w.Win.SetIcon(AppIcon)
	// Screens are built on their first visit (content), not here: start-up builds only the one shown.
	w.home = newHomeScreen(w)
	w.divisions = newDivisionsScreen(w)
	// The order of the policy's work: divisions, 标准化, 三社互动, 经费, 部门职责, 自治台账, then reports.
	w.screens = []screen{w.home, w.divisions, newChecklistScreen(w), newRegistryScreen(w), newBudgetScreen(w),
		newDutiesScreen(w), newLedgersScreen(w), newReportScreen(w), newAuditScreen(w), newSettingsScreen(w), newAboutScreen(w)}
	w.buildUI()
	w.Win.Resize(fyne.NewSize(1280, 800))
	// Once the first screen is drawn its fonts are loaded: what start-up left behind (the faces'
	// parse garbage among it) goes back.
	time.AfterFunc(startSettled, releaseMemory)
	return w
}

// startSettled is when the first screen has long been drawn, even on a slow machine.
const startSettled = 10 * time.Second

func (w *MainWindow) buildUI() {
	w.nav = widget.NewList(
		func() int { return len(w.screens) },
		func() fyne.CanvasObject { return widget.NewLabel("区划与社区档案") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(w.screens[i].title()) },
	)
	w.nav.OnSelected = func(i widget.ListItemID) { w.show(i) }
	w.body = container.NewStack()
	split := container.NewHSplit(w.nav, w.body)
	split.Offset = 0.12
	w.Win.SetContent(split)
	w.nav.Select(0)
}

// Show switches to the screen with the given title key ("nav.home", "nav.divisions", "nav.about").
func (w *MainWindow) Show(titleKey string) {
	for i, s := range w.screens {
		if s.title() == T(titleKey) {
			w.nav.Select(i)
			return
		}
	}
}

func (w *MainWindow) show(i int) {
	if i == w.current {
		return
	}
	if w.current >= 0 {
		w.leave(w.current)
	}
	w.current = i
	s := w.screens[i]
	w.body.Objects = []fyne.CanvasObject{s.content()}
	w.body.Refresh()
	s.shown()
}

// leave drops the tree of the screen being left when it can go without losing anything; when it
// cannot, it is kept and asked again the next time it is left.
func (w *MainWindow) leave(i int) {
	r, ok := w.screens[i].(releaser)
	// An open dialog may be the screen's, holding typed input or progress: keep everything.
	if !ok || w.Win.Canvas().Overlays().Top() != nil {
		return
	}
	n := r.release()
	if n == nil {
		return
	}
	w.Win.Canvas().Unfocus() // the focused entry may be in the dropped tree
	w.screens[i] = n
	w.sweepLater()
	switch x := n.(type) {
	case *homeScreen:
		w.home = x
	case *divisionsScreen:
		w.divisions = x
	}
}

// sweepAfter is when a dropped tree's renderers have expired in Fyne's cache (cache.ValidDuration,
// one minute after they were last drawn), with a margin.
var sweepAfter = 75 * time.Second

// sweepLater repaints the window once the dropped trees' renderers have expired, then hands the
// freed memory back to the system. Fyne destroys expired renderers, which hold their widgets and
// so the whole dropped screen, only after a repaint, and a window at rest does not repaint.
func (w *MainWindow) sweepLater() {
	if w.sweep != nil {
		w.sweep.Stop()
	}
	w.sweep = time.AfterFunc(sweepAfter, func() {
		fyne.Do(w.body.Refresh)
		time.AfterFunc(15*time.Second, releaseMemory) // after the cache was cleaned (at most every 10 s)
	})
}

// showError tells the user what went wrong, in a dialog.
func (w *MainWindow) showError(err error) {
	if err != nil {
		showErrorDialog(w.Win, err)
	}
}

// SelectTab opens the tab titled title on the screen shown now; false when it has no such tab.
func (w *MainWindow) SelectTab(title string) bool {
	if w.current < 0 {
		return false
	}
	var found bool
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *container.AppTabs:
			for _, it := range x.Items {
				if !found && it.Text == title {
					x.Select(it)
					found = true
				}
			}
			for _, it := range x.Items {
				walk(it.Content)
			}
		case *container.Split:
			walk(x.Leading)
			walk(x.Trailing)
		case *container.Scroll:
			walk(x.Content)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(w.screens[w.current].content())
	return found
}

// SelectDivision opens 区划与社区 with code selected.
func (w *MainWindow) SelectDivision(code string) {
	w.Show("nav.divisions")
	w.divisions.Select(code)
}

// DailyBackup makes today's automatic backup if there is none yet; a failure (a USB drive that
// is not plugged in, say) is shown, not fatal.
func (w *MainWindow) DailyBackup() {
	openedFiles() // also at start: remove the copies of opened attachments earlier runs left
	if _, err := w.app.Backups.Daily(context.Background()); err != nil {
		fyne.Do(func() { showErrorDialog(w.Win, fmt.Errorf("今日自动备份未完成：%w", err)) })
	}
}

// refreshAll shows fresh data everywhere, after the database was replaced by a restore.
func (w *MainWindow) refreshAll() {
	if w.current >= 0 {
		w.screens[w.current].shown()
	}
	if w.divisions.tree != nil { // not built until its first visit
		w.divisions.reload("") // the tree, or the hits of its search, read again
	}
}

func (w *MainWindow) auth() *auth.Service { return w.app.Auth() }

// ParseWindowSize reads a --size value such as "1280x720": both numbers from 640×480 up.
func ParseWindowSize(s string) (fyne.Size, error) {
	w, h, ok := strings.Cut(strings.ToLower(strings.TrimSpace(s)), "x")
	wi, errW := strconv.Atoi(w)
	hi, errH := strconv.Atoi(h)
	if !ok || errW != nil || errH != nil || wi < 640 || hi < 480 {
		return fyne.Size{}, fmt.Errorf("窗口大小“%s”无效：请写成 宽x高，如 1280x720（宽至少 640，高至少 480）", s)
	}
	return fyne.NewSize(float32(wi), float32(hi)), nil
}
