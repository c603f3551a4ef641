package app

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"shequ/app/checklist"
	"shequ/app/duty"
	"shequ/app/store"
	"shequ/models"
)

func TestChecklistEvidence(t *testing.T) {
	ctx := context.Background()
	admin := openSeeded(t)
	editor := as(t, admin, "李录入", models.RoleEditor)
	viewer := as(t, admin, "王只读", models.RoleViewer)
	pdf := duty.EvidenceUpload{Name: `C:\材料\两委会议记录.pdf`, Data: []byte("%PDF-1.4 会议记录")}
	if _, err := editor.Checklist.AddEvidence(ctx, clCommunity, 2026, "ORG01", pdf); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("evidence before the assessment exists: %v", err)
	}
	lib, _ := admin.Checklist.Library(ctx, clCounty, 2026)
	if _, err := editor.Checklist.Save(ctx, clCommunity, 2026, allMet(lib, "社区")); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		who  *App
		code string
		f    duty.EvidenceUpload
		want string // "" for success, else part of the error
	}{
		{"pdf", editor, "ORG01", pdf, ""},
		{"photo", admin, "ORG01", duty.EvidenceUpload{Name: "/home/x/照片.jpg", Data: []byte{0xFF, 0xD8, 0xFF}}, ""},
		{"viewer", viewer, "ORG01", pdf, "无权"},
		{"unknown indicator", editor, "XXX99", pdf, "不是本测评所用指标库中的指标"},
		{"empty", editor, "ORG02", duty.EvidenceUpload{Name: "空.txt"}, "是空文件"},
		{"no name", editor, "ORG02", duty.EvidenceUpload{Name: " ", Data: []byte("x")}, "文件名不能为空"},
		{"too big", editor, "ORG02", duty.EvidenceUpload{Name: "大.zip", Data: make([]byte, models.MaxEvidenceSize+1)}, "超过 20 MB 的上限"},
	}
	for _, c := range cases {
		_, err := c.who.Checklist.AddEvidence(ctx, clCommunity, 2026, c.code, c.f)
		if (c.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
	ev, err := viewer.Checklist.Evidence(ctx, clCommunity, 2026)
	if err != nil || len(ev) != 1 || len(ev["ORG01"]) != 2 {
		t.Fatalf("evidence %+v %v", ev, err)
	}
	first := ev["ORG01"][0]
	if first.Name != "两委会议记录.pdf" || first.Size != int64(len(pdf.Data)) || len(first.SHA256) != 64 || first.OwnerKind != "assessment_value" || first.CreatedBy != "李录入" {
		t.Errorf("first file %+v", first)
	}
	f, data, err := viewer.Checklist.EvidenceContent(ctx, first.ID)
	if err != nil || !bytes.Equal(data, pdf.Data) || f.Name != first.Name {
		t.Fatalf("content %q %v", data, err)
	}
	// Saving the values again keeps the files (they hang on the assessment, not on the value rows).
	if _, err := editor.Checklist.Save(ctx, clCommunity, 2026, map[string]models.IndicatorValue{"ORG01": {Value: fv(1), Note: "见附件"}}); err != nil {
		t.Fatal(err)
	}
	if ev, _ := admin.Checklist.Evidence(ctx, clCommunity, 2026); len(ev["ORG01"]) != 2 {
		t.Errorf("files lost on save: %+v", ev)
	}
	// A 录入员 may not remove the admin's file, only their own.
	photo := ev["ORG01"][1]
	if err := editor.Checklist.RemoveEvidence(ctx, photo.ID); err == nil {
		t.Error("editor removed the admin's file")
	}
	if err := editor.Checklist.RemoveEvidence(ctx, first.ID); err != nil {
		t.Fatal(err)
	}
	// Accepted (frozen): no new files, no removals.
	for _, st := range []struct {
		who *App
		act string
	}{{editor, checklist.ActSubmit}, {editor, checklist.ActApprove}, {admin, checklist.ActAccept}} {
		if err := st.who.Checklist.Step(ctx, clCommunity, 2026, st.act, ""); err != nil {
			t.Fatalf("%s: %v", st.act, err)
		}
	}
	if _, err := admin.Checklist.AddEvidence(ctx, clCommunity, 2026, "ORG01", pdf); !errors.Is(err, models.ErrConflict) {
		t.Errorf("frozen took a file: %v", err)
	}
	if err := admin.Checklist.RemoveEvidence(ctx, photo.ID); !errors.Is(err, models.ErrConflict) {
		t.Errorf("frozen lost a file: %v", err)
	}
	ev, _ = admin.Checklist.Evidence(ctx, clCommunity, 2026)
	if len(ev["ORG01"]) != 1 || ev["ORG01"][0].ID != photo.ID {
		t.Errorf("after frozen: %+v", ev)
	}
	// Every change is in the trail: two files added, one removed.
	entries, err := admin.store.AuditEntries(ctx, store.AuditFilter{Entity: "标准化证明材料"})
	if err != nil || len(entries) != 3 {
		t.Errorf("audit entries %d %v", len(entries), err)
	}
}
