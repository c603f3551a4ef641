package app

import (
	"context"
	"errors"
	"sync"
	"testing"

	"shequ/models"
)

// Two desks open the same village's 自查 before either has saved it: the second save is told who
// created it meanwhile instead of silently replacing the first desk's values; 仍然保存 then saves
// over them.
func TestFirstAssessmentSavedAtTwoDesks(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	b := as(t, a, "乙", models.RoleEditor)
	fa, err := a.Checklist.Form(ctx, clCommunity, 2026)
	if err != nil || fa.Exists {
		t.Fatalf("form: exists %v, %v", fa.Exists, err)
	}
	fb, err := b.Checklist.Form(ctx, clCommunity, 2026)
	if err != nil || fb.Exists {
		t.Fatalf("form: exists %v, %v", fb.Exists, err)
	}
	mine := allMet(fa.Library, "community")
	if _, err := a.Checklist.SaveRead(ctx, clCommunity, 2026, models.ReadAbsent, mine); err != nil {
		t.Fatal(err)
	}
	theirs := map[string]models.IndicatorValue{"DEM06": {Value: fv(0)}}
	save := func() error {
		_, err := b.Checklist.SaveRead(ctx, clCommunity, 2026, models.ReadAbsent, theirs)
		return err
	}
	err = save()
	var c *models.EditConflict
	if !errors.As(err, &c) || c.By != a.Actor {
		t.Fatalf("the second first save: %v, want a conflict naming %s", err, a.Actor)
	}
	dem06 := func() float64 {
		t.Helper()
		got, err := a.Checklist.Form(ctx, clCommunity, 2026)
		if err != nil || got.Assessment.Values["DEM06"].Value == nil {
			t.Fatalf("DEM06: %+v, %v", got.Assessment.Values["DEM06"], err)
		}
		return *got.Assessment.Values["DEM06"].Value
	}
	if got := dem06(); got != *mine["DEM06"].Value || got == 0 {
		t.Fatalf("DEM06 %v after the refused save, want the first desk's %v", got, *mine["DEM06"].Value)
	}
	if err := b.Overwrite(c, save); err != nil {
		t.Fatalf("仍然保存: %v", err)
	}
	if got := dem06(); got != 0 {
		t.Errorf("DEM06 %v after 仍然保存, want the second desk's 0", got)
	}
}

// The same at once: two desks saving the same village's first 自查 at the same moment end with
// one save and one conflict, on either engine (in shared mode saves of one township's assessments
// share a lock of their own, not the writers' whole lock).
func TestFirstAssessmentSavedAtOnce(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	b := as(t, a, "乙", models.RoleEditor)
	kids, err := a.Divisions.Children(ctx, clTownship)
	if err != nil || len(kids) < 5 {
		t.Fatalf("villages of %s: %d, %v", clTownship, len(kids), err)
	}
	for _, v := range kids {
		f, err := a.Checklist.Form(ctx, v.Code, 2026)
		if err != nil {
			t.Fatal(err)
		}
		errs := make([]error, 2)
		var wg sync.WaitGroup
		for i, desk := range []*App{a, b} {
			wg.Go(func() {
				_, errs[i] = desk.Checklist.SaveRead(ctx, v.Code, 2026, models.ReadAbsent, allMet(f.Library, f.Kind))
			})
		}
		wg.Wait()
		saved, refused := 0, 0
		for _, err := range errs {
			var c *models.EditConflict
			switch {
			case err == nil:
				saved++
			case errors.As(err, &c):
				refused++
			default:
				t.Fatalf("%s: %v", v.Name, err)
			}
		}
		if saved != 1 || refused != 1 {
			t.Fatalf("%s: %v: want one save and one conflict", v.Name, errs)
		}
	}
}
