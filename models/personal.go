package models

import (
	"strings"
	"unicode/utf8"
)

// MaskIDNumber shows the first 6 and last 4 characters of a 身份证号: 511302********1234.
func MaskIDNumber(id string) string {
	id = strings.TrimSpace(id)
	n := utf8.RuneCountInString(id)
	if n <= 10 {
		return strings.Repeat("*", n)
	}
	r := []rune(id)
	return string(r[:6]) + strings.Repeat("*", n-10) + string(r[n-4:])
}

// MaskPhone shows a mobile number as 138****5678 and a landline as 0817-****222; short or
// unknown forms keep only their last two characters.
func MaskPhone(p string) string {
	p = strings.TrimSpace(p)
	r := []rune(p)
	n := len(r)
	switch {
	case n == 0:
		return ""
	case n == 11 && r[0] == '1':
		return string(r[:3]) + "****" + string(r[7:])
	case n > 7:
		keep := n - 7
		if i := strings.IndexRune(p, '-'); i > 0 && i < n-4 {
			keep = utf8.RuneCountInString(p[:i+1])
		}
		return string(r[:keep]) + strings.Repeat("*", n-keep-3) + string(r[n-3:])
	default:
		return strings.Repeat("*", max(0, n-2)) + string(r[max(0, n-2):])
	}
}

// MaskName keeps a person's surname: 张** for 张三丰.
func MaskName(name string) string {
	r := []rune(strings.TrimSpace(name))
	if len(r) <= 1 {
		return string(r)
	}
	return string(r[0]) + strings.Repeat("*", len(r)-1)
}

// SafeCSVCell neutralises a value that a spreadsheet would run as a formula or that could
// break the line: a leading = + - @ tab or CR gets a leading apostrophe (CSV injection).
func SafeCSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
