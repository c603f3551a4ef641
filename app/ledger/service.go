package ledger

import (
	"context"
	"fmt"
	"strings"
	"time"

	"shequ/app/budget"
	"shequ/app/division"
	"shequ/app/store"
	"shequ/models"
)

// Service keeps the 民主自治台账 of each village and community (意见 三（一）、三（二）2–3):
// it validates and stores entries and counts what the township view and the checklist need.
type Service struct {
	st     *store.Store
	actor  string
	divs   *division.Service
	budget *budget.Service
	// Today is the day overdue replies, stuck consultations and due disclosures are judged on;
	// tests set it, the app leaves it to the clock.
	Today func() time.Time
}

// Params are what the service needs: the store, who is working and the division lookup.
type Params struct {
	Store     *store.Store
	Session   *models.Session
	Divisions *division.Service
	Budget    *budget.Service // the 政府购买服务 contracts a service item is linked to
}

// New makes the service.
func New(p Params) *Service {
	return &Service{st: p.Store, actor: p.Session.Actor, divs: p.Divisions, budget: p.Budget}
}

func (s *Service) today() time.Time {
	if s.Today != nil {
		return models.Day(s.Today())
	}
	return models.Day(time.Now())
}

// TodayDate is the day the ledgers are judged on (the clock, or what a test set).
func (s *Service) TodayDate() time.Time { return s.today() }

// village checks that code is a village or community, the level every ledger entry belongs to.
func (s *Service) village(ctx context.Context, code string) (models.Division, error) {
	d, err := s.divs.Get(ctx, code)
	if err != nil {
		return d, err
	}
	if d.Level != models.LevelVillage {
		return d, fmt.Errorf("%w：台账按村（社区）记录，%s 是%s", models.ErrInvalid, d.Name, d.Level.Label())
	}
	return d, nil
}

// county checks that code is a county, the level that keeps the catalogues.
func (s *Service) county(ctx context.Context, code string) error {
	d, err := s.divs.Get(ctx, code)
	if err != nil {
		return err
	}
	if d.Level != models.LevelCounty {
		return fmt.Errorf("%w：目录由县（市、区）制定，%s 是%s", models.ErrInvalid, d.Name, d.Level.Label())
	}
	return nil
}

// prefix is the code prefix that selects a division and everything under it.
func (s *Service) prefix(ctx context.Context, code string) (string, error) {
	if code == "" {
		return "", nil
	}
	d, err := s.divs.Get(ctx, code)
	if err != nil {
		return "", err
	}
	n := map[models.Level]int{models.LevelCity: 4, models.LevelCounty: 6, models.LevelTownship: 9, models.LevelVillage: 12}[d.Level]
	return code[:n], nil
}

// query selects code and what lies under it, in the year (all years when year is 0): dated
// ledgers by their date, ledgers kept per year by their year.
func (s *Service) query(ctx context.Context, code string, year int) (store.LedgerQuery, error) {
	p, err := s.prefix(ctx, code)
	q := store.LedgerQuery{DivisionPrefix: p, Year: year}
	if year != 0 {
		q.From, q.To = models.YearSpan(year)
	}
	return q, err
}

// listUnder lists the entries of kind k under code in the year (all years when year is 0).
func listUnder[M any](ctx context.Context, s *Service, k *store.LedgerKind[M], code string, year int) ([]M, error) {
	q, err := s.query(ctx, code, year)
	if err != nil {
		return nil, err
	}
	return k.List(ctx, s.st, q)
}

// saveInVillage stores an entry of a village's ledger: code must be a village and m valid, then
// each of more checks what m asks of other entries.
func saveInVillage[M interface{ Validate() error }](ctx context.Context, s *Service, k *store.LedgerKind[M], code string, m M, more ...func() error) (int64, error) {
	if _, err := s.village(ctx, code); err != nil {
		return 0, err
	}
	if err := m.Validate(); err != nil {
		return 0, err
	}
	for _, check := range more {
		if err := check(); err != nil {
			return 0, err
		}
	}
	return k.Save(ctx, s.st, m, s.actor)
}

