package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2/theme"
)

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		ch := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*ch(r) + 0.7152*ch(g) + 0.0722*ch(b)
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestUnselectedControlsDoNotLookDisabled: an unselected radio button or unchecked box draws its
// outline in the input border colour; Fyne's light theme makes that the disabled grey, so every
// unselected choice looked disabled. It must stand out from the background (WCAG 3:1 for
// controls) and differ from the disabled colour.
func TestUnselectedControlsDoNotLookDisabled(t *testing.T) {
	th := NewTheme()
	border := th.Color(theme.ColorNameInputBorder, theme.VariantLight)
	bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
	disabled := th.Color(theme.ColorNameDisabled, theme.VariantLight)
	if c := contrast(border, bg); c < 3 {
		t.Errorf("input border against the background: contrast %.2f, want at least 3", c)
	}
	if border == disabled {
		t.Error("the input border is the disabled colour")
	}
}

// TestLowImportanceTextIsReadable: Fyne draws LowImportance labels (hints such as
// "职责依据政策四（二）。") and disabled text in the disabled colour, #e3e3e3 in the light theme:
// almost invisible on white. It must be readable while still lighter than normal text.
func TestLowImportanceTextIsReadable(t *testing.T) {
	th := NewTheme()
	bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
	disabled := th.Color(theme.ColorNameDisabled, theme.VariantLight)
	fg := th.Color(theme.ColorNameForeground, theme.VariantLight)
	if c := contrast(disabled, bg); c < 2.5 {
		t.Errorf("disabled text against the background: contrast %.2f, want at least 2.5", c)
	}
	if contrast(fg, bg) <= contrast(disabled, bg)+3 {
		t.Error("disabled text is not clearly lighter than normal text")
	}
}
