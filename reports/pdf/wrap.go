package pdf

import "strings"

// wrap breaks text into lines no wider than w at the current font; CJK text may break between
// any two characters, a line never starts with closing punctuation nor ends with opening
// punctuation.
func (d *doc) wrap(text string, w float64) []string {
	if d.f.GetStringWidth(text) <= w {
		return []string{text}
	}
	var lines []string
	var cur []rune
	cw := 0.0
	for _, r := range text {
		rw := d.f.GetStringWidth(string(r))
		if cw+rw > w && len(cur) > 0 {
			// Closing punctuation never starts a line: carry the characters before it down too.
			carry := 0
			if isClosing(r) {
				carry = 1
				for carry < len(cur)-1 && isClosing(cur[len(cur)-carry]) {
					carry++
				}
				carry = min(carry, len(cur)-1)
			}
			// A number or a Latin word is never split ("11.30", "98.5%"): move the break to its start.
			split := len(cur) - carry
			next := func(i int) rune { // the rune that would start the next line
				if i < len(cur) {
					return cur[i]
				}
				return r
			}
			b := split
			for b > 0 && isWordRune(cur[b-1]) && isWordRune(next(b)) {
				b--
			}
			if b > 0 { // else the word fills the whole line: split it after all
				split = b
			}
			// Nor does opening punctuation end a line: “已建档案（” then “个）”.
			for split > 1 && isOpening(cur[split-1]) {
				split--
			}
			lines = append(lines, string(cur[:split]))
			cur = append([]rune(nil), cur[split:]...)
			cw = d.f.GetStringWidth(string(cur))
		}
		cur = append(cur, r)
		cw += rw
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// fit clips text to w with an ellipsis when it is wider.
func (d *doc) fit(text string, w float64) string {
	if d.f.GetStringWidth(text) <= w {
		return text
	}
	ell := "…"
	limit := w - d.f.GetStringWidth(ell)
	rs := []rune(text)
	cw := 0.0
	for i, r := range rs {
		cw += d.f.GetStringWidth(string(r))
		if cw > limit {
			return string(rs[:i]) + ell
		}
	}
	return text
}

func isOpening(r rune) bool {
	return strings.ContainsRune("（《“‘([", r)
}

func isClosing(r rune) bool {
	return strings.ContainsRune("，。、；：？！）》”’,.;:?!)", r)
}

// isWordRune is part of a number or a Latin word, which a line must not split.
func isWordRune(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '.' || r == ',' || r == '%'
}