func trim(ps ...*string) {
	for _, p := range ps {
		*p = strings.TrimSpace(*p)
	}
}

// SaveMeeting validates and stores a meeting; it returns the meeting's id.
func (s *Service) SaveMeeting(ctx context.Context, m models.Meeting) (int64, error) {
	trim(&m.Topic, &m.Agenda, &m.Minutes, &m.Decisions, &m.Attachments, &m.Project, &m.Concerned)
	return saveInVillage(ctx, s, store.MeetingLedger, m.DivisionCode, m)
}

// DeleteMeeting removes a meeting.
func (s *Service) DeleteMeeting(ctx context.Context, id int64) error {
	return store.MeetingLedger.Delete(ctx, s.st, id, s.actor)
}

// Meetings lists the meetings of code (a village, or everything under a township or county) in the year.
func (s *Service) Meetings(ctx context.Context, code string, year int) ([]models.Meeting, error) {
	return listUnder(ctx, s, store.MeetingLedger, code, year)
}

// Council is a village's current 议事会 (its latest term); found is false when none is on file.
func (s *Service) Council(ctx context.Context, code string) (c models.CouncilBody, found bool, err error) {
	cs, err := s.CouncilTerms(ctx, code)
	return latestTerm(cs, err, models.CouncilBody{DivisionCode: code})
}

// CouncilTerms lists every term (届) of a village's 议事会, the current (latest) one first.
func (s *Service) CouncilTerms(ctx context.Context, code string) ([]models.CouncilBody, error) {
	return termsOf(ctx, s, store.CouncilLedger, code)
}

// SaveCouncil validates and stores one term of a village's 议事会 (ID 0: a new term) and returns its id.
func (s *Service) SaveCouncil(ctx context.Context, c models.CouncilBody) (int64, error) {
	trim(&c.Members, &c.Selection, &c.Remit, &c.Rules)
	return saveInVillage(ctx, s, store.CouncilLedger, c.DivisionCode, c,
		termCheck(ctx, s, store.CouncilLedger, "议事会", c.DivisionCode, termSpan{c.ID, c.TermStart, c.TermEnd}, councilSpan))
}

func councilSpan(t models.CouncilBody) termSpan { return termSpan{t.ID, t.TermStart, t.TermEnd} }

// DeleteCouncilTerm removes one term of a 议事会.
func (s *Service) DeleteCouncilTerm(ctx context.Context, id int64) error {
	return store.CouncilLedger.Delete(ctx, s.st, id, s.actor)
}

// termSpan is one term of a body: its id and dates.
type termSpan struct {
	ID         int64
	Start, End time.Time
}

// termsOf lists every term of a village's body of kind k, the latest first.
func termsOf[M any](ctx context.Context, s *Service, k *store.LedgerKind[M], code string) ([]M, error) {
	if _, err := s.village(ctx, code); err != nil {
		return nil, err
	}
	return k.List(ctx, s.st, store.LedgerQuery{DivisionPrefix: code})
}

// latestTerm is the current term of a body from its terms, latest first: none (found false)
// when there is none or they could not be read.
func latestTerm[M any](terms []M, err error, none M) (M, bool, error) {
	if err != nil || len(terms) == 0 {
		return none, false, err
	}
	return terms[0], true, nil
}

// termCheck is the check of a term t of a village's body of kind k against the village's other
// terms (see checkTerm); span reads a stored term's dates.
func termCheck[M any](ctx context.Context, s *Service, k *store.LedgerKind[M], body, code string, t termSpan, span func(M) termSpan) func() error {
	return func() error {
		terms, err := k.List(ctx, s.st, store.LedgerQuery{DivisionPrefix: code})
		if err != nil {
			return err
		}
		spans := make([]termSpan, len(terms))
		for i, o := range terms {
			spans[i] = span(o)
		}
		return checkTerm(body, t, spans)
	}
}

