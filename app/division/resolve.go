package division

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"shequ/app/sheet"
	"shequ/models"
)

// nameIndex finds active divisions by the names clerks write: official ("龙门村民委员会"),
// short ("龙门村") or bare ("龙门"). It is built from the code index and rebuilt with it.
type nameIndex struct {
	from      *divisionIndex
	townships map[string]map[string][]string // county code → name key → township codes
	villages  map[string]map[string][]string // township code → name key → village codes
	inCounty  map[string]map[string][]string // county code → name key → village codes
	anyTown   map[string][]string            // name key → township codes in every county
	anyVill   map[string][]string            // name key → village codes in every county
}

// nameKeys are the forms a division is found by: its short form and its bare stem.
func nameKeys(name string) (short, bare string) {
	short = models.ShortName(sheet.Normalize(name))
	bare = short
	for _, suf := range []string{"社区", "村", "街道", "镇", "乡"} {
		if strings.HasSuffix(bare, suf) && len(bare) > len(suf) {
			bare = strings.TrimSuffix(bare, suf)
			break
		}
	}
	return short, bare
}

func addKey(m map[string]map[string][]string, outer, key, code string) {
	if m[outer] == nil {
		m[outer] = map[string][]string{}
	}
	if list := m[outer][key]; len(list) == 0 || list[len(list)-1] != code {
		m[outer][key] = append(list, code)
	}
}

// countyOf is the county a village or township belongs to.
func countyOf(code string) string { return models.Code(code).County().String() }

