package pdf

import (
	"strings"
	"testing"

	"shequ/reports/model"
)

func TestWrapKeepsNumbersAndPunctuation(t *testing.T) {
	d, err := Fonts{}.newDoc(&model.Report{Title: "测试"}, "测试")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.font(faceBody, 12); err != nil {
		t.Fatal(err)
	}
	text := "各村（社区）平均持证社会工作者 11.30 人，网格覆盖率 98.5%，经费 12,345.67 万元。已建档案（个）《报告》"
	for w := 20.0; w <= 120; w += 3 {
		lines := d.wrap(text, w)
		if strings.Join(lines, "") != text {
			t.Fatalf("width %.0f: lines lose text: %q", w, lines)
		}
		for i, l := range lines {
			if i > 0 {
				prev := []rune(lines[i-1])
				first := []rune(l)[0]
				if isWordRune(prev[len(prev)-1]) && isWordRune(first) {
					t.Errorf("width %.0f: a number is split across lines: %q | %q", w, lines[i-1], l)
				}
				if isClosing(first) {
					t.Errorf("width %.0f: line starts with closing punctuation: %q", w, l)
				}
				if isOpening(prev[len(prev)-1]) {
					t.Errorf("width %.0f: line ends with opening punctuation: %q", w, lines[i-1])
				}
			}
		}
	}
}

func TestWrapSplitsAWordLongerThanTheLine(t *testing.T) {
	d, _ := Fonts{}.newDoc(&model.Report{Title: "测试"}, "测试")
	_ = d.font(faceBody, 12)
	text := strings.Repeat("1234567890", 5)
	lines := d.wrap(text, 30)
	if strings.Join(lines, "") != text || len(lines) < 2 {
		t.Fatalf("%q", lines)
	}
	for _, l := range lines {
		if d.f.GetStringWidth(l) > 30.01 {
			t.Fatalf("line wider than the cell: %q", l)
		}
	}
}
