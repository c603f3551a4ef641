package ui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// fakeFiles stands in for the system's dialogs: it answers with path or err and records what
// it was asked.
type fakeFiles struct {
	path      string
	err       error
	askedName string
	askedExts []string
}

func (f *fakeFiles) save(name string, exts []string) (string, error) {
	f.askedName, f.askedExts = name, exts
	return f.path, f.err
}

func (f *fakeFiles) open(exts []string) (string, error) {
	f.askedExts = exts
	return f.path, f.err
}

func useNative(t *testing.T, f nativeFiles) {
	t.Helper()
	old := native
	native = f
	t.Cleanup(func() { native = old })
}

// TestSaveDialogNative: where the system has its own dialog (Windows), the file it names is
// created and handed over; the extension is added when the clerk left it off; a cancel hands
// over nothing; a dialog that cannot be shown falls back to Fyne's.
func TestSaveDialogNative(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name     string
		answer   string
		err      error
		wantFile string // "" : no file handed over
		wantFyne bool
	}{
		{"chosen", filepath.Join(dir, "经费.xlsx"), nil, filepath.Join(dir, "经费.xlsx"), false},
		{"no extension typed", filepath.Join(dir, "导出"), nil, filepath.Join(dir, "导出.xlsx"), false},
		{"cancelled", "", errDialogCancelled, "", false},
		{"dialog failed", "", errors.New("CommDlgExtendedError: 0x3002"), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fa := test.NewTempApp(t)
			win := fa.NewWindow("t")
			win.Resize(fyne.NewSize(1000, 700))
			fake := &fakeFiles{path: tt.answer, err: tt.err}
			useNative(t, fake)
			called := false
			var got fyne.URIWriteCloser
			showSaveDialog(win, "经费.xlsx", func(wc fyne.URIWriteCloser, err error) {
				called = true
				if err != nil {
					t.Fatalf("done(err): %v", err)
				}
				got = wc
			})
			if fake.askedName != "经费.xlsx" || len(fake.askedExts) != 1 || fake.askedExts[0] != ".xlsx" {
				t.Errorf("asked for %q %v", fake.askedName, fake.askedExts)
			}
			if tt.wantFyne {
				if called || win.Canvas().Overlays().Top() == nil {
					t.Fatalf("no fallback to Fyne's dialog (called %v)", called)
				}
				return
			}
			if !called {
				t.Fatal("done was not called")
			}
			if tt.wantFile == "" {
				if got != nil {
					t.Fatalf("cancel handed over %v", got.URI())
				}
				return
			}
			if got == nil || got.URI().Path() != tt.wantFile {
				t.Fatalf("handed over %v, want %s", got, tt.wantFile)
			}
			if _, err := io.WriteString(got, "x"); err != nil {
				t.Fatal(err)
			}
			if err := got.Close(); err != nil {
				t.Fatal(err)
			}
			if b, err := os.ReadFile(tt.wantFile); err != nil || string(b) != "x" {
				t.Fatalf("file %s: %q %v", tt.wantFile, b, err)
			}
		})
	}
}

// TestOpenDialogNative: the chosen file is handed over for reading; cancel hands over nothing.
func TestOpenDialogNative(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "预算.csv")
	if err := os.WriteFile(p, []byte("金额"), 0o644); err != nil {
		t.Fatal(err)
	}
	fa := test.NewTempApp(t)
	win := fa.NewWindow("t")
	for _, tt := range []struct {
		answer string
		err    error
		want   string
	}{{p, nil, "金额"}, {"", errDialogCancelled, ""}} {
		fake := &fakeFiles{path: tt.answer, err: tt.err}
		useNative(t, fake)
		var got string
		called := false
		showOpenDialog(win, []string{".xlsx", ".csv"}, func(rc fyne.URIReadCloser, err error) {
			called = true
			if err != nil || rc == nil {
				return
			}
			b, _ := io.ReadAll(rc)
			_ = rc.Close()
			got = string(b)
		})
		if !called || got != tt.want || len(fake.askedExts) != 2 {
			t.Errorf("answer %q: called %v, read %q, exts %v", tt.answer, called, got, fake.askedExts)
		}
	}
}

// TestDialogsFallBackToFyne: without system dialogs (Linux) the Fyne file dialog is shown.
func TestDialogsFallBackToFyne(t *testing.T) {
	useNative(t, nil)
	fa := test.NewTempApp(t)
	win := fa.NewWindow("t")
	win.Resize(fyne.NewSize(1000, 700))
	showSaveDialog(win, "a.xlsx", func(fyne.URIWriteCloser, error) {})
	if win.Canvas().Overlays().Top() == nil {
		t.Fatal("save: no Fyne dialog shown")
	}
	win.Canvas().Overlays().Top().Hide()
	showOpenDialog(win, []string{".xlsx"}, func(fyne.URIReadCloser, error) {})
	if win.Canvas().Overlays().Top() == nil {
		t.Fatal("open: no Fyne dialog shown")
	}
}
