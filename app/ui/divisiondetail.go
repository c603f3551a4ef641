package ui

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// divisionDetail is the right-hand panel of 区划与社区: facts about the selected division,
// its actions, and for a village or community the editable profile.
type divisionDetail struct {
	s    *divisionsScreen
	code string

	root      *fyne.Container
	empty     fyne.CanvasObject
	body      fyne.CanvasObject
	name      *widget.Label
	facts     *widget.Form
	codeV     *widget.Label
	levelV    *widget.Label
	kindV     *widget.Label
	parentV   *widget.Label
	statusV   *widget.Label
	childrenV *widget.Label
	addChild  *widget.Button
	rename    *widget.Button
	retire    *widget.Button
	history   *widget.Button
	titlesV   *widget.Label // a village's 示范单位 titles

	profileBox *fyne.Container
	households *widget.Entry
	population *widget.Entry
	area       *widget.Entry
	committee  *widget.Entry
	address    *widget.Entry
	phone      *widget.Entry
	message    *widget.Label
	updated    *widget.Label
	save       *widget.Button
	revert     *widget.Button
	loaded     []string // the profile's fields as loaded: anything else is unsaved input
	version    int64    // the profile's version as loaded, checked when it is saved
}

func newDivisionDetail(s *divisionsScreen) *divisionDetail {
	d := &divisionDetail{s: s}
	d.buildUI()
	return d
}

