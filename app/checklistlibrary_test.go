package app

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// TestCountyLibraryOnFirstUse: on a shared database the county's indicator library for a new
// year comes into being when a township's clerk first needs it (his first 自查 of the year),
// although township roles may not write the county's library: shequ_county_library creates it
// as the copy of its base, once, audited. A second township uses it; a township of another
// county may not create it; a township's clerk may not edit it and is told who may.
func TestCountyLibraryOnFirstUse(t *testing.T) {
	zhong, bei, other := pgtest.UniqueRole("zhong"), pgtest.UniqueRole("bei"), pgtest.UniqueRole("gaoping")
	owner, dsn := sharedOwner(t, zhong, bei, other)
	ctx := context.Background()
	desk := sharedDesks(t, owner, dsn,
		store.NewAccess{Name: zhong, Kind: "clerk", Scope: clTownship},
		store.NewAccess{Name: bei, Kind: "clerk", Scope: "511302002000"},   // 北城街道, same county
		store.NewAccess{Name: other, Kind: "clerk", Scope: "511303001000"}) // 白塔街道, 高坪区
	// The county has a 2025 library of its own (changed thresholds): the 2026 one starts from it.
	if _, err := owner.Checklist.SetLevels(ctx, clCounty, 2025, models.LevelRule{Standard: 61, Good: 76, Excellent: 91}); err != nil {
		t.Fatal(err)
	}
	base, err := owner.Checklist.Library(ctx, clCounty, 2026)
	if err != nil {
		t.Fatal(err)
	}
	raw := pgtest.SQL(t, pgtest.Reopenable(owner.DBPath()))
	versions := func(county string, year int) int {
		var n int
		if err := raw.QueryRowContext(ctx, `SELECT COUNT(*) FROM checklist_versions WHERE county_code = $1 AND year = $2`, county, year).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	if _, err := desk[zhong].Checklist.Save(ctx, clCommunity, 2026, allMet(base, "社区")); err != nil {
		t.Fatalf("the township clerk's first 自查 of 2026: %v", desk[zhong].Explain(err))
	}
	if n := versions(clCounty, 2026); n != 1 {
		t.Fatalf("%d libraries of the county for 2026, want 1", n)
	}
	lib, err := owner.Checklist.Library(ctx, clCounty, 2026)
	if err != nil {
		t.Fatal(err)
	}
	if lib.CountyCode != clCounty || lib.Year != 2026 || lib.Version != 1 || lib.Levels != base.Levels ||
		!reflect.DeepEqual(lib.Indicators, base.Indicators) || lib.CreatedBy != zhong {
		t.Errorf("library %s %d 第%d版 by %s, levels %v (base %v), %d indicators (base %d)", lib.CountyCode, lib.Year,
			lib.Version, lib.CreatedBy, lib.Levels, base.Levels, len(lib.Indicators), len(base.Indicators))
	}
	var actor, note string
	if err := raw.QueryRowContext(ctx, `SELECT actor, note FROM audit_log WHERE entity = '指标库' AND action = '新增' AND entity_id = $1`,
		strconv.FormatInt(lib.VersionID, 10)).Scan(&actor, &note); err != nil {
		t.Fatalf("audit entry of the library: %v", err)
	}
	if want := clCounty + " 2026年指标库 第1版：以" + clCounty + " 2025年指标库 第1版为底本建立"; actor != zhong || note != want {
		t.Errorf("audit entry by %s: %q, want %q", actor, note, want)
	}

	// The second township of the county uses the same library.
	if _, err := desk[bei].Checklist.Save(ctx, "511302002003", 2026, map[string]models.IndicatorValue{"ORG01": {Value: fv(1)}}); err != nil {
		t.Fatalf("the second township's 自查: %v", desk[bei].Explain(err))
	}
	f, err := owner.Checklist.Form(ctx, "511302002003", 2026)
	if err != nil {
		t.Fatal(err)
	}
	if f.Assessment.VersionID != lib.VersionID || versions(clCounty, 2026) != 1 {
		t.Errorf("second township uses version %d (want %d); %d libraries", f.Assessment.VersionID, lib.VersionID, versions(clCounty, 2026))
	}

	// A township of another county may not create this county's library, not even directly.
	db := pgtest.SQL(t, pgtest.AsRole(dsn, other, "pass-"+other))
	if _, err := db.ExecContext(ctx, `SELECT shequ_county_library($1, $2)`, clCounty, 2027); err == nil || !strings.Contains(err.Error(), "只能") {
		t.Errorf("another county's township creates the library: %v", err)
	}
	if n := versions(clCounty, 2027); n != 0 {
		t.Errorf("%d libraries for 2027 after the refusal", n)
	}

	// Two desks at once: one library.
	var wg sync.WaitGroup
	ids := make([]int64, 2)
	for i, r := range []string{zhong, bei} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db := pgtest.SQL(t, pgtest.AsRole(dsn, r, "pass-"+r))
			if err := db.QueryRowContext(ctx, `SELECT shequ_county_library($1, $2)`, clCounty, 2028).Scan(&ids[i]); err != nil {
				t.Errorf("%s creates the 2028 library: %v", r, err)
			}
		}()
	}
	wg.Wait()
	if n := versions(clCounty, 2028); n != 1 || ids[0] != ids[1] {
		t.Errorf("two desks at once: %d libraries, ids %v", n, ids)
	}

	// Editing it stays the county's.
	if _, err := desk[zhong].Checklist.SetLevels(ctx, clCounty, 2026, models.LevelRule{Standard: 50, Good: 70, Excellent: 90}); err == nil ||
		!strings.Contains(err.Error(), "县级") || !strings.Contains(err.Error(), "管理员") {
		t.Errorf("the township clerk edits the county's library: %v", err)
	}
	if l, _ := owner.Checklist.Library(ctx, clCounty, 2026); l.Levels != base.Levels {
		t.Errorf("levels %v after the township clerk's edit, want %v", l.Levels, base.Levels)
	}
}
