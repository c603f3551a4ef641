package store

import (
	"context"
	"errors"
	"strings"
	"testing"

	"shequ/models"
)

// Two desks change the same 设置 value, each from what its own screen showed: the second is told
// who changed it and when instead of silently replacing it; 仍然保存 then saves over it (a third
// change meanwhile is still reported), and a save from a fresh read goes through.
func TestSettingChangedAtTwoDesks(t *testing.T) {
	ctx := context.Background()
	a, b := twoDesks(t)
	const key = "report.leadership"
	set := func(s *Store, seen, value, actor string) error {
		return s.SetSetting(ctx, Setting{Key: key, Value: value, Label: "领导机制", Before: seen, After: value,
			Unchanged: func(stored string) bool { return stored == seen }}, actor)
	}
	if err := set(a, "", "一", "建档员"); err != nil {
		t.Fatal(err)
	}
	seenA, seenB := meta(t, a, key), meta(t, b, key) // both screens show 一
	if err := set(a, seenA, "二", "甲"); err != nil {
		t.Fatal(err)
	}
	err := set(b, seenB, "三", "乙")
	var c *models.EditConflict
	if !errors.As(err, &c) || c.By != "甲" || c.At.IsZero() || c.What != "设置（领导机制）" || !strings.Contains(err.Error(), "已被 甲 于 ") {
		t.Fatalf("the stale save: %v (%+v), want a conflict over 设置（领导机制） naming 甲 and when", err, c)
	}
	if v := meta(t, a, key); v != "二" {
		t.Errorf("the refused save was written: %q", v)
	}
	if err := b.Overwrite(c, func() error { return set(b, seenB, "三", "乙") }); err != nil {
		t.Fatalf("仍然保存: %v", err)
	}
	if v := meta(t, a, key); v != "三" {
		t.Errorf("after 仍然保存 %q, want 三", v)
	}
	if err := b.Overwrite(c, func() error { return set(b, seenB, "四", "乙") }); !errors.As(err, &c) || c.By != "乙" {
		t.Errorf("a change after the overwritten one must still be reported: %v", err)
	}
	if err := set(a, meta(t, a, key), "五", "甲"); err != nil {
		t.Fatalf("saving from a fresh read: %v", err)
	}
	if v := meta(t, b, key); v != "五" {
		t.Errorf("stored %q, want 五", v)
	}
	// Another setting's change does not make this one stale.
	if err := a.SetSetting(ctx, Setting{Key: "other", Value: "x", Label: "其他", After: "x",
		Unchanged: func(stored string) bool { return stored == "" }}, "甲"); err != nil {
		t.Fatal(err)
	}
	if err := set(b, "五", "六", "乙"); err != nil {
		t.Fatalf("saving after another setting changed: %v", err)
	}
}

func meta(t *testing.T, s *Store, key string) string {
	t.Helper()
	v, err := s.Meta(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
