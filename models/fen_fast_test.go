package models

import (
	"math/big"
	"testing"
)

// TestSmallAmountMatchesBigRat: the int64 fast path of ParseAmount gives what big.Rat gives,
// and leaves alone what it cannot do exactly.
func TestSmallAmountMatchesBigRat(t *testing.T) {
	for _, in := range []struct{ i, f string }{{"0", ""}, {"", "5"}, {"1234", "50"}, {"1234", "500000"}, {"12", "345678"},
		{"000012", "3"}, {"999999999999", "99"}, {"1", "001"}, {"1", "0000001"}, {"9999999999999", ""}, {"10000000000", "0"}} {
		for _, unit := range []Unit{Yuan, Wanyuan} {
			r, _ := new(big.Rat).SetString(in.i + "." + in.f + "0")
			scale := int64(100)
			if unit == Wanyuan {
				scale = 1000000
			}
			r.Mul(r, new(big.Rat).SetInt64(scale))
			got, ok := smallAmount(in.i, in.f, unit)
			exact := r.IsInt() && r.Num().IsInt64() && r.Num().Int64() <= maxFen
			if ok && (!exact || int64(got) != r.Num().Int64()) {
				t.Errorf("%s.%s unit %d: fast %d, big.Rat %s", in.i, in.f, unit, got, r.RatString())
			}
			if !ok && exact && len(in.i) <= 12 {
				t.Errorf("%s.%s unit %d: fast path refused an exact amount", in.i, in.f, unit)
			}
		}
	}
}
