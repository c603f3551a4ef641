package ui

import (
	"context"

	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"shequ/models"
)

// The deciding and managing ledgers (民主决策、民主管理): meetings, opinions, consultations, the
// covenant and collective estate.

// newLedgerTabs builds the list ledgers of 民主自治, in the order of 意见 三（一）.
func newLedgerTabs(s *ledgersScreen) []*ledgerTab {
	return []*ledgerTab{meetingTab(s), opinionTab(s), consultationTab(s), covenantTab(s), estateTab(s),
		disclosureTab(s), disclosureCatalogueTab(s), evaluationTab(s), accountabilityTab(s), taskTab(s),
		serviceCatalogueTab(s)}
}

func meetingTab(s *ledgersScreen) *ledgerTab {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	t := &ledgerTab{s: s, name: T("ledgers.tab_meetings"),
		headers: []string{"召开日期", "会议类型", "议题", "实到/应到", "出席率", "涉及项目", "附件"},
		widths:  []float32{110, 140, 300, 90, 130, 200, 70}}
	t.pages = func() ledgerReader {
		code, year := s.code, s.selectedYear()
		return ledgerReader{
			count: func(ctx context.Context) (int, error) { return svc.MeetingCount(ctx, code, year) },
			page: func(ctx context.Context, offset, limit int) ([]ledgerRow, error) {
				list, err := svc.MeetingPage(ctx, code, year, offset, limit)
				if err != nil {
					return nil, err
				}
				return meetingRows(ctx, svc, list)
			},
		}
	}
	files := widget.NewButtonWithIcon(T("ledgers.files_button"), theme.FolderOpenIcon(), func() {
		if id := t.selectedID(); id != 0 {
			m, err := svc.Meeting(ctx, id)
			if err != nil {
				s.w.showError(err)
				return
			}
			s.openMeetingFiles(m)
		}
	})
	t.extra = []*widget.Button{files}
	t.del = func(id int64) error { return svc.DeleteMeeting(ctx, id) }
	t.edit = func(id int64) {
		m := models.Meeting{DivisionCode: s.code}
		if id != 0 {
			var err error
			if m, err = svc.Meeting(ctx, id); err != nil {
				s.w.showError(err)
				return
			}
		}
		kind := choice(strs(models.MeetingKinds), string(m.Kind))
		held, topic := dayEntry(m.HeldOn), entry(m.Topic)
		present, entitled := intEntry(m.Present), intEntry(m.Entitled)
		project, concerned := entry(m.Project), entry(m.Concerned)
		concerned.SetPlaceHolder(T("ledgers.concerned_hint"))
		agenda, minutes, decisions := multiline(m.Agenda, 2), multiline(m.Minutes, 3), multiline(m.Decisions, 2)
		attach := entry(m.Attachments)
		title := T("ledgers.new_meeting")
		if id != 0 {
			title = T("ledgers.edit_meeting")
		}
		s.openForm(title, []*widget.FormItem{
			item("ledgers.f_kind", kind), item("ledgers.f_held_on", held), item("ledgers.f_topic", topic),
			item("ledgers.f_present", present), item("ledgers.f_entitled", entitled),
			item("ledgers.f_project", project), item("ledgers.f_concerned", concerned),
			item("ledgers.f_agenda", agenda), item("ledgers.f_minutes", minutes),
			item("ledgers.f_decisions", decisions), item("ledgers.f_attachments", attach),
		}, func() error {
			var r formReader
			m.Kind = models.MeetingKind(kind.Selected)
			m.HeldOn = r.date(T("ledgers.f_held_on"), held.Text)
			m.Present = r.int(T("ledgers.f_present"), present.Text)
			m.Entitled = r.int(T("ledgers.f_entitled"), entitled.Text)
			m.Topic, m.Project, m.Concerned = topic.Text, project.Text, concerned.Text
			m.Agenda, m.Minutes, m.Decisions, m.Attachments = agenda.Text, minutes.Text, decisions.Text, attach.Text
			if err := r.err(); err != nil {
				return err
			}
			_, err := svc.SaveMeeting(ctx, m)
			return err
		})
	}
	return t.build()
}

