package ui

import (
	"crypto/sha256"
	"os"
	"strconv"
	"strings"
	"testing"

	"shequ/assets"
)

// rssFileKB reads the file-backed part of this process's resident memory.
func rssFileKB(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "RssFile:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

// TestDropPagesKeepsTheFont: the embedded font's pages leave resident memory and read back the
// same bytes when touched again.
func TestDropPagesKeepsTheFont(t *testing.T) {
	font := assets.UIFontRegular
	want := sha256.Sum256(font) // touches every page
	before := rssFileKB(t)
	dropPages(font)
	after := rssFileKB(t)
	if drop := before - after; drop < len(font)/1024/2 {
		t.Errorf("dropping the %d kB font's pages freed %d kB of resident file pages", len(font)/1024, drop)
	}
	if sha256.Sum256(font) != want {
		t.Fatal("the font's bytes changed after their pages were dropped")
	}
}
