package ui

import (
	"weak"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fitWidths widens each column to its minimum (its header at least), then, when that makes the
// table fit avail, narrows the columns above their minimum in proportion.
func fitWidths(want, minimum []float32, avail float32) []float32 {
	out := make([]float32, len(want))
	sum := float32(0)
	for i, w := range want {
		out[i] = max(w, minimum[i]) // a header is never cut
		sum += out[i]
	}
	least := float32(0)
	for _, m := range minimum {
		least += m
	}
	// Shrink only when that makes the table fit: a table too wide even then keeps its widths and
	// scrolls sideways, rather than cut every cell.
	if sum <= avail || sum == 0 || least > avail {
		return out
	}
	// Shrink the columns above their minimum until the total fits.
	for range 4 {
		fixed, flex := float32(0), float32(0)
		for i, w := range out {
			if w <= minimum[i] {
				fixed += w
			} else {
				flex += w
			}
		}
		if flex == 0 || fixed+flex <= avail {
			break
		}
		scale := (avail - fixed) / flex
		for i, w := range out {
			if w > minimum[i] {
				out[i] = max(minimum[i], w*scale)
			}
		}
	}
	return out
}

// fitColumnsLayout gives a table column widths that fit the space it is given.
type fitColumnsLayout struct {
	table         *widget.Table
	want, minimum []float32
	width         float32
}

func (l *fitColumnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if size.Width != l.width {
		l.width = size.Width
		// Leave room for the vertical scroll bar.
		for i, w := range fitWidths(l.want, l.minimum, size.Width-16) {
			l.table.SetColumnWidth(i, w)
		}
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(size)
}

func (l *fitColumnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

// fitColumns places a table whose columns shrink to the window's width rather than run off it,
// each staying at least as wide as its header so no header is cut; a table with too many
// columns still scrolls sideways.
func fitColumns(t *widget.Table, headers []string, want []float32) fyne.CanvasObject {
	// A column gives up at most a quarter of its width: narrower, names and numbers become "…".
	minimum := make([]float32, len(want))
	for i := range want {
		minimum[i] = want[i] * 0.75
		if i < len(headers) {
			minimum[i] = max(minimum[i], headerWidth(headers[i]))
		}
	}
	return container.New(&fitColumnsLayout{table: t, want: want, minimum: minimum}, t)
}

// headerWidth is how wide a column must be to show its bold header whole.
func headerWidth(h string) float32 {
	return widget.NewLabelWithStyle(h, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}).MinSize().Width
}

// rowTableSpec is what a rowTable was made with, for fitted.
type rowTableSpec struct {
	headers []string
	widths  []float32
}

// rowTableSpecs are the specs of the rowTables not yet placed by fitted. The keys are weak: a
// table never passed to fitted would otherwise be held, and through its callbacks its whole
// screen, after the screen was released.
var rowTableSpecs = map[weak.Pointer[widget.Table]]rowTableSpec{}

func keepRowTableSpec(t *widget.Table, spec rowTableSpec) {
	for k := range rowTableSpecs {
		if k.Value() == nil {
			delete(rowTableSpecs, k) // its table is gone
		}
	}
	rowTableSpecs[weak.Make(t)] = spec
}

// fitted places a rowTable with its columns fitted to the space (see fitColumns).
func fitted(t *widget.Table) fyne.CanvasObject {
	spec := rowTableSpecs[weak.Make(t)]
	delete(rowTableSpecs, weak.Make(t))
	return fitColumns(t, spec.headers, spec.widths)
}

// fittedWithHint is fitted with a hint over the table while it has no rows: what to do first.
func fittedWithHint(t *widget.Table, hint string) fyne.CanvasObject {
	l := widget.NewLabel(hint)
	l.Wrapping = fyne.TextWrapWord
	l.Alignment = fyne.TextAlignCenter
	// On the background colour, so the table's column lines do not run through the text.
	box := container.NewStack(canvas.NewRectangle(theme.Color(theme.ColorNameBackground)), container.NewPadded(l))
	box.Hide()
	// The hint follows the row count whenever the table reads it. Wrapped here rather than kept
	// in a package map keyed by table: such a map held every table, and through its callbacks its
	// whole screen, after the screen was released.
	length := t.Length
	t.Length = func() (int, int) {
		rows, cols := length()
		if rows == 0 && !box.Visible() {
			box.Show()
		} else if rows > 0 && box.Visible() {
			box.Hide()
		}
		return rows, cols
	}
	// The hint sits below the header row, across the table's width.
	return container.NewStack(fitted(t), container.NewBorder(container.NewPadded(widget.NewLabel("")), nil, nil, nil,
		container.NewVBox(box)))
}
