package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"shequ/app/store/pgtest"
	"shequ/models"
)

// The window's change feed outlives a restore, which closes and reopens the store: it says ""
// (everything may have changed) and goes on announcing writes; closing the App ends it.
func TestChangesFollowRestore(t *testing.T) {
	pgtest.SQLiteOnly(t, "restore replaces the database file")
	defer func(d time.Duration) { refollowAfter = d }(refollowAfter)
	refollowAfter = 10 * time.Millisecond
	ctx := context.Background()
	a := openSeeded(t)
	changes := a.Changes(ctx)
	backup := filepath.Join(t.TempDir(), "备份.db")
	if err := a.Backups.BackupTo(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Backups.Restore(ctx, backup); err != nil {
		t.Fatal(err)
	}
	want := func(area string) {
		t.Helper()
		deadline := time.After(10 * time.Second)
		for {
			select {
			case got := <-changes:
				if got == area {
					return
				}
			case <-deadline:
				t.Fatalf("%q was not announced", area)
			}
		}
	}
	want("")
	p := models.CommunityProfile{DivisionCode: "511302001001", Households: 5}
	if err := a.Divisions.SaveProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	want("区划")
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(10 * time.Second)
	for open := true; open; {
		select {
		case _, open = <-changes:
		case <-deadline:
			t.Fatal("the feed goes on after the App closed")
		}
	}
}
