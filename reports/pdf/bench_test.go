package pdf

import (
	"bytes"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	"shequ/assets"
	"shequ/reports/internal/sample"
)

// BenchmarkFonts is parsing the report's bundled faces (3 files, 16.7 MB) for one document.
func BenchmarkFonts(b *testing.B) {
	for b.Loop() {
		if _, _, err := (Fonts{}).newPDF(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFontsFloor is parsing the two Noto Sans SC faces the floor benchmark uses.
func BenchmarkFontsFloor(b *testing.B) {
	for b.Loop() {
		f := fpdf.New("P", "mm", "A4", "")
		f.AddUTF8FontFromBytes("noto", "", assets.FontRegular)
		f.AddUTF8FontFromBytes("noto", "B", assets.FontBold)
		if err := f.Error(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteSample is the whole sample city (nine chapters, 3,004-row appendix).
func BenchmarkWriteSample(b *testing.B) {
	r := sample.City(3004)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := (Fonts{}).Write(&buf, r); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "pdf-bytes")
}
