package app

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"shequ/app/backup"
	"shequ/app/budget"
	"shequ/app/division"
	"shequ/app/store"
	"shequ/app/store/pgtest"
	"shequ/models"
)

// villages returns the first n village codes of the seeded tree.
func villages(t testing.TB, a *App, n int) []string {
	t.Helper()
	found, err := a.Divisions.Search(context.Background(), division.Query{Text: "社区居民委员会"}, 0, n)
	if err != nil || len(found) < n {
		t.Fatalf("villages: %d, %v", len(found), err)
	}
	codes := make([]string, n)
	for i := range codes {
		codes[i] = found[i].Code
	}
	return codes
}

// TestConcurrentWritersNeverLocked runs 50 goroutines writing through the services and a second
// process writing to the same file, for a bounded time: no write may fail, least of all with
// "database is locked". Profiles are saved without a version (last save wins); each goroutine
// renames only its own division, since two renames of one division from names seen before either
// is a conflict the clerk is told about (TestDivisionEditedAtTwoDesks), not a failure of the engine.
func TestConcurrentWritersNeverLocked(t *testing.T) {
	if db := os.Getenv("SHEQU_WRITER_CHILD"); db != "" {
		concurrentChild(db)
		return
	}
	ctx := context.Background()
	a := openSeeded(t)
	codes := villages(t, a, 100)
	cmd := exec.Command(os.Args[0], "-test.run=^TestConcurrentWritersNeverLocked$")
	cmd.Env = append(os.Environ(), "SHEQU_WRITER_CHILD="+pgtest.Reopenable(a.DBPath()), pgtest.EnvEngines+"=sqlite")
	var childOut strings.Builder
	cmd.Stdout, cmd.Stderr = &childOut, &childOut
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Second)
	var mu sync.Mutex
	var failures []string
	writes := 0
	var wg sync.WaitGroup
	for g := range 50 {
		wg.Go(func() {
			for i := 0; time.Now().Before(deadline); i++ {
				code := codes[(g*7+i)%len(codes)]
				var err error
				if i%10 == 9 { // each goroutine renames its own division: two desks renaming one is a conflict, not a lock
					err = a.Divisions.Rename(ctx, codes[g], fmt.Sprintf("并发测试社区居民委员会%d-%d", g, i), time.Now(), "")
				} else {
					err = a.Divisions.SaveProfile(ctx, models.CommunityProfile{DivisionCode: code, Households: int64(g*1000 + i), Population: int64(g*3000 + 3*i)})
				}
				mu.Lock()
				writes++
				if err != nil {
					failures = append(failures, err.Error())
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("writer process: %v\n%s", err, childOut.String())
	}
	if len(failures) > 0 {
		t.Fatalf("%d of %d writes failed, first: %s", len(failures), writes, failures[0])
	}
	if !strings.Contains(childOut.String(), "child writes:") {
		t.Fatalf("writer process output: %s", childOut.String())
	}
	t.Logf("%d writes from 50 goroutines; %s", writes, strings.TrimSpace(childOut.String()))
	if err := a.Backups.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

func concurrentChild(db string) {
	ctx := context.Background()
	a, err := Open(ctx, db)
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	defer a.Close()
	found, _ := a.Divisions.Search(ctx, division.Query{Text: "村民委员会"}, 0, 20)
	deadline := time.Now().Add(2 * time.Second)
	n := 0
	for i := 0; time.Now().Before(deadline); i++ {
		p := models.CommunityProfile{DivisionCode: found[i%len(found)].Code, Households: int64(i), Population: int64(3 * i)}
		if err := a.Divisions.SaveProfile(ctx, p); err != nil {
			fmt.Println("child write failed:", err)
			os.Exit(1)
		}
		n++
	}
	fmt.Printf("child writes: %d\n", n)
}

// TestCrashSafety runs, in a child process, the seeding of the official divisions and a budget
// import of crashLines lines (each one transaction, the import after its snapshot), then profile
// edits and backups, and kills the child with SIGKILL at a random moment. Afterwards the database
// passes integrity_check, each import is all there or not at all, and every edit the child
// reported as committed is there. SHEQU_CRASH_RUNS sets the number of kills (default 50).
func TestCrashSafety(t *testing.T) {
	if db := os.Getenv("SHEQU_CRASH_CHILD"); db != "" {
		crashChild(db)
		return
	}
	pgtest.SQLiteOnly(t, "进程被杀后数据库文件的完整性")
	runs := 50
	if v, err := strconv.Atoi(os.Getenv("SHEQU_CRASH_RUNS")); err == nil && v > 0 {
		runs = v
	}
	ctx := context.Background()
	stats := map[string]int{}
	for run := range runs {
		dir := t.TempDir()
		db := filepath.Join(dir, "crash.db")
		// A database with the schema but not yet the divisions, as after the first start.
		st, err := store.Open(ctx, db, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		_ = st.Close()

		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashSafety$")
		cmd.Env = append(os.Environ(), "SHEQU_CRASH_CHILD="+db)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1000)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		time.Sleep(time.Duration(rand.IntN(400)) * time.Millisecond)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		committed, imported := 0, false
		for l := range lines {
			if n, ok := strings.CutPrefix(l, "COMMITTED "); ok {
				committed, _ = strconv.Atoi(n)
			}
			imported = imported || l == "IMPORTED"
		}

		if _, err := store.CheckFile(ctx, db); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		a, err := Open(ctx, db)
		if err != nil {
			t.Fatalf("run %d: reopen: %v", run, err)
		}
		s, _ := a.Summary(ctx)
		total := s.Divisions.City + s.Divisions.County + s.Divisions.Township + s.Divisions.Village
		if total != 0 && total != 3256 {
			t.Fatalf("run %d: a killed seeding left %d of 3256 divisions", run, total)
		}
		if s.Budget.Lines != 0 && s.Budget.Lines != crashLines {
			t.Fatalf("run %d: a killed budget import left %d of %d lines", run, s.Budget.Lines, crashLines)
		}
		if imported && s.Budget.Lines != crashLines {
			t.Fatalf("run %d: the import reported done has %d lines", run, s.Budget.Lines)
		}
		p, _ := a.Divisions.Profile(ctx, "511302001001")
		if int(p.Households) < committed {
			t.Fatalf("run %d: edit %d was reported committed, the database has %d", run, committed, p.Households)
		}
		bks, _ := a.Backups.List(ctx)
		for _, b := range bks {
			if _, err := store.CheckFile(ctx, b.Path); err != nil {
				t.Fatalf("run %d: backup %s: %v", run, b.Path, err)
			}
		}
		_ = a.Close()
		switch {
		case total == 0:
			stats["killed while seeding"]++
		case s.Budget.Lines == 0:
			stats["killed during the budget import"]++
		case committed == 0:
			stats["killed before the first edit"]++
		default:
			stats["killed during edits and backups"]++
		}
	}
	t.Logf("%d kills: %v", runs, stats)
}

// crashLines is the size of the budget import the crash test kills.
const crashLines = 2000

func crashChild(db string) {
	ctx := context.Background()
	a, err := Open(ctx, db)
	if err != nil {
		os.Exit(2)
	}
	if _, err := a.Init(ctx); err != nil {
		os.Exit(3)
	}
	// A budget sheet of crashLines lines for the villages of 顺庆区.
	var b strings.Builder
	b.WriteString("乡镇（街道）,村（社区）,经费类别,项目名称,金额（元）\n")
	kids, _ := a.Divisions.Children(ctx, "511302000000")
	n := 0
	for n < crashLines {
		for _, tw := range kids {
			vs, _ := a.Divisions.Children(ctx, tw.Code)
			for _, v := range vs {
				if n < crashLines {
					fmt.Fprintf(&b, "%s,%s,工作经费,办公经费%d,%d.%02d\n", tw.Name, v.Name, n, 1000+n, n%100)
					n++
				}
			}
		}
	}
	sheetPath := filepath.Join(filepath.Dir(db), "经费.csv")
	if err := os.WriteFile(sheetPath, []byte(b.String()), 0o644); err != nil {
		os.Exit(6)
	}
	if res, err := a.Budget.Import(ctx, sheetPath, budget.ImportOptions{Year: 2026, County: "511302000000"}); err != nil || !res.OK {
		fmt.Println("import failed:", err, res.Errors)
		os.Exit(7)
	}
	fmt.Println("IMPORTED")
	for i := 1; ; i++ {
		p := models.CommunityProfile{DivisionCode: "511302001001", Households: int64(i), Population: int64(3 * i)}
		if err := a.Divisions.SaveProfile(ctx, p); err != nil {
			os.Exit(4)
		}
		fmt.Printf("COMMITTED %d\n", i)
		if i%20 == 0 {
			if _, err := a.Backups.Snapshot(ctx, backup.ReasonManual); err != nil {
				os.Exit(5)
			}
		}
	}
}
