package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/app"
	"shequ/assets"
)

// aboutScreen names the version, the data sources and the licences shequ ships under.
type aboutScreen struct {
	w    *MainWindow
	root fyne.CanvasObject
}

func newAboutScreen(w *MainWindow) *aboutScreen { return &aboutScreen{w: w} }

func (s *aboutScreen) buildUI() {
	w := s.w
	icon := canvas.NewImageFromResource(AppIcon)
	icon.SetMinSize(fyne.NewSize(72, 72))
	icon.FillMode = canvas.ImageFillContain
	name := widget.NewLabelWithStyle(T("app.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameHeadingText
	version := widget.NewLabel(Tf("about.version", map[string]any{"Version": app.Version, "Schema": app.SchemaVersion()}))
	text := widget.NewRichTextFromMarkdown(fmt.Sprintf(T("about.sources"), assets.DivisionsVersion))
	text.Wrapping = fyne.TextWrapWord
	licence := widget.NewButton(T("about.show_font_licence"), func() {
		e := widget.NewMultiLineEntry()
		e.SetText(assets.FontLicence)
		e.Wrapping = fyne.TextWrapWord
		d := dialogCustom(T("about.font_licence"), e, w.Win)
		d.Resize(fyne.NewSize(720, 560))
		d.Show()
	})
	s.root = container.NewPadded(container.NewBorder(
		container.NewVBox(container.NewHBox(icon, container.NewVBox(name, version))),
		container.NewHBox(licence), nil, nil,
		container.NewVScroll(text)))
}

func (s *aboutScreen) title() string { return T("nav.about") }

// content builds the screen on its first visit.
func (s *aboutScreen) content() fyne.CanvasObject {
	if s.root == nil {
		s.buildUI()
	}
	return s.root
}
func (s *aboutScreen) shown() {}

// release: nothing here is typed or chosen.
func (s *aboutScreen) release() screen { return newAboutScreen(s.w) }
