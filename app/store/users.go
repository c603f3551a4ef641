package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"shequ/models"
)

type userRow struct {
	ID             int64 `gorm:"primaryKey"`
	Username       string
	DisplayName    string
	Role           string
	PasswordHash   string
	FailedAttempts int
	LockedUntil    *time.Time
	Disabled       bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (userRow) TableName() string { return "users" }

func (r userRow) model() models.User {
	return models.User{ID: r.ID, Username: r.Username, DisplayName: r.DisplayName, Role: models.Role(r.Role),
		FailedAttempts: r.FailedAttempts, LockedUntil: r.LockedUntil, Disabled: r.Disabled}
}

// Users lists the sign-in accounts.
func (s *Store) Users(ctx context.Context) ([]models.User, error) {
	var rows []userRow
	if err := s.db.WithContext(ctx).Order("username").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]models.User, len(rows))
	for i, r := range rows {
		out[i] = r.model()
	}
	return out, nil
}

// UserForSignIn returns an account and its password hash.
func (s *Store) UserForSignIn(ctx context.Context, username string) (models.User, string, error) {
	var r userRow
	err := s.db.WithContext(ctx).Where("username = ?", username).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return models.User{}, "", fmt.Errorf("%w：用户 %s", models.ErrNotFound, username)
	}
	return r.model(), r.PasswordHash, err
}

// RecordSignIn stores the outcome of a sign-in attempt: failed is the count of wrong passwords in
// the current run (0 after a success), lockUntil the end of a lock (nil: not locked). Attempts are
// audited.
func (s *Store) RecordSignIn(ctx context.Context, id int64, username string, ok bool, failed int, lockUntil *time.Time) error {
	return s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lockWriters(tx); err != nil {
			return err
		}
		upd := map[string]any{"updated_at": s.now(), "failed_attempts": failed, "locked_until": nil}
		note := "登录成功"
		if !ok {
			note = "密码错误"
			if lockUntil != nil {
				upd["locked_until"] = *lockUntil
				note = "密码错误，账号锁定至 " + lockUntil.Format("15:04")
			}
		}
		if err := tx.Model(&userRow{}).Where("id = ?", id).Updates(upd).Error; err != nil {
			return err
		}
		return s.audit(tx, username, "登录", "用户", username, "登录", nil, note)
	})
}

// SaveUser creates (ID 0) or updates an account; hash is replaced only when not empty.
func (s *Store) SaveUser(ctx context.Context, u models.User, hash, actor string) (int64, error) {
	id := u.ID
	err := s.withTx(ctx, func(tx *gorm.DB) error {
		now := s.now()
		if u.ID == 0 {
			var n int64
			if err := tx.Model(&userRow{}).Where("username = ?", u.Username).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("%w：用户名 %s 已存在", models.ErrConflict, u.Username)
			}
			r := userRow{Username: u.Username, DisplayName: u.DisplayName, Role: string(u.Role), PasswordHash: hash,
				Disabled: u.Disabled, CreatedAt: now, UpdatedAt: now}
			if err := tx.Create(&r).Error; err != nil {
				return err
			}
			id = r.ID
			return s.audit(tx, actor, "设置", "用户", u.Username, ActionCreate, []FieldChange{
				{Field: "姓名", After: u.DisplayName}, {Field: "角色", After: string(u.Role)}}, "")
		}
		var old userRow
		if err := tx.Where("id = ?", u.ID).Take(&old).Error; err != nil {
			return fmt.Errorf("%w：用户 %d", models.ErrNotFound, u.ID)
		}
		upd := map[string]any{"display_name": u.DisplayName, "role": string(u.Role), "disabled": u.Disabled, "updated_at": now}
		changes := []FieldChange{}
		if old.DisplayName != u.DisplayName {
			changes = append(changes, FieldChange{Field: "姓名", Before: old.DisplayName, After: u.DisplayName})
		}
		if old.Role != string(u.Role) {
			changes = append(changes, FieldChange{Field: "角色", Before: old.Role, After: string(u.Role)})
		}
		if old.Disabled != u.Disabled {
			changes = append(changes, FieldChange{Field: "停用", Before: fmt.Sprint(old.Disabled), After: fmt.Sprint(u.Disabled)})
		}
		if hash != "" {
			upd["password_hash"], upd["failed_attempts"], upd["locked_until"] = hash, 0, nil
			changes = append(changes, FieldChange{Field: "密码", Before: "（已隐藏）", After: "（已重设）"})
		}
		if err := tx.Model(&userRow{}).Where("id = ?", u.ID).Updates(upd).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "设置", "用户", old.Username, ActionUpdate, changes, "")
	})
	return id, err
}

// CountAdmins counts enabled administrator accounts.
func (s *Store) CountAdmins(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&userRow{}).Where("role = ? AND disabled = ?", string(models.RoleAdmin), false).Count(&n).Error
	return n, err
}

// UnlockUser clears an account's lock and its count of wrong passwords, audited.
func (s *Store) UnlockUser(ctx context.Context, id int64, actor string) error {
	return s.withTx(ctx, func(tx *gorm.DB) error {
		var old userRow
		if err := tx.Where("id = ?", id).Take(&old).Error; err != nil {
			return fmt.Errorf("%w：用户 %d", models.ErrNotFound, id)
		}
		if err := tx.Model(&userRow{}).Where("id = ?", id).Updates(map[string]any{
			"failed_attempts": 0, "locked_until": nil, "updated_at": s.now()}).Error; err != nil {
			return err
		}
		return s.audit(tx, actor, "设置", "用户", old.Username, ActionUpdate,
			[]FieldChange{{Field: "锁定", Before: lockText(old.LockedUntil), After: "未锁定"}}, "解除锁定")
	})
}

func lockText(t *time.Time) string {
	if t == nil {
		return "未锁定"
	}
	return "锁定至 " + t.Local().Format("2006-01-02 15:04")
}
