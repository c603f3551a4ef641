package ui

import (
	"fmt"
	"testing"
)

func TestFitWidths(t *testing.T) {
	for _, tc := range []struct {
		want, minimum []float32
		avail         float32
		out           []float32
	}{
		{[]float32{100, 100}, []float32{50, 50}, 300, []float32{100, 100}}, // fits: unchanged
		{[]float32{200, 200}, []float32{50, 50}, 200, []float32{100, 100}}, // shrunk in proportion
		{[]float32{300, 100}, []float32{250, 50}, 300, []float32{250, 50}}, // first held at its header
		{[]float32{100, 100}, []float32{90, 90}, 100, []float32{100, 100}}, // cannot fit: kept, scrolls
	} {
		if got := fitWidths(tc.want, tc.minimum, tc.avail); fmt.Sprint(got) != fmt.Sprint(tc.out) {
			t.Errorf("fitWidths(%v, %v, %v) = %v, want %v", tc.want, tc.minimum, tc.avail, got, tc.out)
		}
	}
}

func TestFitWidthsNeverCutsAHeader(t *testing.T) {
	if got := fitWidths([]float32{40, 100}, []float32{80, 50}, 1000); fmt.Sprint(got) != "[80 100]" {
		t.Errorf("a column narrower than its header: %v", got)
	}
}
