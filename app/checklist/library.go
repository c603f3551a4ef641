package checklist

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"shequ/app/store"
	"shequ/models"
)

// ParseIndicatorsCSV reads an indicator library in the columns of standard-indicators.csv.
func ParseIndicatorsCSV(r io.Reader) ([]models.Indicator, error) {
	cr := csv.NewReader(r)
	cr.LazyQuotes = true // sources quote titles with bare "…" inside fields
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("无法读取表头：%w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	need := []string{"code", "dimension", "name", "requirement", "method", "unit", "target_community", "target_village", "points", "mandatory", "source"}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return nil, fmt.Errorf("缺少列 %s", n)
		}
	}
	var out []models.Indicator
	seen := map[string]bool{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("第 %d 行：%w", line, err)
		}
		get := func(k string) string { return strings.TrimSpace(rec[col[k]]) }
		num := func(k string) float64 {
			f, e := strconv.ParseFloat(get(k), 64)
			if e != nil && err == nil {
				err = fmt.Errorf("第 %d 行 %s 不是数字：%s", line, k, get(k))
			}
			return f
		}
		in := models.Indicator{Code: get("code"), Dimension: get("dimension"), Name: get("name"), Requirement: get("requirement"),
			Method: models.Method(get("method")), Unit: get("unit"), TargetCommunity: num("target_community"),
			TargetVillage: num("target_village"), Points: int(num("points")), Mandatory: get("mandatory") == "是",
			Source: get("source"), Sort: len(out) + 1}
		if err != nil {
			return nil, err
		}
		if err := in.Validate(); err != nil {
			return nil, fmt.Errorf("第 %d 行（%s）：%w", line, in.Code, err)
		}
		if seen[in.Code] {
			return nil, fmt.Errorf("第 %d 行：指标编号 %s 重复", line, in.Code)
		}
		seen[in.Code] = true
		out = append(out, in)
	}
	return out, nil
}

// Library is the county's current indicator library for year (or, before the county has edited
// one, the library it will start from).
func (s *Service) Library(ctx context.Context, county string, year int) (models.Library, error) {
	return s.st.ChecklistLibraryFor(ctx, county, year)
}

func (s *Service) requireEditor() error {
	return s.session.Require(models.RoleAdmin, models.RoleEditor)
}

// requireLibraryEditor refuses a change of the county's library to anyone but an administrator;
// on a shared database the library is the county's, so a township's accounts use it (their first
// 自查 of a year creates it) but may not change it, which the database enforces as well.
func (s *Service) requireLibraryEditor() error {
	if s.session.Shared && s.session.Scope == models.LevelTownship {
		return fmt.Errorf("%w：指标库是全县共用的，只有县级或全库范围的管理员账号可以修改；乡镇（街道）的账号只能使用它", models.ErrForbidden)
	}
	if err := s.session.Require(models.RoleAdmin); err != nil {
		return fmt.Errorf("%w：指标库只能由管理员账号修改", err)
	}
	return nil
}

// SaveIndicator adds an indicator to the county's library for year or changes one (matched by code).
func (s *Service) SaveIndicator(ctx context.Context, county string, year int, in models.Indicator) (int64, error) {
	if err := s.requireLibraryEditor(); err != nil {
		return 0, err
	}
	if err := in.Validate(); err != nil {
		return 0, err
	}
	return s.st.EditChecklistLibrary(ctx, county, year, s.actor, func(lib *models.Library) ([]store.FieldChange, error) {
		for i, old := range lib.Indicators {
			if old.Code == in.Code {
				in.Sort = old.Sort
				lib.Indicators[i] = in
				return indicatorChanges(old, in), nil
			}
		}
		in.Sort = len(lib.Indicators) + 1
		lib.Indicators = append(lib.Indicators, in)
		return []store.FieldChange{{Field: "新增指标", After: in.Code + " " + in.Name}}, nil
	})
}

func indicatorChanges(a, b models.Indicator) []store.FieldChange {
	var out []store.FieldChange
	add := func(label, x, y string) {
		if x != y {
			out = append(out, store.FieldChange{Field: a.Code + " " + label, Before: x, After: y})
		}
	}
	add("名称", a.Name, b.Name)
	add("要求", a.Requirement, b.Requirement)
	add("社区目标值", models.FormatNumber(a.TargetCommunity), models.FormatNumber(b.TargetCommunity))
	add("村目标值", models.FormatNumber(a.TargetVillage), models.FormatNumber(b.TargetVillage))
	add("分值", strconv.Itoa(a.Points), strconv.Itoa(b.Points))
	add("否决项", checkYesNo(a.Mandatory), checkYesNo(b.Mandatory))
	add("评价方式", a.Method.Label(), b.Method.Label())
	add("停用", checkYesNo(a.Retired), checkYesNo(b.Retired))
	return out
}

func checkYesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// RetireIndicator stops assessing an indicator from now on; it stays in older versions.
func (s *Service) RetireIndicator(ctx context.Context, county string, year int, code string) (int64, error) {
	if err := s.requireLibraryEditor(); err != nil {
		return 0, err
	}
	return s.st.EditChecklistLibrary(ctx, county, year, s.actor, func(lib *models.Library) ([]store.FieldChange, error) {
		for i, in := range lib.Indicators {
			if in.Code == code {
				if in.Retired {
					return nil, fmt.Errorf("%w：指标 %s 已停用", models.ErrConflict, code)
				}
				lib.Indicators[i].Retired = true
				return []store.FieldChange{{Field: code + " 停用", Before: "否", After: "是"}}, nil
			}
		}
		return nil, fmt.Errorf("%w：指标 %s", models.ErrNotFound, code)
	})
}

// SetLevels changes the county's level thresholds for year.
func (s *Service) SetLevels(ctx context.Context, county string, year int, r models.LevelRule) (int64, error) {
	if err := s.requireLibraryEditor(); err != nil {
		return 0, err
	}
	if err := r.Validate(); err != nil {
		return 0, err
	}
	return s.st.EditChecklistLibrary(ctx, county, year, s.actor, func(lib *models.Library) ([]store.FieldChange, error) {
		old := lib.Levels
		lib.Levels = r
		f := func(x models.LevelRule) string {
			return fmt.Sprintf("达标%d/良好%d/优秀%d", x.Standard, x.Good, x.Excellent)
		}
		return []store.FieldChange{{Field: "等次分数线", Before: f(old), After: f(r)}}, nil
	})
}
