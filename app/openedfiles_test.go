package app

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCanOpenDirectly(t *testing.T) {
	for name, want := range map[string]bool{
		"纪要.pdf": true, "签到表.JPG": true, "记录.docx": true, "台账.xlsx": true, "照片.jpeg": true, "说明.txt": true,
		"纪要.exe": false, "run.bat": false, "x.cmd": false, "a.js": false, "page.html": false, "快捷方式.lnk": false,
		"宏.docm": false, "无扩展名": false, "a.pdf.exe": false, "b.scr": false, "c.msi": false,
	} {
		if got := CanOpenDirectly(name); got != want {
			t.Errorf("CanOpenDirectly(%q) = %v, want %v", name, got, want)
		}
	}
}

// Copies of stored files opened from the app live in one folder per running program, which is
// removed when the program ends; folders of programs that ended without cleaning up (a crash)
// and the old per-kind folders are removed at the next start; only documents and images are
// copied out for opening.
func TestOpenedFilesCleanUp(t *testing.T) {
	tmp := t.TempDir()
	legacy := filepath.Join(tmp, "shequ-会议附件", "7")
	if err := os.MkdirAll(legacy, 0o755); err != nil {
		t.Fatal(err)
	}
	writeRaw(t, filepath.Join(legacy, "纪要.exe"))
	crashed := NewOpenedFiles(tmp)
	stalePath, err := crashed.Copy("会议附件", 3, "旧.pdf", []byte("%PDF"))
	if err != nil {
		t.Fatal(err)
	}
	crashed.abandon() // the program died: its lock is gone, its folder stays

	running := NewOpenedFiles(tmp) // another window still running
	held, err := running.Copy("会议附件", 4, "在用.pdf", []byte("%PDF"))
	if err != nil {
		t.Fatal(err)
	}

	o := NewOpenedFiles(tmp)
	if n := o.CleanStale(); n != 2 {
		t.Errorf("CleanStale removed %d folders, want 2 (the crashed session and the old folder)", n)
	}
	for _, gone := range []string{stalePath, filepath.Join(tmp, "shequ-会议附件")} {
		if _, err := os.Stat(gone); !os.IsNotExist(err) {
			t.Errorf("%s survived the clean-up", gone)
		}
	}
	if _, err := os.Stat(held); err != nil {
		t.Errorf("the running program's copy was removed: %v", err)
	}
	p, err := o.Copy("会议附件", 5, "../../纪要.pdf", []byte("%PDF 记录"))
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(p); string(data) != "%PDF 记录" || !strings.HasPrefix(p, tmp) || filepath.Base(p) != "纪要.pdf" {
		t.Fatalf("copy at %s: %q", p, data)
	}
	if _, err := o.Copy("会议附件", 6, "纪要.exe", []byte("MZ")); !errors.Is(err, ErrSaveOnly) || !strings.Contains(err.Error(), "另存为") {
		t.Fatalf("an .exe was copied out for opening: %v", err)
	}
	o.Close()
	if _, err := os.Stat(p); !os.IsNotExist(err) {
		t.Error("Close left the copy behind")
	}
	running.Close()
	entries, _ := os.ReadDir(filepath.Join(tmp, openedRoot))
	if len(entries) != 0 {
		t.Errorf("left in the temp folder: %v", entries)
	}
}