func opinionTab(s *ledgersScreen) *ledgerTab {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	t := &ledgerTab{s: s, name: T("ledgers.tab_opinions"),
		headers: []string{"提出日期", "意见内容", "提出人", "类别", "承办人", "状态", "答复期限", "答复日期", "逾期"},
		widths:  []float32{110, 280, 80, 90, 90, 80, 110, 110, 100}}
	t.pages = func() ledgerReader {
		code, year := s.code, s.selectedYear()
		return ledgerReader{
			count: func(ctx context.Context) (int, error) { return svc.OpinionCount(ctx, code, year) },
			page: func(ctx context.Context, offset, limit int) ([]ledgerRow, error) {
				list, err := svc.OpinionPage(ctx, code, year, offset, limit)
				return opinionRows(list, svc.TodayDate()), err
			},
		}
	}
	t.del = func(id int64) error { return svc.DeleteOpinion(ctx, id) }
	t.edit = func(id int64) {
		o := models.Opinion{DivisionCode: s.code, Status: models.OpinionPending}
		if id != 0 {
			var err error
			if o, err = svc.Opinion(ctx, id); err != nil {
				s.w.showError(err)
				return
			}
		}
		meetings, _ := svc.Meetings(ctx, s.code, 0)
		opts := []string{T("ledgers.no_meeting")}
		sel := opts[0]
		for _, m := range meetings {
			label := fmt.Sprintf("%s %s：%s", models.FormatDate(m.HeldOn), m.Kind, m.Topic)
			opts = append(opts, label)
			if m.ID == o.MeetingID {
				sel = label
			}
		}
		raised, content := dayEntry(o.RaisedOn), multiline(o.Content, 3)
		meeting := choice(opts, sel)
		// Personal data is typed, never shown back in full.
		from, phone := entry(""), entry("")
		from.SetPlaceHolder(orHint(models.MaskName(o.FromName), T("ledgers.optional")))
		phone.SetPlaceHolder(orHint(models.MaskPhone(o.FromPhone), T("ledgers.optional")))
		category, handler := entry(o.Category), entry(o.Handler)
		category.SetPlaceHolder(T("ledgers.category_hint"))
		status := choice(strs(models.OpinionStatuses), string(o.Status))
		reply, replied, reason := multiline(o.Reply, 2), dayEntry(o.RepliedOn), multiline(o.RejectReason, 2)
		title := T("ledgers.new_opinion")
		if id != 0 {
			title = T("ledgers.edit_opinion")
		}
		s.openForm(title, []*widget.FormItem{
			item("ledgers.f_raised_on", raised), item("ledgers.f_source_meeting", meeting),
			item("ledgers.f_from", from), item("ledgers.f_phone", phone), item("ledgers.f_content", content),
			item("ledgers.f_category", category), item("ledgers.f_handler", handler), item("ledgers.f_status", status),
			item("ledgers.f_reply", reply), item("ledgers.f_replied_on", replied), item("ledgers.f_reason", reason),
		}, func() error {
			var r formReader
			o.RaisedOn = r.date(T("ledgers.f_raised_on"), raised.Text)
			o.RepliedOn = r.date(T("ledgers.f_replied_on"), replied.Text)
			o.MeetingID = 0
			if i := meeting.SelectedIndex(); i > 0 {
				o.MeetingID = meetings[i-1].ID
			}
			if from.Text != "" {
				o.FromName = from.Text
			}
			if phone.Text != "" {
				o.FromPhone = phone.Text
			}
			o.Content, o.Category, o.Handler = content.Text, category.Text, handler.Text
			o.Status, o.Reply, o.RejectReason = models.OpinionStatus(status.Selected), reply.Text, reason.Text
			if err := r.err(); err != nil {
				return err
			}
			_, err := svc.SaveOpinion(ctx, o)
			return err
		})
	}
	return t.build()
}

func orHint(masked, hint string) string {
	if masked != "" {
		return masked + T("ledgers.keep_hint")
	}
	return hint
}

