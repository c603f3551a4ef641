// Package division answers questions about the division tree (市、县、乡镇、村（社区）) and edits
// divisions and community profiles; every other area resolves names and codes through it.
package division

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"shequ/app/store"
	"shequ/models"
)

// Service answers questions about the division tree and edits divisions and profiles.
// The whole tree (a few thousand rows) is held in memory, so browsing it and turning codes into
// names never wait on the database; a search reads its window of hits from the database.
type Service struct {
	st    *store.Store
	actor string

	mu     sync.Mutex
	idx    *divisionIndex
	byName *nameIndex // built from idx on first name lookup (resolve.go)
}

type divisionIndex struct {
	byCode   map[string]models.Division
	children map[string][]string // parent code → child codes in code order; "" holds the top level
}

// Params are what the service needs.
type Params struct {
	Store   *store.Store
	Session *models.Session
}

// New makes the service; the tree is read on first use.
func New(p Params) *Service { return &Service{st: p.Store, actor: p.Session.Actor} }

// Invalidate drops the tree held in memory: after an edit, and after a restore replaced the
// database.
func (s *Service) Invalidate() {
	s.mu.Lock()
	s.idx = nil
	s.mu.Unlock()
}

func (s *Service) index(ctx context.Context) (*divisionIndex, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idx != nil {
		return s.idx, nil
	}
	divs, err := s.st.Divisions(ctx)
	if err != nil {
		return nil, err
	}
	idx := &divisionIndex{
		byCode:   make(map[string]models.Division, len(divs)),
		children: map[string][]string{},
	}
	for _, d := range divs {
		idx.byCode[d.Code] = d
		idx.children[d.ParentCode] = append(idx.children[d.ParentCode], d.Code)
	}
	s.idx = idx
	return idx, nil
}

// Load reads the tree into memory; later calls are free until something changes.
func (s *Service) Load(ctx context.Context) error {
	_, err := s.index(ctx)
	return err
}

// Get returns one division.
func (s *Service) Get(ctx context.Context, code string) (models.Division, error) {
	idx, err := s.index(ctx)
	if err != nil {
		return models.Division{}, err
	}
	d, ok := idx.byCode[code]
	if !ok {
		return d, fmt.Errorf("%w：区划代码 %s", models.ErrNotFound, code)
	}
	return d, nil
}

// Roots are the counties: the tree a clerk browses starts there.
func (s *Service) Roots(ctx context.Context) ([]models.Division, error) {
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	var out []models.Division
	for _, c := range idx.children[""] {
		for _, cc := range idx.children[c] {
			out = append(out, idx.byCode[cc])
		}
	}
	return out, nil
}

// Children lists the divisions directly under code, in code order.
func (s *Service) Children(ctx context.Context, code string) ([]models.Division, error) {
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	kids := idx.children[code]
	out := make([]models.Division, len(kids))
	for i, c := range kids {
		out[i] = idx.byCode[c]
	}
	return out, nil
}

// Ancestors lists the divisions above code, top first (the city, the county, the township).
func (s *Service) Ancestors(ctx context.Context, code string) ([]models.Division, error) {
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	return idx.above(code), nil
}

// above lists the divisions above code, top first.
func (idx *divisionIndex) above(code string) []models.Division {
	var out []models.Division
	for p := idx.byCode[code].ParentCode; p != ""; p = idx.byCode[p].ParentCode {
		out = append([]models.Division{idx.byCode[p]}, out...)
	}
	return out
}

// Query is a division search: the text (part of a name, of its short form or of the code),
// and which levels and whether retired divisions count.
type Query = store.DivisionQuery

// Hit is one division a search found, with where it lies: "南部县 建兴镇" for a village, the
// county for a township, "" for a county.
type Hit struct {
	models.Division
	Path string
}

// CountSearch counts what a search finds, in the database.
func (s *Service) CountSearch(ctx context.Context, q Query) (int, error) {
	return s.st.CountDivisionSearch(ctx, q)
}

// Search lists one window of what a search finds, read from the database: active divisions
// first, then retired ones, each in code order; limit 0 lists all.
func (s *Service) Search(ctx context.Context, q Query, offset, limit int) ([]Hit, error) {
	found, err := s.st.SearchDivisions(ctx, q, offset, limit)
	if err != nil || len(found) == 0 {
		return nil, err
	}
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Hit, len(found))
	for i, d := range found {
		var path []string
		for _, a := range idx.above(d.Code) {
			if a.Level != models.LevelCity {
				path = append(path, a.Name)
			}
		}
		out[i] = Hit{Division: d, Path: strings.Join(path, " ")}
	}
	return out, nil
}

// Profile returns a village's or community's profile (empty if none saved yet).
func (s *Service) Profile(ctx context.Context, code string) (models.CommunityProfile, error) {
	p, _, err := s.st.Profile(ctx, code)
	return p, err
}

