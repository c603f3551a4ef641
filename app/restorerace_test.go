package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"shequ/app/backup"
	"shequ/app/budget"
	"shequ/app/store/pgtest"
)

// An import and a restore run at the same moment, each through its own App (as two shequctl
// processes would): an import that reports success must have its rows either in the restored
// database (it ran after) or in the 恢复前 snapshot (it ran before) — never nowhere.
func TestImportAndRestoreConcurrently(t *testing.T) {
	pgtest.SQLiteOnly(t, "恢复与使用锁")
	ctx := context.Background()
	a := openSeeded(t)
	path := a.DBPath()
	file := filepath.Join(t.TempDir(), "空.db")
	if err := a.Backups.BackupTo(ctx, file); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("乡镇（街道）,村（社区）,经费类别,项目名称,金额（元）\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "中城街道,平城街社区,工作经费,办公经费%d,1.00\n", i)
	}
	csv := filepath.Join(t.TempDir(), "经费.csv")
	if err := os.WriteFile(csv, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	_ = a.Close()
	restored := 0
	for try := range 4 {
		var wg sync.WaitGroup
		start := make(chan struct{})
		var imp budget.ImportResult
		var impErr, resErr error
		var res backup.RestoreResult
		wg.Go(func() {
			<-start
			x, err := Open(ctx, path)
			if err != nil {
				impErr = err
				return
			}
			defer x.Close()
			imp, impErr = x.Budget.Import(ctx, csv, budget.ImportOptions{Year: 2026, County: "511302000000", Replace: true})
		})
		wg.Go(func() {
			<-start
			x, err := Open(ctx, path)
			if err != nil {
				resErr = err
				return
			}
			defer x.Close()
			res, resErr = x.Backups.Restore(ctx, file)
		})
		close(start)
		wg.Wait()
		if resErr != nil && !strings.Contains(resErr.Error(), "正在使用") {
			t.Fatalf("try %d: restore: %v", try, resErr)
		}
		if resErr == nil {
			restored++
		}
		if impErr != nil || !imp.OK {
			if impErr != nil && !strings.Contains(impErr.Error(), "恢复") {
				t.Fatalf("try %d: import: %+v %v", try, imp, impErr)
			}
			continue
		}
		inLive := countBatchLines(t, path, imp.Batch)
		inSnap := 0
		if res.Before.Path != "" {
			inSnap = countBatchLines(t, res.Before.Path, imp.Batch)
		}
		if inLive != 3000 && inSnap != 3000 {
			t.Fatalf("try %d: import reported batch %d with 3000 lines; the database has %d, the 恢复前 snapshot %d",
				try, imp.Batch, inLive, inSnap)
		}
	}
	if restored == 0 {
		t.Fatal("no restore ran")
	}
}

// A restore waits for work running on the database and, when it does not end, refuses without
// touching anything.
func TestRestoreRefusesWhileInUse(t *testing.T) {
	pgtest.SQLiteOnly(t, "恢复与使用锁")
	ctx := context.Background()
	a := openSeeded(t)
	file := filepath.Join(t.TempDir(), "b.db")
	if err := a.Backups.BackupTo(ctx, file); err != nil {
		t.Fatal(err)
	}
	busy, err := Open(ctx, a.DBPath()) // another command still running
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	old := backup.RestoreWaitsForWork
	backup.RestoreWaitsForWork = 300 * time.Millisecond
	defer func() { backup.RestoreWaitsForWork = old }()
	snaps, _ := a.Backups.List(ctx)
	if _, err := a.Backups.Restore(ctx, file); !errors.Is(err, backup.ErrInUse) || !strings.Contains(err.Error(), "未恢复") {
		t.Fatalf("restore while in use: %v", err)
	}
	if after, _ := a.Backups.List(ctx); len(after) != len(snaps) {
		t.Fatal("a refused restore took a snapshot")
	}
	busy.Close()
	if _, err := a.Backups.Restore(ctx, file); err != nil {
		t.Fatalf("restore after the other command ended: %v", err)
	}
	// a keeps working after its restore (its shared use lock is back).
	if _, err := a.Summary(ctx); err != nil {
		t.Fatal(err)
	}
}

func countBatchLines(t *testing.T, path string, batch int64) int {
	t.Helper()
	return countRows(t, path, fmt.Sprintf("budget_lines WHERE batch_id = %d", batch))
}