func (d *divisionDetail) buildUI() {
	d.empty = container.NewCenter(widget.NewLabel(T("div.pick_one")))
	d.name = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.name.SizeName = theme.SizeNameHeadingText
	d.name.Wrapping = fyne.TextWrapWord
	d.codeV, d.levelV, d.kindV, d.parentV, d.statusV, d.childrenV =
		widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
	d.statusV.Wrapping = fyne.TextWrapWord
	d.facts = widget.NewForm(
		widget.NewFormItem(T("div.code"), d.codeV),
		widget.NewFormItem(T("div.level"), d.levelV),
		widget.NewFormItem(T("div.kind"), d.kindV),
		widget.NewFormItem(T("div.parent"), d.parentV),
		widget.NewFormItem(T("div.status"), d.statusV),
		widget.NewFormItem(T("div.children"), d.childrenV),
	)
	d.addChild = widget.NewButtonWithIcon(T("div.add_child"), theme.ContentAddIcon(), d.onAddChild)
	d.rename = widget.NewButtonWithIcon(T("div.rename"), theme.DocumentCreateIcon(), d.onRename)
	d.retire = widget.NewButtonWithIcon(T("div.retire"), theme.DeleteIcon(), d.onRetire)
	d.history = widget.NewButtonWithIcon(T("div.history"), theme.HistoryIcon(), d.onHistory)
	actions := container.NewHBox(d.addChild, d.rename, d.retire, d.history)
	d.titlesV = widget.NewLabel("")
	d.titlesV.Wrapping = fyne.TextWrapWord

	d.households, d.population, d.area, d.committee = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	d.address, d.phone = widget.NewEntry(), widget.NewEntry()
	d.area.SetPlaceHolder(T("profile.area_hint"))
	d.phone.SetPlaceHolder(T("profile.phone_hint"))
	d.message = widget.NewLabel("")
	d.message.Wrapping = fyne.TextWrapWord
	d.message.Importance = widget.DangerImportance
	d.updated = widget.NewLabel("")
	d.updated.Importance = widget.LowImportance
	d.save = widget.NewButtonWithIcon(T("profile.save"), theme.DocumentSaveIcon(), d.onSave)
	d.save.Importance = widget.HighImportance
	d.revert = widget.NewButton(T("profile.revert"), func() { d.loadProfile() })
	form := widget.NewForm(
		widget.NewFormItem(T("profile.households"), d.households),
		widget.NewFormItem(T("profile.population"), d.population),
		widget.NewFormItem(T("profile.area"), d.area),
		widget.NewFormItem(T("profile.committee"), d.committee),
		widget.NewFormItem(T("profile.address"), d.address),
		widget.NewFormItem(T("profile.phone"), d.phone),
	)
	profileTitle := widget.NewLabelWithStyle(T("profile.title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.profileBox = container.NewVBox(widget.NewSeparator(), profileTitle, form, d.message,
		container.NewHBox(d.save, d.revert, layout.NewSpacer(), d.updated))

	d.body = container.NewVScroll(container.NewPadded(container.NewVBox(d.name, d.facts, d.titlesV, actions, d.profileBox)))
	d.root = container.NewStack(d.empty)
}

// show fills the panel for a division.
func (d *divisionDetail) show(code string) {
	ctx, svc := d.s.w.ctx, d.s.w.app.Divisions
	div, err := svc.Get(ctx, code)
	if err != nil {
		d.s.w.showError(err)
		return
	}
	d.code = code
	d.name.SetText(div.Name)
	d.codeV.SetText(div.Code)
	d.levelV.SetText(div.Level.Label())
	d.kindV.SetText(div.Kind())
	parent := "—"
	if anc, _ := svc.Ancestors(ctx, code); len(anc) > 0 {
		names := make([]string, len(anc))
		for i, a := range anc {
			names[i] = a.Name
		}
		parent = strings.Join(names, " › ")
	}
	d.parentV.SetText(parent)
	d.statusV.SetText(statusText(d, div))
	kids, _ := svc.Children(ctx, code)
	active := 0
	for _, k := range kids {
		if k.Active() {
			active++
		}
	}
	if div.Level == models.LevelVillage {
		d.childrenV.SetText("—")
	} else {
		d.childrenV.SetText(Tf("div.children_count", map[string]any{"N": active, "Level": div.Level.Child().Label()}))
	}
	isVillage := div.Level == models.LevelVillage
	setEnabled(d.addChild, !isVillage && div.Active())
	setEnabled(d.rename, div.Active())
	setEnabled(d.retire, div.Active())
	if isVillage {
		d.profileBox.Show()
		d.loadProfile()
		d.titlesV.SetText(villageTitlesText(d.s.w, code))
		d.titlesV.Show()
	} else {
		d.profileBox.Hide()
		d.titlesV.Hide()
	}
	d.root.Objects = []fyne.CanvasObject{d.body}
	d.root.Refresh()
}

func statusText(d *divisionDetail, div models.Division) string {
	if div.Active() {
		return T("div.active")
	}
	s := Tf("div.retired_on", map[string]any{"Date": div.RetiredAt.Format("2006年1月2日")})
	if div.SuccessorCode != "" {
		if succ, err := d.s.w.app.Divisions.Get(d.s.w.ctx, div.SuccessorCode); err == nil {
			s += Tf("div.merged_into", map[string]any{"Name": succ.Name, "Code": succ.Code})
		}
	}
	return s
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

func (d *divisionDetail) loadProfile() {
	p, err := d.s.w.app.Divisions.Profile(d.s.w.ctx, d.code)
	if err != nil {
		d.s.w.showError(err)
		return
	}
	num := func(n int64) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	d.households.SetText(num(p.Households))
	d.population.SetText(num(p.Population))
	d.area.SetText("")
	if p.ServiceAreaM2 != 0 {
		d.area.SetText(strconv.FormatFloat(p.ServiceAreaM2, 'f', -1, 64))
	}
	d.committee.SetText(num(p.CommitteeMembers))
	d.address.SetText(p.Address)
	d.phone.SetText(p.Phone)
	d.loaded, d.version = d.fields(), p.RowVersion
	d.message.SetText("")
	if p.UpdatedBy != "" {
		d.updated.SetText(Tf("profile.updated", map[string]any{"By": p.UpdatedBy, "At": p.UpdatedAt.Local().Format("2006-01-02 15:04")}))
	} else {
		d.updated.SetText(T("profile.not_saved"))
	}
}

// readProfile parses the form; number fields that are not numbers become field errors.
func (d *divisionDetail) readProfile() (models.CommunityProfile, error) {
	var v models.ValidationError
	integer := func(label string, e *widget.Entry) int64 {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			return 0
		}
		n, err := strconv.ParseInt(t, 10, 64)
		if err != nil {
			v.Add(label, fmt.Sprintf("“%s”不是整数", t))
		}
		return n
	}
	p := models.CommunityProfile{DivisionCode: d.code, Address: d.address.Text, Phone: d.phone.Text}
	p.Households = integer(T("profile.households"), d.households)
	p.Population = integer(T("profile.population"), d.population)
	p.CommitteeMembers = integer(T("profile.committee"), d.committee)
	if t := strings.TrimSpace(d.area.Text); t != "" {
		f, err := strconv.ParseFloat(t, 64)
		if err != nil {
			v.Add(T("profile.area"), fmt.Sprintf("“%s”不是数字", t))
		}
		p.ServiceAreaM2 = f
	}
	// Report unparsable numbers and rule violations together, so the clerk fixes all in one go.
	var rules *models.ValidationError
	if errors.As(p.Validate(), &rules) {
		v.Fields = append(v.Fields, rules.Fields...)
	}
	return p, v.Err()
}

func (d *divisionDetail) onSave() {
	failed := func(err error) {
		d.message.Importance = widget.DangerImportance
		d.message.SetText(T("profile.not_saved_because") + "\n" + userMessage(err))
	}
	p, err := d.readProfile()
	if err != nil {
		failed(err)
		return
	}
	p.RowVersion = d.version
	d.s.w.trySave(func() error { return d.s.w.app.Divisions.SaveProfile(d.s.w.ctx, p) }, func() {
		d.loadProfile()
		d.message.Importance = widget.SuccessImportance
		d.message.SetText(T("profile.saved"))
	}, d.loadProfile, failed)
}

// fields are the profile entries' texts, to tell typed input from what was loaded.
func (d *divisionDetail) fields() []string {
	return []string{d.households.Text, d.population.Text, d.area.Text, d.committee.Text, d.address.Text, d.phone.Text}
}

// unsaved says whether the clerk typed into the profile without saving.
func (d *divisionDetail) unsaved() bool {
	return d.loaded != nil && !slices.Equal(d.fields(), d.loaded)
}
