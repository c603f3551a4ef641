// Command shequ is the 社区治理工作台 desktop application. main only wires: flags, paths,
// open the store, build the services and the window, run.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"shequ/app"
	"shequ/app/auth"
	"shequ/app/backup"
	"shequ/app/store"
	"shequ/app/ui"
	"shequ/models"
)

// start is as close to process start as Go code gets; --screenshot reports the first frame against it.
var start = time.Now()

func main() {
	dbFlag := flag.String("db", "", "数据库文件（默认：环境变量 SHEQU_DB，或用户配置目录下的 shequ/shequ.db）")
	shot := flag.String("screenshot", "", "打开主窗口，把窗口画面保存为此 PNG 文件后退出")
	page := flag.String("page", "home", "启动时显示的页面：home、divisions、checklist、registry、budget、duties、ledgers、report、audit、settings、about")
	selectCode := flag.String("select", "", "在区划与社区页选中此区划代码（配合 --page divisions）")
	tab := flag.String("tab", "", "在 --page 页面上打开此名称的标签页，如 --page registry --tab 网格")
	sizeFlag := flag.String("size", "1280x800", "窗口大小（宽x高），如 1280x720，用于在笔记本屏幕大小下查看或截图")
	flag.Parse()
	size, err := ui.ParseWindowSize(*sizeFlag)
	if err != nil {
		fmt.Fprintln(os.Stderr, "错误：", err)
		os.Exit(2)
	}
	if err := run(*dbFlag, *shot, *page, *selectCode, *tab, size); err != nil {
		fmt.Fprintln(os.Stderr, "错误：", err)
		os.Exit(1)
	}
}

func run(dbFlag, shot, page, selectCode, tab string, size fyne.Size) error {
	ui.LoadTranslations()
	fa := fyneapp.NewWithID("cn.gov.nanchong.shequ")
	fa.SetIcon(ui.AppIcon)
	fa.Settings().SetTheme(ui.NewTheme())
	s := &starter{fa: fa, shot: shot, page: page, selectCode: selectCode, tab: tab, size: size, namedDB: dbFlag != "" || os.Getenv("SHEQU_DB") != ""}
	if dbFlag == "" && os.Getenv("SHEQU_DB") == "" {
		dbFlag = ui.SavedDatabase(fa) // 设置 → 数据库: a shared database's address, or "" for the file
	}
	if path, err := app.ResolveDBPath(dbFlag); err != nil {
		s.problem(path, err) // no console on Windows: the window is the only way to say it
	} else {
		s.start(path, "")
	}
	fa.Run()
	s.close()
	if shotErr != nil {
		return shotErr
	}
	return s.failed
}

// starter opens a database and its main window; when that fails it shows the start-problem
// window, whose actions start again (on the recovered, another or a new database).
type starter struct {
	fa                     fyne.App
	shot, page, selectCode string
	tab                    string    // --tab: the tab to open on the page
	size                   fyne.Size // --size: the main window's size
	namedDB                bool      // --db or SHEQU_DB named the database
	lock                   *backup.Lock
	st                     *store.Store
	problemWin             fyne.Window
	// failed is why shequ quit without a main window, for the exit code.
	failed error
}

func (s *starter) start(path, notice string) {
	s.close()
	ctx := context.Background()
	if needsSignIn(path) {
		s.signInShared(path, notice)
		return
	}
	// One window per database: a second one explains who has it open. The folder is created
	// first: on a fresh machine %AppData%\shequ does not exist yet.
	lock, err := backup.LockDesk(path)
	if err != nil {
		s.problem(path, err)
		return
	}
	s.lock = lock
	st, err := backup.OpenDesk(ctx, path)
	if err != nil {
		s.problem(path, err) // the lock stays held: recovering swaps the file
		return
	}
	s.st = st
	if err := s.open(ctx, notice); err != nil {
		_ = s.st.Close() // a restore from the problem window must not swap a file still open
		s.st = nil
		s.problem(path, store.Explain(path, err))
	}
}

// create makes a new empty database where one vanished, at the clerk's explicit choice.
func (s *starter) create(path string) {
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		s.problem(path, err)
		return
	}
	_ = st.Close()
	s.start(path, "")
}