// checkTerm refuses to update a term the village does not have, and a term overlapping another of
// the same body (the terms of a body follow each other). others are the village's terms, latest first.
func checkTerm(body string, t termSpan, others []termSpan) error {
	found := t.ID == 0
	var v models.ValidationError
	for i, o := range others {
		if o.ID == t.ID {
			found = true
			continue
		}
		if !t.Start.After(o.End) && !o.Start.After(t.End) {
			v.Add("任期", fmt.Sprintf("与第 %d 届（%s 至 %s）重叠", len(others)-i, models.FormatDate(o.Start), models.FormatDate(o.End)))
		}
	}
	if !found {
		return fmt.Errorf("%w：该村（社区）没有这一届%s（%d）", models.ErrNotFound, body, t.ID)
	}
	return v.Err()
}

// ReplyDays is the reply deadline new opinions get.
func (s *Service) ReplyDays(ctx context.Context) (int, error) { return s.st.ReplyDays(ctx) }

// SetReplyDays changes the reply deadline for opinions recorded from now on.
func (s *Service) SetReplyDays(ctx context.Context, days int) error {
	if days < 1 || days > 365 {
		return &models.ValidationError{Fields: []models.FieldError{{Field: "答复期限", Message: "应在 1 至 365 天之间"}}}
	}
	return s.st.SetReplyDays(ctx, days, s.actor)
}

// SaveOpinion validates and stores an opinion. A new opinion gets the current reply deadline.
func (s *Service) SaveOpinion(ctx context.Context, o models.Opinion) (int64, error) {
	if _, err := s.village(ctx, o.DivisionCode); err != nil {
		return 0, err
	}
	trim(&o.FromName, &o.FromPhone, &o.Content, &o.Category, &o.Handler, &o.Reply, &o.RejectReason)
	if o.ReplyDays == 0 {
		if o.ID != 0 {
			old, err := store.OpinionLedger.Get(ctx, s.st, o.ID)
			if err != nil {
				return 0, err
			}
			o.ReplyDays = old.ReplyDays
		} else {
			days, err := s.st.ReplyDays(ctx)
			if err != nil {
				return 0, err
			}
			o.ReplyDays = days
		}
	}
	if err := o.Validate(); err != nil {
		return 0, err
	}
	if o.MeetingID != 0 {
		m, err := store.MeetingLedger.Get(ctx, s.st, o.MeetingID)
		if err != nil {
			return 0, err
		}
		if m.DivisionCode != o.DivisionCode {
			return 0, fmt.Errorf("%w：来源会议不属于本村（社区）", models.ErrInvalid)
		}
	}
	return store.OpinionLedger.Save(ctx, s.st, o, s.actor)
}

// DeleteOpinion removes an opinion.
func (s *Service) DeleteOpinion(ctx context.Context, id int64) error {
	return store.OpinionLedger.Delete(ctx, s.st, id, s.actor)
}

// Opinions lists the opinions raised under code in the year.
func (s *Service) Opinions(ctx context.Context, code string, year int) ([]models.Opinion, error) {
	return listUnder(ctx, s, store.OpinionLedger, code, year)
}

// ReplyRate is the share of opinions raised under code in the year that have been answered.
func (s *Service) ReplyRate(ctx context.Context, code string, year int) (models.Ratio, error) {
	ops, err := s.Opinions(ctx, code, year)
	return replyRate(ops, ""), err
}

func replyRate(ops []models.Opinion, category string) models.Ratio {
	var r models.Ratio
	for _, o := range ops {
		if category != "" && o.Category != category {
			continue
		}
		r.Den++
		if o.Status.Answered() {
			r.Num++
		}
	}
	return r
}

