package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"shequ/app/registry"
	"shequ/models"
)

// regWorkersTab is 社会工作者/网格员: 身份证号 and phone masked; showing one worker's in full is
// an explicit, audited action.
type regWorkersTab struct {
	s      *registryScreen
	root   fyne.CanvasObject
	search *widget.Entry
	town   *widget.Select
	post   *widget.Select
	status *widget.Select
	qual   *widget.Select
	*regPaged[registry.WorkerRow]
}

func newRegWorkersTab(s *registryScreen) *regWorkersTab {
	t := &regWorkersTab{s: s, regPaged: newRegPaged[registry.WorkerRow](s, "registry.worker_count", "registry.choose_worker")}
	t.query = func() listQuery[registry.WorkerRow] {
		s.workerPick = nil // the list may have changed: the pickers read it again
		reg, f := s.w.app.Registry, registry.Filter{Text: t.search.Text, Township: s.townCode(t.town),
			Type: chosen(t.post), Status: chosen(t.status), Qualification: chosen(t.qual)}
		return listQuery[registry.WorkerRow]{
			count: func(ctx context.Context) (int, error) { return reg.WorkerCount(ctx, f) },
			all:   func(ctx context.Context) (int, error) { return reg.WorkerCount(ctx, registry.Filter{}) },
			page: func(ctx context.Context, offset, limit int) ([]registry.WorkerRow, error) {
				return reg.WorkerPage(ctx, f, offset, limit)
			},
		}
	}
	t.search = widget.NewEntry()
	t.search.SetPlaceHolder(T("registry.worker_search_hint"))
	t.search.OnChanged = func(string) { t.applyFilter() }
	t.town = allSelect(nil, t.applyFilter)
	t.post = allSelect(models.WorkerPosts, t.applyFilter)
	t.status = allSelect(models.WorkerStatuses, t.applyFilter)
	t.qual = allSelect(models.Qualifications, t.applyFilter)
	t.table = rowTable([]string{T("registry.col_name"), T("registry.col_gender"), T("registry.col_id_number"), T("registry.col_phone"),
		T("registry.col_qual"), T("registry.col_cert_no"), T("registry.col_employer"), T("registry.col_post"),
		T("registry.col_township"), T("registry.col_served_div"), T("registry.col_status"), T("registry.col_on_post"), T("registry.col_off_post")},
		[]float32{80, 50, 170, 110, 120, 120, 170, 130, 110, 170, 60, 95, 95},
		t.rows.len, t.cell, t.onSelect)
	actions := container.NewHBox(
		widget.NewButton(T("registry.add"), func() {
			t.openForm(models.SocialWorker{Status: "在岗", Qualification: models.QualNone, EmployerKind: "社区"})
		}),
		widget.NewButton(T("registry.edit"), t.onEdit),
		widget.NewButton(T("registry.delete"), t.onDelete),
		widget.NewButton(T("registry.reveal"), t.onReveal),
		widget.NewSeparator(),
		widget.NewButton(T("registry.import"), func() { s.onImport(registry.KindWorkers, t.reload) }),
		widget.NewButton(T("registry.export"), func() {
			s.onExport(registry.KindWorkers, T("registry.export_full_workers"), T("registry.workers_file"))
		}),
		widget.NewButton(T("registry.template"), func() { s.onTemplate(registry.KindWorkers, T("registry.workers_template_file")) }),
	)
	filters := filterBar(t.search, widget.NewLabel(T("registry.col_township")), t.town, widget.NewLabel(T("registry.col_post")), t.post,
		widget.NewLabel(T("registry.col_status")), t.status, widget.NewLabel(T("registry.col_qual")), t.qual)
	t.root = container.NewBorder(container.NewVBox(actions, filters), t.count, nil, nil, fittedWithHint(t.table, T("registry.empty_workers")))
	return t
}

func (t *regWorkersTab) cell(row, col int) string {
	r, ok := t.rows.row(row)
	if !ok {
		return ""
	}
	return [...]string{r.Name, r.Gender, r.IDNumber, r.Phone, r.Qualification, r.CertNo, r.Employer, r.Post,
		r.Township, r.Division, r.Status, r.OnPostFrom, r.OffPostOn}[col]
}

// onReveal shows the selected worker's full 身份证号 and phone; the service records the view.
func (t *regWorkersTab) onReveal() {
	r, ok := t.selected()
	if !ok {
		return
	}
	w, err := t.s.w.app.Registry.RevealWorker(t.s.w.ctx, r.ID)
	if err != nil {
		t.s.w.showError(err)
		return
	}
	msg := widget.NewLabel(Tf("registry.worker_revealed", map[string]any{"ID": w.IDNumber, "Phone": w.Phone,
		"Birth": models.FormatDate(w.Birth), "Gender": w.Gender}))
	msg.TextStyle.Monospace = false
	note := widget.NewLabel(T("registry.reveal_recorded"))
	note.Importance = widget.LowImportance
	dialogCustom(w.Name, container.NewVBox(msg, note), t.s.w.Win).Show()
}

func (t *regWorkersTab) onEdit() {
	r, ok := t.selected()
	if !ok {
		return
	}
	// Opening the form shows the full 身份证号, so the service records it as a view.
	w, err := t.s.w.app.Registry.Worker(t.s.w.ctx, r.ID)
	if err != nil {
		t.s.w.showError(err)
		return
	}
	t.openForm(w)
}

func (t *regWorkersTab) onDelete() {
	if r, ok := t.selected(); ok {
		t.s.confirmDelete(r.Name, func() error { return t.s.w.app.Registry.DeleteWorker(t.s.w.ctx, r.ID) }, t.reload)
	}
}