func (s *starter) open(ctx context.Context, notice string) error {
	var shared *app.App // shared mode: the database role is the signed-in user, with its scope
	seed := true        // only the owner writes what every desk shares
	if s.st.Shared() {
		a, owner, ok, err := app.SharedSession(ctx, s.st)
		if err != nil {
			return err
		}
		if ok {
			shared, seed = a, owner
		}
	}
	if seed {
		if _, err := app.New(app.Params{Store: s.st, Actor: "shequ"}).Init(ctx); err != nil {
			return err
		}
	}
	openMain := func(a *app.App) {
		w := ui.NewMainWindow(s.fa, a)
		if s.namedDB {
			w.NamedDatabase()
		}
		w.Watch(ctx)
		w.Win.Resize(s.size)
		w.Show(pages[s.page])
		if s.selectCode != "" {
			w.SelectDivision(s.selectCode)
		}
		if s.tab != "" && !w.SelectTab(s.tab) {
			fmt.Fprintf(os.Stderr, "页面 %s 上没有名为“%s”的标签页\n", s.page, s.tab)
		}
		visitAll := os.Getenv("SHEQU_VISIT_ALL") != "" // measuring only: idle memory after every screen was shown
		if s.shot != "" {
			w.Win.SetContent(ui.WithPaintMarker(w.Win.Content()))
			go func() {
				if visitAll { // the screenshot then shows 首页 after the visits
					w.VisitAll(400 * time.Millisecond)
				}
				captureWhenDrawn(s.fa, w.Win, s.shot)
			}()
		} else {
			go w.DailyBackup()
			if visitAll {
				go w.VisitAll(400 * time.Millisecond)
			}
		}
		w.Win.SetMaster()
		w.Win.Show()
		ui.ShowStartNotice(w.Win, notice)
	}
	s.failed = nil
	if shared != nil {
		openMain(shared)
		s.closeProblem()
		return nil
	}
	auth := auth.New(s.st)
	on, err := auth.Enabled(ctx)
	if err != nil {
		return err
	}
	openDesk := func(u models.User) { openMain(app.New(app.Params{Store: s.st, Actor: u.Username, Role: u.Role})) }
	if on {
		ui.SignInWindow(s.fa, auth, openDesk).Show()
	} else {
		openDesk(models.User{})
	}
	s.closeProblem() // only now: closing the last window would end the program
	return nil
}

func (s *starter) problem(path string, err error) {
	s.failed = err
	p := backup.Diagnose(context.Background(), path, err)
	old := s.problemWin
	w := ui.StartProblemWindow(s.fa, p, ui.StartActions{
		Open:        s.start,
		CreateEmpty: s.create,
		Quit:        s.fa.Quit,
	})
	s.problemWin = w
	if old != nil {
		old.Close()
	}
	if s.shot != "" {
		w.SetContent(ui.WithPaintMarker(w.Content()))
		go captureWhenDrawn(s.fa, w, s.shot)
	}
	w.Show()
}

func (s *starter) closeProblem() {
	if s.problemWin != nil {
		s.problemWin.Close()
		s.problemWin = nil
	}
}

// close lets go of the database and its lock before starting again or quitting.
func (s *starter) close() {
	if s.st != nil {
		_ = s.st.Close()
		s.st = nil
	}
	if s.lock != nil {
		s.lock.Release()
		s.lock = nil
	}
}

// pages maps --page names to the navigation entries.
var pages = map[string]string{"home": "nav.home", "divisions": "nav.divisions", "checklist": "nav.checklist",
	"registry": "nav.registry", "budget": "nav.budget", "duties": "nav.duties", "ledgers": "nav.ledgers",
	"report": "nav.report", "audit": "nav.audit", "settings": "nav.settings", "about": "nav.about"}

var shotErr error

// captureWhenDrawn waits for the window's first painted frame, writes what the window shows to
// path as PNG and closes the window (ui.FinishCapture), which ends the app. It reports the time
// from process start to the first frame on stderr.
func captureWhenDrawn(fa fyne.App, win fyne.Window, path string) {
	var first time.Duration
	select {
	case <-ui.FirstPaint:
		first = time.Since(start)
	case <-time.After(30 * time.Second):
		fyne.Do(func() {
			shotErr = fmt.Errorf("30 秒内窗口没有画出内容，未能截图")
			ui.FinishCapture(win, shotErr, 10*time.Second)
		})
		return
	}
	// Let the frame that is being painted finish, then capture.
	time.Sleep(400 * time.Millisecond)
	fyne.Do(func() {
		shotErr = ui.WritePNG(path, ui.CaptureWindow(win))
		fmt.Fprintf(os.Stderr, "首帧用时 %d ms\n", first.Milliseconds())
		ui.FinishCapture(win, shotErr, 10*time.Second)
	})
}
