package main

import (
	"context"

	"shequ/app/backup"
	"shequ/app/store"
	"shequ/app/ui"
)

// Shared mode (issue 17): signing in to the window is connecting as one's own PostgreSQL role.

// needsSignIn reports whether path is a shared database's address without a password: the
// window then asks for the user name and password before it connects.
func needsSignIn(path string) bool {
	if !store.IsPostgres(path) {
		return false
	}
	_, hasPassword := store.AddressLogin(path)
	return !hasPassword
}

// signInShared shows the sign-in window of a shared database; a successful sign-in opens the
// main window as that role.
func (s *starter) signInShared(path, notice string) {
	user, _ := store.AddressLogin(path)
	w := ui.SharedSignInWindow(s.fa, ui.SharedSignIn{Address: store.AddressWithoutLogin(path), User: user,
		Connect: func(user, password string) (func(), error) {
			ctx := context.Background()
			st, err := backup.OpenDesk(ctx, store.WithLogin(path, user, password))
			if err != nil {
				return nil, err
			}
			return func() {
				s.close()
				s.st = st
				if err := s.open(ctx, notice); err != nil {
					_ = s.st.Close()
					s.st = nil
					s.problem(path, store.Explain(path, err))
				}
			}, nil
		}})
	w.Show()
	s.closeProblem()
}
