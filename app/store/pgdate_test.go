package store

import (
	"testing"
	"time"
)

// A day and an instant written from a desk in Beijing read back as that day's local midnight and
// the same instant, on both engines (pgdate.go; TIMESTAMPTZ on PostgreSQL).
func TestDaysAndTimesReadBackAsWritten(t *testing.T) {
	old := time.Local
	time.Local = time.FixedZone("CST", 8*3600)
	t.Cleanup(func() { time.Local = old })
	s := openTemp(t)
	if err := s.db.Exec(s.dialectSQL(`CREATE TABLE day_probe (d DATE NOT NULL, t TIMESTAMP NOT NULL)`)).Error; err != nil {
		t.Fatal(err)
	}
	day := time.Date(2028, 12, 31, 0, 0, 0, 0, time.Local)
	at := time.Date(2026, 12, 6, 7, 30, 0, 0, time.Local) // 2026-12-05 23:30 UTC
	if err := s.db.Exec(`INSERT INTO day_probe (d, t) VALUES (?, ?)`, day, at).Error; err != nil {
		t.Fatal(err)
	}
	var got struct{ D, T time.Time }
	if err := s.db.Raw(`SELECT d, t FROM day_probe`).Scan(&got).Error; err != nil {
		t.Fatal(err)
	}
	if !got.D.Equal(day) || !got.T.Equal(at) {
		t.Fatalf("read back %v and %v, wrote %v and %v", got.D, got.T, day, at)
	}
	var n int64
	if err := s.db.Raw(`SELECT COUNT(*) FROM day_probe WHERE d = ? AND t = ?`, day, at).Scan(&n).Error; err != nil || n != 1 {
		t.Fatalf("compared in SQL: %d rows, %v", n, err)
	}
}