func (s *Service) names(ctx context.Context) (*divisionIndex, *nameIndex, error) {
	idx, err := s.index(ctx)
	if err != nil {
		return nil, nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byName != nil && s.byName.from == idx {
		return idx, s.byName, nil
	}
	n := &nameIndex{from: idx, townships: map[string]map[string][]string{}, villages: map[string]map[string][]string{},
		inCounty: map[string]map[string][]string{}, anyTown: map[string][]string{}, anyVill: map[string][]string{}}
	codes := make([]string, 0, len(idx.byCode))
	for c := range idx.byCode {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, code := range codes {
		d := idx.byCode[code]
		if !d.Active() || len(code) != 12 {
			continue
		}
		short, bare := nameKeys(d.Name)
		for _, k := range []string{short, "~" + bare} {
			switch d.Level {
			case models.LevelTownship:
				addKey(n.townships, countyOf(code), k, code)
				n.anyTown[k] = append(n.anyTown[k], code)
			case models.LevelVillage:
				addKey(n.villages, d.ParentCode, k, code)
				addKey(n.inCounty, countyOf(code), k, code)
				n.anyVill[k] = append(n.anyVill[k], code)
			}
		}
	}
	s.byName = n
	return idx, n, nil
}

// lookup finds name under m[outer]: the short form first, the bare stem when that finds nothing.
func lookup(m map[string][]string, name string) []string {
	short, bare := nameKeys(name)
	if got := m[short]; len(got) > 0 {
		return got
	}
	return m["~"+bare]
}

// CountiesFor lists the counties a line could belong to, judged by its code or its names; an
// importer uses it to find the one county a sheet is about.
func (s *Service) CountiesFor(ctx context.Context, code, township, village string) ([]string, error) {
	idx, n, err := s.names(ctx)
	if err != nil {
		return nil, err
	}
	if code = strings.TrimSpace(code); code != "" {
		if d, ok := idx.byCode[code]; ok && len(code) == 12 && d.Level != models.LevelCity {
			return []string{countyOf(code)}, nil
		}
		return nil, nil
	}
	var hits []string
	if strings.TrimSpace(township) != "" {
		hits = lookup(n.anyTown, township)
	} else if strings.TrimSpace(village) != "" {
		hits = lookup(n.anyVill, village)
	}
	seen := map[string]bool{}
	var out []string
	for _, h := range hits {
		if c := countyOf(h); !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out, nil
}

// describe names a division with its township for a candidate list: "巨龙镇 街道社区居民委员会（511323102001）".
func describe(idx *divisionIndex, code string) string {
	d := idx.byCode[code]
	if d.Level == models.LevelVillage {
		return fmt.Sprintf("%s %s（%s）", idx.byCode[d.ParentCode].Name, d.Name, code)
	}
	return fmt.Sprintf("%s（%s）", d.Name, code)
}

func describeAll(idx *divisionIndex, codes []string, limit int) string {
	parts := make([]string, 0, len(codes))
	for i, c := range codes {
		if i == limit {
			parts = append(parts, fmt.Sprintf("等 %d 处", len(codes)))
			break
		}
		parts = append(parts, describe(idx, c))
	}
	return strings.Join(parts, "、")
}

func elsewhere(idx *divisionIndex, codes []string, county string) string {
	var other []string
	for _, c := range codes {
		if countyOf(c) != county {
			other = append(other, idx.byCode[countyOf(c)].Name+" "+describe(idx, c))
		}
	}
	if len(other) == 0 {
		return ""
	}
	if len(other) > 3 {
		other = append(other[:3], fmt.Sprintf("等 %d 处", len(other)))
	}
	return "；在其他县有：" + strings.Join(other, "、")
}

// ResolveInCounty finds the division a sheet line means inside county: by its 12-digit code
// when given, otherwise by township and village names (official or short). A line with a
// township and no village is township-level. The error is a Chinese sentence naming what was
// found and the candidates.
func (s *Service) ResolveInCounty(ctx context.Context, county, code, township, village string) (models.Division, error) {
	idx, n, err := s.names(ctx)
	if err != nil {
		return models.Division{}, err
	}
	cname := idx.byCode[county].Name
	code, township, village = strings.TrimSpace(code), strings.TrimSpace(township), strings.TrimSpace(village)
	if code != "" {
		code = strings.Map(func(r rune) rune {
			if r >= '０' && r <= '９' {
				return '0' + r - '０'
			}
			return r
		}, code)
		if models.ValidateCode(code) != nil {
			return models.Division{}, fmt.Errorf("%w：区划代码应为 12 位数字", models.ErrInvalid)
		}
		d, ok := idx.byCode[code]
		switch {
		case !ok:
			return d, fmt.Errorf("%w：区划代码 %s 不存在", models.ErrNotFound, code)
		case countyOf(code) != county || d.Level == models.LevelCity:
			return d, fmt.Errorf("%w：区划代码 %s（%s）属于%s，不在%s", models.ErrInvalid, code, d.Name, idx.byCode[countyOf(code)].Name, cname)
		case !d.Active():
			return d, fmt.Errorf("%w：区划 %s（%s）已撤销", models.ErrInvalid, d.Name, code)
		}
		return d, nil
	}
	if township == "" && village == "" {
		return models.Division{}, fmt.Errorf("%w：没有填写区划代码，也没有填写乡镇（街道）和村（社区）", models.ErrInvalid)
	}
	var towns []string
	if township != "" {
		towns = lookup(n.townships[county], township)
		switch {
		case len(towns) == 0:
			return models.Division{}, fmt.Errorf("%w：%s没有乡镇（街道）“%s”%s", models.ErrNotFound, cname, township, elsewhere(idx, lookup(n.anyTown, township), county))
		case len(towns) > 1:
			return models.Division{}, fmt.Errorf("%w：“%s”在%s有 %d 处：%s，请填写区划代码", models.ErrConflict, township, cname, len(towns), describeAll(idx, towns, 8))
		}
		if village == "" {
			return idx.byCode[towns[0]], nil
		}
		vills := lookup(n.villages[towns[0]], village)
		switch len(vills) {
		case 1:
			return idx.byCode[vills[0]], nil
		case 0:
			msg := fmt.Sprintf("%s下没有村（社区）“%s”", idx.byCode[towns[0]].Name, village)
			if inCounty := lookup(n.inCounty[county], village); len(inCounty) > 0 {
				msg += "；" + cname + "有：" + describeAll(idx, inCounty, 8)
			} else {
				msg += elsewhere(idx, lookup(n.anyVill, village), county)
			}
			return models.Division{}, fmt.Errorf("%w：%s", models.ErrNotFound, msg)
		default:
			return models.Division{}, fmt.Errorf("%w：%s下有 %d 个“%s”：%s，请填写区划代码", models.ErrConflict, idx.byCode[towns[0]].Name, len(vills), village, describeAll(idx, vills, 8))
		}
	}
	vills := lookup(n.inCounty[county], village)
	switch len(vills) {
	case 1:
		return idx.byCode[vills[0]], nil
	case 0:
		return models.Division{}, fmt.Errorf("%w：%s没有村（社区）“%s”%s", models.ErrNotFound, cname, village, elsewhere(idx, lookup(n.anyVill, village), county))
	}
	return models.Division{}, fmt.Errorf("%w：“%s”在%s有 %d 处：%s，请填写乡镇（街道）或区划代码", models.ErrConflict, village, cname, len(vills), describeAll(idx, vills, 8))
}
