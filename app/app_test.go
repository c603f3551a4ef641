package app

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"shequ/app/division"
	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

func openSeeded(t *testing.T) *App {
	t.Helper()
	ctx := context.Background()
	a, err := Open(ctx, pgtest.DBPath(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.Close() })
	if _, err := a.Init(ctx); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestSeedCounts(t *testing.T) {
	a := openSeeded(t)
	s, err := a.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := DivisionCounts{City: 1, County: 9, Township: 242, Village: 3004}
	if s.Divisions != want {
		t.Fatalf("counts %+v, want %+v", s.Divisions, want)
	}
}

func TestEveryParentResolves(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	divs, err := a.store.Divisions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]models.Division{}
	for _, d := range divs {
		byCode[d.Code] = d
	}
	for _, d := range divs {
		if d.ParentCode == "" {
			if d.Level != models.LevelCity {
				t.Errorf("%s %s has no parent", d.Code, d.Name)
			}
			continue
		}
		p, ok := byCode[d.ParentCode]
		if !ok {
			t.Errorf("%s %s: parent %s missing", d.Code, d.Name, d.ParentCode)
		} else if p.Level.Child() != d.Level {
			t.Errorf("%s %s (%s) under %s (%s)", d.Code, d.Name, d.Level, p.Name, p.Level)
		}
	}
}

func TestInitTwiceChangesNothing(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	code := "511302001001"
	if err := a.Divisions.Rename(ctx, code, "平城街社区（改）", time.Now(), "测试"); err != nil {
		t.Fatal(err)
	}
	before, _ := a.Summary(ctx)
	res, err := a.Init(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.DivisionsInserted != 0 {
		t.Fatalf("second init inserted %d", res.DivisionsInserted)
	}
	after, _ := a.Summary(ctx)
	if before.Divisions != after.Divisions || !before.DataChangedAt.Equal(*after.DataChangedAt) {
		t.Fatalf("summary changed: %+v → %+v", before, after)
	}
	d, _ := a.Divisions.Get(ctx, code)
	if d.Name != "平城街社区（改）" {
		t.Fatalf("init reverted a clerk's rename: %s", d.Name)
	}
}

func TestSearch(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	tests := []struct {
		q    string
		want string // a code that must be among the results
		max  int    // at most this many results (0: no bound)
	}{
		{"平城街", "511302001001", 1},
		{"平城街社区", "511302001001", 1},
		{"平城街社区居民委员会", "511302001001", 1},
		{"511302001001", "511302001001", 1},
		{"511302001", "511302001001", 0},
		{"中城街道办事处", "511302001000", 1},
		{"  平城 街 ", "511302001001", 1},
	}
	for _, tt := range tests {
		got, err := a.Divisions.Search(ctx, division.Query{Text: tt.q}, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, d := range got {
			found = found || d.Code == tt.want
		}
		if !found || (tt.max > 0 && len(got) > tt.max) {
			t.Errorf("Search(%q): %d results, contains %s: %v", tt.q, len(got), tt.want, found)
		}
	}
	// Short village forms: every "XX村民委员会" is found by "XX村".
	divs, _ := a.store.Divisions(ctx)
	checked := 0
	for _, d := range divs {
		if strings.HasSuffix(d.Name, "村民委员会") && checked < 50 {
			checked++
			got, _ := a.Divisions.Search(ctx, division.Query{Text: models.ShortName(d.Name)}, 0, 0)
			ok := false
			for _, g := range got {
				ok = ok || g.Code == d.Code
			}
			if !ok {
				t.Errorf("%s not found by %s", d.Name, models.ShortName(d.Name))
			}
		}
	}
	if r, _ := a.Divisions.Search(ctx, division.Query{Text: " "}, 0, 0); len(r) != 0 {
		t.Error("empty query should find nothing")
	}
}

func TestProfileSaveAndValidation(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	code := "511302001001"
	p := models.CommunityProfile{DivisionCode: code, Households: 1200, Population: 3500, ServiceAreaM2: 350.5,
		CommitteeMembers: 7, Address: " 顺庆区平城街 1 号 ", Phone: "0817-2222222"}
	if err := a.Divisions.SaveProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	got, err := a.Divisions.Profile(ctx, code)
	if err != nil || got.Households != 1200 || got.ServiceAreaM2 != 350.5 || got.Address != "顺庆区平城街 1 号" || got.UpdatedBy == "" {
		t.Fatalf("saved profile %+v, %v", got, err)
	}
	bad := p
	bad.Households, bad.Phone = -5, "12345"
	if err := a.Divisions.SaveProfile(ctx, bad); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("want ErrInvalid, got %v", err)
	}
	got2, _ := a.Divisions.Profile(ctx, code)
	if got2.Households != 1200 || got2.Phone != "0817-2222222" {
		t.Fatalf("invalid save changed the profile: %+v", got2)
	}
	// Townships have no community profile.
	if err := a.Divisions.SaveProfile(ctx, models.CommunityProfile{DivisionCode: "511302001000"}); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("township profile: %v", err)
	}
	entries, err := a.store.AuditEntries(ctx, store.AuditFilter{Entity: "社区档案", EntityID: code})
	if err != nil || len(entries) != 1 {
		t.Fatalf("audit entries for the profile: %d, %v; want 1", len(entries), err)
	}
	if e := entries[0]; e.Action != store.ActionCreate || len(e.Changes) != 6 || e.Changes[0].Field != "户数" || e.Changes[0].After != "1200" {
		t.Fatalf("audit entry %+v", e)
	}
}

