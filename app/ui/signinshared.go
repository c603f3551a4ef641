package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// SharedSignIn is what the sign-in window of a shared database needs. In shared mode signing in
// is connecting as one's own PostgreSQL role: the server checks the password, and the role's
// group and scope decide what the window shows.
type SharedSignIn struct {
	Address string // the server and database, shown without user or password
	User    string // the user name the address names, if any
	// Connect opens the database as user with password, off the UI goroutine; it returns what
	// shows the main window (run on the UI goroutine), or why it could not connect.
	Connect func(user, password string) (open func(), err error)
}

// sharedSignInScreen is the window's widgets and its one handler.
type sharedSignInScreen struct {
	win      fyne.Window
	p        SharedSignIn
	user, pw *widget.Entry
	ok       *widget.Button
	msg      *widget.Label
}

// SharedSignInWindow asks for the database user name and password.
func SharedSignInWindow(fa fyne.App, p SharedSignIn) fyne.Window { return newSharedSignIn(fa, p).win }

func newSharedSignIn(fa fyne.App, p SharedSignIn) *sharedSignInScreen {
	s := &sharedSignInScreen{win: fa.NewWindow(T("signin.title")), p: p}
	s.win.SetIcon(AppIcon)
	s.buildUI()
	s.win.Resize(fyne.NewSize(460, 300))
	s.win.CenterOnScreen()
	if p.User != "" {
		s.win.Canvas().Focus(s.pw)
	} else {
		s.win.Canvas().Focus(s.user)
	}
	return s
}

func (s *sharedSignInScreen) buildUI() {
	s.user, s.pw = widget.NewEntry(), widget.NewPasswordEntry()
	s.user.SetText(s.p.User)
	s.msg = widget.NewLabel("")
	s.msg.Importance = widget.DangerImportance
	s.msg.Wrapping = fyne.TextWrapWord
	s.user.OnSubmitted = func(string) { s.win.Canvas().Focus(s.pw) }
	s.pw.OnSubmitted = func(string) { s.onSubmit() }
	form := widget.NewForm(widget.NewFormItem(T("signin.shared_address"), widget.NewLabel(s.p.Address)),
		widget.NewFormItem(T("settings.username"), s.user), widget.NewFormItem(T("settings.password"), s.pw))
	s.ok = widget.NewButton(T("signin.submit"), s.onSubmit)
	s.ok.Importance = widget.HighImportance
	heading := widget.NewLabelWithStyle(T("signin.shared_heading"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(T("signin.shared_hint"))
	hint.Wrapping = fyne.TextWrapWord
	s.win.SetContent(container.NewPadded(container.NewVBox(heading, hint, form, s.ok, s.msg)))
}

// onSubmit connects off the UI goroutine; the password leaves the entry at once.
func (s *sharedSignInScreen) onSubmit() {
	user, pw := s.user.Text, s.pw.Text
	if user == "" || pw == "" {
		s.msg.SetText(T("signin.need_user"))
		return
	}
	s.pw.SetText("")
	s.ok.Disable()
	s.msg.SetText(T("signin.connecting"))
	runAsync(func() {
		open, err := s.p.Connect(user, pw)
		fyne.Do(func() {
			s.ok.Enable()
			if err != nil {
				s.msg.SetText(userMessage(err))
				s.win.Canvas().Focus(s.pw)
				return
			}
			open()
			s.win.Close()
		})
	})
}
