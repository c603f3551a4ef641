package models

import "testing"

// FuzzParseAmount: ParseAmount never panics; what it accepts is non-negative and reads back
// to the same fen from its own formatting.
func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"0", "1,234.50", " 33.27 ", "１２３．４５", "12.345678", ".5", "5.",
		"0.001", "-1", "", "壹万元", "#VALUE!", "1e5", "99999999999999999999", "+7", "1，000"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, wan bool) {
		unit := Yuan
		if wan {
			unit = Wanyuan
		}
		got, err := ParseAmount(s, unit)
		if err != nil {
			return
		}
		if got < 0 {
			t.Fatalf("ParseAmount(%q) = %d < 0", s, got)
		}
		back, err := ParseAmount(got.Yuan(), Yuan)
		if err != nil || back != got {
			t.Fatalf("ParseAmount(%q) = %d, but %q reads back as %d, %v", s, got, got.Yuan(), back, err)
		}
	})
}
