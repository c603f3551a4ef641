package store

import (
	"context"
	"testing"
	"time"

	"shequ/app/store/pgtest"
	"shequ/models"
)

// A write committed by one desk is announced, with its area, on another desk's Changes: by
// NOTIFY on PostgreSQL, by PRAGMA data_version on SQLite, by polling the audit trail on a server
// without NOTIFY. A mere view is not a change.
func TestWriteAnnouncedToOtherDesk(t *testing.T) {
	for _, notify := range []bool{true, false} {
		if !notify && !pgtest.OnPostgres() {
			continue
		}
		t.Run(map[bool]string{true: "默认", false: "服务器无NOTIFY"}[notify], func(t *testing.T) { announced(t, notify) })
	}
}

// announced is TestWriteAnnouncedToOtherDesk; notify false makes a PostgreSQL server one without
// pg_notify, as some compatible databases are: the audit trail is polled instead.
func announced(t *testing.T, notify bool) {
	defer func(d time.Duration) { pollEvery = d }(pollEvery)
	pollEvery = 20 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, b := twoDesks(t)
	a.notify = a.notify && notify
	b.notify = b.notify && notify
	changes := b.Changes(ctx)
	if err := a.RecordView(ctx, "张三", "区划", "社区档案", "511302001001", "查看"); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveProfile(ctx, models.CommunityProfile{DivisionCode: "511302001001", Households: 3}, "张三"); err != nil {
		t.Fatal(err)
	}
	select {
	case area := <-changes:
		if area != "区划" {
			t.Fatalf("announced %q, want 区划", area)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the other desk's write was not announced")
	}
	select {
	case area := <-changes:
		t.Fatalf("one write announced twice (second: %q)", area)
	case <-time.After(200 * time.Millisecond):
	}
	cancel()
	for range changes { // closed when ctx ends
	}
}

// The listener comes back when the server drops its connection: it says "" (something may have
// changed while it was away) and hears the writes after.
func TestListenerReconnects(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("LISTEN/NOTIFY: shared mode only")
	}
	defer func(b [2]time.Duration) { listenBackoff = b }(listenBackoff)
	listenBackoff = [2]time.Duration{50 * time.Millisecond, 200 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, b := twoDesks(t)
	changes := b.Changes(ctx)
	if err := a.db.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND query LIKE 'LISTEN%'`).Error; err != nil {
		t.Fatal(err)
	}
	want := func(area string) {
		t.Helper()
		select {
		case got := <-changes:
			if got != area {
				t.Fatalf("announced %q, want %q", got, area)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%q was not announced", area)
		}
	}
	want("")
	if err := a.SaveProfile(ctx, models.CommunityProfile{DivisionCode: "511302001001", Households: 3}, "张三"); err != nil {
		t.Fatal(err)
	}
	want("区划")
}
