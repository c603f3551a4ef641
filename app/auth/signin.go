package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/argon2"

	"shequ/app/store"
	"shequ/models"
)

// ErrSignIn means the user name or password was wrong, or the account is locked or disabled.
var ErrSignIn = errors.New("登录失败")

// ErrSignInRequired means sign-in is on and no credentials were given.
var ErrSignInRequired = errors.New("已启用登录，请先登录")

const metaSignIn = "auth.signin_enabled"

// Credentials are a user name and password (for the CLI: $SHEQU_USER and $SHEQU_PASSWORD).
type Credentials struct {
	Username string
	Password string
}

// Service manages the optional sign-in. It works on a store before any App exists, because
// the App is built for the user who signed in.
type Service struct {
	st *store.Store
	// Now is the clock lockouts are timed on; tests set it.
	Now func() time.Time
}

// New returns the sign-in service over a store.
func New(st *store.Store) *Service { return &Service{st: st, Now: time.Now} }

// Enabled reports whether an administrator has turned sign-in on.
func (s *Service) Enabled(ctx context.Context) (bool, error) {
	v, err := s.st.Meta(ctx, metaSignIn)
	return v == "1", err
}

// errWrongPassword is the one answer for an unknown user name and a wrong password alike, so
// the answer does not tell which names exist.
var errWrongPassword = fmt.Errorf("%w：用户名或密码不正确", ErrSignIn)

// SignIn checks a password. Every run of five wrong passwords locks the account for 15 minutes.
// An unknown name costs the same hashing as a known one (against a dummy hash) and gets the same
// answer; a disabled account says so only to someone who knows its password.
func (s *Service) SignIn(ctx context.Context, c Credentials) (models.User, error) {
	u, hash, err := s.st.UserForSignIn(ctx, strings.TrimSpace(c.Username))
	if errors.Is(err, models.ErrNotFound) {
		_, _ = verifyPassword(dummyHash(), c.Password)
		return models.User{}, errWrongPassword
	}
	if err != nil {
		return models.User{}, err
	}
	now := s.Now()
	if u.LockedUntil != nil && now.Before(*u.LockedUntil) {
		return models.User{}, fmt.Errorf("%w：密码连续输错 %d 次，账号锁定至 %s", ErrSignIn, models.MaxFailedAttempts,
			u.LockedUntil.Local().Format("15:04"))
	}
	ok, err := verifyPassword(hash, c.Password)
	if err != nil {
		return models.User{}, fmt.Errorf("%w：账号 %s 的密码数据已损坏，无法登录，请管理员重设密码（shequctl user passwd %s）",
			ErrSignIn, u.Username, u.Username)
	}
	if !ok {
		failed := u.FailedAttempts + 1
		if u.LockedUntil != nil { // the lock has expired: a new run of attempts starts
			failed = 1
		}
		var lock *time.Time
		if failed >= models.MaxFailedAttempts {
			t := now.Add(models.LockDuration)
			lock = &t
		}
		if err := s.st.RecordSignIn(ctx, u.ID, u.Username, false, failed, lock); err != nil {
			return models.User{}, err
		}
		if lock != nil {
			return models.User{}, fmt.Errorf("%w：密码连续输错 %d 次，账号锁定 15 分钟", ErrSignIn, models.MaxFailedAttempts)
		}
		return models.User{}, errWrongPassword
	}
	if u.Disabled {
		return models.User{}, fmt.Errorf("%w：账号 %s 已停用，请联系管理员", ErrSignIn, u.Username)
	}
	if err := s.st.RecordSignIn(ctx, u.ID, u.Username, true, 0, nil); err != nil {
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

// argonKey is argon2.IDKey; tests wrap it to see how much hashing an attempt costs.
var argonKey = argon2.IDKey

func hashPassword(pw string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argonKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding.EncodeToString
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64(salt), b64(key)), nil
}

var (
	dummyOnce sync.Once
	dummy     string
)

// dummyHash is a hash with this program's parameters that no password is checked against.
func dummyHash() string {
	dummyOnce.Do(func() {
		salt := make([]byte, 16)
		_, _ = rand.Read(salt)
		b64 := base64.RawStdEncoding.EncodeToString
		dummy = fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
			b64(salt), b64(make([]byte, argonKeyLen)))
	})
	return dummy
}

// errDamagedHash means a stored password hash cannot be checked: its format or parameters are
// damaged (edited, say, to t=0, which would make argon2 panic).
var errDamagedHash = errors.New("密码数据已损坏")

