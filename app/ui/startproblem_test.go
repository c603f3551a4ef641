package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shequ/app"
	"shequ/app/backup"
)

// damagedDesk is a database with one automatic backup, then cut to half its size.
func damagedDesk(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	a, err := app.Open(ctx, filepath.Join(t.TempDir(), "shequ.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Init(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Backups.Snapshot(ctx, backup.ReasonDaily); err != nil {
		t.Fatal(err)
	}
	path := a.DBPath()
	a.Close()
	data, _ := os.ReadFile(path)
	if err := os.WriteFile(path, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// problemButtons builds the window for the problem of opening path and returns its buttons by label.
func problemButtons(t *testing.T, p *backup.StartProblem, act StartActions) (fyne.Window, map[string]*widget.Button) {
	t.Helper()
	win := StartProblemWindow(test.NewTempApp(t), p, act)
	buttons := map[string]*widget.Button{}
	for _, o := range test.LaidOutObjects(win.Content()) {
		if b, ok := o.(*widget.Button); ok {
			buttons[b.Text] = b
		}
	}
	return win, buttons
}

func labelsOf(m map[string]*widget.Button) string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return strings.Join(out, " | ")
}

func TestStartProblemRestoresNewestBackup(t *testing.T) {
	ctx := context.Background()
	path := damagedDesk(t)
	_, err := backup.OpenDesk(ctx, path)
	p := backup.Diagnose(ctx, path, err)
	var opened, notice string
	win, buttons := problemButtons(t, p, StartActions{Open: func(p, n string) { opened, notice = p, n }, Quit: func() {}})
	defer win.Close()
	text := strings.Join(labelTexts(win.Content()), "\n")
	if !strings.Contains(text, "已损坏") || !strings.Contains(text, "每日备份") || strings.Contains(text, "malformed") {
		t.Fatalf("window says:\n%s", text)
	}
	var restore *widget.Button
	for label, b := range buttons {
		if strings.HasPrefix(label, "恢复最新的完好备份（") && strings.HasSuffix(label, "每日备份）") {
			restore = b
		}
	}
	for _, want := range []string{"选择其他备份…", "打开其他数据库文件…", "退出"} {
		if buttons[want] == nil {
			t.Errorf("no %q button among %s", want, labelsOf(buttons))
		}
	}
	if restore == nil {
		t.Fatalf("no restore button among %s", labelsOf(buttons))
	}
	test.Tap(restore)
	if opened != path || !strings.Contains(notice, "已从备份") || !strings.Contains(notice, "损坏的文件已改名保留为") {
		t.Fatalf("after restoring: opened %q, notice %q", opened, notice)
	}
	aside, _ := filepath.Glob(path + ".损坏-*[0-9]")
	if len(aside) != 1 {
		t.Fatalf("damaged file aside: %v", aside)
	}
	st, err := backup.OpenDesk(ctx, path)
	if err != nil {
		t.Fatalf("the recovered database does not open: %v", err)
	}
	st.Close()
}

// Every start failure offers actions, not only 关闭.
func TestStartProblemActions(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	locked := &backup.StartProblem{Path: filepath.Join(dir, "a.db"), Kind: backup.ErrLocked, Message: "数据库正被另一个 shequ 窗口使用"}
	_, buttons := problemButtons(t, locked, StartActions{Open: func(string, string) {}, Quit: func() {}})
	for _, want := range []string{"重试", "打开其他数据库文件…", "退出"} {
		if buttons[want] == nil {
			t.Errorf("locked: no %q among %s", want, labelsOf(buttons))
		}
	}
	// A vanished database whose backup exists: restore offered, an empty one only on request.
	path := damagedDesk(t)
	os.Remove(path)
	_, err := backup.OpenDesk(ctx, path)
	p := backup.Diagnose(ctx, path, err)
	created := ""
	win, buttons := problemButtons(t, p, StartActions{Open: func(string, string) {}, CreateEmpty: func(p string) { created = p }, Quit: func() {}})
	if !strings.Contains(strings.Join(labelTexts(win.Content()), "\n"), "不见了") {
		t.Errorf("vanished database not explained: %v", labelTexts(win.Content()))
	}
	if buttons["新建空数据库"] == nil || len(buttons) < 4 {
		t.Fatalf("vanished: %s", labelsOf(buttons))
	}
	test.Tap(buttons["新建空数据库"])
	if created != path {
		t.Error("新建空数据库 did not ask main to create it")
	}
}

func labelTexts(o fyne.CanvasObject) []string {
	var out []string
	for _, x := range test.LaidOutObjects(o) {
		if l, ok := x.(*widget.Label); ok && l.Visible() {
			out = append(out, l.Text)
		}
	}
	return out
}
