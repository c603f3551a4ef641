package models

import (
	"errors"
	"slices"
	"testing"
	"time"
)

// Before one rule there were three: models.Day kept t's own zone, CalendarDay moved t into the
// local zone first and store.localDay took t's own date as local midnight. A date stored on
// 1 March and read back as UTC midnight was 28 February to CalendarDay west of Greenwich, and
// models.Day of it was not the instant ParseDate gives for 1 March east of it. Now every reader
// gets 1 March, whatever the machine's zone.
func TestDayOneRuleWhateverTheLocalZone(t *testing.T) {
	saved := time.Local
	t.Cleanup(func() { time.Local = saved })
	for _, local := range []*time.Location{time.UTC, time.FixedZone("CST", 8*3600), time.FixedZone("EST", -5*3600)} {
		time.Local = local
		want, err := ParseDate("2026-03-01")
		if err != nil {
			t.Fatal(err)
		}
		for name, stored := range map[string]time.Time{
			"zone-less date read as UTC midnight": time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC),
			"local midnight read back at +08:00":  time.Date(2026, 3, 1, 0, 0, 0, 0, time.FixedZone("", 8*3600)),
			"late evening at +08:00":              time.Date(2026, 3, 1, 23, 59, 0, 0, time.FixedZone("", 8*3600)),
			"just before midnight UTC":            time.Date(2026, 3, 1, 23, 59, 59, 0, time.UTC),
		} {
			if got := Day(stored); !got.Equal(want) || got.Location() != time.Local {
				t.Errorf("Local %s, %s: Day = %v, want %v", local, name, got, want)
			}
			if n := CalendarDays(stored, want.AddDate(0, 0, 1)); n != 1 {
				t.Errorf("Local %s, %s: CalendarDays to the next day = %d, want 1", local, name, n)
			}
		}
	}
	if !Day(time.Time{}).IsZero() || !DayOf(nil).IsZero() {
		t.Error("the zero time should stay zero")
	}
}

// The work years are one rule: ledgers that once took years up to 2200 stop at MaxYear too.
func TestValidYearIsTheLedgersRule(t *testing.T) {
	for _, y := range []int{MinYear - 1, MaxYear + 1, 2200} {
		if ValidYear(y) {
			t.Errorf("ValidYear(%d) = true", y)
		}
		for what, err := range map[string]error{"Evaluation": Evaluation{Year: y}.Validate(), "CommunityTask": CommunityTask{Year: y}.Validate()} {
			var v *ValidationError
			if !errors.As(err, &v) || !slices.ContainsFunc(v.Fields, func(f FieldError) bool { return f.Field == "年度" }) {
				t.Errorf("%s of year %d: %v, want 年度 refused", what, y, err)
			}
		}
	}
}
