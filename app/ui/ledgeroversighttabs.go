package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// The oversight ledgers (民主监督): disclosure and its catalogue, evaluation, accountability;
// the catalogues belong to the county of the village shown.

func countyCode(code string) string { return models.Code(code).County().String() }

func disclosureCatalogueTab(s *ledgersScreen) *ledgerTab {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	var list []models.DisclosureItem
	t := &ledgerTab{s: s, name: T("ledgers.tab_disclosure_catalogue"),
		headers: []string{"公开事项", "公开频次", "公开时段", "公开渠道", "公开内容"},
		widths:  []float32{180, 90, 160, 180, 300}}
	t.load = func() ([][]string, []int64, error) {
		var err error
		list, err = svc.DisclosureCatalogue(ctx, s.code)
		rows, ids := make([][]string, len(list)), make([]int64, len(list))
		for i, d := range list {
			rows[i] = []string{d.Item, string(d.Frequency), strings.Join(d.Timings, "、"), strings.Join(d.Channels, "、"), d.Content}
			ids[i] = d.ID
		}
		return rows, ids, err
	}
	t.del = func(id int64) error { return svc.DeleteDisclosureItem(ctx, id) }
	t.edit = func(id int64) {
		d := models.DisclosureItem{CountyCode: countyCode(s.code), Frequency: models.FreqQuarterly}
		if i := slices.IndexFunc(list, func(x models.DisclosureItem) bool { return x.ID == id }); i >= 0 {
			d = list[i]
		}
		name, content := entry(d.Item), multiline(d.Content, 3)
		name.SetPlaceHolder(T("ledgers.item_hint"))
		freq := choice(strs(models.DisclosureFrequencies), string(d.Frequency))
		timings := widget.NewCheckGroup(models.DisclosureTimings, nil)
		timings.Horizontal = true
		timings.SetSelected(d.Timings)
		channels := widget.NewCheckGroup(models.DisclosureChannels, nil)
		channels.Horizontal = true
		channels.SetSelected(d.Channels)
		s.openForm(T("ledgers.tab_disclosure_catalogue"), []*widget.FormItem{item("ledgers.f_item", name),
			item("ledgers.f_frequency", freq), item("ledgers.f_timings", timings), item("ledgers.f_channels", channels),
			item("ledgers.f_item_content", content),
		}, func() error {
			d.Item, d.Content, d.Frequency = name.Text, content.Text, models.DisclosureFrequency(freq.Selected)
			d.Timings, d.Channels = timings.Selected, channels.Selected
			_, err := svc.SaveDisclosureItem(ctx, d)
			return err
		})
	}
	return t.build()
}

func disclosureTab(s *ledgersScreen) *ledgerTab {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	var list []models.DisclosureRecord
	var items []models.DisclosureItem
	t := &ledgerTab{s: s, name: T("ledgers.tab_disclosures"),
		headers: []string{"公开日期", "公开事项", "时段", "渠道", "公开情况"},
		widths:  []float32{110, 180, 70, 160, 360}}
	itemName := func(id int64) string {
		for _, it := range items {
			if it.ID == id {
				return it.Item
			}
		}
		return ""
	}
	t.load = func() ([][]string, []int64, error) {
		var err error
		if items, err = svc.DisclosureCatalogue(ctx, s.code); err != nil {
			return nil, nil, err
		}
		list, err = svc.Disclosures(ctx, s.code, s.selectedYear())
		rows, ids := make([][]string, len(list)), make([]int64, len(list))
		for i, d := range list {
			rows[i] = []string{models.FormatDate(d.DisclosedOn), itemName(d.ItemID), d.Timing, strings.Join(d.Channels, "、"), d.Note}
			ids[i] = d.ID
		}
		return rows, ids, err
	}
	t.del = func(id int64) error { return svc.DeleteDisclosure(ctx, id) }
	t.edit = func(id int64) {
		if len(items) == 0 {
			s.w.showError(fmt.Errorf("%s", T("ledgers.no_catalogue")))
			return
		}
		d := models.DisclosureRecord{DivisionCode: s.code, Timing: models.TimingAfter}
		if i := slices.IndexFunc(list, func(x models.DisclosureRecord) bool { return x.ID == id }); i >= 0 {
			d = list[i]
		}
		names := make([]string, len(items))
		for i, it := range items {
			names[i] = it.Item
		}
		what := choice(names, itemName(d.ItemID))
		on, note := dayEntry(d.DisclosedOn), multiline(d.Note, 3)
		timing := choice(models.DisclosureTimings, d.Timing)
		channels := widget.NewCheckGroup(models.DisclosureChannels, nil)
		channels.Horizontal = true
		channels.SetSelected(d.Channels)
		s.openForm(T("ledgers.tab_disclosures"), []*widget.FormItem{item("ledgers.f_item", what),
			item("ledgers.f_disclosed_on", on), item("ledgers.f_timing", timing), item("ledgers.f_channels", channels),
			item("ledgers.f_disclosure_note", note),
		}, func() error {
			var r formReader
			d.ItemID = 0
			if i := what.SelectedIndex(); i >= 0 {
				d.ItemID = items[i].ID
			}
			d.DisclosedOn = r.date(T("ledgers.f_disclosed_on"), on.Text)
			d.Timing, d.Channels, d.Note = timing.Selected, channels.Selected, note.Text
			if err := r.err(); err != nil {
				return err
			}
			_, err := svc.SaveDisclosure(ctx, d)
			return err
		})
	}
	return t.build()
}

