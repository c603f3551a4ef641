package app

import (
	"context"

	"shequ/app/store"
)

// Shared mode's access rules (issue 17) are the database's: these pass the IT person's requests
// to the store, which refuses them unless the connection is the owner of the tables.

// SetUpAccess installs or refreshes the group roles, scopes, grants and row-level security of a
// shared database; nothing in desk mode.
func (a *App) SetUpAccess(ctx context.Context) error { return a.store.SetUpAccess(ctx) }

// AddAccessUser creates a login role of a shared database with its kind and scope.
func (a *App) AddAccessUser(ctx context.Context, n store.NewAccess) error {
	return a.store.AddAccessUser(ctx, n)
}

// AccessUsers lists the login roles of a shared database.
func (a *App) AccessUsers(ctx context.Context) ([]store.AccessAccount, error) {
	return a.store.AccessUsers(ctx)
}

// Shared reports whether the App works on a shared (PostgreSQL) database.
func (a *App) Shared() bool { return a.store.Shared() }

// SharedSession opens the App on a shared database as the role the address signs in with: once
// init has set up access, the database, not shequ's own accounts, says who that is, what it may
// do and where (its scope). ok is false for a shared database without access rules (shequ's
// accounts apply); owner says the role owns the tables (it may seed what every desk shares).
func SharedSession(ctx context.Context, st *store.Store) (a *App, owner, ok bool, err error) {
	acc, err := st.SessionAccount(ctx)
	if err != nil || acc.Unmanaged {
		return nil, false, false, err
	}
	p := Params{Store: st, Actor: acc.Name, Role: acc.Role(), Shared: true}
	if acc.Scope != "" {
		d, err := st.Division(ctx, acc.Scope)
		if err != nil {
			return nil, false, false, err
		}
		p.Scope = d.Level
	}
	return New(p), acc.Owner, true, nil
}
