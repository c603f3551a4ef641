package ui

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shequ/app"
	"shequ/app/store/pgtest"
)

// TestMain runs the tests in an English "C" locale, as on a machine nobody set up for Chinese:
// shequ must show Chinese anyway.
func TestMain(m *testing.M) {
	for k, v := range map[string]string{"LC_ALL": "C", "LC_MESSAGES": "", "LANGUAGE": "", "LANG": "C", "SHEQU_LANG": ""} {
		_ = os.Setenv(k, v)
	}
	LoadTranslations()
	// Fyne's test driver runs fyne.Do at once on the calling goroutine: background work must run
	// in line, or it races the test.
	runAsync = func(work func()) { work() }
	// For the same reason the sweep's repaint, on a timer goroutine, must not come during the run
	// (a run of this package takes longer than the 75 s the window waits).
	sweepAfter = 24 * time.Hour
	if got := T("nav.home"); got != "首页" {
		fmt.Fprintf(os.Stderr, "translations did not load in Chinese: T(\"nav.home\") = %q\n", got)
		os.Exit(2)
	}
	os.Exit(pgtest.Main(m))
}

// fixture is one main window over a freshly seeded database.
type fixture struct {
	ctx context.Context
	app *app.App
	w   *MainWindow
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	fa := test.NewTempApp(t)
	fa.Settings().SetTheme(NewTheme())
	ctx := context.Background()
	a, err := app.Open(ctx, pgtest.DBPath(t))
	if err != nil {
		t.Fatalf("app.Open: %v", err)
	}
	t.Cleanup(func() {
		if err := a.Close(); err != nil {
			t.Errorf("closing the database: %v", err)
		}
	})
	if _, err := a.Init(ctx); err != nil {
		t.Fatalf("app.Init: %v", err)
	}
	w := NewMainWindow(fa, a)
	t.Cleanup(func() { closeWindow(w) })
	return &fixture{ctx: ctx, app: a, w: w}
}

// openDivisions shows 区划与社区 and returns its screen.
func (f *fixture) openDivisions(t *testing.T) *divisionsScreen {
	t.Helper()
	f.w.Show("nav.divisions")
	if got := f.w.body.Objects[0]; got != f.w.divisions.content() {
		t.Fatalf("区划与社区 is not in the body after Show(nav.divisions)")
	}
	return f.w.divisions
}

// walkVisible visits what o shows, depth first: containers' children and widgets' rendered
// objects, skipping anything hidden. It uses the cached renderers, as the canvas does. visit
// returns false to leave an object's insides unvisited.
func walkVisible(o fyne.CanvasObject, visit func(fyne.CanvasObject) bool) {
	if o == nil || !o.Visible() || !visit(o) {
		return
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walkVisible(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walkVisible(c, visit)
		}
	}
}

// visibleObjects lists every object o shows.
func visibleObjects(o fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	walkVisible(o, func(o fyne.CanvasObject) bool {
		out = append(out, o)
		return true
	})
	return out
}

// visibleTexts lists the text a user reads in o: labels, buttons, checks, entries (their text
// or placeholder), rich text and bare canvas text. A widget's own text is taken whole, so a
// truncated tree label still reads as its full name.
func visibleTexts(o fyne.CanvasObject) []string {
	var out []string
	walkVisible(o, func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		case *widget.Check:
			out = append(out, x.Text)
		case *widget.Entry:
			if x.Text != "" {
				out = append(out, x.Text)
			} else {
				out = append(out, x.PlaceHolder)
			}
		case *widget.RichText:
			out = append(out, x.String())
		case *canvas.Text:
			out = append(out, x.Text)
		default:
			return true
		}
		return false
	})
	return out
}

// containsText reports whether any visible text of o contains want.
func containsText(o fyne.CanvasObject, want string) bool {
	return slices.ContainsFunc(visibleTexts(o), func(s string) bool { return strings.Contains(s, want) })
}

// treeLabels lists the node labels the tree currently renders, top to bottom as created.
func treeLabels(tr *widget.Tree) []string {
	var out []string
	for _, o := range visibleObjects(tr) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	}
	return out
}

// button finds the visible button with the given text in o.
func button(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	for _, x := range visibleObjects(o) {
		if b, ok := x.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no visible button %q; texts: %q", text, visibleTexts(o))
	return nil
}

// openAction selects code in 区划与社区, taps the detail panel's button with the given text and
// returns the dialog it opens.
func (f *fixture) openAction(t *testing.T, code, action string) fyne.CanvasObject {
	t.Helper()
	s := f.openDivisions(t)
	s.Select(code)
	test.Tap(button(t, s.detail.root, action))
	return topOverlay(t, f.w.Win)
}

// topOverlay is the dialog currently shown over the window, failing the test if there is none.
func topOverlay(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	o := w.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog is shown")
	}
	return o
}

// retype replaces an entry's text the way a user does: clear it, then type.
func retype(e *widget.Entry, s string) {
	e.SetText("")
	test.Type(e, s)
}

// closeWindow closes a test's window and stops its pending sweep: the test driver runs the
// sweep's fyne.Do on the timer's goroutine, which would touch Fyne's caches beside a later test
// (a run of the package past sweepAfter, on a busy machine, crashed with concurrent map writes).
func closeWindow(w *MainWindow) {
	if w.sweep != nil {
		w.sweep.Stop()
	}
	w.Win.Close()
}
