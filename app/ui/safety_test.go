package ui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"shequ/app"
	"shequ/app/auth"
	"shequ/app/store/pgtest"
	"shequ/models"
)

func TestAuditScreenListsAndFilters(t *testing.T) {
	f := newFixture(t)
	if err := f.app.Divisions.SaveProfile(f.ctx, models.CommunityProfile{DivisionCode: "511302001001", Households: 10}); err != nil {
		t.Fatal(err)
	}
	f.w.Show("nav.audit")
	s := f.w.screens[screenIndex(t, f.w, "操作日志")].(*auditScreen)
	if s.rows.len() != 4 { // the three seed imports (区划, 部门职责, 标准化指标库) and the profile
		t.Fatalf("rows %d, want 4: %+v", s.rows.len(), s.rows.rows)
	}
	if r := s.rows.rows[0]; r.Record != "社区档案 511302001001" || r.Action != "新增" || !strings.Contains(r.Changes, "户数：10") {
		t.Fatalf("newest row %+v", r)
	}
	s.module.SetSelected("区划")
	if s.rows.len() != 2 {
		t.Fatalf("module 区划: %d rows", s.rows.len())
	}
	test.Type(s.text, "511302001001")
	test.Tap(button(t, s.root, "查询"))
	if s.rows.len() != 1 || s.count.Text != "共 1 条" {
		t.Fatalf("text filter: %d rows, %q", s.rows.len(), s.count.Text)
	}
	test.Type(s.from, "2099-01-01")
	test.Tap(button(t, s.root, "查询"))
	if s.rows.len() != 0 {
		t.Fatalf("future from-date: %d rows", s.rows.len())
	}
	test.Tap(button(t, s.root, "清除条件"))
	if s.rows.len() != 4 {
		t.Fatalf("after reset: %d rows", s.rows.len())
	}
	// Nothing on the screen edits the trail: its only buttons filter and export.
	for _, label := range []string{"删除", "修改", "编辑"} {
		if containsText(s.root, label) && !strings.Contains(T("audit.heading"), label) {
			t.Errorf("the audit screen shows %q", label)
		}
	}
}

func TestSettingsForAdminAndViewer(t *testing.T) {
	pgtest.SQLiteOnly(t, "the desk's backups and accounts: in shared mode the server keeps the backups and accounts are login roles (user add)")
	f := newFixture(t)
	f.w.Show("nav.settings")
	s := f.w.screens[screenIndex(t, f.w, "设置")].(*settingsScreen)
	if !strings.HasSuffix(s.dir.Text, "备份") {
		t.Fatalf("backup folder %q", s.dir.Text)
	}
	if b := button(t, s.root, "从备份恢复…"); b.Disabled() {
		t.Fatal("restore disabled for the administrator")
	}
	// A read-only user sees the screen with the administrators' buttons disabled.
	if _, err := f.app.Accounts.Save(f.ctx, models.User{Username: "admin", Role: models.RoleAdmin}, "password-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.app.Accounts.Save(f.ctx, models.User{Username: "boss", Role: models.RoleViewer}, "password-2"); err != nil {
		t.Fatal(err)
	}
	test.Tap(s.signIn)
	if on, _ := f.app.Auth().Enabled(f.ctx); !on {
		t.Fatal("sign-in not turned on")
	}
	viewer, err := app.OpenAs(f.ctx, filepath.Join(filepath.Dir(f.app.DBPath()), filepath.Base(f.app.DBPath())),
		auth.Credentials{Username: "boss", Password: "password-2"})
	if err != nil {
		t.Fatal(err)
	}
	defer viewer.Close()
	vw := NewMainWindow(test.NewTempApp(t), viewer)
	defer closeWindow(vw)
	vw.Show("nav.settings")
	vs := vw.screens[screenIndex(t, vw, "设置")].(*settingsScreen)
	for _, label := range []string{"从备份恢复…", "更改…", "新建账号"} {
		if b := button(t, vs.root, label); !b.Disabled() {
			t.Errorf("%s enabled for a read-only user", label)
		}
	}
	if b := button(t, vs.root, "立即备份到文件…"); b.Disabled() {
		t.Error("a read-only user cannot make a backup copy")
	}
}

// TestSettingsFitsLaptopScreen: on a laptop screen the 领导机制 button stays above the 登录与账号
// part (at 1280×720 the real window drew it over that heading: a split does not clip what overflows
// its upper half). The test driver draws text smaller than the real window, so the test window is
// lower than 720 to squeeze the upper half the same way.
func TestSettingsFitsLaptopScreen(t *testing.T) {
	f := newFixture(t)
	f.w.Win.Resize(fyne.NewSize(1280, 560))
	f.w.Show("nav.settings")
	s := f.w.screens[screenIndex(t, f.w, "设置")].(*settingsScreen)
	edit := button(t, s.root, T("leadership.edit"))
	var heading fyne.CanvasObject
	for _, o := range visibleObjects(s.root) {
		if l, ok := o.(*widget.Label); ok && l.Text == T("settings.accounts") {
			heading = l
		}
	}
	if heading == nil {
		t.Fatal("no 登录与账号 heading")
	}
	d := fyne.CurrentApp().Driver()
	bottom := d.AbsolutePositionForObject(edit).Y + edit.Size().Height
	// What a scroll holds is drawn only inside it.
	for _, o := range visibleObjects(s.root) {
		if sp, ok := o.(*container.Split); ok {
			if sc, ok := sp.Leading.(*container.Scroll); ok {
				bottom = min(bottom, d.AbsolutePositionForObject(sc).Y+sc.Size().Height)
			}
		}
	}
	if top := d.AbsolutePositionForObject(heading).Y; bottom > top {
		t.Errorf("the 领导机制 button is drawn down to %.0f, below the 登录与账号 heading's top %.0f", bottom, top)
	}
}
