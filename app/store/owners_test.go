package store

import (
	"context"
	"strings"
	"testing"

	"gorm.io/gorm"

	"shequ/app/store/pgtest"
)

// The creator of a record is the one who created it last: a key deleted and created again (a
// division's profile, say) belongs to its new creator, not to the first one.
func TestRecordOwnerFollowsTheKey(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, pgtest.DBPath(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	write := func(actor, role, action string) error {
		s.SetSession(actor, role)
		return s.withTx(ctx, func(tx *gorm.DB) error {
			return s.audit(tx, actor, "测试", "档案", "X1", action, nil, "")
		})
	}
	steps := []struct {
		actor, role, action string
		wantErr             string
	}{
		{"a", roleEditor, ActionCreate, ""},
		{"b", roleEditor, ActionDelete, "由 a 录入"},
		{"admin", "管理员", ActionDelete, ""},
		{"b", roleEditor, ActionCreate, ""},
		{"b", roleEditor, ActionDelete, ""},
		{"b", roleEditor, ActionDelete, "录入人未知"},
	}
	for i, st := range steps {
		err := write(st.actor, st.role, st.action)
		if (st.wantErr == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), st.wantErr)) {
			t.Fatalf("step %d (%s %s): %v, want %q", i+1, st.actor, st.action, err, st.wantErr)
		}
	}
}