func consultationTab(s *ledgersScreen) *ledgerTab {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	var list []models.Consultation
	t := &ledgerTab{s: s, name: T("ledgers.tab_consultations"),
		headers: []string{"协商事项", "当前环节", "下一环节", "提议日期", "最近环节日期", "状态"},
		widths:  []float32{300, 90, 90, 110, 120, 160}}
	t.load = func() ([][]string, []int64, error) {
		var err error
		list, err = svc.Consultations(ctx, s.code, s.selectedYear())
		today := svc.TodayDate()
		rows, ids := make([][]string, len(list)), make([]int64, len(list))
		for i, c := range list {
			state := T("ledgers.in_progress")
			switch {
			case c.Complete():
				state = T("ledgers.complete")
			case c.Stuck(today):
				state = Tf("ledgers.stuck", map[string]any{"Days": models.StuckAfterDays})
			}
			rows[i] = []string{c.Title, string(c.Stage()), string(c.NextStage()), models.FormatDate(c.StartedOn()),
				models.FormatDate(c.LastStepOn()), state}
			ids[i] = c.ID
		}
		return rows, ids, err
	}
	t.del = func(id int64) error { return svc.DeleteConsultation(ctx, id) }
	t.edit = func(id int64) {
		if id != 0 {
			c, err := svc.Consultation(ctx, id)
			if err != nil {
				s.w.showError(err)
				return
			}
			title := entry(c.Title)
			s.openForm(T("ledgers.edit_consultation"), []*widget.FormItem{item("ledgers.f_title", title)},
				func() error { return svc.RenameConsultation(ctx, id, title.Text) })
			return
		}
		title, on, note, evidence := entry(""), dayEntry(s.w.app.Ledgers.TodayDate()), multiline("", 3), entry("")
		s.openForm(T("ledgers.new_consultation"), []*widget.FormItem{
			item("ledgers.f_title", title), item("ledgers.f_propose_on", on), item("ledgers.f_note", note),
			item("ledgers.f_evidence", evidence),
		}, func() error {
			var r formReader
			d := r.date(T("ledgers.f_propose_on"), on.Text)
			if err := r.err(); err != nil {
				return err
			}
			_, err := svc.StartConsultation(ctx, s.code, title.Text,
				models.ConsultationStep{On: d, Note: note.Text, Evidence: evidence.Text})
			return err
		})
	}
	next := widget.NewButtonWithIcon(T("ledgers.next_step"), theme.MediaSkipNextIcon(), nil)
	back := widget.NewButtonWithIcon(T("ledgers.undo_step"), theme.ContentUndoIcon(), nil)
	t.extra = []*widget.Button{next, back}
	next.OnTapped = func() {
		c, err := svc.Consultation(ctx, t.selectedID())
		if err != nil {
			s.w.showError(err)
			return
		}
		if c.Complete() {
			s.w.showError(fmt.Errorf("%s", T("ledgers.all_steps_done")))
			return
		}
		stage := entry(string(c.NextStage()))
		stage.Disable()
		on, note, evidence := dayEntry(svc.TodayDate()), multiline("", 3), entry("")
		s.openForm(Tf("ledgers.step_title", map[string]any{"Title": c.Title}), []*widget.FormItem{
			item("ledgers.f_stage", stage), item("ledgers.f_step_on", on), item("ledgers.f_note", note),
			item("ledgers.f_evidence", evidence),
		}, func() error {
			var r formReader
			d := r.date(T("ledgers.f_step_on"), on.Text)
			if err := r.err(); err != nil {
				return err
			}
			return svc.AddConsultationStep(ctx, c.ID, models.ConsultationStep{Stage: c.NextStage(), On: d,
				Note: note.Text, Evidence: evidence.Text})
		})
	}
	back.OnTapped = func() {
		if err := svc.RemoveLastConsultationStep(ctx, t.selectedID()); err != nil {
			s.w.showError(err)
			return
		}
		s.changed()
	}
	return t.build()
}

