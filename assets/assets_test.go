package assets

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"
)

func parseFace(t *testing.T, name string, b []byte) *font.Face {
	t.Helper()
	switch {
	case strings.HasPrefix(name, "UI "):
		// Fyne's theme: CFF outlines ("OTTO"), which go-text keeps unparsed until drawn.
		if !bytes.HasPrefix(b, []byte("OTTO")) {
			t.Fatalf("%s is not an OpenType font with CFF outlines (run build/subset-fonts.sh)", name)
		}
	case !bytes.HasPrefix(b, []byte{0, 1, 0, 0}):
		t.Fatalf("%s is not a TrueType font (fpdf reads TrueType only; a .ttc breaks it)", name)
	}
	f, err := font.ParseTTF(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return f
}

// The bundled font must cover every character shequ itself shows, so Chinese renders on a machine
// without any CJK system font: the translations and seed data in both faces.
func TestFontsCoverOwnTexts(t *testing.T) {
	texts := map[string]string{"divisions": string(DivisionsCSV)}
	err := fs.WalkDir(Translations, "translations", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := Translations.ReadFile(p)
		if err != nil {
			return err
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, v := range m {
			texts[p] += v
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{"regular": FontRegular, "bold": FontBold, "serif": FontSerif, "serif bold": FontSerifBold,
		"UI regular": UIFontRegular, "UI bold": UIFontBold} {
		face := parseFace(t, name, b)
		missing := map[rune]bool{}
		for _, text := range texts {
			for _, r := range text {
				if r < ' ' {
					continue
				}
				if _, ok := face.NominalGlyph(r); !ok {
					missing[r] = true
				}
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s face lacks %d characters: %q (run build/subset-fonts.sh)", name, len(missing), keys(missing))
		}
	}
}

// Every CJK Unified Ideograph is in the regular face, so any name a clerk types renders.
// The same holds for the serif face that sets the PDF report's body and tables (仿宋's fallback).
func TestRegularCoversCJKUnified(t *testing.T) {
	for name, b := range map[string][]byte{"regular": FontRegular, "UI regular": UIFontRegular, "serif": FontSerif} {
		face := parseFace(t, name, b)
		n := 0
		for r := rune(0x4E00); r <= 0x9FA5; r++ {
			if _, ok := face.NominalGlyph(r); !ok {
				n++
			}
		}
		if n > 0 {
			t.Errorf("%s face lacks %d of U+4E00–U+9FA5", name, n)
		}
	}
}

func keys(m map[rune]bool) string {
	var b []rune
	for r := range m {
		b = append(b, r)
	}
	return string(b)
}
