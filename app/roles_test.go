package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"shequ/app/auth"
	"shequ/app/budget"
	"shequ/app/registry"
	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// signedIn returns Apps for an administrator, a 录入员 and a 只读 user on one database with
// sign-in on.
func signedIn(t *testing.T) (admin, clerk, viewer *App) {
	t.Helper()
	ctx := context.Background()
	a := openSeeded(t)
	for _, u := range []struct {
		name string
		role models.Role
	}{{"admin", models.RoleAdmin}, {"clerk", models.RoleEditor}, {"boss", models.RoleViewer}} {
		if _, err := a.Accounts.Save(ctx, models.User{Username: u.name, Role: u.role}, "secret-"+u.name); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Accounts.SetSignIn(ctx, true); err != nil {
		t.Fatal(err)
	}
	path := pgtest.Reopenable(a.DBPath())
	open := func(name string) *App {
		x, err := OpenAs(ctx, path, auth.Credentials{Username: name, Password: "secret-" + name})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = x.Close() })
		return x
	}
	return open("admin"), open("clerk"), open("boss")
}

func budgetCSV(t *testing.T, item string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), item+".csv")
	body := "乡镇（街道）,村（社区）,经费类别,项目名称,金额（元）\n中城街道,平城街社区,工作经费," + item + ",1200.50\n"
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Ownership covers imported rows and batches: a 录入员 cannot undo an administrator's budget
// batch (nor replace it by importing the same file) nor delete workers an administrator
// imported, but can undo their own batch.
func TestClerkCannotRemoveAdminImports(t *testing.T) {
	ctx := context.Background()
	admin, clerk, _ := signedIn(t)
	adminFile := budgetCSV(t, "管理员导入")
	res, err := admin.Budget.Import(ctx, adminFile, budget.ImportOptions{Year: 2026, County: "511302000000"})
	if err != nil || !res.OK {
		t.Fatalf("admin import: %+v %v", res, err)
	}
	if err := clerk.Budget.UndoBatch(ctx, res.Batch); err == nil || !strings.Contains(err.Error(), "admin") {
		t.Fatalf("clerk undid the administrator's batch: %v", err)
	}
	again, err := clerk.Budget.Import(ctx, adminFile, budget.ImportOptions{Year: 2026, County: "511302000000", Replace: true})
	if err == nil && again.OK {
		t.Fatalf("clerk replaced the administrator's batch by importing the same file: %+v", again)
	}
	if s, _ := admin.Summary(ctx); s.Budget.TotalFen != 120050 {
		t.Fatalf("budget total %d after the clerk's attempts", s.Budget.TotalFen)
	}
	own, err := clerk.Budget.Import(ctx, budgetCSV(t, "录入员导入"), budget.ImportOptions{Year: 2026, County: "511302000000"})
	if err != nil || !own.OK {
		t.Fatalf("clerk import: %+v %v", own, err)
	}
	if err := clerk.Budget.UndoBatch(ctx, own.Batch); err != nil {
		t.Fatalf("clerk cannot undo their own batch: %v", err)
	}

	id := testID(t, "19900101", 31)
	csv := "姓名,性别,身份证号,资格等级,证书编号,取得证书日期,岗位,区划代码,到岗日期\n" +
		"张三,男," + id + ",社会工作师,Z1,2023-01-01,网格员,511302001001,2023-02-01\n"
	p := filepath.Join(t.TempDir(), "w.csv")
	if err := os.WriteFile(p, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	if r, err := admin.Registry.Import(ctx, registry.KindWorkers, p); err != nil || !r.OK {
		t.Fatalf("admin registry import: %+v %v", r, err)
	}
	workers, _ := admin.store.Workers(ctx)
	if len(workers) != 1 {
		t.Fatalf("%d workers", len(workers))
	}
	if err := clerk.Registry.DeleteWorker(ctx, workers[0].ID); err == nil || !strings.Contains(err.Error(), "录入员只能删除") {
		t.Fatalf("clerk deleted an imported worker: %v", err)
	}
	if err := admin.Registry.DeleteWorker(ctx, workers[0].ID); err != nil {
		t.Fatalf("admin delete: %v", err)
	}
}

// Full backups are an administrator's act when sign-in is on; every backup and every refused
// restore is audited; a refused 只读 import writes no 导入前 snapshot.
func TestBackupsAreAdministratorsAndAudited(t *testing.T) {
	pgtest.SQLiteOnly(t, "备份到文件与恢复")
	ctx := context.Background()
	admin, clerk, viewer := signedIn(t)
	dir := t.TempDir()
	for _, x := range []*App{clerk, viewer} {
		if err := x.Backups.BackupTo(ctx, filepath.Join(dir, x.Actor+".db")); !errors.Is(err, models.ErrForbidden) {
			t.Fatalf("%s made a full backup: %v", x.Role, err)
		}
		if _, err := os.Stat(filepath.Join(dir, x.Actor+".db")); err == nil {
			t.Fatalf("%s's refused backup left a file", x.Role)
		}
	}
	full := filepath.Join(dir, "admin.db")
	if err := admin.Backups.BackupTo(ctx, full); err != nil {
		t.Fatal(err)
	}
	if _, err := viewer.Backups.Restore(ctx, full); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("viewer restored: %v", err)
	}
	if _, err := admin.Backups.Restore(ctx, filepath.Join(dir, "nope.db")); err == nil {
		t.Fatal("restored a missing file")
	}
	entries, err := admin.store.AuditEntries(ctx, store.AuditFilter{Module: "数据安全"})
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, e := range entries {
		notes = append(notes, e.Actor+" "+e.Action+" "+e.Note)
	}
	all := strings.Join(notes, "\n")
	for _, want := range []string{"clerk 备份 拒绝", "boss 备份 拒绝", "admin 备份 备份到 " + full, "boss 恢复 拒绝", "admin 恢复 拒绝", "nope.db"} {
		if !strings.Contains(all, want) {
			t.Errorf("audit lacks %q:\n%s", want, all)
		}
	}
	// A refused 只读 import takes no snapshot first.
	before, _ := admin.Backups.List(ctx)
	res, err := viewer.Budget.Import(ctx, budgetCSV(t, "只读"), budget.ImportOptions{Year: 2026, County: "511302000000"})
	if err == nil && res.OK {
		t.Fatal("viewer imported")
	}
	if after, _ := admin.Backups.List(ctx); len(after) != len(before) {
		t.Fatalf("a refused 只读 import wrote a snapshot: %d → %d", len(before), len(after))
	}
	// Sign-in changes are audited.
	if err := admin.Accounts.SetSignIn(ctx, false); err != nil {
		t.Fatal(err)
	}
	if e, _ := admin.store.AuditEntries(ctx, store.AuditFilter{Entity: "设置"}); len(e) == 0 || !strings.Contains(e[0].Changes[0].Field, "登录") {
		t.Fatalf("sign-in change not audited: %+v", e)
	}
}
