package registry

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"shequ/models"
)

// OrgRow is one organisation as lists show it: personal data masked, names resolved.
type OrgRow struct {
	ID                                   int64
	Name, USCC, Form, Type, Nature       string
	Status, TownshipCode, Township       string
	Division, Leader, Phone, Established string
	Served, Grade                        string
	search                               string
}

// WorkerRow is one worker as lists show it: 身份证号 and phone masked.
type WorkerRow struct {
	ID                                        int64
	Name, Gender, IDNumber, Phone             string
	Qualification, CertNo, CertDate, Employer string
	Post, TownshipCode, Township, Division    string
	Status, OnPostFrom, OffPostOn             string
	search                                    string
}

// GridRow is one grid as lists show it.
type GridRow struct {
	ID                                             int64
	TownshipCode, Township, DivisionCode, Division string
	Name, Number, Boundary, Workers                string
	Households, Population                         int64
	search                                         string
}

// ProjectRow is one joint project as lists show it.
type ProjectRow struct {
	ID                              int64
	Title, TownshipCode, Township   string
	Division, Period, Orgs, Workers string
	Funding, Status, Outcome        string
	search                          string
}

// Filter narrows the lists; empty fields match everything.
type Filter struct {
	Text          string // inside name, code, unit, division…
	Township      string // township code
	Type          string // organisation type
	Status        string
	Qualification string
}

func (f Filter) match(search, township, status string) bool {
	return (f.Township == "" || township == f.Township) && (f.Status == "" || status == f.Status) &&
		(f.Text == "" || strings.Contains(search, strings.ToLower(strings.TrimSpace(f.Text))))
}

// FilterOrgs keeps the rows that match f; it runs in memory, so it stays fast for 10,000 rows.
func FilterOrgs(rows []OrgRow, f Filter) []OrgRow {
	out := make([]OrgRow, 0, len(rows))
	for _, r := range rows {
		if f.match(r.search, r.TownshipCode, r.Status) && (f.Type == "" || r.Type == f.Type) {
			out = append(out, r)
		}
	}
	return out
}

// FilterWorkers keeps the rows that match f.
func FilterWorkers(rows []WorkerRow, f Filter) []WorkerRow {
	out := make([]WorkerRow, 0, len(rows))
	for _, r := range rows {
		if f.match(r.search, r.TownshipCode, r.Status) && (f.Qualification == "" || r.Qualification == f.Qualification) &&
			(f.Type == "" || r.Post == f.Type) {
			out = append(out, r)
		}
	}
	return out
}

// FilterProjects keeps the rows that match f.
func FilterProjects(rows []ProjectRow, f Filter) []ProjectRow {
	out := make([]ProjectRow, 0, len(rows))
	for _, r := range rows {
		if f.match(r.search, r.TownshipCode, r.Status) {
			out = append(out, r)
		}
	}
	return out
}

func (s *Service) name(ctx context.Context, code string) string {
	if code == "" {
		return ""
	}
	d, err := s.divs.Get(ctx, code)
	if err != nil {
		return code
	}
	return d.Name
}

// OrgRows lists every organisation, pre-formatted, with the latest 评估等级.
func (s *Service) OrgRows(ctx context.Context) ([]OrgRow, error) {
	orgs, err := s.st.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	years, err := s.st.OrgYears(ctx)
	if err != nil {
		return nil, err
	}
	grade := map[int64]string{}
	for _, y := range years { // ordered by year: the last one with a grade wins
		if y.Grade != "" {
			grade[y.OrgID] = fmt.Sprintf("%s（%s 至 %s）", y.Grade, models.FormatDate(y.GradeFrom), models.FormatDate(y.GradeTo))
		}
	}
	out := make([]OrgRow, len(orgs))
	for i, o := range orgs {
		served := make([]string, len(o.ServedCodes))
		for j, c := range o.ServedCodes {
			served[j] = models.ShortName(s.name(ctx, c))
		}
		town := models.Code(o.DivisionCode).Township().String()
		r := OrgRow{ID: o.ID, Name: o.Name, USCC: o.USCC, Form: o.Form, Type: o.Type, Nature: o.Nature, Status: o.Status,
			TownshipCode: town, Township: s.name(ctx, town), Division: s.name(ctx, o.DivisionCode),
			Leader: models.MaskName(o.Leader), Phone: models.MaskPhone(o.LeaderPhone),
			Established: models.FormatDate(o.Established), Served: strings.Join(served, "、"), Grade: grade[o.ID]}
		r.search = strings.ToLower(strings.Join([]string{r.Name, r.USCC, o.RegNo, r.Division, r.Served, o.Supervisor}, "\x00"))
		out[i] = r
	}
	return out, nil
}

// WorkerRows lists every worker, pre-formatted, with personal data masked.
func (s *Service) WorkerRows(ctx context.Context) ([]WorkerRow, error) {
	ws, err := s.st.Workers(ctx)
	return s.workerRows(ctx, ws), err
}

func (s *Service) workerRows(ctx context.Context, ws []models.SocialWorker) []WorkerRow {
	out := make([]WorkerRow, len(ws))
	for i, w := range ws {
		out[i] = s.workerRow(ctx, w)
	}
	return out
}

