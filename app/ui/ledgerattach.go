package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// meetingFiles is the dialog with a meeting's attached files (signed minutes, photos, sign-in
// sheets): add, open and remove them. The files live in the database.
type meetingFiles struct {
	s         *ledgersScreen
	meetingID int64
	files     []models.Attachment
	list      *fyne.Container
	message   *widget.Label
	d         dialog.Dialog
	// lastOpened is where the last opened file was copied to (tests read it back).
	lastOpened string
}

func (s *ledgersScreen) openMeetingFiles(m models.Meeting) *meetingFiles {
	p := &meetingFiles{s: s, meetingID: m.ID, list: container.NewVBox(), message: widget.NewLabel("")}
	p.message.Wrapping = fyne.TextWrapWord
	head := widget.NewLabel(Tf("ledgers.files_head", map[string]any{"Date": models.FormatDate(m.HeldOn), "Kind": string(m.Kind), "Topic": m.Topic}))
	head.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon(T("ledgers.files_add"), theme.ContentAddIcon(), p.onChoose)
	add.Importance = widget.HighImportance
	closeBtn := widget.NewButton(T("ledgers.files_close"), func() { p.d.Hide() })
	hint := widget.NewLabel(Tf("ledgers.files_hint", map[string]any{"MB": models.MaxAttachmentSize >> 20}))
	hint.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(container.NewVBox(head, hint),
		container.NewVBox(p.message, container.NewHBox(add, layout.NewSpacer(), closeBtn)), nil, nil,
		container.NewVScroll(p.list))
	p.d = dialog.NewCustomWithoutButtons(T("ledgers.files_title"), body, s.w.Win)
	p.d.SetOnClosed(func() {
		if s.files == p {
			s.files = nil
		}
		s.changed()
	})
	p.d.Resize(fyne.NewSize(720, 480))
	s.files = p
	p.reload()
	p.d.Show()
	return p
}

func (p *meetingFiles) reload() {
	files, err := p.s.w.app.Ledgers.MeetingAttachments(p.s.w.ctx, p.meetingID)
	if err != nil {
		p.showProblem(err)
		return
	}
	p.files = files
	p.list.RemoveAll()
	if len(files) == 0 {
		p.list.Add(widget.NewLabel(T("ledgers.files_none")))
	}
	for _, f := range files {
		id, name := f.ID, f.Name
		line := widget.NewLabel(Tf("ledgers.files_line", map[string]any{"Name": f.Name, "Size": f.SizeText(),
			"By": f.CreatedBy, "Date": models.FormatDate(f.CreatedAt)}))
		line.Truncation = fyne.TextTruncateEllipsis
		open := widget.NewButtonWithIcon(T("ledgers.files_open"), theme.FileIcon(), func() { p.onOpen(id) })
		del := widget.NewButtonWithIcon(T("ledgers.delete"), theme.DeleteIcon(), func() { p.onRemove(id, name) })
		p.list.Add(container.NewBorder(nil, nil, nil, container.NewHBox(open, del), line))
	}
	p.list.Refresh()
}

func (p *meetingFiles) showProblem(err error) {
	p.message.Importance = widget.DangerImportance
	p.message.SetText(userMessage(err))
}

func (p *meetingFiles) showDone(text string) {
	p.message.Importance = widget.SuccessImportance
	p.message.SetText(text)
}

// onChoose lets the clerk pick a file and attaches it.
func (p *meetingFiles) onChoose() {
	chooseFile(p.s.w.Win, p.showProblem, p.addFile)
}

// addFile attaches a file the clerk chose.
func (p *meetingFiles) addFile(name string, data []byte) {
	if _, err := p.s.w.app.Ledgers.AttachToMeeting(p.s.w.ctx, p.meetingID, name, data); err != nil {
		p.showProblem(err)
		return
	}
	p.reload()
	p.showDone(Tf("ledgers.files_added", map[string]any{"Name": name}))
}

// onOpen copies a file out of the database into a temporary folder and opens it with the program
// Windows associates with it; the stored copy is never touched.
func (p *meetingFiles) onOpen(id int64) {
	f, data, err := p.s.w.app.Ledgers.MeetingAttachment(p.s.w.ctx, id)
	if err != nil {
		p.showProblem(err)
		return
	}
	path, err := openStoredCopy("shequ-会议附件", id, f.Name, data)
	if err != nil {
		p.showProblem(err)
		return
	}
	p.lastOpened = path
}

func (p *meetingFiles) onRemove(id int64, name string) {
	dialog.ShowConfirm(T("ledgers.delete"), Tf("ledgers.files_delete_confirm", map[string]any{"Name": name}), func(ok bool) {
		if !ok {
			return
		}
		if err := p.s.w.app.Ledgers.RemoveMeetingAttachment(p.s.w.ctx, id); err != nil {
			p.showProblem(err)
			return
		}
		p.reload()
		p.showDone(Tf("ledgers.files_removed", map[string]any{"Name": name}))
	}, p.s.w.Win)
}