type argonHash struct {
	m, t      uint32
	p         uint8
	salt, key []byte
}

// parseHash reads and checks an encoded argon2id hash; parameters outside sane bounds (which
// would panic argon2 or exhaust memory) are refused.
func parseHash(encoded string) (argonHash, error) {
	var h argonHash
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return h, errDamagedHash
	}
	var rest string
	if n, _ := fmt.Sscanf(parts[3]+",end", "m=%d,t=%d,p=%d,%s", &h.m, &h.t, &h.p, &rest); n != 4 || rest != "end" {
		return h, errDamagedHash
	}
	var err1, err2 error
	h.salt, err1 = base64.RawStdEncoding.DecodeString(parts[4])
	h.key, err2 = base64.RawStdEncoding.DecodeString(parts[5])
	switch {
	case err1 != nil || err2 != nil,
		h.t < 1 || h.t > 64,
		h.p < 1 || h.p > 64,
		h.m < 8*uint32(h.p) || h.m > 1<<20, // at most 1 GiB
		len(h.salt) < 8 || len(h.salt) > 256,
		len(h.key) < 16 || len(h.key) > 256:
		return h, errDamagedHash
	}
	return h, nil
}

// verifyPassword checks pw against an encoded hash; errDamagedHash when the hash cannot be used.
// A damaged hash still costs one hashing with this program's parameters, like any attempt.
func verifyPassword(encoded, pw string) (bool, error) {
	h, err := parseHash(encoded)
	if err != nil {
		if encoded != dummyHash() {
			_, _ = verifyPassword(dummyHash(), pw)
		}
		return false, err
	}
	got := argonKey([]byte(pw), h.salt, h.t, h.m, h.p, uint32(len(h.key)))
	return subtle.ConstantTimeCompare(got, h.key) == 1, nil
}

// Params are what the accounts and audit-log services need: the store and who is working.
type Params struct {
	Store   *store.Store
	Session *models.Session
}

// NewAccounts makes the account service.
func NewAccounts(p Params) *Accounts { return &Accounts{st: p.Store, session: p.Session} }

// Accounts is the administrator's management of sign-in accounts and the sign-in switch.
type Accounts struct {
	st      *store.Store
	session *models.Session
}

// Users lists the accounts.
func (s *Accounts) Users(ctx context.Context) ([]models.User, error) {
	if err := s.session.Require(models.RoleAdmin); err != nil {
		return nil, err
	}
	if err := s.refuseShared(ctx); err != nil {
		return nil, err
	}
	return s.st.Users(ctx)
}

// Save creates or edits an account; password may be empty when editing (kept as it is).
func (s *Accounts) Save(ctx context.Context, u models.User, password string) (int64, error) {
	if err := s.session.Require(models.RoleAdmin); err != nil {
		return 0, err
	}
	if err := s.refuseShared(ctx); err != nil {
		return 0, err
	}
	u.Username, u.DisplayName = strings.TrimSpace(u.Username), strings.TrimSpace(u.DisplayName)
	if err := models.ValidateAccount(u.Username, u.DisplayName, u.Role, password); err != nil {
		return 0, err
	}
	if u.ID == 0 && password == "" {
		return 0, &models.ValidationError{Fields: []models.FieldError{{Field: "密码", Message: "新账号必须设置密码"}}}
	}
	if enabled, _ := New(s.st).Enabled(ctx); enabled && u.ID != 0 && (u.Role != models.RoleAdmin || u.Disabled) {
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
	return s.st.SaveUser(ctx, u, hash, s.session.Actor)
}

// keepAnAdmin refuses a change that would leave sign-in on without any enabled administrator.
func (s *Accounts) keepAnAdmin(ctx context.Context, changing int64) error {
	users, err := s.st.Users(ctx)
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

// SetSignIn turns sign-in on or off, from the state the caller's screen showed (off, to turn it on;
// on, to turn it off): when another desk switched it meanwhile, it is a *models.EditConflict.
// Turning it on needs at least one enabled administrator.
func (s *Accounts) SetSignIn(ctx context.Context, on bool) error {
	if err := s.session.Require(models.RoleAdmin); err != nil {
		return err
	}
	if err := s.refuseShared(ctx); err != nil {
		return err
	}
	if on {
		n, err := s.st.CountAdmins(ctx)
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
	return s.st.SetSetting(ctx, store.Setting{Key: metaSignIn, Value: value, Label: "登录", Before: before, After: after,
		Unchanged: func(stored string) bool { return (stored == "1") != on }}, s.session.Actor)
}