func (s *Service) workerRow(ctx context.Context, w models.SocialWorker) WorkerRow {
	town := models.Code(w.DivisionCode).Township().String()
	r := WorkerRow{ID: w.ID, Name: w.Name, Gender: w.Gender, IDNumber: models.MaskIDNumber(w.IDNumber),
		Phone: models.MaskPhone(w.Phone), Qualification: w.Qualification, CertNo: w.CertNo,
		CertDate: models.FormatDate(w.CertDate), Employer: w.EmployerName, Post: w.Post,
		TownshipCode: town, Township: s.name(ctx, town), Division: s.name(ctx, w.DivisionCode), Status: w.Status,
		OnPostFrom: models.FormatDate(w.OnPostFrom), OffPostOn: models.FormatDate(w.OffPostOn)}
	r.search = strings.ToLower(strings.Join([]string{r.Name, r.CertNo, r.Employer, r.Post, r.Division}, "\x00"))
	return r
}

// gridRows formats grids, naming their workers from names.
func (s *Service) gridRows(ctx context.Context, gs []models.Grid, names map[int64]string) []GridRow {
	out := make([]GridRow, len(gs))
	for i, g := range gs {
		town := models.Code(g.DivisionCode).Township().String()
		var ws []string
		for _, id := range g.WorkerIDs {
			ws = append(ws, names[id])
		}
		r := GridRow{ID: g.ID, TownshipCode: town, Township: s.name(ctx, town), DivisionCode: g.DivisionCode, Division: s.name(ctx, g.DivisionCode),
			Name: g.Name, Number: g.Number, Boundary: g.Boundary, Workers: strings.Join(ws, "、"),
			Households: g.Households, Population: g.Population}
		r.search = strings.ToLower(strings.Join([]string{r.Name, r.Number, r.Division, r.Workers, r.Boundary}, "\x00"))
		out[i] = r
	}
	return out
}

func (s *Service) workerNames(ctx context.Context) (map[int64]string, error) {
	ws, err := s.st.Workers(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[int64]string, len(ws))
	for _, w := range ws {
		m[w.ID] = w.Name
	}
	return m, nil
}

// ProjectRows lists every joint project, pre-formatted.
func (s *Service) ProjectRows(ctx context.Context) ([]ProjectRow, error) {
	ps, err := s.st.Projects(ctx)
	if err != nil {
		return nil, err
	}
	wn, err := s.workerNames(ctx)
	if err != nil {
		return nil, err
	}
	orgs, err := s.st.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	on := map[int64]string{}
	for _, o := range orgs {
		on[o.ID] = o.Name
	}
	cs, err := s.budget.Contracts(ctx)
	if err != nil {
		return nil, err
	}
	ct := map[int64]string{}
	for _, c := range cs {
		ct[c.ID] = c.Title
	}
	out := make([]ProjectRow, len(ps))
	for i, p := range ps {
		var os, ws []string
		for _, id := range p.OrgIDs {
			os = append(os, on[id])
		}
		for _, id := range p.WorkerIDs {
			ws = append(ws, wn[id])
		}
		funding := p.Amount.Yuan() + " 元"
		if p.ContractID != 0 {
			funding = fmt.Sprintf("%s 元（合同：%s）", p.Amount.Yuan(), ct[p.ContractID])
		}
		town := models.Code(p.DivisionCode).Township().String()
		r := ProjectRow{ID: p.ID, Title: p.Title, TownshipCode: town, Township: s.name(ctx, town),
			Division: s.name(ctx, p.DivisionCode), Period: models.FormatDate(p.StartOn) + " 至 " + models.FormatDate(p.EndOn),
			Orgs: strings.Join(os, "、"), Workers: strings.Join(ws, "、"), Funding: funding, Status: p.Status, Outcome: p.Outcome}
		r.search = strings.ToLower(strings.Join([]string{r.Title, r.Division, r.Orgs, r.Workers, r.Outcome}, "\x00"))
		out[i] = r
	}
	return out, nil
}

// Townships are the townships (code → name) that have registry records, sorted by code.
func (s *Service) Townships(ctx context.Context) ([][2]string, error) {
	orgs, ws, gs, err := s.townshipRecords(ctx)
	if err != nil {
		return nil, err
	}
	return s.townships(ctx, orgs, ws, gs), nil
}

// townshipRecords reads the records that place the registry in townships: organisations, workers and grids.
func (s *Service) townshipRecords(ctx context.Context) ([]models.SocialOrg, []models.SocialWorker, []models.Grid, error) {
	orgs, err := s.st.Orgs(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	ws, err := s.st.Workers(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	gs, err := s.st.Grids(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	return orgs, ws, gs, nil
}

// townships lists the townships (code → name) of the records, sorted by code.
func (s *Service) townships(ctx context.Context, orgs []models.SocialOrg, ws []models.SocialWorker, gs []models.Grid) [][2]string {
	seen := map[string]bool{}
	for _, o := range orgs {
		seen[models.Code(o.DivisionCode).Township().String()] = true
	}
	for _, w := range ws {
		seen[models.Code(w.DivisionCode).Township().String()] = true
	}
	for _, g := range gs {
		seen[models.Code(g.DivisionCode).Township().String()] = true
	}
	var out [][2]string
	for c := range seen {
		if c != "" {
			out = append(out, [2]string{c, s.name(ctx, c)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
