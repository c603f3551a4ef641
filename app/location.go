package app

import (
	"errors"
	"strings"

	"shequ/app/store"
)

// ShownAddress is a shared database's address as it may be shown: without a password.
func ShownAddress(addr string) string { return store.RedactDSN(addr) }

// CheckSharedAddress checks an address typed into 设置 → 数据库 before it is kept: a
// postgres:// address naming a server and a database, and no password (the password is asked
// at sign-in and never stored).
func CheckSharedAddress(addr string) (string, error) {
	addr = strings.TrimSpace(addr)
	if !store.IsPostgres(addr) {
		return "", errors.New("共享数据库的地址应以 postgres:// 开头，如 postgres://zhangsan@10.1.2.3:5432/shequ?sslmode=require")
	}
	u, err := store.CheckAddress(addr)
	if err != nil {
		return "", err
	}
	if _, has := u.User.Password(); has || u.Query().Has("password") {
		return "", errors.New("地址中不要写密码：密码在每次登录时输入，不会保存")
	}
	return addr, nil
}
