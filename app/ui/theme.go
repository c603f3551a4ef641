package ui

import (
	"image/color"
	"runtime/debug"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"shequ/assets"
)

var (
	fontRegular = fyne.NewStaticResource("NotoSansSC-Regular.otf", assets.UIFontRegular)
	fontBold    = fyne.NewStaticResource("NotoSansSC-Bold.otf", assets.UIFontBold)
	// AppIcon is the window and package icon.
	AppIcon = fyne.NewStaticResource("icon.png", assets.Icon)
)

// releaseMemory hands back what the program no longer needs resident: the Go heap's free
// pages, the C allocator's, and the pages of the embedded UI fonts, which go-text copied into
// the heap when Fyne loaded them (a face loaded again reads them from the program file).
func releaseMemory() {
	debug.FreeOSMemory()
	trimCHeap()
	dropPages(assets.UIFontRegular)
	dropPages(assets.UIFontBold)
}

// shequTheme keeps Fyne's default look and swaps in the bundled Chinese font, so text renders on
// machines without any CJK system font.
type shequTheme struct{ fyne.Theme }

// NewTheme returns shequ's theme.
func NewTheme() fyne.Theme { return shequTheme{theme.DefaultTheme()} }

func (t shequTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Bold {
		return fontBold
	}
	return fontRegular
}

// Color always uses the light variant: clerks print and compare with paper forms, and the
// bureau's other software is light.
func (t shequTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary:
		return color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0xff} // the icon's red
	case theme.ColorNameSelection:
		return color.NRGBA{R: 0xb7, G: 0x1c, B: 0x1c, A: 0x2a}
	case theme.ColorNameInputBorder:
		// Fyne's light border is its disabled grey: every unselected radio button and check box
		// looked disabled. This is the border grey of Windows' own input fields.
		return color.NRGBA{R: 0x7a, G: 0x7a, B: 0x7a, A: 0xff}
	case theme.ColorNameDisabled:
		// Hints (LowImportance labels) and disabled text: lighter than text, but readable.
		return color.NRGBA{R: 0x9a, G: 0x9a, B: 0x9a, A: 0xff}
	}
	return t.Theme.Color(n, theme.VariantLight)
}
