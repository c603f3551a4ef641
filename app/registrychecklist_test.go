package app

import (
	"context"
	"testing"

	"shequ/models"
)

// The checklist proposes ORG05, ORG06, TAL02 and TAL03 from the 三社互动 registry.
func TestChecklistProposalsFromRegistry(t *testing.T) {
	a := openSeeded(t)
	ctx := context.Background()
	code := "511302001001"
	props, err := a.Checklist.Proposals(ctx, code, 2026)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"ORG05", "ORG06", "TAL02", "TAL03"} {
		if _, ok := props[c]; ok {
			t.Errorf("%s proposed without registry records", c)
		}
	}
	if err := a.Divisions.SaveProfile(ctx, models.CommunityProfile{DivisionCode: code, Households: 1000, Population: 3000}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Registry.SaveOrg(ctx, testOrg(t, 1, "平城街舞蹈队")); err != nil {
		t.Fatal(err)
	}
	gone := testOrg(t, 2, "已注销的协会")
	gone.Status = "注销"
	if _, err := a.Registry.SaveOrg(ctx, gone); err != nil {
		t.Fatal(err)
	}
	var workers []int64
	for i, q := range []string{models.QualWorker, models.QualNone} {
		w := models.SocialWorker{Name: "人" + q, IDNumber: testID(t, "19900101", 11+2*i), Qualification: q, Post: "网格员",
			DivisionCode: code, Status: "在岗", OnPostFrom: regDay(t, "2024-01-01")}
		if q != models.QualNone {
			w.CertNo, w.CertDate = "C1", regDay(t, "2023-06-01")
		}
		id, err := a.Registry.SaveWorker(ctx, w)
		if err != nil {
			t.Fatal(err)
		}
		workers = append(workers, id)
	}
	for i, hh := range []int64{450, 300} {
		g := models.Grid{DivisionCode: code, Name: []string{"一网格", "二网格"}[i], Households: hh, Population: 3 * hh}
		if i == 0 {
			g.WorkerIDs = workers
		}
		if _, err := a.Registry.SaveGrid(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	props, err = a.Checklist.Proposals(ctx, code, 2026)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{"ORG05": 75, "ORG06": 1, "TAL02": 1, "TAL03": 1}
	for c, v := range want {
		if props[c].Value != v || props[c].From == "" {
			t.Errorf("%s proposed %+v, want %v", c, props[c], v)
		}
	}
}
