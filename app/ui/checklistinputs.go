package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// The assessment form's inputs: one row per indicator, and the keyboard behaviour that lets a
// clerk fill 42 indicators without the mouse — Tab (Shift+Tab) moves to the next (previous)
// indicator's value, Enter saves, "1"/"y" and "0"/"n" answer a 是/否 indicator, and the scroll
// follows the focus.

// indicatorInput is one indicator's row of the assessment form.
type indicatorInput struct {
	in     models.Indicator
	yesNo  *yesNoSelect // for yes_no
	number *valueEntry  // for at_least
	note   *valueEntry
	earned *widget.Label
	row    fyne.CanvasObject
}

func (r *indicatorInput) text() string {
	if r.yesNo != nil {
		return r.yesNo.Selected
	}
	return strings.TrimSpace(r.number.Text)
}

// value is the focusable that holds the indicator's value.
func (r *indicatorInput) value() fyne.Focusable {
	if r.yesNo != nil {
		return r.yesNo
	}
	return r.number
}

func (f *assessmentForm) indicatorRow(in models.Indicator, editable, canAttach bool) fyne.CanvasObject {
	r := &indicatorInput{in: in, earned: widget.NewLabel("")}
	v := f.form.Assessment.Values[in.Code]
	var input fyne.CanvasObject
	if in.Method == models.MethodYesNo {
		r.yesNo = newYesNoSelect(f, r)
		r.yesNo.PlaceHolder = T("checklist.unset")
		if v.Value != nil {
			r.yesNo.SetSelected(models.FormatIndicatorValue(in.Method, v.Value))
		}
		input = r.yesNo
		if !editable {
			r.yesNo.Disable()
		}
	} else {
		r.number = newValueEntry(f, r, true)
		r.number.SetText(models.FormatIndicatorValue(in.Method, v.Value))
		r.number.OnChanged = func(string) { f.onEdited() }
		input = r.number
		if !editable {
			r.number.Disable()
		}
	}
	r.note = newValueEntry(f, r, false)
	r.note.SetPlaceHolder(T("checklist.note"))
	r.note.SetText(v.Note)
	if !editable {
		r.note.Disable()
	}
	name := in.Code + " " + in.Name
	if in.Mandatory {
		name += T("checklist.mandatory_mark")
	}
	label := widget.NewLabel(name)
	label.Wrapping = fyne.TextWrapWord
	target := widget.NewLabel(in.TargetText(f.form.Kind) + "  " + Tf("checklist.points", map[string]any{"Points": in.Points}))
	target.Wrapping = fyne.TextWrapWord
	valueCell := container.NewBorder(nil, nil, nil, r.earned, input)
	if p, ok := f.form.Proposals[in.Code]; ok {
		pv := p.Value
		use := widget.NewButton(Tf("checklist.use_proposal_value", map[string]any{"Value": models.FormatIndicatorValue(in.Method, &pv)}), func() {
			if r.yesNo != nil {
				r.yesNo.SetSelected(models.FormatIndicatorValue(in.Method, &pv))
			} else {
				r.number.SetText(models.FormatNumber(pv))
			}
		})
		use.Importance = widget.LowImportance
		if !editable {
			use.Disable()
		}
		from := widget.NewLabel(Tf("checklist.proposal_from", map[string]any{"From": p.From}))
		from.Truncation = fyne.TextTruncateEllipsis
		from.Importance = widget.LowImportance
		valueCell = container.NewVBox(valueCell, container.NewBorder(nil, nil, use, nil, from))
	}
	f.inputs = append(f.inputs, r)
	var note fyne.CanvasObject = r.note
	if canAttach {
		note = container.NewBorder(nil, nil, nil, f.attachButton(in.Code), r.note)
	}
	line := container.New(rowLayout{shares: indicatorShares}, label, target, container.NewVBox(valueCell), container.NewVBox(note))
	ev := container.NewVBox()
	f.evBoxes[in.Code] = ev
	f.fillEvidence(in.Code)
	r.row = container.NewVBox(line, ev)
	return r.row
}

// move focuses the value of the indicator step rows away from r (+1 next, -1 previous).
func (f *assessmentForm) move(r *indicatorInput, step int) {
	for i, x := range f.inputs {
		if x == r {
			if j := i + step; j >= 0 && j < len(f.inputs) {
				f.focus(f.inputs[j])
			}
			return
		}
	}
}

func (f *assessmentForm) focus(r *indicatorInput) {
	f.s.tabs.SelectIndex(1)
	f.reveal(r)
	f.s.w.Win.Canvas().Focus(r.value())
}

// focusCode focuses the value of the indicator with code.
func (f *assessmentForm) focusCode(code string) {
	for _, r := range f.inputs {
		if r.in.Code == code {
			f.focus(r)
			return
		}
	}
}

// goToNext focuses the first indicator after the focused one (wrapping round) that matches.
func (f *assessmentForm) goToNext(match func(*indicatorInput) bool) {
	start := 0
	focused := f.s.w.Win.Canvas().Focused()
	for i, r := range f.inputs {
		if focused != nil && (focused == r.value() || focused == fyne.Focusable(r.note)) {
			start = i + 1
		}
	}
	for k := range f.inputs {
		r := f.inputs[(start+k)%len(f.inputs)]
		if match(r) {
			f.focus(r)
			return
		}
	}
}

