package auth

import (
	"os"
	"os/user"
	"strings"
)

// OSUser is the signed-in operating-system user, without a Windows domain prefix.
func OSUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		name := u.Username
		if i := strings.LastIndex(name, `\`); i >= 0 {
			name = name[i+1:]
		}
		return name
	}
	if n := os.Getenv("USERNAME"); n != "" {
		return n
	}
	return "unknown"
}
