package ui

import (
	"shequ/app/store/pgtest"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestDatabaseChoiceKeepsNoPassword: 设置 → 数据库 keeps a shared database's address for the
// next start, refuses one with a password in it, and choosing the file again forgets it.
func TestDatabaseChoiceKeepsNoPassword(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.settings")
	s := f.w.screens[screenIndex(t, f.w, "设置")].(*settingsScreen)
	b := s.database
	now := "本机数据库文件"
	if pgtest.OnPostgres() {
		now = "共享数据库"
	}
	if !strings.Contains(b.current.Text, now) || !strings.Contains(b.current.Text, f.app.DBPath()) {
		t.Errorf("where the data is now: %q", b.current.Text)
	}
	if !strings.Contains(b.next.Text, "本机数据库文件") {
		t.Errorf("next start on a fresh desk: %q", b.next.Text)
	}
	test.Tap(b.change)
	if b.kind.Selected != T("db.kind_file") || !b.address.Disabled() {
		t.Fatalf("a fresh desk: %q chosen, address enabled %v", b.kind.Selected, !b.address.Disabled())
	}
	b.kind.SetSelected(T("db.kind_shared"))
	test.Type(b.address, "postgres://zhangsan:mima123@10.1.2.3:5432/shequ")
	test.Tap(button(t, topOverlay(t, f.w.Win), "保存"))
	if !strings.Contains(b.message.Text, "不要写密码") || SavedDatabase(fyne.CurrentApp()) != "" {
		t.Errorf("an address with a password: %q, kept %q", b.message.Text, SavedDatabase(fyne.CurrentApp()))
	}
	if f.w.Win.Canvas().Overlays().Top() == nil {
		t.Fatal("the dialog closed on an address it refused")
	}
	b.address.SetText("postgres://zhangsan@10.1.2.3:5432/shequ?sslmode=require")
	test.Tap(button(t, topOverlay(t, f.w.Win), "保存"))
	if got := SavedDatabase(fyne.CurrentApp()); got != "postgres://zhangsan@10.1.2.3:5432/shequ?sslmode=require" {
		t.Errorf("kept %q", got)
	}
	if f.w.Win.Canvas().Overlays().Top() != nil || !strings.Contains(b.next.Text, "共享数据库 postgres://zhangsan@10.1.2.3:5432/shequ") {
		t.Errorf("after saving: dialog open %v, next start %q", f.w.Win.Canvas().Overlays().Top() != nil, b.next.Text)
	}
	test.Tap(b.change) // the dialog opens on what is kept
	if b.kind.Selected != T("db.kind_shared") || b.address.Text == "" || b.address.Disabled() {
		t.Errorf("opened again: %q, %q, enabled %v", b.kind.Selected, b.address.Text, !b.address.Disabled())
	}
	b.kind.SetSelected(T("db.kind_file"))
	test.Tap(button(t, topOverlay(t, f.w.Win), "保存"))
	if got := SavedDatabase(fyne.CurrentApp()); got != "" || !strings.Contains(b.next.Text, "本机数据库文件") {
		t.Errorf("choosing the file kept %q; next start %q", got, b.next.Text)
	}
}
