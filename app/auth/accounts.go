package auth

import (
	"context"
	"fmt"
	"strings"

	"shequ/models"
)

// The administrator's account operations by user name, for the command line.

// ByName finds an account by its user name.
func (s *Accounts) ByName(ctx context.Context, name string) (models.User, error) {
	users, err := s.Users(ctx)
	if err != nil {
		return models.User{}, err
	}
	for _, u := range users {
		if u.Username == strings.TrimSpace(name) {
			return u, nil
		}
	}
	return models.User{}, fmt.Errorf("%w：没有用户 %s", models.ErrNotFound, name)
}

// Add creates an account.
func (s *Accounts) Add(ctx context.Context, name string, role models.Role, password string) error {
	_, err := s.Save(ctx, models.User{Username: name, Role: role}, password)
	return err
}

// SetPassword gives an account a new password (and clears its lock).
func (s *Accounts) SetPassword(ctx context.Context, name, password string) error {
	if strings.TrimSpace(password) == "" {
		return &models.ValidationError{Fields: []models.FieldError{{Field: "密码", Message: "不能为空"}}}
	}
	u, err := s.ByName(ctx, name)
	if err != nil {
		return err
	}
	_, err = s.Save(ctx, u, password)
	return err
}

// Disable stops an account from signing in; the last enabled administrator is kept while
// sign-in is on.
func (s *Accounts) Disable(ctx context.Context, name string) error {
	u, err := s.ByName(ctx, name)
	if err != nil {
		return err
	}
	u.Disabled = true
	_, err = s.Save(ctx, u, "")
	return err
}

// Unlock clears an account's lock after too many wrong passwords.
func (s *Accounts) Unlock(ctx context.Context, name string) error {
	u, err := s.ByName(ctx, name)
	if err != nil {
		return err
	}
	return s.st.UnlockUser(ctx, u.ID, s.session.Actor)
}
