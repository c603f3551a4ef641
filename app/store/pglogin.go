package store

import (
	"net/url"
	"strings"
)

// In shared mode the window signs in by connecting as the clerk's own PostgreSQL role: the
// address in --db or SHEQU_DB names the server and the database, and may leave out the user and
// password, which the sign-in window then asks for. The address with the password is built only
// to connect and is never kept or shown.

// AddressLogin is the user name a shared database's address names ("" if none), and whether it
// carries a password (in the user part or as ?password=).
func AddressLogin(dsn string) (user string, hasPassword bool) {
	u, err := url.Parse(strings.TrimSpace(dsn))
	if err != nil {
		return "", false
	}
	if u.User != nil {
		user = u.User.Username()
		_, hasPassword = u.User.Password()
	}
	return user, hasPassword || u.Query().Has("password")
}

// WithLogin is the address with user and password put in, for connecting only.
func WithLogin(dsn, user, password string) string {
	u, err := url.Parse(strings.TrimSpace(dsn))
	if err != nil {
		return dsn
	}
	u.User = url.UserPassword(user, password)
	q := u.Query()
	if q.Has("password") || q.Has("user") {
		q.Del("password")
		q.Del("user")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// AddressWithoutLogin is the address as the sign-in window shows it: server and database only.
func AddressWithoutLogin(dsn string) string {
	u, err := url.Parse(strings.TrimSpace(dsn))
	if err != nil {
		return "postgres://（无法解析的地址）"
	}
	u.User = nil
	u.RawQuery = ""
	return u.String()
}
