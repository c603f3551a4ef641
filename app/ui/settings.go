package ui

import (
	"context"
	"fmt"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// settingsScreen is 设置: where backups go, manual backup and restore, the database check, and
// (for administrators) sign-in and accounts.
type settingsScreen struct {
	w *MainWindow

	root     fyne.CanvasObject
	dir      *widget.Label
	backups  *widget.Label
	signIn   *widget.Check
	accounts *widget.List
	noUsers  *widget.Label // in place of the empty list: how to add the first account
	edit     *widget.Button
	users    []models.User
	selected int
	admin    []fyne.Disableable
	database *databaseBox
}

func newSettingsScreen(w *MainWindow) *settingsScreen {
	s := &settingsScreen{w: w, selected: -1}
	return s
}

func (s *settingsScreen) title() string { return T("nav.settings") }

// content builds the screen on its first visit.
func (s *settingsScreen) content() fyne.CanvasObject {
	if s.root == nil {
		s.buildUI()
	}
	return s.root
}

func (s *settingsScreen) buildUI() {
	bold := func(k string) *widget.Label {
		return widget.NewLabelWithStyle(T(k), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	s.dir = widget.NewLabel("")
	s.dir.Wrapping = fyne.TextWrapBreak
	s.backups = widget.NewLabel("")
	s.backups.Wrapping = fyne.TextWrapWord
	changeDir := widget.NewButtonWithIcon(T("settings.change_dir"), theme.FolderOpenIcon(), s.onChangeDir)
	backupNow := widget.NewButtonWithIcon(T("settings.backup_to_file"), theme.DocumentSaveIcon(), s.onBackupTo)
	restore := widget.NewButtonWithIcon(T("settings.restore"), theme.HistoryIcon(), s.onRestore)
	check := widget.NewButtonWithIcon(T("settings.check"), theme.ConfirmIcon(), s.onCheck)
	wrapped := func(k string) *widget.Label {
		l := widget.NewLabel(T(k))
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	s.database = newDatabaseBox(s.w)
	var backups fyne.CanvasObject = container.NewVBox(bold("settings.backups"),
		wrapped("settings.backup_rule"),
		container.NewBorder(nil, nil, widget.NewLabel(T("settings.backup_dir")), changeDir, s.dir),
		container.NewHBox(backupNow, restore, check),
		s.backups)
	if s.w.app.Shared() { // the server's database is backed up on the server
		backups = container.NewVBox(bold("settings.backups"), wrapped("db.shared_backups"))
	}
	backupBox := container.NewVBox(backups, widget.NewSeparator(), s.database.root, widget.NewSeparator(),
		s.languageBox(), widget.NewSeparator(), newLeadershipBox(s.w))

	s.signIn = widget.NewCheck(T("settings.signin_enabled"), s.onSignIn)
	s.accounts = widget.NewList(
		func() int { return len(s.users) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			u := s.users[i]
			state := ""
			switch {
			case u.Disabled:
				state = T("settings.disabled")
			case u.LockedUntil != nil:
				state = Tf("settings.locked_until", map[string]any{"At": u.LockedUntil.Local().Format("15:04")})
			}
			o.(*widget.Label).SetText(fmt.Sprintf("%s  %s  %s  %s", u.Username, u.DisplayName, u.Role, state))
		})
	s.accounts.OnSelected = func(i widget.ListItemID) {
		s.selected = i
		if s.isAdmin() {
			s.edit.Enable()
		}
	}
	s.noUsers = widget.NewLabel(T("settings.no_users"))
	s.noUsers.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon(T("settings.add_user"), theme.ContentAddIcon(), func() { s.editUser(models.User{Role: models.RoleEditor}) })
	s.edit = widget.NewButtonWithIcon(T("settings.edit_user"), theme.DocumentCreateIcon(), func() {
		if s.selected >= 0 && s.selected < len(s.users) {
			s.editUser(s.users[s.selected])
		}
	})
	accountsBox := container.NewBorder(container.NewVBox(bold("settings.accounts"), wrapped("settings.signin_hint"),
		s.signIn, container.NewHBox(add, s.edit)), nil, nil, nil, container.NewStack(s.accounts, container.NewVBox(s.noUsers)))
	s.admin = append([]fyne.Disableable{changeDir, restore, s.signIn, add, s.edit}, s.database.controls()...)
	// The backup, language and 领导机制 part scrolls: on a 1280×720 screen it is taller than its
	// half of the split, and a split does not clip what overflows it.
	split := container.NewVSplit(container.NewVScroll(backupBox), accountsBox)
	split.Offset = 0.6
	s.root = container.NewPadded(split)
}

func (s *settingsScreen) isAdmin() bool { return s.w.app.Role == models.RoleAdmin }

func (s *settingsScreen) shown() {
	for _, d := range s.admin {
		if s.isAdmin() {
			d.Enable()
		} else {
			d.Disable()
		}
	}
	s.database.shown()
	ctx := s.w.ctx
	if s.w.app.Shared() {
		s.showAccountsOf(ctx)
		return
	}
	dir, err := s.w.app.Backups.Dir(ctx)
	if err != nil {
		s.w.showError(err)
		return
	}
	s.dir.SetText(dir)
	list, err := s.w.app.Backups.List(ctx)
	if err != nil {
		s.backups.SetText(err.Error())
	} else if len(list) == 0 {
		s.backups.SetText(T("settings.no_backups"))
	} else {
		var b strings.Builder
		b.WriteString(Tf("settings.backup_count", map[string]any{"N": len(list)}))
		for i, bk := range list[:min(5, len(list))] {
			fmt.Fprintf(&b, "\n%d. %s  %s  %.1f MB", i+1, bk.At.Format("2006-01-02 15:04"), bk.Reason, float64(bk.Size)/1e6)
		}
		s.backups.SetText(b.String())
	}
	s.showAccountsOf(ctx)
}

// showAccountsOf reads the accounts for an administrator and shows them.
func (s *settingsScreen) showAccountsOf(ctx context.Context) {
	if s.isAdmin() {
		on, _ := s.w.auth().Enabled(ctx)
		s.signIn.OnChanged = nil
		s.signIn.SetChecked(on)
		s.signIn.OnChanged = s.onSignIn
		s.users, _ = s.w.app.Accounts.Users(ctx)
		s.accounts.Refresh()
	}
	s.showAccounts()
}

// showAccounts shows the account list, or in its place how to add the first account; 修改 needs
// a selected account.
func (s *settingsScreen) showAccounts() {
	if len(s.users) == 0 {
		s.accounts.Hide()
		s.noUsers.Show()
	} else {
		s.noUsers.Hide()
		s.accounts.Show()
	}
	if s.selected < 0 || s.selected >= len(s.users) || !s.isAdmin() {
		s.edit.Disable()
	}
}

func (s *settingsScreen) onChangeDir() {
	dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			return
		}
		shown := s.dir.Text // the folder the screen showed, against which the change is checked
		s.w.trySave(func() error { return s.w.app.Backups.SetDir(s.w.ctx, shown, u.Path()) }, s.shown, s.shown, s.w.showError)
	}, s.w.Win)
	localizeFileDialog(s.w.Win)
}

func (s *settingsScreen) onBackupTo() {
	showSaveDialog(s.w.Win, "shequ-备份.db", func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		path := wc.URI().Path()
		_ = wc.Close()
		// The save dialog created an empty file; the backup writes it anew.
		_ = removeIfEmpty(path)
		s.runLong(T("settings.backup_to_file"), func(ctx context.Context) (string, error) {
			return Tf("settings.backup_done", map[string]any{"Path": path}), s.w.app.Backups.BackupTo(ctx, path)
		})
	})
}

