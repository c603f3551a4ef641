package store

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"shequ/app/store/pgtest"
	"shequ/models"
)

// Saves of one record still run one after the other when they no longer wait for every other
// write (withRecordTx): two desks that both read a village as having no profile and save it at
// once end with one profile and one conflict, never one save silently replacing the other.
func TestFirstProfileSavedAtOnce(t *testing.T) {
	ctx := context.Background()
	for round := range 5 {
		a, b := twoDesks(t)
		const code = "511302001001"
		read, _, err := a.Profile(ctx, code)
		if err != nil || read.RowVersion != models.ReadAbsent {
			t.Fatalf("reading an absent profile: %+v %v", read, err)
		}
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, desk := range []*Store{a, b} {
			wg.Go(func() {
				p := read
				p.Households = int64(10 + i)
				errs[i] = desk.SaveProfile(ctx, p, []string{"甲", "乙"}[i])
			})
		}
		wg.Wait()
		won, lost := -1, 0
		for i, err := range errs {
			var c *models.EditConflict
			switch {
			case err == nil:
				won = i
			case errors.As(err, &c):
				lost++
			default:
				t.Fatalf("round %d, save %d: %v", round, i, err)
			}
		}
		if won < 0 || lost != 1 {
			t.Fatalf("round %d: %v, want one save and one conflict", round, errs)
		}
		if p, _, _ := b.Profile(ctx, code); p.Households != int64(10+won) || p.RowVersion != 1 {
			t.Fatalf("round %d: %+v, want the winner's %d at version 1", round, p, 10+won)
		}
	}
}

// On the shared database a clerk's save does not wait for another desk's import: a county's
// budget import holds only its area's lock and a share of the writers' one. The import below is
// held open (its last step waits) until the save at the other desk has returned.
func TestSaveDoesNotWaitForImport(t *testing.T) {
	if !pgtest.OnPostgres() {
		t.Skip("desk mode: SQLite lets one write at a time by design")
	}
	ctx := context.Background()
	a, b := twoDesks(t)
	saved := make(chan error, 1)
	imported := make(chan error, 1)
	started := make(chan struct{})
	go func() {
		batch := models.ImportBatch{FileName: "预算.xlsx", SHA256: "x", Sheet: "Sheet1", Year: 2026, CountyCode: "511302000000"}
		_, err := a.ImportBudgetStream(ctx, batch, func(func([]models.BudgetLine) bool) { close(started) }, nil, "甲",
			func() (models.ImportBatch, bool) {
				<-saved // hold the import open until the other desk's save is done
				return batch, false
			})
		imported <- err
	}()
	select {
	case <-started:
	case err := <-imported:
		t.Fatalf("the import ended before its lines: %v", err)
	}
	save, stop := context.WithTimeout(ctx, 30*time.Second) // a save stuck behind the import fails, not hangs
	defer stop()
	err := b.SaveProfile(save, models.CommunityProfile{DivisionCode: "511302001001", Households: 5}, "乙")
	saved <- err
	close(saved)
	if err != nil {
		t.Fatalf("save while another desk imports: %v", err)
	}
	if err := <-imported; err != nil {
		t.Fatal(err)
	}
}
