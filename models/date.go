package models

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var dateRe = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)

// ParseDate reads a day in the forms clerks write: 2026-11-25, 2026/11/25, 2026.11.25, 2026年11月25日.
// The result is midnight local time.
func ParseDate(s string) (time.Time, error) {
	m := dateRe.FindStringSubmatch(strings.TrimSpace(NormaliseDigits(s)))
	if m == nil {
		return time.Time{}, fmt.Errorf("%w：日期“%s”格式不正确，应如 2026-11-25", ErrInvalid, strings.TrimSpace(s))
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.Local)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d || !ValidDateYear(y) {
		return time.Time{}, fmt.Errorf("%w：日期“%s”不存在", ErrInvalid, strings.TrimSpace(s))
	}
	return t, nil
}

// Day is the calendar day t falls on, as midnight local time; the zero time stays zero. It is the
// one rule shequ has for dates, in storage, ledgers, duties and reports alike:
//
// A date is the day t shows on the clock of its own zone, and t is never moved into the local
// zone first. Dates are labels, not instants: 1 March written as midnight +08:00 and read back
// in a fixed +08:00 zone, as a zone-less "2026-03-01" that the driver calls UTC midnight, or on a
// machine whose clock is set to UTC, is still 1 March. Clock readings (time.Now) are local already,
// so "today" is the local date.
func Day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
}

// DayOf is Day of *p, the zero time when p is nil (an optional date column).
func DayOf(p *time.Time) time.Time {
	if p == nil {
		return time.Time{}
	}
	return Day(*p)
}

// CalendarDays is the number of calendar days (by Day) from a to b, negative when b is earlier.
func CalendarDays(a, b time.Time) int {
	utc := func(t time.Time) time.Time {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) // UTC days are all 24 hours long
	}
	return int(utc(b).Sub(utc(a)).Hours() / 24)
}

// FormatDate writes a day as 2026-11-25.
func FormatDate(t time.Time) string {
	if t.IsZero() { // a date not given is an empty cell or field, not 0001-01-01
		return ""
	}
	return t.Format("2006-01-02")
}

// FormatDateCN writes a day as 2026年11月25日.
func FormatDateCN(t time.Time) string { return t.Format("2006年1月2日") }

// NormaliseDigits turns full-width digits (２０２６) into ASCII ones, as clerks' sheets mix both.
func NormaliseDigits(s string) string {
	return strings.Map(func(c rune) rune {
		if c >= '０' && c <= '９' {
			return '0' + (c - '０')
		}
		return c
	}, s)
}

// FormatBytes writes a byte count as a clerk reads it: 1.5 MB, 12.0 KB, 300 字节.
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d 字节", n)
}
