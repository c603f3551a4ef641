package app

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"shequ/app/budget"
	"shequ/app/division"
	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// deskWithData makes a desk (SQLite) database with data in every area: a budget sheet imported
// to the fen, the ledgers with an attachment, the registry, an assessment, divisions created,
// retired and merged (rows referring to rows of their own table), a profile, and their audit
// trail. It returns the file, the attachment's id and its meeting's.
func deskWithData(t *testing.T) (path string, attachment, meeting int64) {
	t.Helper()
	ctx := context.Background()
	path = filepath.Join(t.TempDir(), "desk.db")
	a, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if _, err := a.Init(ctx); err != nil {
		t.Fatal(err)
	}
	sheet := writeWorkbook(t, "预算.xlsx", simpleSheet("蓬安县2026年村（社区）经费保障预算表",
		[]any{"巨龙镇", "街道社区居民委员会", "工作经费", "办公经费", "245,847.31元", ""},
		[]any{"巨龙镇", "龙云社区", "人员报酬", "村干部报酬", "1.5万元", ""},
		[]any{"正源镇", "街道社区", "服务设施", "阵地维修", "0.01", ""}))
	if res, err := a.Budget.Import(ctx, sheet, budget.ImportOptions{}); err != nil || !res.OK {
		t.Fatalf("budget import: %v %+v", err, res)
	}
	seedLedger(t, a, testVillage)
	mid, err := a.Ledgers.SaveMeeting(ctx, models.Meeting{DivisionCode: testVillage, Kind: models.MeetingRepresentative,
		HeldOn: day(2026, 5, 1), Topic: "附件会议", Present: 30, Entitled: 35})
	if err != nil {
		t.Fatal(err)
	}
	att, err := a.Ledgers.AttachToMeeting(ctx, mid, "会议记录.pdf", append([]byte("%PDF\x00\xff"), make([]byte, 5000)...))
	if err != nil {
		t.Fatal(err)
	}
	// A file attached and removed again: its id is not to be given out again after the move.
	gone, err := a.Ledgers.AttachToMeeting(ctx, mid, "误传.txt", []byte("误传"))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Ledgers.RemoveMeetingAttachment(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Registry.SaveOrg(ctx, testOrg(t, 1, "平城街舞蹈队")); err != nil {
		t.Fatal(err)
	}
	w := models.SocialWorker{Name: "社工甲", IDNumber: testID(t, "19880808", 20), Phone: "13900001111",
		Qualification: models.QualAssistant, CertNo: "C1", CertDate: regDay(t, "2023-05-01"), Post: "网格员",
		DivisionCode: "511302001002", Status: "在岗", OnPostFrom: regDay(t, "2022-01-01"), EmployerKind: "社区", EmployerName: "某社区"}
	if _, err := a.Registry.SaveWorker(ctx, w); err != nil {
		t.Fatal(err)
	}
	lib, _ := a.Checklist.Library(ctx, clCounty, 2026)
	if _, err := a.Checklist.Save(ctx, clCommunity, 2026, allMet(lib, "社区")); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 3, 1, 0, 0, 0, 0, time.Local)
	merged, err := a.Divisions.Create(ctx, division.NewDivision{ParentCode: "511302001000", Code: "511302001900",
		Name: "平城滨江社区居民委员会", EffectiveOn: when, Note: "合并"})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Divisions.Retire(ctx, "511302001003", merged.Code, when, "合并"); err != nil {
		t.Fatal(err)
	}
	if err := a.Divisions.SaveProfile(ctx, models.CommunityProfile{DivisionCode: testVillage, Households: 1200, Population: 3400}); err != nil {
		t.Fatal(err)
	}
	return path, att, mid
}

// onlyPG runs a test in the PostgreSQL pass only.
func onlyPG(t *testing.T) {
	t.Helper()
	if !pgtest.OnPostgres() {
		t.Skip("需要 PostgreSQL：在 PostgreSQL 一轮运行")
	}
}

// sharedAfterInit is a new shared database through init, open.
func sharedAfterInit(t *testing.T) *App {
	t.Helper()
	onlyPG(t)
	return openSeeded(t)
}

