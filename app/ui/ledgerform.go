package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// ledgerForm is an add/edit dialog: the form, a line for problems, 保存 and 取消. It stays open
// until the entry is saved, so the clerk corrects what is wrong without retyping.
type ledgerForm struct {
	d       dialog.Dialog
	message *widget.Label
}

func (s *ledgersScreen) openForm(title string, items []*widget.FormItem, save func() error) *ledgerForm {
	f := &ledgerForm{message: widget.NewLabel("")}
	f.message.Wrapping = fyne.TextWrapWord
	f.message.Importance = widget.DangerImportance
	form := widget.NewForm(items...)
	saveBtn := widget.NewButtonWithIcon(T("ledgers.save"), theme.DocumentSaveIcon(), func() {
		s.w.trySave(save, func() { f.d.Hide(); s.changed() }, func() { f.d.Hide(); s.reload() }, func(err error) {
			f.message.SetText(T("ledgers.not_saved") + "\n" + userMessage(err))
		})
	})
	saveBtn.Importance = widget.HighImportance
	cancel := widget.NewButton(T("dialog.cancel"), func() { f.d.Hide() })
	body := container.NewBorder(nil, container.NewVBox(f.message, container.NewHBox(layout.NewSpacer(), cancel, saveBtn)),
		nil, nil, container.NewVScroll(form))
	f.d = dialog.NewCustomWithoutButtons(title, body, s.w.Win)
	f.d.Resize(fyne.NewSize(720, 620))
	f.d.Show()
	return f
}

// zeroDay leaves a date entry empty.
var zeroDay time.Time

// formReader turns form text into values, collecting every unreadable field.
type formReader struct{ v models.ValidationError }

func (r *formReader) date(label, s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	t, err := models.ParseDate(s)
	if err != nil {
		r.v.Add(label, "“"+s+"”不是日期，应如 2026-03-15")
	}
	return t
}

func (r *formReader) int(label, s string) int {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		r.v.Add(label, "“"+s+"”不是整数")
	}
	return n
}

func (r *formReader) money(label, s string) models.Fen {
	if strings.TrimSpace(s) == "" {
		return 0
	}
	f, err := models.ParseAmount(s, models.Yuan)
	if err != nil {
		r.v.Add(label, userMessage(err))
	}
	return f
}

func (r *formReader) err() error { return r.v.Err() }

// Small widget helpers for the forms.
func entry(text string) *widget.Entry {
	e := widget.NewEntry()
	e.SetText(text)
	return e
}

func multiline(text string, rows int) *widget.Entry {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	e.SetText(text)
	return e
}

func dayEntry(t time.Time) *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder(T("ledgers.date_hint"))
	if !t.IsZero() {
		e.SetText(models.FormatDate(t))
	}
	return e
}

func intEntry(n int) *widget.Entry {
	e := widget.NewEntry()
	if n != 0 {
		e.SetText(strconv.Itoa(n))
	}
	return e
}

func choice(options []string, selected string) *widget.Select {
	s := newSelect(options, nil)
	if selected != "" {
		s.SetSelected(selected)
	}
	return s
}

func item(key string, o fyne.CanvasObject) *widget.FormItem { return widget.NewFormItem(T(key), o) }

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}
