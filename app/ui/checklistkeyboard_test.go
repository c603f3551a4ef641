package ui

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"shequ/models"
)

// pressTab does what the desktop driver does with Tab: a widget that takes Tab gets the key,
// otherwise the canvas moves the focus.
func pressTab(c fyne.Canvas) {
	if tb, ok := c.Focused().(fyne.Tabbable); ok && tb.AcceptsTab() {
		c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
		return
	}
	test.FocusNext(c)
}

// TestChecklistFormByKeyboard fills and saves all 42 indicators of one community with the
// keyboard only: Tab moves to the next indicator, 1/0 answer 是/否, digits fill numbers,
// Enter saves.
func TestChecklistFormByKeyboard(t *testing.T) {
	f := newFixture(t)
	f.w.Win.Resize(fyne.NewSize(1280, 720))
	s := openChecklist(t, f)
	s.tabs.SelectIndex(1)
	s.list.Select(0)
	form := s.form
	if len(form.inputs) != 42 {
		t.Fatalf("%d indicator inputs", len(form.inputs))
	}
	c := f.w.Win.Canvas()
	c.Focus(form.inputs[0].value())
	for i, r := range form.inputs {
		focused := c.Focused()
		if focused != r.value() {
			t.Fatalf("indicator %d (%s): the focus is on %T, not its value", i, r.in.Code, focused)
		}
		if r.in.Method == models.MethodYesNo {
			test.Type(focused, "1")
		} else {
			test.Type(focused, models.FormatNumber(r.in.Target(form.form.Kind)))
		}
		if i < len(form.inputs)-1 {
			pressTab(c)
		}
	}
	if !strings.HasPrefix(form.score.Text, "得分 100 / 100") || form.unfilled.Visible() {
		t.Fatalf("after typing: %q, unfilled shown %v", form.score.Text, form.unfilled.Visible())
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	saved, err := f.app.Checklist.Form(f.ctx, form.code, s.yearValue())
	if err != nil || !saved.Exists || saved.Assessment.Score != 100 || saved.Score.Filled != 42 {
		t.Fatalf("saved: exists %v, score %d, filled %d, %v", saved.Exists, saved.Assessment.Score, saved.Score.Filled, err)
	}
}

// TestChecklistUnfilledOneClickAway: the header counts the empty indicators and its button
// focuses them in turn; submitting early offers the same way there.
func TestChecklistUnfilledOneClickAway(t *testing.T) {
	f := newFixture(t)
	s := openChecklist(t, f)
	s.tabs.SelectIndex(1)
	s.list.Select(0)
	form := s.form
	form.inputs[0].yesNo.SetSelected("是")
	test.Tap(form.save)
	if !form.unfilled.Visible() || form.unfilled.Text != "未填 41 项 ›" {
		t.Fatalf("unfilled button %q visible %v", form.unfilled.Text, form.unfilled.Visible())
	}
	test.Tap(form.unfilled)
	if got := f.w.Win.Canvas().Focused(); got != form.inputs[1].value() {
		t.Fatalf("未填 focused %T, not %s", got, form.inputs[1].in.Code)
	}
	form.onAction("提交乡镇审核")
	if !containsText(f.w.Win.Canvas().Overlays().Top(), "还有 41 项指标未填写") {
		t.Fatal("submitting early does not say what is missing")
	}
	test.Tap(button(t, f.w.Win.Canvas().Overlays().Top(), "转到未填写的指标"))
	if got := f.w.Win.Canvas().Focused(); got != form.inputs[2].value() {
		t.Fatalf("转到未填写的指标 focused %T, not %s", got, form.inputs[2].in.Code)
	}
	// The next-level hint is one line whatever is typed; its list is behind 详情.
	if form.hint.Truncation != fyne.TextTruncateEllipsis || !strings.Contains(form.hint.Text, "升至“达标”还需") || !form.hintMore.Visible() {
		t.Errorf("hint %q", form.hint.Text)
	}
}

// TestChecklistFormFollowsHighlightedCommunity: after another 乡镇 is chosen the form does not
// keep showing a community the list no longer highlights.
func TestChecklistFormFollowsHighlightedCommunity(t *testing.T) {
	f := newFixture(t)
	s := openChecklist(t, f)
	s.tabs.SelectIndex(1)
	s.list.Select(2)
	shown := s.form.code
	if shown == "" {
		t.Fatal("no community loaded")
	}
	s.township.SetSelectedIndex(1)
	if s.townshipCode() == shown[:9]+"000" {
		t.Fatal("the township did not change")
	}
	if s.form.code != "" || len(s.form.inputs) != 0 || s.form.save.Disabled() == false {
		t.Errorf("after switching 乡镇 the form still shows %s", s.form.code)
	}
	if !strings.Contains(s.form.header.Text, "请在左侧选择") {
		t.Errorf("header %q", s.form.header.Text)
	}
	// Back to the first township: the form is empty until a community is picked, then it
	// is the highlighted one.
	s.township.SetSelectedIndex(0)
	s.list.Select(1)
	if s.form.code != s.communities[1].Code {
		t.Errorf("form %s, highlighted %s", s.form.code, s.communities[1].Code)
	}
	s.year.SetSelected(s.year.Options[1])
	if s.form.code != s.communities[1].Code {
		t.Errorf("after the year changed: form %s, highlighted %s", s.form.code, s.communities[1].Code)
	}
}

// TestChecklistScreenshots writes the assessment tab at laptop sizes to SHEQU_SHOTS (a folder)
// when it is set, for a person to look at.
func TestChecklistScreenshots(t *testing.T) {
	dir := os.Getenv("SHEQU_SHOTS")
	if dir == "" {
		t.Skip("SHEQU_SHOTS not set")
	}
	for _, size := range []fyne.Size{{Width: 1280, Height: 720}, {Width: 1280, Height: 800}} {
		f := newFixture(t)
		f.w.Win.Resize(size)
		s := openChecklist(t, f)
		s.tabs.SelectIndex(1)
		s.list.Select(0)
		for _, r := range s.form.inputs[:5] {
			if r.yesNo != nil {
				r.yesNo.SetSelected("是")
			}
		}
		focus := 5
		if size.Height == 800 {
			focus = 30 // far down: the scroll follows the focus
		}
		s.form.focus(s.form.inputs[focus])
		img := f.w.Win.Canvas().Capture()
		out, err := os.Create(filepath.Join(dir, fmt.Sprintf("checklist-form-%.0fx%.0f.png", size.Width, size.Height)))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(out, img); err != nil {
			t.Fatal(err)
		}
		out.Close()
	}
}

// TestFileDialogScreenshot writes fyne's file dialog as shequ shows it to SHEQU_SHOTS.
func TestFileDialogScreenshot(t *testing.T) {
	dir := os.Getenv("SHEQU_SHOTS")
	if dir == "" {
		t.Skip("SHEQU_SHOTS not set")
	}
	f := newFixture(t)
	f.w.Win.Resize(fyne.NewSize(1280, 720))
	chooseSheet(f.w.Win, func(error) {}, func(string) {})
	out, err := os.Create(filepath.Join(dir, "file-dialog-1280x720.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, f.w.Win.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

// TestChecklistFormNoTextOverHeader: with the form scrolled down, nothing of the rows above
// is drawn over the fixed header (Fyne draws a scrolling entry's text outside its parent's clip).
func TestChecklistFormNoTextOverHeader(t *testing.T) {
	shot := func(placeholder string) image.Image {
		f := newFixture(t)
		f.w.Win.Resize(fyne.NewSize(1280, 720))
		s := openChecklist(t, f)
		s.tabs.SelectIndex(1)
		s.list.Select(0)
		for _, r := range s.form.inputs {
			r.note.SetPlaceHolder(placeholder)
		}
		s.form.scroll.ScrollToOffset(fyne.NewPos(0, 1300))
		return f.w.Win.Canvas().Capture()
	}
	with, without := shot("说明或佐证"), shot("")
	diff := 0
	b := with.Bounds()
	for y := 0; y < 200 && y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			if with.At(x, y) != without.At(x, y) {
				diff++
			}
		}
	}
	if diff > 0 {
		t.Errorf("%d pixels of the header area change with the notes' placeholder: text drawn outside the scroll", diff)
	}
}
