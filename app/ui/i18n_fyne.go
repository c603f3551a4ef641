package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
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

// Fyne's save dialog asks "Overwrite?" (or says "Cannot overwrite") in English words of its own
// when the chosen name exists. The question is shown while its 保存 button runs, so the button
// is wrapped to put the question into the UI language as soon as it is on screen.
func localizeOverwritePrompt(win fyne.Window) {
	top := win.Canvas().Overlays().Top()
	pop, ok := top.(*widget.PopUp)
	if !ok {
		return
	}
	save := findButton(pop.Content, lang.L("Save"))
	if save == nil || save.OnTapped == nil {
		return
	}
	tapped := save.OnTapped
	save.OnTapped = func() {
		tapped()
		if asked := win.Canvas().Overlays().Top(); asked != nil && asked != top {
			translateFyneTexts(asked)
		}
	}
}

// findButton finds the button labelled text in a container tree.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch v := o.(type) {
	case *widget.Button:
		if v.Text == text {
			return v
		}
	case *fyne.Container:
		for _, c := range v.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	case *container.Split:
		if b := findButton(v.Leading, text); b != nil {
			return b
		}
		return findButton(v.Trailing, text)
	}
	return nil
}

// translateFyneTexts puts the labels of a dialog Fyne wrote in English into the UI language.
func translateFyneTexts(o fyne.CanvasObject) {
	switch v := o.(type) {
	case *widget.PopUp:
		translateFyneTexts(v.Content)
	case *fyne.Container:
		for _, c := range v.Objects {
			translateFyneTexts(c)
		}
	case *widget.Label:
		const ask = "Are you sure you want to overwrite the file\n"
		switch {
		case v.Text == "Overwrite?":
			v.SetText(T("file.overwrite.title"))
		case strings.HasPrefix(v.Text, ask):
			v.SetText(fmt.Sprintf(T("file.overwrite.ask"), strings.TrimSuffix(strings.TrimPrefix(v.Text, ask), "?")))
		case v.Text == "Cannot overwrite":
			v.SetText(T("file.overwrite.folder.title"))
		case strings.HasPrefix(v.Text, "Files cannot replace a directory"):
			v.SetText(T("file.overwrite.folder"))
		}
	}
}