// SaveProfile validates and stores a profile.
func (s *Service) SaveProfile(ctx context.Context, p models.CommunityProfile) error {
	d, err := s.Get(ctx, p.DivisionCode)
	if err != nil {
		return err
	}
	if d.Level != models.LevelVillage {
		return fmt.Errorf("%w：只有村（社区）有社区档案，%s 是%s", models.ErrInvalid, d.Name, d.Level.Label())
	}
	p.Address, p.Phone = strings.TrimSpace(p.Address), strings.TrimSpace(p.Phone)
	if err := p.Validate(); err != nil {
		return err
	}
	return s.st.SaveProfile(ctx, p, s.actor)
}

// NewDivision is what a clerk enters to add a division.
type NewDivision struct {
	ParentCode  string
	Code        string
	Name        string
	EffectiveOn time.Time
	Note        string
}

// Create adds a division under an existing parent, one level below it.
func (s *Service) Create(ctx context.Context, in NewDivision) (models.Division, error) {
	parent, err := s.Get(ctx, in.ParentCode)
	if err != nil {
		return models.Division{}, err
	}
	var v models.ValidationError
	in.Code, in.Name = strings.TrimSpace(in.Code), strings.TrimSpace(in.Name)
	level := parent.Level.Child()
	switch {
	case level == "":
		v.Add("上级区划", parent.Name+" 是村（社区），不能再有下级")
	case !parent.Active():
		v.Add("上级区划", parent.Name+" 已撤销，不能新增下级")
	}
	if err := models.ValidateCode(in.Code); err != nil {
		v.Add("区划代码", "应为 12 位数字")
	} else if level != "" && !models.CodeFitsParent(in.Code, level, parent.Code) {
		v.Add("区划代码", fmt.Sprintf("%s 与上级 %s（%s）的代码前缀不一致", in.Code, parent.Name, parent.Code))
	} else if existing, err := s.Get(ctx, in.Code); err == nil {
		v.Add("区划代码", fmt.Sprintf("%s 已被“%s”使用", in.Code, existing.Name))
	}
	if in.Name == "" {
		v.Add("名称", "不能为空")
	} else if len([]rune(in.Name)) > 50 {
		v.Add("名称", "不能超过 50 个字")
	}
	if in.EffectiveOn.IsZero() {
		v.Add("生效日期", "不能为空")
	}
	if err := v.Err(); err != nil {
		return models.Division{}, err
	}
	d := models.Division{Code: in.Code, Name: in.Name, Level: level, ParentCode: parent.Code}
	if err := s.st.CreateDivision(ctx, d, in.EffectiveOn, strings.TrimSpace(in.Note), s.actor); err != nil {
		return models.Division{}, err
	}
	s.Invalidate()
	return d, nil
}

// Rename gives a division a new official name; the old one stays in its history.
func (s *Service) Rename(ctx context.Context, code, newName string, effective time.Time, note string) error {
	d, err := s.Get(ctx, code)
	if err != nil {
		return err
	}
	var v models.ValidationError
	newName = strings.TrimSpace(newName)
	switch {
	case newName == "":
		v.Add("新名称", "不能为空")
	case newName == d.Name:
		v.Add("新名称", "与原名称相同")
	case len([]rune(newName)) > 50:
		v.Add("新名称", "不能超过 50 个字")
	}
	if !d.Active() {
		v.Add("区划", d.Name+" 已撤销，不能更名")
	}
	if effective.IsZero() {
		v.Add("生效日期", "不能为空")
	}
	if err := v.Err(); err != nil {
		return err
	}
	if err := s.st.RenameDivision(ctx, code, d.Name, newName, effective, strings.TrimSpace(note), s.actor); err != nil {
		return err
	}
	s.Invalidate()
	return nil
}

// Retire takes a division out of use; successor (optional) is the division it was merged into.
func (s *Service) Retire(ctx context.Context, code, successor string, effective time.Time, note string) error {
	d, err := s.Get(ctx, code)
	if err != nil {
		return err
	}
	var v models.ValidationError
	if !d.Active() {
		v.Add("区划", d.Name+" 已经撤销")
	}
	successor = strings.TrimSpace(successor)
	if successor != "" {
		if sd, err := s.Get(ctx, successor); err != nil {
			v.Add("并入区划", "代码 "+successor+" 不存在")
		} else if sd.Code == code {
			v.Add("并入区划", "不能并入自身")
		} else if sd.Level != d.Level || !sd.Active() {
			v.Add("并入区划", fmt.Sprintf("%s 应为在用的%s", sd.Name, d.Level.Label()))
		}
	}
	if effective.IsZero() {
		v.Add("生效日期", "不能为空")
	}
	if err := v.Err(); err != nil {
		return err
	}
	if err := s.st.RetireDivision(ctx, code, successor, effective, strings.TrimSpace(note), s.actor); err != nil {
		return err
	}
	s.Invalidate()
	return nil
}

// History is the code history of one division.
func (s *Service) History(ctx context.Context, code string) ([]models.DivisionChange, error) {
	return s.st.DivisionHistory(ctx, code)
}

// ProfileHouseholds maps each division under prefix that has a community profile to its
// households and population.
func (s *Service) ProfileHouseholds(ctx context.Context, prefix string) (map[string][2]int64, error) {
	return s.st.ProfileHouseholds(ctx, prefix)
}