func evaluationTab(s *ledgersScreen) *ledgerTab {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	var list []models.Evaluation
	t := &ledgerTab{s: s, name: T("ledgers.tab_evaluations"),
		headers: []string{"评议日期", "类型", "被评议人（单位）", "职务", "满意/基本满意/不满意", "满意率"},
		widths:  []float32{110, 150, 180, 120, 170, 140}}
	t.load = func() ([][]string, []int64, error) {
		var err error
		list, err = svc.Evaluations(ctx, s.code, s.selectedYear())
		rows, ids := make([][]string, len(list)), make([]int64, len(list))
		for i, e := range list {
			rows[i] = []string{models.FormatDate(e.HeldOn), string(e.Kind), e.Subject, e.Post,
				fmt.Sprintf("%d / %d / %d", e.Satisfied, e.Basic, e.Dissatisfied), e.Satisfaction().String()}
			ids[i] = e.ID
		}
		return rows, ids, err
	}
	t.del = func(id int64) error { return svc.DeleteEvaluation(ctx, id) }
	t.edit = func(id int64) {
		e := models.Evaluation{DivisionCode: s.code, Kind: models.EvalReport, Year: s.selectedYear()}
		if i := slices.IndexFunc(list, func(x models.Evaluation) bool { return x.ID == id }); i >= 0 {
			e = list[i]
		}
		kind := choice(strs(models.EvaluationKinds), string(e.Kind))
		year, held, subject, post := intEntry(e.Year), dayEntry(e.HeldOn), entry(e.Subject), entry(e.Post)
		sat, basic, dis, note := intEntry(e.Satisfied), intEntry(e.Basic), intEntry(e.Dissatisfied), entry(e.Note)
		s.openForm(T("ledgers.tab_evaluations"), []*widget.FormItem{item("ledgers.f_eval_kind", kind),
			item("ledgers.f_year", year), item("ledgers.f_held_on", held), item("ledgers.f_subject", subject),
			item("ledgers.f_post", post), item("ledgers.f_satisfied", sat), item("ledgers.f_basic", basic),
			item("ledgers.f_dissatisfied", dis), item("ledgers.f_remark", note),
		}, func() error {
			var r formReader
			e.Kind, e.Subject, e.Post, e.Note = models.EvaluationKind(kind.Selected), subject.Text, post.Text, note.Text
			e.Year = r.int(T("ledgers.f_year"), year.Text)
			e.HeldOn = r.date(T("ledgers.f_held_on"), held.Text)
			e.Satisfied = r.int(T("ledgers.f_satisfied"), sat.Text)
			e.Basic = r.int(T("ledgers.f_basic"), basic.Text)
			e.Dissatisfied = r.int(T("ledgers.f_dissatisfied"), dis.Text)
			if err := r.err(); err != nil {
				return err
			}
			_, err := svc.SaveEvaluation(ctx, e)
			return err
		})
	}
	return t.build()
}

func accountabilityTab(s *ledgersScreen) *ledgerTab {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	var list []models.Accountability
	t := &ledgerTab{s: s, name: T("ledgers.tab_accountability"),
		headers: []string{"问责日期", "被问责干部", "职务", "问责方式", "整改期限", "整改状态", "整改已公开", "情形"},
		widths:  []float32{110, 100, 100, 110, 110, 110, 90, 300}}
	t.load = func() ([][]string, []int64, error) {
		var err error
		list, err = svc.Accountabilities(ctx, s.code, s.selectedYear())
		today := svc.TodayDate()
		rows, ids := make([][]string, len(list)), make([]int64, len(list))
		for i, a := range list {
			public := T("ledgers.no")
			if a.MadePublic {
				public = T("ledgers.yes")
			}
			rows[i] = []string{models.FormatDate(a.On), a.Cadre, a.Post, string(a.Measure), models.FormatDate(a.RectifyBy), a.RectifyState(today), public, a.Failing}
			ids[i] = a.ID
		}
		return rows, ids, err
	}
	t.del = func(id int64) error { return svc.DeleteAccountability(ctx, id) }
	t.edit = func(id int64) {
		a := models.Accountability{DivisionCode: s.code, Measure: models.MeasureEducation, RectifyStatus: models.RectifyNone}
		if i := slices.IndexFunc(list, func(x models.Accountability) bool { return x.ID == id }); i >= 0 {
			a = list[i]
		}
		cadre, post, on, failing := entry(a.Cadre), entry(a.Post), dayEntry(a.On), multiline(a.Failing, 3)
		measure := choice(strs(models.AccountabilityMeasures), string(a.Measure))
		by, status := dayEntry(a.RectifyBy), choice(models.RectifyStatuses, a.RectifyStatus)
		public := widget.NewCheck(T("ledgers.f_made_public"), nil)
		public.SetChecked(a.MadePublic)
		s.openForm(T("ledgers.tab_accountability"), []*widget.FormItem{item("ledgers.f_cadre", cadre),
			item("ledgers.f_post", post), item("ledgers.f_decided_on", on), item("ledgers.f_failing", failing),
			item("ledgers.f_measure", measure), item("ledgers.f_rectify_by", by), item("ledgers.f_rectify_status", status),
			widget.NewFormItem("", public),
		}, func() error {
			var r formReader
			a.Cadre, a.Post, a.Failing = cadre.Text, post.Text, failing.Text
			a.On = r.date(T("ledgers.f_decided_on"), on.Text)
			a.RectifyBy = r.date(T("ledgers.f_rectify_by"), by.Text)
			a.Measure, a.RectifyStatus, a.MadePublic = models.AccountabilityMeasure(measure.Selected), status.Selected, public.Checked
			if err := r.err(); err != nil {
				return err
			}
			_, err := svc.SaveAccountability(ctx, a)
			return err
		})
	}
	return t.build()
}
