package store

import (
	"strconv"
	"strings"
)

// The few places where SQLite's and PostgreSQL's SQL differ and GORM does not bridge them.

// numberPlaceholders turns a raw statement's ? placeholders into PostgreSQL's $1, $2, …; GORM
// does this for its own statements, not for one prepared on the connection directly. The
// statement must hold no ? inside a string literal.
func numberPlaceholders(q string) string {
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
