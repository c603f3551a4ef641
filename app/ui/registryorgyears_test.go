package ui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"shequ/app"
	"shequ/models"
)

// The 年检与评估 form saves with the version its list showed: a year another desk recorded or
// changed meanwhile is put to the clerk with who and when; 重新载入 shows the other desk's record,
// 仍然保存 saves the clerk's over it.
func TestOrgYearFormAsksOnConflict(t *testing.T) {
	f, s := openRegistry(t)
	other := otherDesk(t, f)
	rows, err := f.app.Registry.OrgRows(f.ctx)
	if err != nil || len(rows) == 0 {
		t.Fatal(rows, err)
	}
	org := rows[0]
	y := s.orgs.openYears(org.ID, org.Name)
	if y == nil {
		t.Fatal("the form did not open")
	}
	stored := func() models.OrgYearRecord {
		t.Helper()
		years, err := f.app.Registry.OrgYears(f.ctx, org.ID)
		if err != nil || len(years) != 1 {
			t.Fatalf("years %+v, %v", years, err)
		}
		return years[0]
	}
	otherSaves := func(a *app.App, inspection string) {
		t.Helper()
		rec := models.OrgYearRecord{OrgID: org.ID, Year: 2025, Inspection: inspection, RowVersion: models.ReadAbsent}
		if years, _ := a.Registry.OrgYears(f.ctx, org.ID); len(years) > 0 {
			rec.RowVersion = years[0].RowVersion
		}
		if err := a.Registry.SaveOrgYear(f.ctx, rec); err != nil {
			t.Fatal(err)
		}
	}

	otherSaves(other, "基本合格") // the form was opened before the other desk recorded 2025
	retype(y.year, "2025")
	y.inspection.SetSelected("合格")
	test.Tap(button(t, topOverlay(t, f.w.Win), "保存该年度记录"))
	o := topOverlay(t, f.w.Win)
	msg := strings.Join(visibleTexts(o), "\n")
	if !strings.Contains(msg, "2025 年年检与评估（"+org.Name+"）已被 "+other.Actor+" 于 ") {
		t.Fatalf("the conflict says %q, want the year, who (%s) and when", msg, other.Actor)
	}
	if got := stored(); got.Inspection != "基本合格" {
		t.Fatalf("the stale save was written: %q", got.Inspection)
	}
	test.Tap(button(t, o, "重新载入"))
	if y.inspection.Selected != "基本合格" || tableRows(y.table) != 1 {
		t.Errorf("after 重新载入 the form shows %q and %d years, want the other desk's 基本合格", y.inspection.Selected, tableRows(y.table))
	}

	otherSaves(other, "不合格")
	y.inspection.SetSelected("合格")
	test.Tap(button(t, topOverlay(t, f.w.Win), "保存该年度记录"))
	test.Tap(button(t, topOverlay(t, f.w.Win), "仍然保存"))
	if got := stored(); got.Inspection != "合格" || got.RowVersion != 3 {
		t.Errorf("after 仍然保存: %q at version %d, want 合格 at 3", got.Inspection, got.RowVersion)
	}
	// The list is read again after saving: the next save goes through without a question.
	y.note.SetText("复核")
	test.Tap(button(t, topOverlay(t, f.w.Win), "保存该年度记录"))
	if got := stored(); got.Note != "复核" {
		t.Errorf("the save after 仍然保存 stored note %q", got.Note)
	}
}

// The form shows a recorded year as soon as its 年度 names it — last year's when it opens, any
// other once typed — so saving one changed field keeps the rest of the record, where it used to
// open empty on last year and replace a recorded year with that empty form.
func TestOrgYearFormShowsRecordedYear(t *testing.T) {
	f, s := openRegistry(t)
	rows, err := f.app.Registry.OrgRows(f.ctx)
	if err != nil || len(rows) == 0 {
		t.Fatal(rows, err)
	}
	org := rows[0]
	last := time.Now().Year() - 1
	for _, rec := range []models.OrgYearRecord{
		{OrgID: org.ID, Year: last, Inspection: "合格", Grade: "4A", GradeFrom: time.Date(last, 1, 1, 0, 0, 0, 0, time.Local),
			GradeTo: time.Date(last+4, 12, 31, 0, 0, 0, 0, time.Local), Note: "首次评估", RowVersion: models.ReadAbsent},
		{OrgID: org.ID, Year: last - 1, Inspection: "基本合格", Note: "整改", RowVersion: models.ReadAbsent},
	} {
		if err := f.app.Registry.SaveOrgYear(f.ctx, rec); err != nil {
			t.Fatal(err)
		}
	}
	y := s.orgs.openYears(org.ID, org.Name)
	if y.grade.Selected != "4A" || y.note.Text != "首次评估" || y.from.Text == "" {
		t.Fatalf("opened on %s: grade %q, note %q, from %q; want last year's record", y.year.Text, y.grade.Selected, y.note.Text, y.from.Text)
	}
	retype(y.year, strconv.Itoa(last-1))
	if y.inspection.Selected != "基本合格" || y.note.Text != "整改" {
		t.Fatalf("typed %d: %q, %q; want that year's record", last-1, y.inspection.Selected, y.note.Text)
	}
	retype(y.year, strconv.Itoa(last))
	y.inspection.SetSelected("基本合格")
	test.Tap(button(t, topOverlay(t, f.w.Win), "保存该年度记录"))
	years, err := f.app.Registry.OrgYears(f.ctx, org.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range years {
		if got.Year == last && (got.Inspection != "基本合格" || got.Grade != "4A" || got.Note != "首次评估" || got.GradeFrom.IsZero()) {
			t.Errorf("after changing 年检结果 only: %+v; the grade, its dates and the note must stay", got)
		}
	}
}
