package app

import (
	"context"
	"testing"
	"time"

	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// 首页's 最后修改 is when the database was last written, whoever wrote it: a township's clerk on a
// shared database sees the time of the county administrator's change to one of his villages, and
// right after init the time of the seeding, although his role may read neither audit entry.
func TestDataChangedAtForEveryRole(t *testing.T) {
	li, zhao := pgtest.UniqueRole("li"), pgtest.UniqueRole("zhao")
	owner, dsn := sharedOwner(t, li, zhao)
	ctx := context.Background()
	desk := sharedDesks(t, owner, dsn,
		store.NewAccess{Name: li, Kind: "clerk", Scope: "511302001000"},
		store.NewAccess{Name: zhao, Kind: "admin", Scope: "511302000000"})
	changed := func(a *App) time.Time {
		t.Helper()
		s, err := a.Summary(ctx)
		if err != nil || s.DataChangedAt == nil {
			t.Fatalf("summary: %+v, %v", s, err)
		}
		return *s.DataChangedAt
	}
	seeded := changed(owner)
	if got := changed(desk[li]); !got.Equal(seeded) {
		t.Errorf("after init the clerk sees %v, the owner %v", got, seeded)
	}
	if err := desk[zhao].Divisions.SaveProfile(ctx, models.CommunityProfile{DivisionCode: "511302001001", Households: 9}); err != nil {
		t.Fatal(err)
	}
	if got := changed(desk[li]); !got.After(seeded) || !got.Equal(changed(owner)) { // PostgreSQL keeps microseconds
		t.Errorf("after the county's change the clerk sees %v, the owner %v (seeded %v)", got, changed(owner), seeded)
	}
}
