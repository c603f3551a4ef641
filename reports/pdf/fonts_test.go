package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"shequ/assets"
	"shequ/reports/internal/sample"
)

// embedded lists the fonts pdffonts finds in a PDF: fpdf names each utf8<family>, with the
// subset tag in front.
func embedded(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdffonts"); err != nil {
		t.Skip("pdffonts (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdffonts", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, out)
	}
	return string(out)
}

// The report sets each GB/T 9704 role in the system's face when the font folder has it and in
// the bundled OFL faces otherwise; only TrueType files are taken.
func TestFontsSystemAndBundled(t *testing.T) {
	sys := t.TempDir()
	for name, b := range map[string][]byte{
		// Stand-ins with the Windows names: any TrueType face will do for the test.
		"SimFang.TTF": assets.FontRegular,
		"simhei.ttf":  assets.FontBold,
		"simkai.ttf":  assets.FontSerif,
		"FZXBSJW.TTF": assets.FontSerifBold,
	} {
		if err := os.WriteFile(filepath.Join(sys, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A folder whose files are not usable TrueType: a collection and CFF outlines.
	bad := t.TempDir()
	for name, b := range map[string][]byte{
		"simfang.ttf": append([]byte("ttcf"), assets.FontRegular[4:]...),
		"simhei.ttf":  append([]byte("OTTO"), assets.FontBold[4:]...),
		"simkai.ttf":  []byte("not a font"),
	} {
		if err := os.WriteFile(filepath.Join(bad, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name      string
		fonts     Fonts
		want, not []string
	}{
		{"system", Fonts{Dirs: []string{sys}}, []string{"utf8simfang", "utf8simhei", "utf8simkai", "utf8fzxbsjw"}, []string{"utf8noto"}},
		{"bundled", Fonts{}, []string{"utf8notoserif ", "utf8notoserifb", "utf8notosansb"}, []string{"utf8sim"}},
		{"not TrueType", Fonts{Dirs: []string{bad, filepath.Join(bad, "missing")}}, []string{"utf8notoserif ", "utf8notosansb"}, []string{"utf8sim"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := c.fonts.Write(&buf, sample.City(30)); err != nil {
				t.Fatal(err)
			}
			list := embedded(t, buf.Bytes())
			for _, w := range c.want {
				if !strings.Contains(list+"\n", w) {
					t.Errorf("%s is not embedded:\n%s", strings.TrimSpace(w), list)
				}
			}
			for _, n := range c.not {
				if strings.Contains(list, n) {
					t.Errorf("%s is embedded:\n%s", n, list)
				}
			}
		})
	}
}

func TestSystemFontsFromEnv(t *testing.T) {
	t.Setenv(FontDirEnv, "/a"+string(os.PathListSeparator)+"/b")
	if got := SystemFonts().Dirs; len(got) != 2 || got[0] != "/a" || got[1] != "/b" {
		t.Fatalf("dirs %v", got)
	}
}

func TestIsTrueType(t *testing.T) {
	for name, b := range map[string][]byte{"regular": assets.FontRegular, "bold": assets.FontBold,
		"serif": assets.FontSerif, "serif bold": assets.FontSerifBold} {
		if !isTrueType(b) {
			t.Errorf("%s: not taken as TrueType", name)
		}
	}
	for name, b := range map[string][]byte{"empty": nil, "ttc": append([]byte("ttcf"), assets.FontBold[4:40]...),
		"truncated": assets.FontBold[:200]} {
		if isTrueType(b) {
			t.Errorf("%s: taken as TrueType", name)
		}
	}
}
