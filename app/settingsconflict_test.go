package app

import (
	"context"
	"errors"
	"testing"

	"shequ/app/report"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// Two desks change the same 设置 value, each from what its own screen showed: the second is told
// who changed it first and when; 仍然保存 saves over it, and a fresh read saves normally.
func TestSettingsChangedAtTwoDesks(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	b := as(t, a, "乙", models.RoleAdmin)
	conflict := func(t *testing.T, err error, what string) *models.EditConflict {
		t.Helper()
		var c *models.EditConflict
		if !errors.As(err, &c) || c.By != a.Actor || c.At.IsZero() || c.What != what {
			t.Fatalf("the second change: %v (%+v), want a conflict over %s naming %s and when", err, c, what, a.Actor)
		}
		return c
	}

	t.Run("领导机制", func(t *testing.T) {
		shownA, errA := a.Reports.Leadership(ctx)
		shownB, errB := b.Reports.Leadership(ctx)
		if errA != nil || errB != nil {
			t.Fatal(errA, errB)
		}
		first, second := report.Leadership{Group: "领导小组", Leader: "张某某"}, report.Leadership{Group: "领导小组", Leader: "李某某"}
		if err := a.Reports.SaveLeadership(ctx, shownA, first); err != nil {
			t.Fatal(err)
		}
		c := conflict(t, b.Reports.SaveLeadership(ctx, shownB, second), "设置（领导机制）")
		if l, _ := a.Reports.Leadership(ctx); l != first {
			t.Errorf("the refused save was written: %+v", l)
		}
		if err := b.Overwrite(c, func() error { return b.Reports.SaveLeadership(ctx, shownB, second) }); err != nil {
			t.Fatalf("仍然保存: %v", err)
		}
		fresh, _ := a.Reports.Leadership(ctx)
		if fresh != second {
			t.Errorf("after 仍然保存 %+v, want %+v", fresh, second)
		}
		if err := a.Reports.SaveLeadership(ctx, fresh, first); err != nil {
			t.Errorf("saving from a fresh read: %v", err)
		}
	})

	t.Run("备份文件夹", func(t *testing.T) {
		pgtest.SQLiteOnly(t, "共享数据库没有备份文件夹")
		shownA, shownB := backupDir(t, a), backupDir(t, b)
		one, two := t.TempDir(), t.TempDir()
		if err := a.Backups.SetDir(ctx, shownA, one); err != nil {
			t.Fatal(err)
		}
		c := conflict(t, b.Backups.SetDir(ctx, shownB, two), "设置（备份文件夹）")
		if d := backupDir(t, a); d != one {
			t.Errorf("the refused change was written: %s", d)
		}
		if err := b.Overwrite(c, func() error { return b.Backups.SetDir(ctx, shownB, two) }); err != nil {
			t.Fatalf("仍然保存: %v", err)
		}
		if d := backupDir(t, a); d != two {
			t.Errorf("after 仍然保存 %s, want %s", d, two)
		}
		if err := a.Backups.SetDir(ctx, backupDir(t, a), one); err != nil {
			t.Errorf("changing from a fresh read: %v", err)
		}
	})

	t.Run("登录", func(t *testing.T) {
		pgtest.SQLiteOnly(t, "共享数据库的账号由数据库管理")
		if _, err := a.Accounts.Save(ctx, models.User{Username: "admin", DisplayName: "管理员", Role: models.RoleAdmin}, "secret-admin"); err != nil {
			t.Fatal(err)
		}
		// Both screens show sign-in off; both switch it on.
		if err := a.Accounts.SetSignIn(ctx, true); err != nil {
			t.Fatal(err)
		}
		c := conflict(t, b.Accounts.SetSignIn(ctx, true), "设置（登录）")
		if err := b.Overwrite(c, func() error { return b.Accounts.SetSignIn(ctx, true) }); err != nil {
			t.Fatalf("仍然保存: %v", err)
		}
		if on, _ := a.Auth().Enabled(ctx); !on {
			t.Error("sign-in is off after 仍然保存")
		}
		if err := a.Accounts.SetSignIn(ctx, false); err != nil { // from a screen showing it on
			t.Errorf("switching off from a fresh read: %v", err)
		}
	})
}
