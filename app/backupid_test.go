package app

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"shequ/app/backup"
	"shequ/app/store"
	"shequ/app/store/pgtest"
)

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// Every database has an identity (a UUID in meta), readable from the file without migrating it;
// its backups carry the first 8 hex digits in their names, and a restore keeps this database's
// identity whatever file it restores.
func TestBackupIdentity(t *testing.T) {
	pgtest.SQLiteOnly(t, "备份文件的数据库标识")
	ctx := context.Background()
	a := openSeeded(t)
	id := backup.FileIdentity(a.DBPath())
	if !uuidRe.MatchString(id) {
		t.Fatalf("identity %q is not a UUID", id)
	}
	if got, _ := a.Identity(ctx); got != id {
		t.Fatalf("App.Identity %q, file %q", got, id)
	}
	// Reopening keeps it.
	path := a.DBPath()
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	a2, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	*a = *a2
	if got := backup.FileIdentity(path); got != id {
		t.Fatalf("identity changed on reopen: %q → %q", id, got)
	}
	snap, err := a.Backups.Snapshot(ctx, backup.ReasonManual)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(snap.Path), "shequ-"+id[:8]+"-") {
		t.Fatalf("snapshot name %s does not carry the identity %s", snap.Path, id[:8])
	}
	if got := backup.FileIdentity(snap.Path); got != id {
		t.Fatalf("snapshot identity %q, want %q", got, id)
	}
	for _, bad := range []string{filepath.Join(t.TempDir(), "missing.db"), writeFile(t, "x.db", "not a database")} {
		if got := backup.FileIdentity(bad); got != "" {
			t.Errorf("backup.FileIdentity(%s) = %q, want empty", filepath.Base(bad), got)
		}
	}
	// A backup of another database, restored here: this database keeps its own identity.
	other := openSeeded(t)
	otherID := backup.FileIdentity(other.DBPath())
	if otherID == id || otherID == "" {
		t.Fatalf("two databases share identity %q", id)
	}
	foreign := filepath.Join(t.TempDir(), "别处.db")
	if err := other.Backups.BackupTo(ctx, foreign); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Backups.Restore(ctx, foreign); err != nil {
		t.Fatal(err)
	}
	if got := backup.FileIdentity(path); got != id {
		t.Fatalf("after restoring another database's backup the identity is %q, want %q", got, id)
	}
	if got, _ := a.Identity(ctx); got != id {
		t.Fatalf("App.Identity after restore %q, want %q", got, id)
	}
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Two databases share one backup folder (the README suggests a network drive): each one's daily
// backup and pruning see only its own backups and the old unnamed ones, never the other's.
func TestSharedBackupFolderKeepsDatabasesApart(t *testing.T) {
	pgtest.SQLiteOnly(t, "备份文件夹")
	ctx := context.Background()
	dir := t.TempDir()
	a, b := openSeeded(t), openSeeded(t)
	for _, x := range []*App{a, b} {
		if err := x.Backups.SetDir(ctx, backupDir(t, x), dir); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local)
	a.Backups.Now = func() time.Time { return now }
	b.Backups.Now = func() time.Time { return now }
	if made, err := a.Backups.Daily(ctx); err != nil || !made {
		t.Fatalf("a daily: %v %v", made, err)
	}
	if made, err := b.Backups.Daily(ctx); err != nil || !made {
		t.Fatalf("b's daily backup was taken as done by a's: %v %v", made, err)
	}
	idA, idB := backup.FileIdentity(a.DBPath()), backup.FileIdentity(b.DBPath())
	if got := backup.BackupDirOf(a.DBPath()); got != dir {
		t.Fatalf("backup.BackupDirOf = %s, want %s", got, dir)
	}
	if got, want := backup.BackupDirOf(filepath.Join(dir, "无.db")), filepath.Join(dir, "备份"); got != want {
		t.Fatalf("backup.BackupDirOf(missing) = %s, want %s", got, want)
	}
	// 400 days of b's old backups and of old unnamed ones: a's pruning must leave all of b's.
	start := time.Date(2025, 7, 1, 8, 0, 0, 0, time.Local)
	bOld := 0
	for d := 0; d < 400; d++ {
		at := start.AddDate(0, 0, d).Format("20060102-150405")
		writeRaw(t, filepath.Join(dir, "shequ-"+idB[:8]+"-"+at+"-"+backup.ReasonImport+".db"))
		bOld++
		if d%50 == 0 {
			writeRaw(t, filepath.Join(dir, "shequ-"+at+"-"+backup.ReasonImport+".db")) // an old name without id
		}
	}
	if _, err := a.Backups.Prune(ctx); err != nil {
		t.Fatal(err)
	}
	listB, err := backup.ListBackups(dir, idB)
	if err != nil {
		t.Fatal(err)
	}
	nB := 0
	for _, bk := range listB {
		if bk.Identity == idB[:8] {
			nB++
		}
	}
	if nB != bOld+1 {
		t.Fatalf("a's pruning removed b's backups: %d of %d left", nB, bOld+1)
	}
	listA, _ := backup.ListBackups(dir, idA)
	sawLegacy := false
	for i, bk := range listA {
		if bk.Identity == idB[:8] {
			t.Fatalf("a's list holds b's backup %s", bk.Path)
		}
		if bk.Identity == "" {
			sawLegacy = true
		}
		if i > 0 && bk.At.After(listA[i-1].At) {
			t.Fatal("backup.ListBackups not newest first")
		}
	}
	if !sawLegacy || listA[0].Identity != idA[:8] || listA[0].Reason != backup.ReasonDaily {
		t.Fatalf("a's list: legacy seen %v, newest %+v", sawLegacy, listA[0])
	}
	// b's own pruning keeps 30 days + 12 months of its backups.
	if _, err := b.Backups.Prune(ctx); err != nil {
		t.Fatal(err)
	}
	if listB, _ = backup.ListBackups(dir, idB); len(listB) > backup.KeepDaily+backup.KeepMonthly {
		t.Fatalf("b kept %d backups after pruning", len(listB))
	}
	if listA2, _ := a.Backups.List(ctx); len(listA2) == 0 || listA2[0].Path != listA[0].Path {
		t.Fatal("b's pruning removed a's backup")
	}
}

func writeRaw(t *testing.T, p string) {
	t.Helper()
	if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Many snapshots in the same second (imports started together) each get their own name and
// their own temporary file; none fails and every one is a complete database.
func TestConcurrentSnapshotsGetUniqueNames(t *testing.T) {
	pgtest.SQLiteOnly(t, "自动备份的文件名")
	ctx := context.Background()
	a := openSeeded(t)
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.Local)
	a.Backups.Now = func() time.Time { return at }
	const n = 12
	var wg sync.WaitGroup
	paths := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			bk, err := a.Backups.Snapshot(ctx, backup.ReasonImport)
			paths[i], errs[i] = bk.Path, err
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("snapshot %d: %v", i, errs[i])
		}
		if seen[paths[i]] {
			t.Fatalf("two snapshots named %s", paths[i])
		}
		seen[paths[i]] = true
		if _, err := store.CheckFile(ctx, paths[i]); err != nil {
			t.Errorf("%s: %v", filepath.Base(paths[i]), err)
		}
	}
	list, _ := a.Backups.List(ctx)
	if len(list) != n {
		t.Fatalf("List shows %d backups, want %d", len(list), n)
	}
	dir, _ := a.Backups.Dir(ctx)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".part") {
			t.Errorf("left a temporary file %s", e.Name())
		}
	}
}
