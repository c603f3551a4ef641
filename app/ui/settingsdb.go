package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/app"
)

// dbAddressPref keeps the shared database's address (never a password) chosen in 设置 → 数据库;
// empty for the database file on this computer.
const dbAddressPref = "db_address"

// SavedDatabase is the database chosen in 设置 → 数据库 for a start that names none with --db or
// SHEQU_DB: the shared database's address, or "" for the default file.
func SavedDatabase(fa fyne.App) string { return fa.Preferences().String(dbAddressPref) }

// NamedDatabase records that --db or SHEQU_DB named this start's database: 设置 → 数据库 then says that a
// saved choice applies to starts without it.
func (w *MainWindow) NamedDatabase() { w.namedDB = true }

// databaseBox is 设置 → 数据库: where the data is now, what the next start uses, and a dialog to
// choose between the file on this computer and a shared database, kept without a password.
type databaseBox struct {
	w       *MainWindow
	root    *fyne.Container
	current *widget.Label
	next    *widget.Label
	change  *widget.Button

	// the dialog's widgets, while it is open
	kind    *widget.RadioGroup
	address *widget.Entry
	message *widget.Label
	dlg     *dialog.CustomDialog
}

func newDatabaseBox(w *MainWindow) *databaseBox {
	b := &databaseBox{w: w, current: widget.NewLabel(""), next: widget.NewLabel("")}
	b.current.Wrapping = fyne.TextWrapBreak
	b.next.Wrapping = fyne.TextWrapWord
	b.change = widget.NewButtonWithIcon(T("db.change"), theme.StorageIcon(), b.open)
	b.root = container.NewVBox(
		widget.NewLabelWithStyle(T("db.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		b.current, b.next, container.NewHBox(b.change))
	return b
}

// controls are what only an administrator may use.
func (b *databaseBox) controls() []fyne.Disableable { return []fyne.Disableable{b.change} }

// shown says where the data is now and what the next start uses.
func (b *databaseBox) shown() {
	if b.w.app.Shared() {
		b.current.SetText(Tf("db.current_shared", map[string]any{"Where": b.w.app.DBPath()}))
	} else {
		b.current.SetText(Tf("db.current_file", map[string]any{"Where": b.w.app.DBPath()}))
	}
	next := T("db.next_file")
	if saved := SavedDatabase(fyne.CurrentApp()); saved != "" {
		next = Tf("db.next_shared", map[string]any{"Where": app.ShownAddress(saved)})
	}
	if b.w.namedDB {
		next += "\n" + T("db.flag_wins")
	}
	b.next.SetText(next)
}

// open shows the dialog that chooses the next start's database.
func (b *databaseBox) open() {
	b.address = widget.NewEntry()
	b.address.SetPlaceHolder(T("db.address_placeholder"))
	b.address.SetText(SavedDatabase(fyne.CurrentApp()))
	b.kind = widget.NewRadioGroup([]string{T("db.kind_file"), T("db.kind_shared")}, func(k string) {
		if k == T("db.kind_shared") {
			b.address.Enable()
		} else {
			b.address.Disable()
		}
	})
	if b.address.Text != "" {
		b.kind.SetSelected(T("db.kind_shared"))
	} else {
		b.kind.SetSelected(T("db.kind_file"))
	}
	hint := widget.NewLabel(T("db.hint"))
	hint.Wrapping = fyne.TextWrapWord
	b.message = widget.NewLabel("")
	b.message.Wrapping = fyne.TextWrapWord
	b.message.Importance = widget.DangerImportance
	save := widget.NewButtonWithIcon(T("db.save"), theme.DocumentSaveIcon(), b.onSave)
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(T("db.cancel"), func() { b.dlg.Hide() })
	form := widget.NewForm(widget.NewFormItem(T("db.address"), b.address))
	b.dlg = dialog.NewCustomWithoutButtons(T("db.change_title"), container.NewVBox(b.kind, form, hint, b.message), b.w.Win)
	b.dlg.SetButtons([]fyne.CanvasObject{cancel, save})
	b.dlg.Resize(fyne.NewSize(640, 0))
	b.dlg.Show()
}

// onSave keeps the choice for the next start; a shared address is checked first and never kept
// with a password.
func (b *databaseBox) onSave() {
	prefs := fyne.CurrentApp().Preferences()
	if b.kind.Selected != T("db.kind_shared") {
		prefs.SetString(dbAddressPref, "")
	} else {
		addr, err := app.CheckSharedAddress(b.address.Text)
		if err != nil {
			b.message.SetText(err.Error())
			return
		}
		prefs.SetString(dbAddressPref, addr)
	}
	b.dlg.Hide()
	b.shown()
}
