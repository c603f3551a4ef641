package app

import (
	"context"
	"slices"
	"strings"
	"testing"

	"shequ/app/checklist"
	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// TestChecklistChainAcrossDesks: on a shared database the 社区标准化 chain runs across desks, each
// step by the account entitled to it. The township's clerk fills in and submits; he may not
// review, neither through shequ nor with his own SQL; the township's administrator approves
// but may not accept; the county's administrator accepts.
func TestChecklistChainAcrossDesks(t *testing.T) {
	clerk, reviewer, county := pgtest.UniqueRole("zhang"), pgtest.UniqueRole("wang"), pgtest.UniqueRole("zhao")
	owner, dsn := sharedOwner(t, clerk, reviewer, county)
	ctx := context.Background()
	desk := sharedDesks(t, owner, dsn,
		store.NewAccess{Name: clerk, Kind: "clerk", Scope: clTownship},
		store.NewAccess{Name: reviewer, Kind: "admin", Scope: clTownship},
		store.NewAccess{Name: county, Kind: "admin", Scope: clCounty})
	state := func() models.Assessment {
		f, err := owner.Checklist.Form(ctx, clCommunity, 2026)
		if err != nil {
			t.Fatal(err)
		}
		return f.Assessment
	}

	// The year's indicator library is the county's: its first save (here the county's
	// administrator's) makes it; a township's clerk's would too (TestCountyLibraryOnFirstUse).
	if _, err := desk[county].Checklist.Save(ctx, clCommunity, 2026, map[string]models.IndicatorValue{"ORG01": {Value: fv(1)}}); err != nil {
		t.Fatal(err)
	}
	lib, _ := desk[clerk].Checklist.Library(ctx, clCounty, 2026)
	if _, err := desk[clerk].Checklist.Save(ctx, clCommunity, 2026, allMet(lib, "社区")); err != nil {
		t.Fatal(err)
	}
	if err := desk[clerk].Checklist.Step(ctx, clCommunity, 2026, checklist.ActSubmit, ""); err != nil {
		t.Fatalf("the township's clerk submits: %v", err)
	}
	if got := desk[clerk].Checklist.Actions(state(), true); len(got) != 0 {
		t.Errorf("the clerk is offered %v on what he submitted", got)
	}
	if err := desk[clerk].Checklist.Step(ctx, clCommunity, 2026, checklist.ActApprove, ""); err == nil || !strings.Contains(err.Error(), "管理员账号") {
		t.Errorf("the clerk approves his own submission: %v", err)
	}
	// Past shequ, with his own connection, the database refuses him as well.
	db := pgtest.SQL(t, pgtest.AsRole(dsn, clerk, "pass-"+clerk))
	if _, err := db.ExecContext(ctx, `UPDATE assessments SET state = '县级验收' WHERE division_code = $1`, clCommunity); err == nil ||
		!strings.Contains(err.Error(), "乡镇审核") {
		t.Errorf("the clerk's own UPDATE of the state: %v", err)
	}
	if got := state().State; got != models.StateTownship {
		t.Fatalf("state %s after the clerk's attempts, want 乡镇审核", got)
	}

	if got := desk[reviewer].Checklist.Actions(state(), true); !slices.Equal(got, []string{checklist.ActApprove, checklist.ActSendBack}) {
		t.Errorf("the township's administrator is offered %v", got)
	}
	if err := desk[reviewer].Checklist.Step(ctx, clCommunity, 2026, checklist.ActApprove, ""); err != nil {
		t.Fatalf("the township's administrator approves: %v", err)
	}
	if got := desk[reviewer].Checklist.Actions(state(), true); len(got) != 0 {
		t.Errorf("the township's administrator is offered the county's steps %v", got)
	}
	if err := desk[reviewer].Checklist.Step(ctx, clCommunity, 2026, checklist.ActAccept, ""); err == nil || !strings.Contains(err.Error(), "县级") {
		t.Errorf("the township's administrator accepts: %v", err)
	}
	rdb := pgtest.SQL(t, pgtest.AsRole(dsn, reviewer, "pass-"+reviewer))
	if _, err := rdb.ExecContext(ctx, `UPDATE assessments SET accepted_at = now() WHERE division_code = $1`, clCommunity); err == nil ||
		!strings.Contains(err.Error(), "县级") {
		t.Errorf("the township's administrator's own UPDATE of the acceptance: %v", err)
	}

	if err := desk[county].Checklist.Step(ctx, clCommunity, 2026, checklist.ActAccept, ""); err != nil {
		t.Fatalf("the county's administrator accepts: %v", err)
	}
	a := state()
	if !a.Frozen() || a.AcceptedBy != county {
		t.Errorf("after the county's acceptance: frozen %v by %q", a.Frozen(), a.AcceptedBy)
	}
	var actors []string
	for _, s := range a.Steps {
		actors = append(actors, s.Actor+"："+s.Action)
	}
	if want := []string{clerk + "：" + checklist.ActSubmit, reviewer + "：" + checklist.ActApprove, county + "：" + checklist.ActAccept}; !slices.Equal(actors, want) {
		t.Errorf("steps %v, want %v", actors, want)
	}
}
