package sheet

import (
	"strings"
	"testing"
	"unicode"
)

// slowNormalize is Normalize without the fast path, to check that the fast path never skips
// a string that needs folding.
func slowNormalize(s string) string {
	var b strings.Builder
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
		case c >= '！' && c <= '～':
			c = c - '！' + '!'
		}
		b.WriteRune(c)
	}
	return b.String()
}

func TestNormalizeFastPath(t *testing.T) {
	for _, s := range []string{"", "工作经费", "金额（万元）", "金额(万元)", "村 (社区)", "项目\n名称", "１２３", "注：", "a[b]",
		"乡镇\u3000街道", "\ufeff区划代码", "x\u200by", "\xff\xfe", "办公经费", "12.5", "Ａ"} {
		if got, want := Normalize(s), slowNormalize(s); got != want {
			t.Errorf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
}