func covenantTab(s *ledgersScreen) *ledgerTab {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	var list []models.Covenant
	t := &ledgerTab{s: s, name: T("ledgers.tab_covenants"),
		headers: []string{"版本", "类型", "通过日期", "主要内容"}, widths: []float32{160, 100, 110, 500}}
	t.load = func() ([][]string, []int64, error) {
		var err error
		list, err = svc.Covenants(ctx, s.code)
		rows, ids := make([][]string, len(list)), make([]int64, len(list))
		for i, c := range list {
			rows[i] = []string{c.Version, string(c.Kind), models.FormatDate(c.AdoptedOn), c.Summary}
			ids[i] = c.ID
		}
		return rows, ids, err
	}
	t.del = func(id int64) error { return svc.DeleteCovenant(ctx, id) }
	t.edit = func(id int64) {
		c := models.Covenant{DivisionCode: s.code, Kind: models.CovenantResidents}
		if d, err := s.w.app.Divisions.Get(ctx, s.code); err == nil && d.Kind() == "村" {
			c.Kind = models.CovenantVillage
		}
		if i := slices.IndexFunc(list, func(x models.Covenant) bool { return x.ID == id }); i >= 0 {
			c = list[i]
		}
		meetings, _ := svc.Meetings(ctx, s.code, 0)
		opts, sel := []string{T("ledgers.no_meeting")}, T("ledgers.no_meeting")
		var ids []int64
		for _, m := range meetings {
			if m.Kind != models.MeetingAssembly && m.Kind != models.MeetingRepresentative {
				continue
			}
			label := fmt.Sprintf("%s %s：%s", models.FormatDate(m.HeldOn), m.Kind, m.Topic)
			opts, ids = append(opts, label), append(ids, m.ID)
			if m.ID == c.MeetingID {
				sel = label
			}
		}
		kind := choice([]string{string(models.CovenantVillage), string(models.CovenantResidents)}, string(c.Kind))
		version, adopted, meeting, summary := entry(c.Version), dayEntry(c.AdoptedOn), choice(opts, sel), multiline(c.Summary, 6)
		s.openForm(T("ledgers.tab_covenants"), []*widget.FormItem{item("ledgers.f_covenant_kind", kind),
			item("ledgers.f_version", version), item("ledgers.f_adopted_on", adopted),
			item("ledgers.f_adopting_meeting", meeting), item("ledgers.f_summary", summary),
		}, func() error {
			var r formReader
			c.Kind, c.Version, c.Summary = models.CovenantKind(kind.Selected), version.Text, summary.Text
			c.AdoptedOn = r.date(T("ledgers.f_adopted_on"), adopted.Text)
			c.MeetingID = 0
			if i := meeting.SelectedIndex(); i > 0 {
				c.MeetingID = ids[i-1]
			}
			if err := r.err(); err != nil {
				return err
			}
			_, err := svc.SaveCovenant(ctx, c)
			return err
		})
	}
	return t.build()
}

func estateTab(s *ledgersScreen) *ledgerTab {
	ctx, svc := s.w.ctx, s.w.app.Ledgers
	var list []models.Estate
	t := &ledgerTab{s: s, name: T("ledgers.tab_estates"),
		headers: []string{"小区（院落）", "户数", "物业管理", "业主委员会", "自治小组", "已覆盖"},
		widths:  []float32{220, 80, 200, 100, 100, 80}}
	yn := func(b bool) string {
		if b {
			return T("ledgers.yes")
		}
		return T("ledgers.no")
	}
	t.load = func() ([][]string, []int64, error) {
		var err error
		list, err = svc.Estates(ctx, s.code)
		rows, ids := make([][]string, len(list)), make([]int64, len(list))
		for i, e := range list {
			managed := T("ledgers.no")
			if e.ManagedProperty {
				managed = e.PropertyCompany
			}
			rows[i] = []string{e.Name, strconv.Itoa(e.Households), managed, yn(e.OwnersCommittee), yn(e.SelfGovGroup), yn(e.Covered())}
			ids[i] = e.ID
		}
		return rows, ids, err
	}
	t.del = func(id int64) error { return svc.DeleteEstate(ctx, id) }
	t.edit = func(id int64) {
		e := models.Estate{DivisionCode: s.code}
		if i := slices.IndexFunc(list, func(x models.Estate) bool { return x.ID == id }); i >= 0 {
			e = list[i]
		}
		name, households, company := entry(e.Name), intEntry(e.Households), entry(e.PropertyCompany)
		managed := widget.NewCheck(T("ledgers.f_managed"), nil)
		managed.SetChecked(e.ManagedProperty)
		owners := widget.NewCheck(T("ledgers.f_owners_committee"), nil)
		owners.SetChecked(e.OwnersCommittee)
		group := widget.NewCheck(T("ledgers.f_self_gov_group"), nil)
		group.SetChecked(e.SelfGovGroup)
		s.openForm(T("ledgers.tab_estates"), []*widget.FormItem{item("ledgers.f_estate", name),
			item("ledgers.f_households", households), item("ledgers.f_property", managed),
			item("ledgers.f_company", company), item("ledgers.f_bodies", owners), widget.NewFormItem("", group),
		}, func() error {
			var r formReader
			e.Name, e.PropertyCompany = name.Text, company.Text
			e.Households = r.int(T("ledgers.f_households"), households.Text)
			e.ManagedProperty, e.OwnersCommittee, e.SelfGovGroup = managed.Checked, owners.Checked, group.Checked
			if err := r.err(); err != nil {
				return err
			}
			_, err := svc.SaveEstate(ctx, e)
			return err
		})
	}
	return t.build()
}
