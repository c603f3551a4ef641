package main

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib"

	"shequ/app/store/pgtest"
)

// Divisions the access tests use: two townships of 顺庆区 and a village of each.
const (
	county       = "511302000000"
	township     = "511302001000" // 中城街道
	ownVillage   = "511302001001"
	otherVillage = "511302002003" // 北城街道
)

// sharedWithUsers makes a shared database with init's access rules and a township clerk, a
// county viewer and a clerk of the other township, and returns it with the clerk's and viewer's
// addresses.
func sharedWithUsers(t *testing.T) (owner, clerk, viewer string) {
	t.Helper()
	if !pgtest.OnPostgres() {
		t.Skip("共享模式的访问规则由 PostgreSQL 执行，只在 PostgreSQL 一轮测试")
	}
	owner = pgtest.NewDatabase(t)
	li, wang, zhang := pgtest.UniqueRole("li"), pgtest.UniqueRole("wang"), pgtest.UniqueRole("zhang")
	pgtest.DropRolesAtEnd(t, owner, li, wang, zhang)
	if code, out, e := runCLI(t, "--db", owner, "init"); code != 0 || !strings.Contains(out, "访问规则") {
		t.Fatalf("init: %d %s %s", code, out, e)
	}
	for _, u := range [][]string{{li, "clerk", township}, {wang, "viewer", county}, {zhang, "clerk", "511302002000"}} {
		code, out, e := runWithInput(t, "pass-"+u[0]+"\n", "", "", "--db", owner, "user", "add", u[0], "--role", u[1], "--scope", u[2])
		if code != 0 || !strings.Contains(out, u[0]) {
			t.Fatalf("user add %v: %d %s %s", u, code, out, e)
		}
	}
	code, out, e := runCLI(t, "--db", owner, "user", "list")
	if code != 0 || !strings.Contains(out, li+"\t录入员（clerk）\t"+township) || !strings.Contains(out, wang+"\t只读（viewer）\t"+county) {
		t.Fatalf("user list: %d %s %s", code, out, e)
	}
	return owner, pgtest.AsRole(owner, li, "pass-"+li), pgtest.AsRole(owner, wang, "pass-"+wang)
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.ExecContext(context.Background(), q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func count(t *testing.T, db *sql.DB, q string, args ...any) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(context.Background(), q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

// sqlState is the PostgreSQL error code of err, "" if it is none.
func sqlState(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

// TestTownshipClerkIsKeptToHisTownship connects with plain database/sql as a township clerk,
// past anything shequ checks: the database itself keeps him to his township's rows and the audit
// trail append-only, and names the actor of what he appends.
func TestTownshipClerkIsKeptToHisTownship(t *testing.T) {
	ownerDSN, clerkDSN, _ := sharedWithUsers(t)
	ctx := context.Background()
	owner, clerk := pgtest.SQL(t, ownerDSN), pgtest.SQL(t, clerkDSN)
	line := `INSERT INTO budget_lines (year, division_code, category_id, item, amount_fen, source_id, created_at, updated_at)
		VALUES (2026, $1, 1, $2, 100000, 1, now(), now())`
	mustExec(t, owner, line, ownVillage, "本乡镇")
	mustExec(t, owner, line, otherVillage, "别的乡镇")
	mustExec(t, owner, `INSERT INTO ledger_meetings (division_code, kind, held_on, topic, updated_at, updated_by)
		VALUES ($1, '村（居）民会议', '2026-03-01', '别的乡镇的会议', now(), 'owner')`, otherVillage)

	// Reading: only his township's rows, however he asks.
	if n := count(t, clerk, `SELECT COUNT(*) FROM budget_lines`); n != 1 {
		t.Errorf("clerk reads %d budget lines, want 1 (his township's)", n)
	}
	if n := count(t, clerk, `SELECT COUNT(*) FROM budget_lines WHERE division_code = $1`, otherVillage); n != 0 {
		t.Errorf("clerk reads %d lines of the other township", n)
	}
	if n := count(t, clerk, `SELECT COUNT(*) FROM ledger_meetings`); n != 0 {
		t.Errorf("clerk reads %d meetings of the other township", n)
	}
	if n := count(t, clerk, `SELECT COUNT(*) FROM divisions WHERE level = 'township'`); n != 1 {
		t.Errorf("clerk sees %d townships, want his own", n)
	}
	// Changing: another township's rows are out of reach.
	for _, q := range []string{
		`UPDATE budget_lines SET amount_fen = 1 WHERE division_code = '` + otherVillage + `'`,
		`DELETE FROM budget_lines WHERE division_code = '` + otherVillage + `'`,
		`UPDATE ledger_meetings SET topic = '改了' WHERE division_code = '` + otherVillage + `'`,
		`UPDATE divisions SET name = '改了' WHERE code = '` + county + `'`, // readable above his scope, never writable
	} {
		res, err := clerk.ExecContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if n, _ := res.RowsAffected(); n != 0 {
			t.Errorf("%s changed %d rows", q, n)
		}
	}
	if _, err := clerk.ExecContext(ctx, line, otherVillage, "塞进别的乡镇"); sqlState(err) != "42501" ||
		!strings.Contains(err.Error(), "row-level security") {
		t.Errorf("insert into the other township: %v", err)
	}
	if n := count(t, owner, `SELECT COUNT(*) FROM budget_lines WHERE division_code = $1 AND amount_fen = 100000`, otherVillage); n != 1 {
		t.Errorf("the other township's line was changed")
	}
	// His own township's rows he may change.
	mustExec(t, clerk, line, ownVillage, "自己录入")
	mustExec(t, clerk, `UPDATE budget_lines SET note = '核对' WHERE division_code = $1`, ownVillage)

	// The audit trail: appended with the database's actor, never altered or deleted.
	mustExec(t, clerk, `INSERT INTO audit_log (at, actor, module, entity, entity_id, action)
		VALUES (now() - interval '1 day', '局长', '经费保障', '预算明细', '1', '修改')`)
	var actor string
	if err := owner.QueryRowContext(ctx, `SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1`).Scan(&actor); err != nil {
		t.Fatal(err)
	}
	if want := strings.SplitN(strings.TrimPrefix(clerkDSN, "postgres://"), ":", 2)[0]; actor != want {
		t.Errorf("audit actor %q, want the session user %q", actor, want)
	}
	for _, q := range []string{`UPDATE audit_log SET actor = '别人'`, `DELETE FROM audit_log`, `TRUNCATE audit_log`} {
		if _, err := clerk.ExecContext(ctx, q); sqlState(err) != "42501" {
			t.Errorf("%s: %v, want permission denied", q, err)
		}
	}
	if n := count(t, owner, `SELECT COUNT(*) FROM audit_log WHERE actor = '别人'`); n != 0 {
		t.Errorf("audit rows altered")
	}
	// Nor may he make objects of his own, or read the accounts.
	for _, q := range []string{`CREATE TABLE mine (x INTEGER)`, `SELECT * FROM access_scopes`, `SELECT * FROM users`} {
		if _, err := clerk.ExecContext(ctx, q); sqlState(err) != "42501" {
			t.Errorf("%s: %v, want permission denied", q, err)
		}
	}
}

// TestViewerCannotWrite: a viewer's writes fail in the database, not only in shequ.
func TestViewerCannotWrite(t *testing.T) {
	_, _, viewerDSN := sharedWithUsers(t)
	viewer := pgtest.SQL(t, viewerDSN)
	if n := count(t, viewer, `SELECT COUNT(*) FROM divisions WHERE level = 'township'`); n < 2 {
		t.Errorf("county viewer sees %d townships", n)
	}
	for _, q := range []string{
		`INSERT INTO budget_lines (year, division_code, category_id, amount_fen, source_id, created_at, updated_at)
			VALUES (2026, '` + ownVillage + `', 1, 100, 1, now(), now())`,
		`INSERT INTO audit_log (at, actor, module, entity, entity_id, action) VALUES (now(), 'x', 'm', 'e', '1', '新增')`,
		`UPDATE community_profiles SET phone = '1'`,
		`UPDATE meta SET value = value`,
		`DELETE FROM budget_categories`,
	} {
		if _, err := viewer.ExecContext(context.Background(), q); sqlState(err) != "42501" {
			t.Errorf("viewer: %s: %v, want permission denied", q, err)
		}
	}
}

// TestSharedUserAddRejects: user add says in Chinese what is wrong with a role, scope, name or
// password, and creates nothing.
func TestSharedUserAddRejects(t *testing.T) {
	owner, _, _ := sharedWithUsers(t)
	name := pgtest.UniqueRole("bad")
	pgtest.DropRolesAtEnd(t, owner, name)
	for _, tt := range []struct {
		args  []string
		input string
		want  string
	}{
		{[]string{name, "--role", "boss"}, "long-enough\n", "--role 应为 admin（管理员）、clerk（录入员）或 viewer（只读）"},
		{[]string{name, "--role", "clerk", "--scope", "5113020010"}, "long-enough\n", "区划代码应为 12 位数字"},
		{[]string{name, "--role", "clerk", "--scope", "511399999000"}, "long-enough\n", "数据库里没有区划代码 511399999000"},
		{[]string{name, "--role", "clerk", "--scope", ownVillage}, "long-enough\n", "范围只能是县或乡镇"},
		{[]string{name, "--role", "clerk", "--scope", "511300000000"}, "long-enough\n", "范围只能是县或乡镇"},
		{[]string{"Li Si", "--role", "clerk"}, "long-enough\n", "用户名"},
		{[]string{"shequ_x", "--role", "clerk"}, "long-enough\n", "不能以 pg_ 或 shequ_ 开头"},
		{[]string{name, "--role", "viewer"}, "short\n", "密码：至少 8 位"},
		{[]string{name, "--role", "viewer"}, "密码是中文的密码\n", "只能用英文字母、数字和符号"},
		{[]string{name, "--role", "viewer"}, "", "请从标准输入提供密码"},
	} {
		code, out, e := runWithInput(t, tt.input, "", "", append([]string{"--db", owner, "user", "add"}, tt.args...)...)
		if code == 0 || !strings.Contains(e, tt.want) || strings.Contains(out+e, "long-enough") {
			t.Errorf("%v: exit %d, %s%s; want %q", tt.args, code, out, e, tt.want)
		}
	}
	if n := count(t, pgtest.SQL(t, owner), `SELECT COUNT(*) FROM pg_roles WHERE rolname = $1`, name); n != 0 {
		t.Errorf("a refused user add created the role")
	}
}

// TestAdminManagesUsersWithinHisScope: a county admin adds accounts within his county only and
// lists only those; a clerk adds none.
func TestAdminManagesUsersWithinHisScope(t *testing.T) {
	owner, clerkDSN, _ := sharedWithUsers(t)
	admin, sun, wu, qian := pgtest.UniqueRole("zhou"), pgtest.UniqueRole("sun"), pgtest.UniqueRole("wu"), pgtest.UniqueRole("qian")
	pgtest.DropRolesAtEnd(t, owner, admin, sun, wu, qian)
	if code, out, e := runWithInput(t, "pass-"+qian+"\n", "", "", "--db", owner, "user", "add", qian, "--role", "clerk", "--scope", "511303000000"); code != 0 {
		t.Fatalf("user add in another county: %d %s %s", code, out, e)
	}
	if code, out, e := runWithInput(t, "pass-"+admin+"\n", "", "", "--db", owner, "user", "add", admin, "--role", "admin", "--scope", county); code != 0 {
		t.Fatalf("user add admin: %d %s %s", code, out, e)
	}
	adminDSN := pgtest.AsRole(owner, admin, "pass-"+admin)
	code, out, e := runWithInput(t, "pass-"+sun+"\n", "", "", "--db", adminDSN, "user", "add", sun, "--role", "clerk", "--scope", "511302001")
	if code != 0 || !strings.Contains(out, "已添加数据库账号 "+sun) {
		t.Fatalf("county admin adds a township clerk: %d %s %s", code, out, e)
	}
	for _, tt := range []struct {
		dsn  string
		args []string
		want string
	}{
		{adminDSN, []string{wu, "--role", "clerk"}, "管理员只能在自己的范围"},
		{adminDSN, []string{wu, "--role", "clerk", "--scope", "511303000000"}, "数据库里没有区划代码 511303000000"},
		{adminDSN, []string{wu, "--role", "clerk", "--scope", "511300"}, "范围只能是县或乡镇"},
		{clerkDSN, []string{wu, "--role", "clerk", "--scope", township}, "没有管理账号的权限"},
	} {
		code, out, e := runWithInput(t, "pass-"+wu+"\n", "", "", append([]string{"--db", tt.dsn, "user", "add"}, tt.args...)...)
		if code == 0 || !strings.Contains(e, tt.want) {
			t.Errorf("%v: exit %d, %s%s; want %q", tt.args, code, out, e, tt.want)
		}
	}
	code, out, e = runCLI(t, "--db", adminDSN, "user", "list")
	if code != 0 || !strings.Contains(out, sun) || !strings.Contains(out, admin) || strings.Contains(out, qian) {
		t.Errorf("county admin's list: %d %s %s", code, out, e)
	}
	if code, out, e := runCLI(t, "--db", clerkDSN, "user", "list"); code == 0 || !strings.Contains(e, "没有管理账号的权限") {
		t.Errorf("clerk's list: %d %s %s", code, out, e)
	}
}
