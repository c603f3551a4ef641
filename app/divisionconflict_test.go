package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"shequ/models"
)

// Two desks rename (or retire) the same division, each from what its own window showed: the
// second is told who changed it first instead of silently renaming over the first rename.
func TestDivisionEditedAtTwoDesks(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	b := as(t, a, "乙", models.RoleAdmin)
	const code = "511302001001" // 平城街社区居民委员会
	for _, desk := range []*App{a, b} {
		if _, err := desk.Divisions.Get(ctx, code); err != nil { // each window has read the tree
			t.Fatal(err)
		}
	}
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.Local)
	if err := a.Divisions.Rename(ctx, code, "平城社区居民委员会", day, ""); err != nil {
		t.Fatal(err)
	}
	err := b.Divisions.Rename(ctx, code, "平城街道社区居民委员会", day, "")
	var c *models.EditConflict
	if !errors.As(err, &c) || c.By != a.Actor {
		t.Fatalf("the second rename: %v, want a conflict naming %s", err, a.Actor)
	}
	if d, _ := a.store.Division(ctx, code); d.Name != "平城社区居民委员会" {
		t.Errorf("name %s after the refused rename", d.Name)
	}
	if err := a.Divisions.Retire(ctx, "511302001003", "", day, ""); err != nil {
		t.Fatal(err)
	}
	if err := b.Divisions.Retire(ctx, "511302001003", "", day, ""); !errors.As(err, &c) {
		t.Errorf("retiring what another desk retired: %v, want a conflict", err)
	}
}
