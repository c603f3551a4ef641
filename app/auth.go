package app

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"shequ/app/store"
	"shequ/models"
)

// ErrSignIn means the user name or password was wrong, or the account is locked or disabled.
var ErrSignIn = errors.New("登录失败")

// ErrSignInRequired means sign-in is on and no credentials were given.
var ErrSignInRequired = errors.New("已启用登录，请先登录")

// ErrForbidden means the signed-in role may not do this.
var ErrForbidden = errors.New("当前账号无权进行此操作")

const metaSignIn = "auth.signin_enabled"

// Credentials are a user name and password (for the CLI: $SHEQU_USER and $SHEQU_PASSWORD).
type Credentials struct {
	Username string
	Password string
}

// AuthService manages the optional sign-in. It works on a store before any App exists, because
// the App is built for the user who signed in.
type AuthService struct {
	st  *store.Store
	now func() time.Time
}

// NewAuth returns the sign-in service over a store.
func NewAuth(st *store.Store) *AuthService { return &AuthService{st: st, now: time.Now} }

// Enabled reports whether an administrator has turned sign-in on.
func (s *AuthService) Enabled(ctx context.Context) (bool, error) {
	v, err := s.st.Meta(ctx, metaSignIn)
	return v == "1", err
}

// SignIn checks a password. Five wrong passwords in a row lock the account for 15 minutes.
func (s *AuthService) SignIn(ctx context.Context, c Credentials) (models.User, error) {
	u, hash, err := s.st.UserForSignIn(ctx, strings.TrimSpace(c.Username))
	if errors.Is(err, models.ErrNotFound) {
		return models.User{}, fmt.Errorf("%w：用户名或密码不正确", ErrSignIn)
	}
	if err != nil {
		return models.User{}, err
	}
	now := s.now()
	if u.Disabled {
		return models.User{}, fmt.Errorf("%w：账号 %s 已停用，请联系管理员", ErrSignIn, u.Username)
	}
	if u.LockedUntil != nil && now.Before(*u.LockedUntil) {
		return models.User{}, fmt.Errorf("%w：密码连续输错 %d 次，账号锁定至 %s", ErrSignIn, models.MaxFailedAttempts,
			u.LockedUntil.Local().Format("15:04"))
	}
	if !verifyPassword(hash, c.Password) {
		failed := u.FailedAttempts + 1
		if u.LockedUntil != nil { // an expired lock starts a new count
			failed = 1
		}
		var lock *time.Time
		if failed >= models.MaxFailedAttempts {
			t := now.Add(models.LockDuration)
			lock = &t
		}
		if err := s.st.RecordSignIn(ctx, u.ID, u.Username, false, lock); err != nil {
			return models.User{}, err
		}
		if lock != nil {
			return models.User{}, fmt.Errorf("%w：密码连续输错 %d 次，账号锁定 15 分钟", ErrSignIn, models.MaxFailedAttempts)
		}
		return models.User{}, fmt.Errorf("%w：用户名或密码不正确（还可尝试 %d 次）", ErrSignIn, models.MaxFailedAttempts-failed)
	}
	if err := s.st.RecordSignIn(ctx, u.ID, u.Username, true, nil); err != nil {
		return models.User{}, err
	}
	return u, nil
}

// Argon2id parameters (RFC 9106's second recommended option, with 64 MiB memory).
const (
	argonTime    = 3
	argonMemory  = 64 * 1024
	argonThreads = 2
	argonKeyLen  = 32
)

func hashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding.EncodeToString
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64(salt), b64(key)), nil
}

func verifyPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(pw), salt, t, m, p, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// Auth is the sign-in service over this App's database.
func (a *App) Auth() *AuthService { return NewAuth(a.store) }

// AccountService is the administrator's management of sign-in accounts and the sign-in switch.
type AccountService struct {
	a *App
}

// Users lists the accounts.
func (s *AccountService) Users(ctx context.Context) ([]models.User, error) {
	if err := s.a.require(models.RoleAdmin); err != nil {
		return nil, err
	}
	return s.a.store.Users(ctx)
}

// Save creates or edits an account; password may be empty when editing (kept as it is).
func (s *AccountService) Save(ctx context.Context, u models.User, password string) (int64, error) {
	if err := s.a.require(models.RoleAdmin); err != nil {
		return 0, err
	}
	u.Username, u.DisplayName = strings.TrimSpace(u.Username), strings.TrimSpace(u.DisplayName)
	if err := models.ValidateAccount(u.Username, u.DisplayName, u.Role, password); err != nil {
		return 0, err
	}
	if u.ID == 0 && password == "" {
		return 0, &models.ValidationError{Fields: []models.FieldError{{Field: "密码", Message: "新账号必须设置密码"}}}
	}
	if enabled, _ := NewAuth(s.a.store).Enabled(ctx); enabled && u.ID != 0 && (u.Role != models.RoleAdmin || u.Disabled) {
		if err := s.keepAnAdmin(ctx, u.ID); err != nil {
			return 0, err
		}
	}
	hash := ""
	if password != "" {
		var err error
		if hash, err = hashPassword(password); err != nil {
			return 0, err
		}
	}
	return s.a.store.SaveUser(ctx, u, hash, s.a.Actor)
}

// keepAnAdmin refuses a change that would leave sign-in on without any enabled administrator.
func (s *AccountService) keepAnAdmin(ctx context.Context, changing int64) error {
	users, err := s.a.store.Users(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if u.ID != changing && u.Role == models.RoleAdmin && !u.Disabled {
			return nil
		}
	}
	return fmt.Errorf("%w：登录已启用，至少要保留一个在用的管理员账号", models.ErrInvalid)
}

// SetSignIn turns sign-in on or off. Turning it on needs at least one enabled administrator.
func (s *AccountService) SetSignIn(ctx context.Context, on bool) error {
	if err := s.a.require(models.RoleAdmin); err != nil {
		return err
	}
	if on {
		n, err := s.a.store.CountAdmins(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%w：请先建立至少一个管理员账号，再启用登录", models.ErrInvalid)
		}
	}
	before, after, value := "关闭", "开启", "1"
	if !on {
		before, after, value = "开启", "关闭", "0"
	}
	return s.a.store.SetSetting(ctx, metaSignIn, value, "登录", before, after, s.a.Actor)
}
