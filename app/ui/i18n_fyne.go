package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Fyne writes a few strings of its own without its translation call: a select's
// "(Select one)" and the file dialog's places ("Home", "Computer", "Documents" …). These
// helpers put shequ's language in their place.

// newSelect is widget.NewSelect with the placeholder in the UI language.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = T("select.placeholder")
	return s
}

// localizeFileDialog names the places of the file dialog on top of win in the UI language.
// Call it right after the dialog's Show; it leaves every other overlay alone.
func localizeFileDialog(win fyne.Window) {
	top := win.Canvas().Overlays().Top()
	pop, ok := top.(*widget.PopUp)
	if !ok {
		return
	}
	places := findPlacesList(pop.Content)
	if places == nil {
		return
	}
	update := places.UpdateItem
	places.UpdateItem = func(id widget.ListItemID, item fyne.CanvasObject) {
		update(id, item)
		if row, ok := item.(*fyne.Container); ok && len(row.Objects) > 1 {
			if l, ok := row.Objects[1].(*widget.Label); ok {
				l.SetText(T(l.Text)) // "Home" → 主目录; a name without a translation stays
			}
		}
	}
	places.Refresh()
}

// findPlacesList finds the list on the left of fyne's file dialog (the leading side of its split).
func findPlacesList(o fyne.CanvasObject) *widget.List {
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			if l := findPlacesList(c); l != nil {
				return l
			}
		}
	case *container.Split:
		if l, ok := v.Leading.(*widget.List); ok {
			return l
		}
	}
	return nil
}