// reveal scrolls the form so that r's row is in view.
func (f *assessmentForm) reveal(r *indicatorInput) {
	if r.row == nil {
		return
	}
	d := fyne.CurrentApp().Driver()
	y := d.AbsolutePositionForObject(r.row).Y - d.AbsolutePositionForObject(f.body).Y
	h, view := r.row.Size().Height, f.scroll.Size().Height
	off := f.scroll.Offset.Y
	switch {
	case y < off:
		off = y
	case y+h > off+view:
		off = y + h - view
	default:
		return
	}
	f.scroll.ScrollToOffset(fyne.NewPos(0, off))
}

// valueEntry is an entry of the form: Enter saves; a value entry also moves on with Tab.
type valueEntry struct {
	widget.Entry
	f       *assessmentForm
	r       *indicatorInput
	isValue bool
	shift   bool
}

func newValueEntry(f *assessmentForm, r *indicatorInput, isValue bool) *valueEntry {
	e := &valueEntry{f: f, r: r, isValue: isValue}
	// Without its own scroll: Fyne 2.7.1 draws the text of an entry with one, scrolled out of
	// the form's scroll, over the header above it.
	e.Wrapping, e.Scroll = fyne.TextWrapOff, fyne.ScrollNone
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) { f.onSave() }
	return e
}

// AcceptsTab lets a value entry take Tab to move to the next indicator rather than the note.
func (e *valueEntry) AcceptsTab() bool { return e.isValue }

func (e *valueEntry) TypedKey(k *fyne.KeyEvent) {
	if e.isValue && k.Name == fyne.KeyTab {
		e.f.move(e.r, tabStep(e.shift))
		return
	}
	e.Entry.TypedKey(k)
}

func (e *valueEntry) KeyDown(k *fyne.KeyEvent) {
	e.shift = e.shift || isShift(k.Name)
	e.Entry.KeyDown(k)
}

func (e *valueEntry) KeyUp(k *fyne.KeyEvent) {
	if isShift(k.Name) {
		e.shift = false
	}
	e.Entry.KeyUp(k)
}

func (e *valueEntry) FocusGained() {
	e.f.reveal(e.r)
	e.Entry.FocusGained()
}

// yesNoSelect is a 是/否 select that answers the keyboard: 1, y, 是 → 是; 0, n, 否 → 否;
// Tab moves on, Enter saves.
type yesNoSelect struct {
	widget.Select
	f     *assessmentForm
	r     *indicatorInput
	shift bool
}

func newYesNoSelect(f *assessmentForm, r *indicatorInput) *yesNoSelect {
	s := &yesNoSelect{f: f, r: r}
	s.Options = []string{"是", "否"}
	s.OnChanged = func(string) { f.onEdited() }
	s.ExtendBaseWidget(s)
	return s
}

func (s *yesNoSelect) AcceptsTab() bool { return true }

func (s *yesNoSelect) TypedRune(c rune) {
	if s.Disabled() {
		return
	}
	switch c {
	case '1', 'y', 'Y', '是':
		s.SetSelected("是")
	case '0', 'n', 'N', '否':
		s.SetSelected("否")
	}
}

func (s *yesNoSelect) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyTab:
		s.f.move(s.r, tabStep(s.shift))
	case fyne.KeyReturn, fyne.KeyEnter:
		s.f.onSave()
	default:
		s.Select.TypedKey(k)
	}
}

func (s *yesNoSelect) KeyDown(k *fyne.KeyEvent) { s.shift = s.shift || isShift(k.Name) }

func (s *yesNoSelect) KeyUp(k *fyne.KeyEvent) {
	if isShift(k.Name) {
		s.shift = false
	}
}

func (s *yesNoSelect) FocusGained() {
	s.f.reveal(s.r)
	s.Select.FocusGained()
}

func isShift(k fyne.KeyName) bool { return k == desktop.KeyShiftLeft || k == desktop.KeyShiftRight }

func tabStep(shift bool) int {
	if shift {
		return -1
	}
	return 1
}

// indicatorShares are the widths of an indicator row's columns, relative to each other.
var indicatorShares = []float32{3.2, 1.6, 2.6, 2.6}

// columnHeads names the columns of the indicator rows.
func columnHeads() fyne.CanvasObject {
	var cells []fyne.CanvasObject
	for _, k := range []string{"checklist.col_indicator", "checklist.col_target", "checklist.col_value", "checklist.note"} {
		cells = append(cells, widget.NewLabelWithStyle(T(k), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}
	return container.New(rowLayout{shares: indicatorShares}, cells...)
}

// rowLayout lays an indicator row out in columns of fixed shares of the width, each cell as
// high as the tallest: name | target | value | note.
type rowLayout struct{ shares []float32 }

func (l rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	total := float32(0)
	for _, s := range l.shares {
		total += s
	}
	free := size.Width - pad*float32(len(objs)-1)
	x := float32(0)
	for i, o := range objs {
		w := free * l.shares[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}

func (l rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h, w := float32(0), float32(0)
	for _, o := range objs {
		m := o.MinSize()
		h = max(h, m.Height)
		w += m.Width
	}
	return fyne.NewSize(w+theme.Padding()*float32(len(objs)-1), h)
}
