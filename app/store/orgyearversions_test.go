package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"shequ/models"
)

// Two desks record the same organisation's 年检 for the same year: the second, saving from what it
// read before the first saved, is told who changed it and when; 仍然保存 then saves over it, and a
// fresh read saves without a question.
func TestOrgYearEditedAtTwoDesks(t *testing.T) {
	ctx := context.Background()
	a, b := twoDesks(t)
	id, err := a.SaveOrg(ctx, models.SocialOrg{CountyCode: "511302000000", DivisionCode: "511302001001", Name: "互助会"}, "建档员")
	if err != nil {
		t.Fatal(err)
	}
	if err := a.SaveOrgYear(ctx, models.OrgYearRecord{OrgID: id, Year: 2025, Inspection: "合格"}, "建档员"); err != nil {
		t.Fatal(err)
	}
	readA, readB := orgYear(t, a, id, 2025), orgYear(t, b, id, 2025)
	if readB.RowVersion != 1 {
		t.Fatalf("read version %d, want 1", readB.RowVersion)
	}
	readA.Inspection, readB.Inspection = "基本合格", "不合格"
	if err := a.SaveOrgYear(ctx, readA, "甲"); err != nil {
		t.Fatal(err)
	}
	err = b.SaveOrgYear(ctx, readB, "乙")
	var c *models.EditConflict
	if !errors.As(err, &c) || c.By != "甲" || c.At.IsZero() || c.Version != 2 || !strings.Contains(c.What, "2025 年年检与评估") || !strings.Contains(c.What, "互助会") {
		t.Fatalf("the stale save: %v (%+v), want a conflict over 互助会's 2025 年年检与评估 naming 甲 and when, at version 2", err, c)
	}
	if got := orgYear(t, a, id, 2025); got.Inspection != "基本合格" {
		t.Errorf("the refused save was written: %q", got.Inspection)
	}
	if err := b.Overwrite(c, func() error { return b.SaveOrgYear(ctx, readB, "乙") }); err != nil {
		t.Fatalf("仍然保存: %v", err)
	}
	got := orgYear(t, a, id, 2025)
	if got.Inspection != "不合格" || got.RowVersion != 3 {
		t.Errorf("after 仍然保存: %q at version %d, want 不合格 at 3", got.Inspection, got.RowVersion)
	}
	if err := b.Overwrite(c, func() error { return b.SaveOrgYear(ctx, readB, "乙") }); !errors.As(err, &c) || c.By != "乙" {
		t.Errorf("a change after the overwritten one must still be reported: %v", err)
	}
	fresh := orgYear(t, a, id, 2025)
	fresh.Note = "复核"
	if err := a.SaveOrgYear(ctx, fresh, "甲"); err != nil {
		t.Fatalf("saving a fresh read: %v", err)
	}
	// Another organisation's edit does not make this year stale, nor does another year.
	if err := a.SaveOrgYear(ctx, models.OrgYearRecord{OrgID: id, Year: 2024, Inspection: "合格", RowVersion: models.ReadAbsent}, "丙"); err != nil {
		t.Fatal(err)
	}
	fresh = orgYear(t, b, id, 2025)
	fresh.Note = "再复核"
	if err := b.SaveOrgYear(ctx, fresh, "乙"); err != nil {
		t.Fatalf("saving after another year was recorded: %v", err)
	}
}

// Two desks both record a year that neither had: the first creates it, the second is told who did.
func TestOrgYearCreatedTwice(t *testing.T) {
	ctx := context.Background()
	a, b := twoDesks(t)
	id, err := a.SaveOrg(ctx, models.SocialOrg{CountyCode: "511302000000", DivisionCode: "511302001001", Name: "互助会"}, "建档员")
	if err != nil {
		t.Fatal(err)
	}
	rec := models.OrgYearRecord{OrgID: id, Year: 2025, RowVersion: models.ReadAbsent}
	first, second := rec, rec
	first.Inspection, second.Inspection = "合格", "不合格"
	if err := a.SaveOrgYear(ctx, first, "甲"); err != nil {
		t.Fatal(err)
	}
	err = b.SaveOrgYear(ctx, second, "乙")
	var c *models.EditConflict
	if !errors.As(err, &c) || c.By != "甲" {
		t.Fatalf("the second first save: %v, want a conflict naming 甲", err)
	}
	if got := orgYear(t, a, id, 2025); got.Inspection != "合格" {
		t.Errorf("inspection %q after the refused save, want 合格", got.Inspection)
	}
	if err := b.Overwrite(c, func() error { return b.SaveOrgYear(ctx, second, "乙") }); err != nil {
		t.Fatalf("仍然保存: %v", err)
	}
	if got := orgYear(t, a, id, 2025); got.Inspection != "不合格" {
		t.Errorf("inspection %q after 仍然保存, want 不合格", got.Inspection)
	}
}

func orgYear(t *testing.T, s *Store, orgID int64, year int) models.OrgYearRecord {
	t.Helper()
	all, err := s.OrgYears(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		if r.OrgID == orgID && r.Year == year {
			return r
		}
	}
	t.Fatalf("no %d record of organisation %d", year, orgID)
	return models.OrgYearRecord{}
}
