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

// FindSheet is the first sheet whose head rows hold a header accept takes: its index and
// header, or -1 when no sheet does. A sheet that cannot be read is passed over; a cancelled ctx
// stops the search with its error.
func FindSheet(ctx context.Context, wb *Workbook, cols []Column, accept func(found map[string]int) bool) (int, Header, error) {
	for i := range wb.Sheets() {
		head, err := HeadRows(ctx, wb, i)
		if err != nil {
			if ctx.Err() != nil {
				return -1, Header{}, err
			}
			continue
		}
		if h, ok := FindHeader(head, nil, cols, accept); ok {
			return i, h, nil
		}
	}
	return -1, Header{}, nil
}
