package store

import (
	"context"
	"crypto/hmac"
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"

	"gorm.io/gorm"

	"shequ/models"
)

// Login roles of a shared database: user add creates one, puts it in its group and records its
// scope; the password reaches the server only as a SCRAM-SHA-256 verifier, so no statement log
// can show it.

// roleNamePattern: letters (Chinese too), digits and _, not starting with a digit; PostgreSQL
// keeps at most 63 bytes of a name.
var roleNamePattern = regexp.MustCompile(`^[\p{Han}a-z_][\p{Han}a-z0-9_]*$`)

// NewAccess is what AddAccessUser needs.
type NewAccess struct {
	Name     string
	Kind     string // admin, clerk or viewer
	Scope    string // a county's or township's code as typed (6, 9 or 12 digits); "" for the whole database
	Password string
}

// checkNewAccess checks what can be checked without the database, in Chinese.
func checkNewAccess(n NewAccess) error {
	var v models.ValidationError
	switch {
	case n.Name == "":
		v.Add("用户名", "不能为空")
	case len(n.Name) > 63:
		v.Add("用户名", "太长（最多 21 个汉字或 63 个字母）")
	case !roleNamePattern.MatchString(n.Name):
		v.Add("用户名", "只能用小写字母、汉字、数字和下划线，且不以数字开头（"+n.Name+"）")
	case strings.HasPrefix(n.Name, "pg_"), strings.HasPrefix(n.Name, "shequ_"):
		v.Add("用户名", "不能以 pg_ 或 shequ_ 开头（这些名字留给数据库和 shequ 的组角色）")
	}
	if _, ok := AccessKinds[n.Kind]; !ok {
		v.Add("角色", "应为 admin（管理员）、clerk（录入员）或 viewer（只读），而不是“"+n.Kind+"”")
	}
	if len(n.Password) < models.MinPasswordLength {
		v.Add("密码", fmt.Sprintf("至少 %d 位", models.MinPasswordLength))
	}
	for _, r := range n.Password {
		if r < 0x21 || r > 0x7e {
			v.Add("密码", "共享模式的密码只能用英文字母、数字和符号，不能有汉字或空格")
			break
		}
	}
	return v.Err()
}

// scopeOf checks a scope as typed: the division exists (for this role) and is a county or a
// township. It returns the 12-digit code, nil for the whole database.
func scopeOf(tx *gorm.DB, typed string) (*string, error) {
	if strings.TrimSpace(typed) == "" {
		return nil, nil
	}
	c, err := models.ParseDivisionCode(typed)
	if err != nil {
		return nil, &models.ValidationError{Fields: []models.FieldError{{Field: "范围", Message: "区划代码应为 12 位数字（县或乡镇），而不是“" + typed + "”"}}}
	}
	var rows []divisionRow
	if err := tx.Where("code = ?", string(c)).Limit(1).Find(&rows).Error; err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &models.ValidationError{Fields: []models.FieldError{{Field: "范围", Message: "数据库里没有区划代码 " + string(c)}}}
	}
	lv := models.Level(rows[0].Level)
	if lv != models.LevelCounty && lv != models.LevelTownship {
		return nil, &models.ValidationError{Fields: []models.FieldError{{Field: "范围",
			Message: fmt.Sprintf("%s（%s）不是县（市、区）或乡镇（街道），范围只能是县或乡镇", rows[0].Name, string(c))}}}
	}
	s := string(c)
	return &s, nil
}

// AddAccessUser creates a login role in its group, lets it connect to this database and records
// its scope, all in one transaction, through shequ_add_user: the owner may add anyone, an admin
// only within his own scope.
func (s *Store) AddAccessUser(ctx context.Context, n NewAccess) error {
	if !s.pg {
		return fmt.Errorf("%w：按数据库角色添加账号", ErrSharedMode)
	}
	if err := checkNewAccess(n); err != nil {
		return err
	}
	verifier, err := scramVerifier(n.Password)
	if err != nil {
		return err
	}
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockWriters(tx); err != nil {
			return err
		}
		if err := requireAccessSetUp(tx); err != nil {
			return err
		}
		code, err := scopeOf(tx, n.Scope)
		if err != nil {
			return err
		}
		var exists int64
		if err := tx.Raw("SELECT COUNT(*) FROM pg_roles WHERE rolname = ?", n.Name).Row().Scan(&exists); err != nil {
			return err
		}
		if exists > 0 {
			return fmt.Errorf("%w：数据库服务器上已有名为 %s 的角色", models.ErrConflict, n.Name)
		}
		if err := tx.Exec("SELECT shequ_add_user(?, ?, ?, ?)", n.Name, n.Kind, code, verifier).Error; err != nil {
			return accessFailure(err)
		}
		return nil
	})
}

// requireAccessSetUp refuses access management before init has set up the access rules.
func requireAccessSetUp(tx *gorm.DB) error {
	set, err := accessSetUp(tx)
	if err != nil {
		return err
	}
	if !set {
		return fmt.Errorf("%w：这个共享数据库还没有设置访问规则，请先由信息管理员运行 shequctl init", models.ErrInvalid)
	}
	return nil
}

// AccessUsers lists the login roles recorded in this database, by name.
func (s *Store) AccessUsers(ctx context.Context) ([]AccessAccount, error) {
	if !s.pg {
		return nil, fmt.Errorf("%w：按数据库角色列出账号", ErrSharedMode)
	}
	var rows []struct {
		RoleName  string
		Kind      string
		ScopeCode *string
	}
	if err := s.db.WithContext(ctx).Raw(`SELECT role_name, kind, scope_code FROM access_scopes ORDER BY role_name`).
		Scan(&rows).Error; err != nil {
		if strings.Contains(err.Error(), "42501") || strings.Contains(err.Error(), "42P01") {
			return nil, fmt.Errorf("%w（%v）", ErrNotOwner, err)
		}
		return nil, err
	}
	out := make([]AccessAccount, len(rows))
	for i, r := range rows {
		out[i] = AccessAccount{Name: r.RoleName, Kind: r.Kind}
		if r.ScopeCode != nil {
			out[i].Scope = *r.ScopeCode
		}
	}
	return out, nil
}

// scramVerifier is PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 5802/7677), as
// psql's \password computes it. The password is printable ASCII (checkNewAccess), on which
// SASLprep changes nothing.
func scramVerifier(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	const iterations = 4096
	salted, err := pbkdf2.Key(sha256.New, password, salt, iterations, sha256.Size)
	if err != nil {
		return "", err
	}
	mac := func(key []byte, msg string) []byte {
		h := hmac.New(sha256.New, key)
		h.Write([]byte(msg))
		return h.Sum(nil)
	}
	clientKey := mac(salted, "Client Key")
	stored := sha256.Sum256(clientKey)
	serverKey := mac(salted, "Server Key")
	b64 := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", iterations, b64(salt), b64(stored[:]), b64(serverKey)), nil
}
