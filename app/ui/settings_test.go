package ui

import (
	"testing"

	"shequ/models"
)

// TestSettingsAccountsSayWhatToDoFirst: "修改选中的账号" showed under an empty list. With no
// account the list says how to add the first; 修改 is usable only with an account selected.
func TestSettingsAccountsSayWhatToDoFirst(t *testing.T) {
	f := newFixture(t)
	f.w.Show("nav.settings")
	s := f.w.screens[screenIndex(t, f.w, "设置")].(*settingsScreen)
	if !s.noUsers.Visible() || s.accounts.Visible() || !containsText(s.root, "还没有账号") {
		t.Errorf("no accounts: hint shown %v, list shown %v", s.noUsers.Visible(), s.accounts.Visible())
	}
	if !s.edit.Disabled() {
		t.Error("修改选中的账号 is enabled with no account")
	}
	if _, err := f.app.Accounts.Save(f.ctx, models.User{Username: "admin", Role: models.RoleAdmin}, "password-1"); err != nil {
		t.Fatal(err)
	}
	s.shown()
	if s.noUsers.Visible() || !s.accounts.Visible() || !s.edit.Disabled() {
		t.Errorf("one account, none selected: hint %v list %v edit enabled %v", s.noUsers.Visible(), s.accounts.Visible(), !s.edit.Disabled())
	}
	s.accounts.Select(0)
	if s.edit.Disabled() {
		t.Error("修改选中的账号 stays disabled with an account selected")
	}
}
