package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"shequ/models"
)

// addVillage inserts the division rows a ledger entry needs (county, township, village).
func addVillage(t *testing.T, s *Store) {
	t.Helper()
	now := time.Now()
	for _, d := range [][4]any{
		{"511302000000", "顺庆区", "county", nil},
		{"511302001000", "中城街道", "township", "511302000000"},
		{"511302001001", "平城街社区居民委员会", "village", "511302001000"},
	} {
		if err := s.db.Exec(`INSERT INTO divisions (code, name, level, parent_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			d[0], d[1], d[2], d[3], now, now).Error; err != nil {
			t.Fatal(err)
		}
	}
}

func TestLedgerAttachmentsStore(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	addVillage(t, s)
	m := models.Meeting{DivisionCode: "511302001001", Kind: models.MeetingSentiment, HeldOn: time.Date(2026, 5, 10, 0, 0, 0, 0, time.Local),
		Topic: "停车难", Present: 20, Entitled: 25}
	mid, err := MeetingLedger.Save(ctx, s, m, "张三")
	if err != nil {
		t.Fatal(err)
	}
	other, err := MeetingLedger.Save(ctx, s, m, "张三")
	if err != nil {
		t.Fatal(err)
	}
	a1, err := s.AddAttachment(ctx, OwnerMeeting, mid, "签到表.pdf", []byte("%PDF-签到"), "张三")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddAttachment(ctx, OwnerMeeting, mid, "照片.jpg", []byte("jpeg"), "张三"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddAttachment(ctx, OwnerMeeting, other, "记录.txt", []byte("记录"), "张三"); err != nil {
		t.Fatal(err)
	}

	files, err := s.Attachments(ctx, OwnerMeeting, mid)
	if err != nil || len(files) != 2 || files[0].Name != "签到表.pdf" || files[0].Size != int64(len("%PDF-签到")) ||
		len(files[0].SHA256) != 64 || files[0].CreatedBy != "张三" {
		t.Fatalf("files %+v, %v", files, err)
	}
	counts, err := s.AttachmentCounts(ctx, OwnerMeeting, []int64{mid, other, 999})
	if err != nil || counts[mid] != 2 || counts[other] != 1 || counts[999] != 0 {
		t.Fatalf("counts %v, %v", counts, err)
	}
	f, data, err := s.AttachmentContent(ctx, a1)
	if err != nil || string(data) != "%PDF-签到" || f.OwnerID != mid {
		t.Fatalf("content %q %+v %v", data, f, err)
	}
	// Content altered behind the application's back is refused when opened.
	if err := s.db.Exec(`UPDATE attachments SET data = ? WHERE id = ?`, []byte("%PDF-改过"), a1).Error; err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.AttachmentContent(ctx, a1); err == nil || !strings.Contains(err.Error(), "已损坏") {
		t.Fatalf("corrupted content: %v", err)
	}
	if _, _, err := s.AttachmentContent(ctx, 12345); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("missing attachment: %v", err)
	}

	if err := s.DeleteAttachment(ctx, OwnerMeeting, a1, "张三"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAttachment(ctx, OwnerMeeting, a1, "张三"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	// Deleting the meeting takes its files with it, not the other meeting's.
	if err := MeetingLedger.Delete(ctx, s, mid, "张三"); err != nil {
		t.Fatal(err)
	}
	counts, _ = s.AttachmentCounts(ctx, OwnerMeeting, []int64{mid, other})
	if counts[mid] != 0 || counts[other] != 1 {
		t.Fatalf("after deleting the meeting: %v", counts)
	}
	trail, err := s.AuditEntries(ctx, AuditFilter{Entity: "会议附件"})
	if err != nil {
		t.Fatal(err)
	}
	var adds, dels int
	for _, e := range trail {
		switch e.Action {
		case ActionCreate:
			adds++
		case ActionDelete:
			dels++
		}
		if e.Module != LedgerModule || len(e.Changes) != 1 || !strings.Contains(e.Changes[0].Before+e.Changes[0].After, "SHA-256") {
			t.Errorf("audit entry %+v", e)
		}
	}
	if adds != 3 || dels != 2 {
		t.Fatalf("audit: %d added, %d deleted", adds, dels)
	}
}

// TestLedgerMigration0008Terms runs migration 0008 over a database holding one 议事会 and one 监督委员会
// in the old one-per-village tables: each becomes the first term.
func TestLedgerMigration0008Terms(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	addVillage(t, s)
	// Back to schema 7: drop what 0008 made and recreate the two tables of 0005.
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	var old []string
	for _, m := range ms {
		if m.version != 5 {
			continue
		}
		for _, st := range splitStatements(s.dialectSQL(m.sql)) {
			if strings.HasPrefix(st, "CREATE TABLE ledger_councils") || strings.HasPrefix(st, "CREATE TABLE ledger_supervision ") {
				old = append(old, st)
			}
		}
	}
	if len(old) != 2 {
		t.Fatalf("0005 statements: %q", old)
	}
	for _, st := range append([]string{`DELETE FROM schema_migrations WHERE version = 8`, `DROP TABLE attachments`,
		`DROP TABLE ledger_council_terms`, `DROP TABLE ledger_supervision_terms`,
		`ALTER TABLE ledger_service_items DROP COLUMN contract_id`}, old...) {
		if err := s.db.Exec(st).Error; err != nil {
			t.Fatalf("%s: %v", st, err)
		}
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.Local) }
	now := time.Now()
	if err := s.db.Exec(`INSERT INTO ledger_councils (division_code, established_on, members, term_start, term_end, selection, remit, rules, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, "511302001001", day(2021, 1, 1), "张三\n李四", day(2021, 1, 1), day(2025, 12, 31),
		"推选", "公共事务", "过半数", now, "王五").Error; err != nil {
		t.Fatal(err)
	}
	if err := s.db.Exec(`INSERT INTO ledger_supervision (division_code, established_on, members, term_start, term_end, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, "511302001001", day(2021, 3, 1), "甲\n乙\n丙", day(2021, 3, 1), day(2026, 2, 28), now, "王五").Error; err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	q := LedgerQuery{DivisionPrefix: "511302001001"}
	cs, err := CouncilLedger.List(ctx, s, q)
	if err != nil || len(cs) != 1 || cs[0].ID == 0 || cs[0].Members != "张三\n李四" || !cs[0].TermEnd.Equal(day(2025, 12, 31)) || cs[0].Rules != "过半数" {
		t.Fatalf("council terms after 0008: %+v, %v", cs, err)
	}
	sups, err := SupervisionLedger.List(ctx, s, q)
	if err != nil || len(sups) != 1 || sups[0].MemberCount() != 3 || !sups[0].TermStart.Equal(day(2021, 3, 1)) {
		t.Fatalf("supervision terms after 0008: %+v, %v", sups, err)
	}
	// A second term is its own record; the latest comes first.
	next := cs[0]
	next.ID, next.TermStart, next.TermEnd, next.Members = 0, day(2026, 1, 1), day(2030, 12, 31), "赵六\n钱七"
	id, err := CouncilLedger.Save(ctx, s, next, "王五")
	if err != nil {
		t.Fatal(err)
	}
	cs, _ = CouncilLedger.List(ctx, s, q)
	if len(cs) != 2 || cs[0].ID != id || cs[1].Members != "张三\n李四" {
		t.Fatalf("terms: %+v", cs)
	}
	if err := CouncilLedger.Delete(ctx, s, id, "王五"); err != nil {
		t.Fatal(err)
	}
	if cs, _ = CouncilLedger.List(ctx, s, q); len(cs) != 1 {
		t.Fatalf("after delete: %+v", cs)
	}
}