// Tally counts, per village under code, the meetings held and the opinions raised in the year,
// in the database: for reports over a county or the whole city.
func (s *Service) Tally(ctx context.Context, code string, year int) (map[string]*store.LedgerCount, error) {
	q, err := s.query(ctx, code, year)
	if err != nil {
		return nil, err
	}
	return s.st.LedgerCounts(ctx, q)
}

// OverdueByDivision counts, per village under code, the unanswered opinions past their deadline
// today, whenever they were raised: the figures of OverdueOpinions without reading every opinion.
func (s *Service) OverdueByDivision(ctx context.Context, code string) (map[string]int64, error) {
	q, err := s.query(ctx, code, 0)
	if err != nil {
		return nil, err
	}
	open, err := s.st.OpenOpinionDues(ctx, q)
	if err != nil {
		return nil, err
	}
	today := s.today()
	out := map[string]int64{}
	for _, o := range open {
		if o.Overdue(today) {
			out[o.DivisionCode]++
		}
	}
	return out, nil
}

// OverdueOpinions lists the unanswered opinions under code that are past their deadline today.
func (s *Service) OverdueOpinions(ctx context.Context, code string) ([]models.Opinion, error) {
	q, err := s.query(ctx, code, 0)
	if err != nil {
		return nil, err
	}
	open, err := s.st.OpenOpinions(ctx, q)
	if err != nil {
		return nil, err
	}
	today := s.today()
	var out []models.Opinion
	for _, o := range open {
		if o.Overdue(today) {
			out = append(out, o)
		}
	}
	return out, nil
}

// StartConsultation records a new matter with its proposal (提议), the first of the six steps.
func (s *Service) StartConsultation(ctx context.Context, code, title string, proposal models.ConsultationStep) (int64, error) {
	if _, err := s.village(ctx, code); err != nil {
		return 0, err
	}
	proposal.Stage = models.StagePropose
	trim(&title, &proposal.Note, &proposal.Evidence)
	c := models.Consultation{DivisionCode: code, Title: title, Steps: []models.ConsultationStep{proposal}}
	if err := c.Validate(); err != nil {
		return 0, err
	}
	return s.st.CreateConsultation(ctx, c, s.actor)
}

// AddConsultationStep records the next step of a matter; it must be the next in order and not
// dated before the step before.
func (s *Service) AddConsultationStep(ctx context.Context, id int64, step models.ConsultationStep) error {
	c, err := s.st.Consultation(ctx, id)
	if err != nil {
		return err
	}
	trim(&step.Note, &step.Evidence)
	if err := c.CheckNextStep(step); err != nil {
		return err
	}
	return s.st.AddConsultationStep(ctx, id, len(c.Steps)+1, step, s.actor)
}

// RemoveLastConsultationStep takes back a matter's latest step.
func (s *Service) RemoveLastConsultationStep(ctx context.Context, id int64) error {
	return s.st.RemoveLastConsultationStep(ctx, id, s.actor)
}

// RenameConsultation changes a matter's title.
func (s *Service) RenameConsultation(ctx context.Context, id int64, title string) error {
	title = strings.TrimSpace(title)
	var v models.ValidationError
	if title == "" {
		v.Add("协商事项", "不能为空")
	}
	if err := v.Err(); err != nil {
		return err
	}
	return s.st.RenameConsultation(ctx, id, title, s.actor)
}

// DeleteConsultation removes a matter and its steps.
func (s *Service) DeleteConsultation(ctx context.Context, id int64) error {
	return s.st.DeleteConsultation(ctx, id, s.actor)
}

// Consultation reads one matter.
func (s *Service) Consultation(ctx context.Context, id int64) (models.Consultation, error) {
	return s.st.Consultation(ctx, id)
}

// Consultations lists the matters proposed under code in the year (all years when 0).
func (s *Service) Consultations(ctx context.Context, code string, year int) ([]models.Consultation, error) {
	q, err := s.query(ctx, code, year)
	if err != nil {
		return nil, err
	}
	return s.st.Consultations(ctx, q)
}
