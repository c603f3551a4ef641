package models

import (
	"fmt"
	"math/big"
	"strings"
)

// Fen is an amount of money in fen (分, 1/100 yuan). Money is never held as a float.
type Fen int64

// Unit is the unit an amount is written in.
type Unit int

const (
	Yuan    Unit = iota // 元
	Wanyuan             // 万元
)

// ParseAmount reads a decimal amount written in unit and returns it exactly in fen.
// It accepts thousands separators, surrounding spaces and full-width digits ("１２３．４５");
// an amount finer than one fen, negative, empty or not a number is an error with a Chinese message.
func ParseAmount(s string, unit Unit) (Fen, error) {
	t := normaliseNumber(s)
	if t == "" {
		return 0, fmt.Errorf("%w：金额为空", ErrInvalid)
	}
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("%w：金额不能为负数（%s）", ErrInvalid, strings.TrimSpace(s))
	}
	t = strings.TrimPrefix(t, "+")
	intPart, frac, _ := strings.Cut(t, ".")
	if intPart == "" && frac == "" || !allDigits(intPart) || !allDigits(frac) {
		return 0, fmt.Errorf("%w：不是有效的数字（%s）", ErrInvalid, strings.TrimSpace(s))
	}
	if f, ok := smallAmount(intPart, frac, unit); ok {
		return f, nil // the common case, exactly and without big.Rat
	}
	r, ok := new(big.Rat).SetString(intPart + "." + frac + "0")
	if !ok {
		return 0, fmt.Errorf("%w：不是有效的数字（%s）", ErrInvalid, strings.TrimSpace(s))
	}
	scale := int64(100) // fen per yuan
	if unit == Wanyuan {
		scale = 1000000
	}
	r.Mul(r, new(big.Rat).SetInt64(scale))
	if !r.IsInt() {
		return 0, fmt.Errorf("%w：金额精确到分以下（%s）", ErrInvalid, strings.TrimSpace(s))
	}
	n := r.Num()
	if !n.IsInt64() || n.Int64() > maxFen {
		return 0, fmt.Errorf("%w：金额过大（%s）", ErrInvalid, strings.TrimSpace(s))
	}
	return Fen(n.Int64()), nil
}

// smallAmount converts digits (already checked) in int64 arithmetic when they are few enough
// to be exact and not finer than a fen; ok false leaves the case (and its message) to big.Rat.
func smallAmount(intPart, frac string, unit Unit) (Fen, bool) {
	scale := 2
	if unit == Wanyuan {
		scale = 6
	}
	frac = strings.TrimRight(frac, "0")
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 12 || len(frac) > scale {
		return 0, false
	}
	var n int64
	for _, c := range intPart {
		n = n*10 + int64(c-'0')
	}
	for i := 0; i < scale; i++ {
		n *= 10
		if i < len(frac) {
			n += int64(frac[i] - '0')
		}
	}
	if n > maxFen {
		return 0, false
	}
	return Fen(n), true
}

// maxFen keeps sums of many lines far from int64 overflow (10^15 fen = 10 trillion yuan).
const maxFen = 1_000_000_000_000_000

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// normaliseNumber folds full-width characters, drops thousands separators and spaces.
func normaliseNumber(s string) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= '０' && c <= '９':
			b.WriteRune('0' + (c - '０'))
		case c == '．' || c == '。':
			b.WriteByte('.')
		case c == '－' || c == '−':
			b.WriteByte('-')
		case c == '＋':
			b.WriteByte('+')
		case c == ',' || c == '，' || c == ' ' || c == '\u3000' || c == '\u00a0' || c == '\t' || c == '\r' || c == '\n':
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

// Yuan formats the amount in yuan with two decimals and thousands separators: 1,234.50.
func (f Fen) Yuan() string { return groupDecimal(int64(f), 2) }

// Wanyuan formats the amount in 万元, rounded half away from zero to two decimals: 12.35.
func (f Fen) Wanyuan() string {
	v := int64(f)
	neg := v < 0
	if neg {
		v = -v
	}
	q := (v + 5000) / 10000 // fen → 0.01 万元 (100 yuan), rounded
	if neg {
		q = -q
	}
	return groupDecimal(q, 2)
}

func groupDecimal(v int64, decimals int) string {
	neg := v < 0
	if neg {
		v = -v
	}
	div := int64(1)
	for range decimals {
		div *= 10
	}
	ip, fp := v/div, v%div
	digits := fmt.Sprint(ip)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if decimals > 0 {
		fmt.Fprintf(&b, ".%0*d", decimals, fp)
	}
	return b.String()
}