func TestDivisionLifecycle(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	svc := a.Divisions
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.Local)
	// Two villages merged into a new one.
	newV, err := svc.Create(ctx, division.NewDivision{ParentCode: "511302001000", Code: "511302001900", Name: "平城滨江社区居民委员会", EffectiveOn: day, Note: "顺府函〔2026〕1号"})
	if err != nil {
		t.Fatal(err)
	}
	if newV.Level != models.LevelVillage {
		t.Fatalf("level %s", newV.Level)
	}
	for _, c := range []string{"511302001001", "511302001002"} {
		if err := svc.Retire(ctx, c, newV.Code, day, "合并"); err != nil {
			t.Fatal(err)
		}
	}
	s, _ := a.Summary(ctx)
	if s.Divisions.Village != 3003 {
		t.Fatalf("active villages %d, want 3003", s.Divisions.Village)
	}
	old, _ := svc.Get(ctx, "511302001001")
	if old.Active() || old.SuccessorCode != newV.Code {
		t.Fatalf("retired: %+v", old)
	}
	hist, err := svc.History(ctx, newV.Code)
	if err != nil || len(hist) != 3 {
		t.Fatalf("history of the new village: %d entries, %v", len(hist), err)
	}
	if err := svc.Rename(ctx, newV.Code, "平城滨江社区居民委员会", day, ""); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("rename to the same name: %v", err)
	}
	if err := svc.Rename(ctx, "511302001001", "新名", day, ""); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("rename of a retired division: %v", err)
	}
	if err := svc.Retire(ctx, "511302001000", "", day, ""); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("retiring a township with active villages: %v", err)
	}
	tests := []division.NewDivision{
		{ParentCode: "511302001000", Code: "511302002999", Name: "错前缀", EffectiveOn: day},
		{ParentCode: "511302001000", Code: "511302001003", Name: "重复代码", EffectiveOn: day},
		{ParentCode: "511302001000", Code: "5113", Name: "短代码", EffectiveOn: day},
		{ParentCode: "511302001000", Code: "511302001950", Name: "", EffectiveOn: day},
		{ParentCode: "511302001001", Code: "511302001951", Name: "村下不能再有下级", EffectiveOn: day},
		{ParentCode: "511302001000", Code: "511302001952", Name: "无日期"},
	}
	for _, in := range tests {
		if _, err := svc.Create(ctx, in); !errors.Is(err, models.ErrInvalid) {
			t.Errorf("Create(%+v): want ErrInvalid, got %v", in, err)
		}
	}
}
