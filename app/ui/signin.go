package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/app/auth"
	"shequ/models"
)

// SignInWindow asks for a user name and password when an administrator has turned sign-in on;
// onSignedIn gets the user once the password is right.
func SignInWindow(fa fyne.App, signin *auth.Service, onSignedIn func(models.User)) fyne.Window {
	win := fa.NewWindow(T("signin.title"))
	win.SetIcon(AppIcon)
	user, pw := widget.NewEntry(), widget.NewPasswordEntry()
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	submit := func() {
		u, err := signin.SignIn(context.Background(), auth.Credentials{Username: user.Text, Password: pw.Text})
		if err != nil {
			msg.SetText(userMessage(err))
			pw.SetText("")
			return
		}
		onSignedIn(u)
		win.Close()
	}
	user.OnSubmitted = func(string) { win.Canvas().Focus(pw) }
	pw.OnSubmitted = func(string) { submit() }
	form := widget.NewForm(widget.NewFormItem(T("settings.username"), user), widget.NewFormItem(T("settings.password"), pw))
	ok := widget.NewButton(T("signin.submit"), submit)
	ok.Importance = widget.HighImportance
	heading := widget.NewLabelWithStyle(T("app.title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	win.SetContent(container.NewPadded(container.NewVBox(heading, form, ok, msg)))
	win.Resize(fyne.NewSize(420, 260))
	win.CenterOnScreen()
	win.Canvas().Focus(user)
	return win
}
