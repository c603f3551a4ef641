package models

import (
	"fmt"
	"time"
)

// The work years shequ keeps: plans, budgets, assessments and ledgers all fall in these. (Dates of
// birth and other calendar dates have their own, wider rule: ValidDateYear.)
const (
	MinYear = 2000
	MaxYear = 2100
)

// ValidYear reports whether y is a work year shequ accepts.
func ValidYear(y int) bool { return y >= MinYear && y <= MaxYear }

// The years a calendar date (a birth, a certificate, a term of office) may carry.
const (
	MinDateYear = 1900
	MaxDateYear = 2200
)

// ValidDateYear reports whether y is a year a calendar date may carry.
func ValidDateYear(y int) bool { return y >= MinDateYear && y <= MaxDateYear }

// YearRange is the accepted range as a clerk reads it: "2000—2100".
var YearRange = fmt.Sprintf("%d—%d", MinYear, MaxYear)

// YearSpan is the year as a half-open span of local days: 1 January to the next 1 January.
func YearSpan(year int) (time.Time, time.Time) {
	return time.Date(year, 1, 1, 0, 0, 0, 0, time.Local), time.Date(year+1, 1, 1, 0, 0, 0, 0, time.Local)
}
