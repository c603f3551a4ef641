package sheet

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalize folds header text so that the ways people type it compare equal: full-width
// letters, digits and brackets become half-width, 【】〔〕［］ become (), and every space,
// full-width space and line break is dropped.
func Normalize(s string) string {
	if !needsNormalizing(s) {
		return s // most cells: nothing to fold, nothing to allocate
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		switch {
		case unicode.IsSpace(c) || c == '\u3000' || c == '\u00a0' || c == '\u200b' || c == '\ufeff':
			continue
		case c == '（' || c == '【' || c == '〔' || c == '［' || c == '[':
			c = '('
		case c == '）' || c == '】' || c == '〕' || c == '］' || c == ']':
			c = ')'
		case c == '：':
			c = ':'
		case c >= '！' && c <= '～': // full-width ASCII block
			c = c - '！' + '!'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// needsNormalizing says whether Normalize would change s.
func needsNormalizing(s string) bool {
	for _, c := range s {
		switch {
		case c < 0x80:
			if c == '[' || c == ']' || unicode.IsSpace(c) {
				return true
			}
		case unicode.IsSpace(c) || c == '\u3000' || c == '\u00a0' || c == '\u200b' || c == '\ufeff',
			c == '（' || c == '【' || c == '〔' || c == '［',
			c == '）' || c == '】' || c == '〕' || c == '］',
			c >= '！' && c <= '～', c == utf8.RuneError:
			return true
		}
	}
	return false
}

// SplitUnit separates a trailing parenthesised unit from a normalised header:
// "金额(万元)" → ("金额", "万元"); "预算数(单位:元)" → ("预算数", "元"). Text without one is
// returned whole with an empty unit.
func SplitUnit(norm string) (base, unit string) {
	if !strings.HasSuffix(norm, ")") {
		return norm, ""
	}
	i := strings.LastIndex(norm, "(")
	if i <= 0 {
		return norm, ""
	}
	unit = norm[i+1 : len(norm)-1]
	unit = strings.TrimPrefix(strings.TrimPrefix(unit, "单位:"), "单位")
	return norm[:i], unit
}

// Column is one column an importer looks for.
type Column struct {
	Key   string   // the importer's name for it, e.g. "amount"
	Names []string // accepted header texts; compared after Normalize, with or without a unit or 名称
}

// Matches reports whether a header cell's text names this column.
func (c Column) Matches(text string) bool { return c.matches(text) }

func (c Column) matches(text string) bool {
	n := Normalize(text)
	if n == "" {
		return false
	}
	base, _ := SplitUnit(n)
	for _, cand := range []string{n, base, strings.TrimSuffix(base, "名称")} {
		for _, name := range c.Names {
			if cand == Normalize(name) {
				return true
			}
		}
	}
	return false
}

// Header is a recognised header: where it is and which column holds what.
type Header struct {
	FirstRow, LastRow int               // row numbers as shown; LastRow > FirstRow for a 2-row header
	Cols              map[string]int    // Column.Key → 0-based column
	Texts             map[string]string // Column.Key → the header text found, top and bottom joined by "/"
}

// HeaderScanRows is how far down a sheet FindHeader looks.
const HeaderScanRows = 20

// isTotalWord says whether a sub-header names the whole of its group (预算金额 / 合计).
func isTotalWord(s string) bool {
	switch Normalize(s) {
	case "合计", "小计", "总计", "合计数", "总额", "金额", "计":
		return true
	}
	return false
}

// FindHeader looks in the first HeaderScanRows rows for a header naming the columns, on one
// row or on two (a merged group cell over sub-columns, e.g. 预算金额 over 合计 | 其中：县级财政,
// where the group's column is the 合计 one, never an 其中 part). accept decides whether the
// columns found are enough; the first accepted row wins, preferring a two-row reading when it
// finds more columns.
//
// merges is asked for only when a second header row is likely: reading an .xlsx sheet's merged
// ranges parses the whole sheet, which a 100,000-row sheet should not pay for.
func FindHeader(rows []Row, merges func() []Merge, cols []Column, accept func(found map[string]int) bool) (Header, bool) {
	var ms []Merge
	asked := false
	for k := 0; k < len(rows) && k < HeaderScanRows; k++ {
		one := matchRow(rows[k], cols)
		if len(one.Cols) == 0 {
			continue // a header starts on a row that names at least one column itself
		}
		if k+1 < len(rows) && rows[k+1].Num == rows[k].Num+1 && maybeSubHeader(rows[k], rows[k+1]) {
			if !asked && merges != nil {
				ms, asked = merges(), true
			}
			if two, sub := matchTwoRows(rows[k], rows[k+1], ms, cols); sub && accept(two.Cols) {
				return two, true
			}
		}
		if accept(one.Cols) {
			return one, true
		}
	}
	return Header{}, false
}

func matchRow(r Row, cols []Column) Header {
	h := Header{FirstRow: r.Num, LastRow: r.Num, Cols: map[string]int{}, Texts: map[string]string{}}
	used := map[int]bool{}
	for _, c := range cols {
		for i, text := range r.Cells {
			if !used[i] && c.matches(text) {
				h.Cols[c.Key], h.Texts[c.Key] = i, strings.TrimSpace(text)
				used[i] = true
				break
			}
		}
	}
	return h
}

// matchTwoRows reads top and bottom as one header; sub reports whether bottom really is a
// row of sub-headers (parts of a group cell, or 合计/其中 words) rather than the first data row.
func matchTwoRows(top, bottom Row, merges []Merge, cols []Column) (h Header, sub bool) {
	h = Header{FirstRow: top.Num, LastRow: bottom.Num, Cols: map[string]int{}, Texts: map[string]string{}}
	n := max(len(top.Cells), len(bottom.Cells))
	tops := make([]string, n)
	grouped := make([]bool, n) // the top cell spans several columns: bottom cells are its parts
	for i := range n {
		tops[i] = strings.TrimSpace(top.Cell(i))
	}
	for _, m := range merges {
		if m.FirstRow == top.Num && m.LastCol > m.FirstCol {
			for i := m.FirstCol; i <= m.LastCol && i < n; i++ {
				tops[i], grouped[i] = strings.TrimSpace(top.Cell(m.FirstCol)), true
			}
		}
	}
	if len(merges) == 0 {
		// No merge information (.xls, .csv): an empty top over a filled bottom belongs to the
		// nearest filled top to its left, when that one has a filled bottom too.
		for i := 1; i < n; i++ {
			if tops[i] == "" && strings.TrimSpace(bottom.Cell(i)) != "" && top.Cell(i) == "" &&
				tops[i-1] != "" && strings.TrimSpace(bottom.Cell(i-1)) != "" {
				tops[i], grouped[i], grouped[i-1] = tops[i-1], true, true
			}
		}
	}
	for i := range n {
		b := Normalize(bottom.Cell(i))
		if b != "" && (grouped[i] || isTotalWord(b) || strings.HasPrefix(b, "其中")) {
			sub = true
		}
	}
	if !sub {
		return h, false
	}
	used := map[int]bool{}
	for _, c := range cols {
		best, bestScore := -1, 0
		for i := range n {
			if used[i] {
				continue
			}
			bot := strings.TrimSpace(bottom.Cell(i))
			score := 0
			switch {
			case c.matches(bot) && !grouped[i] || c.matches(bot) && !c.matches(tops[i]):
				score = 3
			case c.matches(tops[i]) && bot == "":
				score = 2
			case c.matches(tops[i]) && isTotalWord(bot):
				score = 2
			case c.matches(tops[i]) && !grouped[i] && !strings.HasPrefix(Normalize(bot), "其中"):
				score = 1
			}
			if score > bestScore {
				best, bestScore = i, score
			}
		}
		if best >= 0 {
			used[best] = true
			h.Cols[c.Key] = best
			text := tops[best]
			if b := strings.TrimSpace(bottom.Cell(best)); b != "" && b != text {
				text = strings.Trim(text+"/"+b, "/")
			}
			h.Texts[c.Key] = text
		}
	}
	return h, true
}

// maybeSubHeader: bottom could be a second header row under top, judged without merge
// information: it has 合计/其中 words, or a filled cell under an empty top one.
func maybeSubHeader(top, bottom Row) bool {
	for i, c := range bottom.Cells {
		b := Normalize(c)
		if b == "" {
			continue
		}
		if isTotalWord(b) || strings.HasPrefix(b, "其中") || Normalize(top.Cell(i)) == "" {
			return true
		}
	}
	return false
}
