package budget

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"shequ/app/sheet"
	"shequ/app/store"
	"shequ/models"
)

// nameInUse says which category a name (or its spelling with other brackets, spaces or
// widths) already stands for, "" when it is free: a name may be a category or an alias once.
func (s *Service) nameInUse(ctx context.Context, name string) (string, error) {
	lk, err := s.lookups(ctx)
	if err != nil {
		return "", err
	}
	if id, ok := lk.cats[sheet.Normalize(name)]; ok {
		return lk.catName[id], nil
	}
	return "", nil
}

func (s *Service) checkNewName(ctx context.Context, label, name string) (string, error) {
	name, err := cleanName(label, name)
	if err != nil {
		return "", err
	}
	used, err := s.nameInUse(ctx, name)
	if err != nil {
		return "", err
	}
	if used != "" {
		return "", fmt.Errorf("%w：“%s”已是经费类别“%s”的名称或别名，同一名称只能用一次", models.ErrConflict, name, used)
	}
	return name, nil
}

// LineInput is a line a clerk enters by hand; AmountText is in 元.
type LineInput struct {
	Year         int
	DivisionCode string
	CategoryID   int64
	Item         string
	AmountText   string
	SourceID     int64
	Note         string
}

// AddLine validates and records a budget line entered by hand (audited like every write).
func (s *Service) AddLine(ctx context.Context, in LineInput) (int64, error) {
	var v models.ValidationError
	l := models.BudgetLine{Year: in.Year, DivisionCode: strings.TrimSpace(in.DivisionCode), CategoryID: in.CategoryID,
		Item: strings.TrimSpace(in.Item), SourceID: in.SourceID, Note: strings.TrimSpace(in.Note)}
	amount, err := models.ParseAmount(in.AmountText, models.Yuan)
	if err != nil {
		v.Add("金额", sheet.Reason(err))
	} else {
		l.Amount = amount
	}
	if err := l.Validate(); err != nil {
		var ve *models.ValidationError
		if !errors.As(err, &ve) {
			return 0, err
		}
		for _, f := range ve.Fields {
			if f.Field == "金额" && len(v.Fields) > 0 {
				continue // already said why the amount could not be read
			}
			v.Add(f.Field, f.Message)
		}
	}
	if l.DivisionCode != "" && models.ValidateCode(l.DivisionCode) == nil {
		if _, err := s.divisions.Get(ctx, l.DivisionCode); err != nil {
			v.Add("区划", "区划代码 "+l.DivisionCode+" 不存在")
		}
	}
	lk, err := s.lookups(ctx)
	if err != nil {
		return 0, err
	}
	if _, ok := lk.catName[l.CategoryID]; l.CategoryID != 0 && !ok {
		v.Add("经费类别", "所选经费类别不存在")
	}
	if _, ok := lk.srcName[l.SourceID]; l.SourceID != 0 && !ok {
		v.Add("资金来源", "所选资金来源不存在")
	}
	if err := v.Err(); err != nil {
		return 0, err
	}
	return s.st.CreateBudgetLine(ctx, l, s.actor)
}

// Rate groupings for ExecutionSummary.
const (
	RateByDivision = "division" // by township (a village's lines count for its township); county-level lines apart
	RateByCategory = "category"
	RateByYear     = "year"
)

// RateRow is one group of an execution summary, ready for a table.
type RateRow struct {
	Name      string
	Lines     int
	Amount    models.Fen
	Disbursed models.Fen
	Rate      string
}

// ExecutionSummary sums budget and disbursed amounts and the execution rate by township,
// category or year; year 0 takes every year (grouping by year always does).
func (s *Service) ExecutionSummary(ctx context.Context, by string, year int) ([]RateRow, error) {
	if by == RateByYear {
		year = 0
	}
	grouping, ok := map[string]string{RateByCategory: store.BudgetByCategory, RateByYear: store.BudgetByYear,
		RateByDivision: store.BudgetByTownship}[by]
	if !ok {
		return nil, fmt.Errorf("%w：未知的汇总方式“%s”", models.ErrInvalid, by)
	}
	sums, err := s.st.SumBudgetLinesBy(ctx, store.BudgetLineFilter{Year: year}, grouping)
	if err != nil {
		return nil, err
	}
	lk, err := s.lookups(ctx)
	if err != nil {
		return nil, err
	}
	type group struct {
		key string
		row RateRow
	}
	groups := map[string]*group{}
	for k, sum := range sums {
		key, name := k, k
		switch by {
		case RateByCategory:
			id, _ := strconv.ParseInt(k, 10, 64)
			key, name = fmt.Sprintf("%08d", id), lk.catName[id]
		case RateByYear:
			name = k + "年"
		case RateByDivision:
			if d, err := s.divisions.Get(ctx, key); err == nil {
				name = d.Name
				if d.Level == models.LevelCounty {
					name += "（本级）"
				}
			}
		}
		groups[key] = &group{key: key, row: RateRow{Name: name, Lines: sum.Lines, Amount: sum.Amount, Disbursed: sum.Disbursed}}
	}
	list := make([]*group, 0, len(groups))
	for _, g := range groups {
		list = append(list, g)
	}
	sort.Slice(list, func(i, j int) bool {
		if by == RateByYear {
			return list[i].key > list[j].key
		}
		return list[i].key < list[j].key
	})
	out := make([]RateRow, len(list))
	for i, g := range list {
		g.row.Rate = rateText(g.row.Disbursed, g.row.Amount)
		out[i] = g.row
	}
	return out, nil
}
