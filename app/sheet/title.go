package sheet

import (
	"context"
	"regexp"
	"strconv"
)

// HeadRows reads the rows of sheet i a header can lie on: the first HeaderScanRows and the one
// below them, for a header on two rows.
func HeadRows(ctx context.Context, wb *Workbook, i int) ([]Row, error) {
	var head []Row
	err := wb.Each(ctx, i, func(r Row) error {
		if r.Num > HeaderScanRows+1 {
			return ErrStop
		}
		head = append(head, r)
		return nil
	})
	return head, err
}

var yearRe = regexp.MustCompile(`(20\d\d)\s*年`)

// TitleYear is the year a title line above the header names ("2026年…"), 0 when none does.
func TitleYear(above []Row) int {
	for _, r := range above {
		for _, c := range r.Cells {
			if m := yearRe.FindStringSubmatch(Normalize(c)); m != nil {
				y, _ := strconv.Atoi(m[1])
				return y
			}
		}
	}
	return 0
}
