// Package pgtest runs the database tests on both engines. SHEQU_TEST_PG names a PostgreSQL
// server the tests may create and drop databases on (a superuser address such as the one
// build/pgtest.sh start prints). A package whose TestMain calls Main runs its tests once on SQLite
// and, when SHEQU_TEST_PG is set, once more on PostgreSQL; DBPath gives each test a fresh
// database of the engine of the current pass. Without SHEQU_TEST_PG the PostgreSQL pass is
// skipped with a note, so `go test ./...` works on a machine without PostgreSQL.
//
// It imports nothing of shequ, so the store's own tests can use it too.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

// EnvDSN names the environment variable with the test server's superuser address.
const EnvDSN = "SHEQU_TEST_PG"

// EnvEngines, when set to "postgres" (or "sqlite"), runs only that engine's pass.
const EnvEngines = "SHEQU_TEST_ENGINES"

// postgres is true during the PostgreSQL pass of Main.
var postgres bool

// ServerDSN is the test server's superuser address, "" when none is configured.
func ServerDSN() string { return strings.TrimSpace(os.Getenv(EnvDSN)) }

// OnPostgres reports whether the tests run on PostgreSQL in this pass.
func OnPostgres() bool { return postgres }

// Main runs the package's tests on SQLite and then, when a test server is configured, on
// PostgreSQL; its result is the exit code for os.Exit.
func Main(m *testing.M) int {
	only := strings.ToLower(os.Getenv(EnvEngines))
	code := 0
	if only == "" || only == "sqlite" {
		code = m.Run()
	}
	if only == "sqlite" {
		return code
	}
	if ServerDSN() == "" {
		if only != "" {
			fmt.Fprintf(os.Stderr, "%s=%s 但没有设置 %s（PostgreSQL 测试服务器地址）\n", EnvEngines, only, EnvDSN)
			return 1
		}
		fmt.Printf("跳过 PostgreSQL 一轮：未设置 %s（可用 build/pgtest.sh start 建一个测试集群）\n", EnvDSN)
		return code
	}
	fmt.Println("=== 以下在 PostgreSQL 上再运行一遍")
	postgres = true
	defer func() { postgres = false }()
	if c := m.Run(); c != 0 {
		code = c
	}
	return code
}

// DBPath is where a test opens a fresh, empty database: a file in t.TempDir() on SQLite, a new
// database on the test server (dropped when the test ends) on PostgreSQL.
func DBPath(t testing.TB) string {
	t.Helper()
	if postgres {
		return NewDatabase(t)
	}
	return filepath.Join(t.TempDir(), "t.db")
}

// SQLiteOnly skips the PostgreSQL pass of a test of what exists only in desk mode (the file,
// its locks, backups and pragmas); why says so.
func SQLiteOnly(t testing.TB, why string) {
	t.Helper()
	if postgres {
		t.Skip("仅适用于本机数据库文件（SQLite）：" + why)
	}
}

// NewDatabase creates an empty database on the test server and returns its address; the
// database is dropped when the test ends. Without a test server the test is skipped.
func NewDatabase(t testing.TB) string {
	t.Helper()
	server := ServerDSN()
	if server == "" {
		t.Skipf("未设置 %s，跳过 PostgreSQL 测试（可用 build/pgtest.sh start 建一个测试集群）", EnvDSN)
	}
	u, err := url.Parse(server)
	if err != nil {
		t.Fatalf("%s 不是有效的地址", EnvDSN)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "shequ_test_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", server)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name+" TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatalf("无法在测试服务器上建库：%v", err)
	}
	t.Cleanup(func() { drop(server, name) })
	u.Path = "/" + name
	return u.String()
}

func drop(server, name string) {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return
	}
	defer admin.Close()
	_, _ = admin.ExecContext(context.Background(), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
}

// Reopenable is where a test opens a second connection to the database of an open App or Store:
// a file path as it is, or a shared database's address (shown without its password) with the
// test server's password put back.
func Reopenable(path string) string {
	u, err := url.Parse(ServerDSN())
	if err != nil || u.User == nil || !strings.Contains(path, ":***@") {
		return path
	}
	pw, _ := u.User.Password()
	return strings.Replace(path, ":***@", ":"+url.UserPassword("x", pw).String()[2:]+"@", 1)
}
