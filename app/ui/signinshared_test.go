package ui

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2/test"
)

// The shared database's sign-in window passes the typed name and password to Connect, shows
// why a connection failed (clearing the password), and opens the main window on success.
func TestSharedSignInWindow(t *testing.T) {
	fa := test.NewTempApp(t)
	var gotUser, gotPw string
	opened := false
	fail := errors.New("用户名或密码不对：共享数据库 postgres://db.example:5432/shequ")
	s := newSharedSignIn(fa, SharedSignIn{Address: "postgres://db.example:5432/shequ", User: "li",
		Connect: func(user, pw string) (func(), error) {
			gotUser, gotPw = user, pw
			if pw != "right-password" {
				return nil, fail
			}
			return func() { opened = true }, nil
		}})
	if s.user.Text != "li" {
		t.Errorf("user name %q, want the address's li", s.user.Text)
	}
	test.Tap(s.ok)
	if s.msg.Text != "请填写用户名和密码" || gotUser != "" {
		t.Errorf("empty password: %q, connect called with %q", s.msg.Text, gotUser)
	}
	test.Type(s.pw, "wrong-password")
	test.Tap(s.ok)
	if gotUser != "li" || gotPw != "wrong-password" || s.msg.Text != fail.Error() || s.pw.Text != "" || opened {
		t.Errorf("wrong password: connect(%q, %q), message %q, password entry %q, opened %v", gotUser, gotPw, s.msg.Text, s.pw.Text, opened)
	}
	test.Type(s.pw, "right-password")
	test.Tap(s.ok)
	if !opened {
		t.Error("the main window was not opened after a good password")
	}
}
