package sheet

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Cell text quoted in a message is cut to its first ClipKeep characters when it is longer than
// ClipOver: a 32,767-character cell must not turn one error line into 98 KB.
const (
	ClipKeep = 40
	ClipOver = 60
	// clipMessage bounds a whole message after its quoted parts are cut.
	clipMessage = 400
)

// Clip shortens a long cell text for a message: "前 40 个字…（共 N 字）".
func Clip(s string) string {
	if len(s) <= ClipOver || utf8.RuneCountInString(s) <= ClipOver {
		return s
	}
	n := utf8.RuneCountInString(s)
	cut := 0
	for i := range s {
		if cut == ClipKeep {
			return s[:i] + fmt.Sprintf("…（共 %d 字）", n)
		}
		cut++
	}
	return s
}

var closers = map[rune]rune{'“': '”', '（': '）', '(': ')', '「': '」', '"': '"'}

// ClipQuoted shortens every long text a message quotes between “”, （）, () or 「」, and then
// the message itself if it is still too long.
func ClipQuoted(msg string) string {
	if len(msg) <= ClipOver {
		return msg
	}
	var b strings.Builder
	rest := msg
	for rest != "" {
		i := strings.IndexFunc(rest, func(c rune) bool { _, ok := closers[c]; return ok })
		if i < 0 {
			b.WriteString(rest)
			break
		}
		open, size := utf8.DecodeRuneInString(rest[i:])
		b.WriteString(rest[:i+size])
		rest = rest[i+size:]
		j := strings.IndexRune(rest, closers[open])
		if j < 0 {
			continue
		}
		b.WriteString(Clip(rest[:j]))
		rest = rest[j:]
	}
	out := b.String()
	if utf8.RuneCountInString(out) > clipMessage {
		out = string([]rune(out)[:clipMessage]) + "…"
	}
	return out
}
