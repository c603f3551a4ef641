package ui

import (
	"context"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"shequ/app/auth"
	"shequ/app/backup"
)

// StartActions are what main does for the start-problem window: start again on a database file
// (with a notice to show once the main window is up), create an empty database, quit.
type StartActions struct {
	Open        func(path, notice string)
	CreateEmpty func(path string)
	Quit        func()
}

// startProblemScreen says in Chinese why the database could not be opened and offers the ways
// out: restore the newest intact backup, choose another backup, open another database file, retry,
// quit. main holds the database's lock while it is shown, so a restore can swap the file.
type startProblemScreen struct {
	win     fyne.Window
	p       *backup.StartProblem
	act     StartActions
	status  *widget.Label
	buttons []*widget.Button
}

// StartProblemWindow builds the window for problem p.
func StartProblemWindow(fa fyne.App, p *backup.StartProblem, act StartActions) fyne.Window {
	s := &startProblemScreen{win: fa.NewWindow(T("start.title")), p: p, act: act}
	s.win.SetIcon(AppIcon)
	s.win.SetContent(s.buildUI())
	s.win.Resize(fyne.NewSize(820, 520))
	s.win.CenterOnScreen()
	s.win.SetCloseIntercept(act.Quit)
	return s.win
}

func (s *startProblemScreen) buildUI() fyne.CanvasObject {
	heading := widget.NewLabelWithStyle(T("start.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = "headingText"
	what := wrapped(s.p.Message)
	s.status = wrapped("")
	s.status.Importance = widget.DangerImportance
	s.status.Hide()
	body := container.NewVBox(heading, what)
	if s.p.Recoverable() {
		if s.p.Newest != nil {
			key := "start.newest_found"
			if s.p.Missing() {
				key = "start.newest_found_missing"
			}
			body.Add(wrapped(Tf(key, map[string]any{"When": s.p.Newest.Describe(), "Path": s.p.Newest.Path})))
		} else {
			body.Add(wrapped(Tf("start.no_backup", map[string]any{"Dir": s.p.BackupDir})))
		}
	}
	body.Add(s.status)

	// The one action that fixes the problem gets its own row; the others share one below it.
	var first fyne.CanvasObject
	var others []fyne.CanvasObject
	add := func(label string, primary bool, tap func()) {
		b := widget.NewButton(label, tap)
		s.buttons = append(s.buttons, b)
		if primary && first == nil {
			b.Importance = widget.HighImportance
			first = b
			return
		}
		others = append(others, b)
	}
	if s.p.Recoverable() {
		if s.p.Newest != nil {
			add(Tf("start.recover_newest", map[string]any{"When": s.p.Newest.Describe()}), true, s.onRecoverNewest)
		}
		add(T("start.choose_backup"), s.p.Newest == nil, s.onChooseBackup)
	}
	if s.p.Retryable() {
		add(T("start.retry"), !s.p.Recoverable(), func() { s.act.Open(s.p.Path, "") })
	}
	add(T("start.choose_db"), !s.p.Recoverable() && !s.p.Retryable(), s.onChooseDatabase)
	if s.p.Missing() && s.act.CreateEmpty != nil {
		add(T("start.create_empty"), false, func() { s.act.CreateEmpty(s.p.Path) })
	}
	add(T("start.quit"), false, s.act.Quit)
	bottom := container.NewVBox(container.NewGridWithColumns(len(others), others...))
	if first != nil {
		bottom.Objects = append([]fyne.CanvasObject{first}, bottom.Objects...)
	}
	return container.NewPadded(container.NewBorder(nil, bottom, nil, nil, container.NewVScroll(body)))
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (s *startProblemScreen) onRecoverNewest() { s.recoverFrom("") }

// onChooseBackup lets the clerk pick a backup file (one on a USB drive, say), starting in the
// backup folder.
func (s *startProblemScreen) onChooseBackup() {
	s.pickFile(s.p.BackupDir, func(path string) { s.recoverFrom(path) })
}

// onChooseDatabase opens another database file instead (the database was moved, say).
func (s *startProblemScreen) onChooseDatabase() {
	s.pickFile(filepath.Dir(s.p.Path), func(path string) { s.act.Open(path, "") })
}

func (s *startProblemScreen) pickFile(dir string, chosen func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		chosen(path)
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(780, 480))
	d.Show()
}

// recoverFrom restores the backup from ("" for the newest intact one) off the UI goroutine and,
// when it worked, starts again on the recovered database with a notice of what happened.
func (s *startProblemScreen) recoverFrom(from string) {
	s.setBusy(true)
	s.say(T("start.recovering"), false)
	runAsync(func() {
		r, err := backup.Recover(context.Background(), s.p.Path, from, auth.OSUser())
		fyne.Do(func() {
			s.setBusy(false)
			if err != nil {
				s.say(userMessage(err), true)
				return
			}
			notice := Tf("start.recovered", map[string]any{"When": r.From.Describe(), "Path": r.From.Path})
			if r.Aside != "" {
				notice += "\n" + Tf("start.aside", map[string]any{"Aside": r.Aside})
			}
			s.act.Open(s.p.Path, notice)
		})
	})
}

func (s *startProblemScreen) say(text string, danger bool) {
	s.status.Importance = widget.MediumImportance
	if danger {
		s.status.Importance = widget.DangerImportance
	}
	s.status.SetText(text)
	s.status.Show()
}

func (s *startProblemScreen) setBusy(busy bool) {
	for _, b := range s.buttons {
		if busy {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// ShowStartNotice tells the clerk, over the main window, what happened before it opened (a
// database restored from its backup).
func ShowStartNotice(win fyne.Window, notice string) {
	if notice == "" {
		return
	}
	msg := wrapped(notice)
	d := dialog.NewCustom(T("start.recovered_title"), T("dialog.ok"), msg, win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// clerkError puts SQLite's and the file system's English into the clerk's words (the raw text
// goes to the log beside the open database); NewMainWindow points it at its database.
var clerkError = func(err error) error { return backup.Explain("", err) }
