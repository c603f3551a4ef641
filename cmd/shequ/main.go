// Command shequ is the 社区治理工作台 desktop application. main only wires: flags, paths,
// open the store, build the services and the window, run.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"shequ/app"
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
	flag.Parse()
	if err := run(*dbFlag, *shot, *page, *selectCode); err != nil {
		fmt.Fprintln(os.Stderr, "错误：", err)
		os.Exit(1)
	}
}

func run(dbFlag, shot, page, selectCode string) error {
	ctx := context.Background()
	path, err := app.ResolveDBPath(dbFlag)
	if err != nil {
		return err
	}
	ui.LoadTranslations()
	fa := fyneapp.NewWithID("cn.gov.nanchong.shequ")
	fa.SetIcon(ui.AppIcon)
	fa.Settings().SetTheme(ui.NewTheme())

	// One window per database: a second one explains who has it open and stops.
	lock, err := app.AcquireLock(path)
	if err != nil {
		ui.ErrorWindow(fa, err).ShowAndRun()
		return err
	}
	defer lock.Release()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		ui.ErrorWindow(fa, err).ShowAndRun()
		return err
	}
	defer st.Close()
	if _, err := app.New(app.Params{Store: st, Actor: "shequ"}).Init(ctx); err != nil {
		return err
	}

	openMain := func(u models.User) {
		a := app.New(app.Params{Store: st, Actor: u.Username, Role: u.Role})
		w := ui.NewMainWindow(fa, a)
		w.Show(pages[page])
		if selectCode != "" {
			w.SelectDivision(selectCode)
		}
		if shot != "" {
			w.Win.SetContent(ui.WithPaintMarker(w.Win.Content()))
			go captureWhenDrawn(fa, w.Win, shot)
		} else {
			go w.DailyBackup()
		}
		w.Win.SetMaster()
		w.Win.Show()
	}
	auth := app.NewAuth(st)
	if on, err := auth.Enabled(ctx); err != nil {
		return err
	} else if on {
		ui.SignInWindow(fa, auth, openMain).Show()
	} else {
		openMain(models.User{})
	}
	// Loading the CJK faces leaves tens of MB of parse garbage; hand it back once the window is up.
	time.AfterFunc(3*time.Second, debug.FreeOSMemory)
	fa.Run()
	return shotErr
}

// pages maps --page names to the navigation entries.
var pages = map[string]string{"home": "nav.home", "divisions": "nav.divisions", "checklist": "nav.checklist",
	"registry": "nav.registry", "budget": "nav.budget", "duties": "nav.duties", "ledgers": "nav.ledgers",
	"report": "nav.report", "audit": "nav.audit", "settings": "nav.settings", "about": "nav.about"}

var shotErr error

// captureWhenDrawn waits for the window's first painted frame, writes what the window shows to
// path as PNG and quits. It reports the time from process start to the first frame on stderr.
func captureWhenDrawn(fa fyne.App, win fyne.Window, path string) {
	var first time.Duration
	select {
	case <-ui.FirstPaint:
		first = time.Since(start)
	case <-time.After(30 * time.Second):
		fyne.Do(func() {
			shotErr = fmt.Errorf("30 秒内窗口没有画出内容，未能截图")
			fa.Quit()
		})
		return
	}
	// Let the frame that is being painted finish, then capture.
	time.Sleep(400 * time.Millisecond)
	fyne.Do(func() {
		shotErr = ui.WritePNG(path, ui.CaptureWindow(win))
		fmt.Fprintf(os.Stderr, "首帧用时 %d ms\n", first.Milliseconds())
		fa.Quit()
	})
}