func counts(t *testing.T, a *App) map[string]int64 {
	t.Helper()
	c, err := a.TableCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// changedAt is the summary's moment of the last change.
func changedAt(t *testing.T, a *App) time.Time {
	t.Helper()
	s, err := a.Summary(context.Background())
	if err != nil || s.DataChangedAt == nil {
		t.Fatalf("summary: %v, %v", s.DataChangedAt, err)
	}
	return *s.DataChangedAt
}

// summaryJSON is the summary without the moment of the last change.
func summaryJSON(t *testing.T, a *App) string {
	t.Helper()
	s, err := a.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	s.DataChangedAt = nil
	b, _ := json.Marshal(s)
	return string(b)
}

// sameCounts compares table counts; audit_log of got has extra entries more.
func sameCounts(t *testing.T, what string, want, got map[string]int64, extraAudit int64) {
	t.Helper()
	for table, n := range want {
		if table == "audit_log" {
			n += extraAudit
		}
		if got[table] != n {
			t.Errorf("%s: %s has %d rows, want %d", what, table, got[table], n)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d tables, want %d", what, len(got), len(want))
	}
}

func auditTrail(t *testing.T, a *App) []store.AuditEntry {
	t.Helper()
	e, err := a.store.AuditEntries(context.Background(), store.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// sameTrail checks that every entry of want is in got with the same id, moment and text.
func sameTrail(t *testing.T, want, got []store.AuditEntry) {
	t.Helper()
	byID := map[int64]store.AuditEntry{}
	for _, e := range got {
		byID[e.ID] = e
	}
	for _, w := range want {
		g, ok := byID[w.ID]
		if !ok || !g.At.Truncate(time.Microsecond).Equal(w.At.Truncate(time.Microsecond)) || g.Actor != w.Actor || g.Note != w.Note ||
			g.Module != w.Module || g.EntityID != w.EntityID || fmt.Sprint(g.Changes) != fmt.Sprint(w.Changes) {
			t.Errorf("audit entry %d: got %+v, want %+v", w.ID, g, w)
		}
	}
}

// copyBack writes the shared database to a desk file with backup --out's CopyToFile and opens it.
func copyBack(t *testing.T, shared *App, name string) (*App, string) {
	t.Helper()
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), name)
	if _, err := shared.CopyToFile(ctx, out, false); err != nil {
		t.Fatal(err)
	}
	back, err := Open(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = back.Close() })
	return back, out
}

func TestImportDeskBackupRoundTrip(t *testing.T) {
	onlyPG(t)
	ctx := context.Background()
	deskPath, att, mid := deskWithData(t)
	desk, err := Open(ctx, deskPath)
	if err != nil {
		t.Fatal(err)
	}
	deskCounts, deskSummary, deskTrail := counts(t, desk), summaryJSON(t, desk), auditTrail(t, desk)
	_ = desk.Close()

	shared := sharedAfterInit(t)
	res, err := shared.ImportDesk(ctx, deskPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows == 0 || res.Migrated {
		t.Errorf("result %+v", res)
	}
	sameCounts(t, "shared", deskCounts, counts(t, shared), 1)
	if got := summaryJSON(t, shared); got != deskSummary {
		t.Errorf("summary after import:\n%s\nwant\n%s", got, deskSummary)
	}
	sameTrail(t, deskTrail, auditTrail(t, shared))
	if _, data, err := shared.Ledgers.MeetingAttachment(ctx, att); err != nil || len(data) != 5006 || data[5] != 0xff {
		t.Errorf("attachment: %d bytes, %v", len(data), err)
	}
	// The sequences are past the desk's ids: new records save.
	if next, err := shared.Ledgers.AttachToMeeting(ctx, mid, "新附件.txt", []byte("新")); err != nil || next != att+2 {
		t.Errorf("attachment after import: id %d (want %d, past the removed one), %v", next, att+2, err)
	}
	id, err := shared.Registry.SaveOrg(ctx, testOrg(t, 2, "新的社会组织"))
	if err != nil || id < 2 {
		t.Fatalf("new org after import: %d %v", id, err)
	}
	if _, err := shared.Ledgers.SaveMeeting(ctx, models.Meeting{DivisionCode: testVillage, Kind: models.MeetingSentiment,
		HeldOn: day(2026, 7, 1), Topic: "导入后", Present: 3, Entitled: 3}); err != nil {
		t.Fatalf("new meeting after import: %v", err)
	}

	// backup --out: a desk file with what the shared database holds.
	before := counts(t, shared)
	sharedSummary := summaryJSON(t, shared)
	// The stamp a desk file keeps is years old on the shared database (only seeding and import-desk
	// write it there).
	if _, err := pgtest.SQL(t, pgtest.Reopenable(shared.DBPath())).Exec("UPDATE meta SET value = '2020-01-02T03:04:05Z' WHERE key = 'data_changed_at'"); err != nil {
		t.Fatal(err)
	}
	back, out := copyBack(t, shared, "副本.db")
	sameCounts(t, "backup", before, counts(t, back), 0)
	// The copy's 最后修改 is the shared database's at the moment of the copy (to the second, as a
	// desk file keeps it), not the time of its first seeding.
	if want, got := changedAt(t, shared), changedAt(t, back); !got.Equal(want.Truncate(time.Second)) {
		t.Errorf("the copy was last changed %v, the shared database %v", got, want)
	}
	if got := summaryJSON(t, back); got != sharedSummary {
		t.Errorf("summary of the backup:\n%s\nwant\n%s", got, sharedSummary)
	}
	sameTrail(t, deskTrail, auditTrail(t, back))
	if _, data, err := back.Ledgers.MeetingAttachment(ctx, att); err != nil || len(data) != 5006 {
		t.Errorf("attachment in the backup: %d bytes, %v", len(data), err)
	}
	if err := back.Backups.Check(ctx); err != nil {
		t.Errorf("check of the backup: %v", err)
	}
	if _, err := back.Registry.SaveOrg(ctx, testOrg(t, 3, "副本里新建")); err != nil {
		t.Errorf("new org in the backup: %v", err)
	}
	if id, err := back.Ledgers.AttachToMeeting(ctx, mid, "副本附件.txt", []byte("副")); err != nil || id != att+3 {
		t.Errorf("attachment in the backup: id %d, want %d, %v", id, att+3, err)
	}
	if _, err := shared.CopyToFile(ctx, out, false); !errors.Is(err, store.ErrFileExists) {
		t.Errorf("existing file: %v", err)
	}
}

// The round trip desk → shared → desk keeps every table and the budget to the fen.
func TestDeskSharedDeskRoundTrip(t *testing.T) {
	onlyPG(t)
	ctx := context.Background()
	deskPath, _, _ := deskWithData(t)
	desk, err := Open(ctx, deskPath)
	if err != nil {
		t.Fatal(err)
	}
	deskCounts, deskSummary := counts(t, desk), summaryJSON(t, desk)
	_ = desk.Close()
	shared := sharedAfterInit(t)
	if _, err := shared.ImportDesk(ctx, deskPath, nil); err != nil {
		t.Fatal(err)
	}
	back, _ := copyBack(t, shared, "回来.db")
	sameCounts(t, "round trip", deskCounts, counts(t, back), 1)
	if got := summaryJSON(t, back); got != deskSummary {
		t.Errorf("summary after the round trip:\n%s\nwant\n%s", got, deskSummary)
	}
}

// A shared database with data beyond init's is refused and left as it was; so is one whose
// import fails midway (a row the shared database cannot take, a cancelled import).
func TestImportDeskLeavesTargetUnchanged(t *testing.T) {
	onlyPG(t)
	ctx := context.Background()
	deskPath, _, _ := deskWithData(t)
	shared := sharedAfterInit(t)
	initCounts := counts(t, shared)

	// A value SQLite kept but the shared database's column cannot take.
	bad := filepath.Join(t.TempDir(), "bad.db")
	raw, err := sql.Open("sqlite3", deskPath)
	if err != nil {
		t.Fatal(err)
	}
	_, err = raw.Exec("VACUUM INTO ?", bad)
	_ = raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	raw, _ = sql.Open("sqlite3", bad)
	if _, err := raw.Exec(`UPDATE budget_lines SET amount_fen = '十二元' WHERE id = (SELECT MAX(id) FROM budget_lines)`); err != nil {
		t.Fatal(err)
	}
	_ = raw.Close()
	if _, err := shared.ImportDesk(ctx, bad, nil); err == nil || !strings.Contains(err.Error(), "budget_lines") ||
		!strings.Contains(err.Error(), "保持原样") {
		t.Errorf("corrupt row: %v", err)
	}
	sameCounts(t, "after a corrupt row", initCounts, counts(t, shared), 0)

	// Cancelled after the divisions were written.
	cctx, cancel := context.WithCancel(ctx)
	_, err = shared.ImportDesk(cctx, deskPath, func(tr store.TableRows) {
		if tr.Table == "divisions" {
			cancel()
		}
	})
	cancel()
	if err == nil {
		t.Error("cancelled import went through")
	}
	sameCounts(t, "after a cancelled import", initCounts, counts(t, shared), 0)

	// One organisation entered: not empty any more.
	if _, err := shared.Registry.SaveOrg(ctx, testOrg(t, 9, "已录入的组织")); err != nil {
		t.Fatal(err)
	}
	withOrg := counts(t, shared)
	_, err = shared.ImportDesk(ctx, deskPath, nil)
	if !errors.Is(err, store.ErrNotEmpty) || !strings.Contains(err.Error(), "social_orgs 有 1 行") ||
		!strings.Contains(err.Error(), "操作日志有") {
		t.Errorf("non-empty target: %v", err)
	}
	sameCounts(t, "after a refused import", withOrg, counts(t, shared), 0)
}