func (s *settingsScreen) onRestore() {
	showOpenDialog(s.w.Win, nil, func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		_ = rc.Close()
		dialog.ShowConfirm(T("settings.restore"), Tf("settings.restore_confirm", map[string]any{"Path": path}), func(ok bool) {
			if !ok {
				return
			}
			s.runLong(T("settings.restore"), func(ctx context.Context) (string, error) {
				res, err := s.w.app.Backups.Restore(ctx, path)
				msg := Tf("settings.restore_done", map[string]any{"Path": path, "Before": res.Before.Path})
				if w := res.Warning(); w != "" {
					msg += "\n\n" + w
				}
				return msg, err
			})
		}, s.w.Win)
	})
}

func (s *settingsScreen) onCheck() {
	s.runLong(T("settings.check"), func(ctx context.Context) (string, error) {
		return T("settings.check_ok"), s.w.app.Backups.Check(ctx)
	})
}

// runLong runs work off the UI goroutine behind a progress dialog and reports the result.
func (s *settingsScreen) runLong(title string, work func(ctx context.Context) (string, error)) {
	bar := widget.NewProgressBarInfinite()
	wait := dialog.NewCustomWithoutButtons(title, bar, s.w.Win)
	wait.Show()
	runAsync(func() {
		msg, err := work(context.Background())
		fyne.Do(func() {
			wait.Hide()
			if err != nil {
				s.w.showError(err)
				return
			}
			s.w.refreshAll()
			dialog.ShowInformation(title, msg, s.w.Win)
		})
	})
}

// onSignIn switches sign-in from the state the check box showed; a switch made at another desk
// meanwhile is put to the clerk.
func (s *settingsScreen) onSignIn(on bool) {
	s.w.trySave(func() error { return s.w.app.Accounts.SetSignIn(s.w.ctx, on) }, s.shown, s.shown, func(err error) {
		s.w.showError(err)
		s.shown()
	})
}

func (s *settingsScreen) editUser(u models.User) {
	name, display, pw := widget.NewEntry(), widget.NewEntry(), widget.NewPasswordEntry()
	name.SetText(u.Username)
	display.SetText(u.DisplayName)
	roles := make([]string, len(models.Roles))
	for i, r := range models.Roles {
		roles[i] = string(r)
	}
	role := newSelect(roles, nil)
	role.SetSelected(string(u.Role))
	disabled := widget.NewCheck(T("settings.disabled"), nil)
	disabled.SetChecked(u.Disabled)
	if u.ID != 0 {
		name.Disable()
		pw.SetPlaceHolder(T("settings.password_keep"))
	}
	items := []*widget.FormItem{
		widget.NewFormItem(T("settings.username"), name),
		widget.NewFormItem(T("settings.display_name"), display),
		widget.NewFormItem(T("settings.role"), role),
		widget.NewFormItem(T("settings.password"), pw),
		widget.NewFormItem("", disabled),
	}
	title := T("settings.add_user")
	if u.ID != 0 {
		title = T("settings.edit_user")
	}
	d := dialog.NewForm(title, T("dialog.confirm"), T("dialog.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		u.Username, u.DisplayName, u.Role, u.Disabled = name.Text, display.Text, models.Role(role.Selected), disabled.Checked
		if _, err := s.w.app.Accounts.Save(s.w.ctx, u, pw.Text); err != nil {
			s.w.showError(err)
			return
		}
		s.shown()
	}, s.w.Win)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

// removeIfEmpty deletes the empty file a save dialog leaves behind.
func removeIfEmpty(path string) error {
	if st, err := os.Stat(path); err == nil && st.Size() == 0 {
		return os.Remove(path)
	}
	return nil
}
