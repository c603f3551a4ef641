//go:build ignore

// A bare Fyne window with a label and a button, built with the same Fyne as shequ: the floor
// that build/bench.sh compares shequ's idle memory with.
package main

import (
	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := fyneapp.New()
	w := a.NewWindow("floor")
	w.SetContent(container.NewVBox(widget.NewLabel("Hello"), widget.NewButton("OK", func() {})))
	w.Resize(fyne.NewSize(1280, 800))
	w.ShowAndRun()
}
