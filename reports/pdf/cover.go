package pdf

import (
	"fmt"
	"strings"

	"shequ/reports/model"
)

func (d *doc) pageHeader() {
	if d.f.PageNo() == 1 && d.r != nil {
		return // the cover has no header
	}
	if d.font(faceBody, sizeSmall) != nil {
		return
	}
	d.f.SetTextColor(90, 90, 90)
	d.f.SetXY(marginLeft, 22)
	d.f.CellFormat(bodyW, 5, d.fit(d.header, bodyW-2), "", 0, "C", false, 0, "")
	d.f.SetDrawColor(160, 30, 30)
	d.f.SetLineWidth(0.4)
	d.f.Line(marginLeft, 28, pageW-marginRight, 28)
	d.f.SetLineWidth(0.2)
	d.f.SetTextColor(0, 0, 0)
	d.f.SetDrawColor(0, 0, 0)
	d.f.SetXY(marginLeft, marginTop)
}

// footers writes the page number in the official style (GB/T 9704 7.5): "— 2 —" under the
// text, on the outer side — odd pages right, even pages left, one character in from the edge.
func (d *doc) footers(first int) error {
	n := d.f.PageCount()
	for p := first; p <= n; p++ {
		d.f.SetPage(p)
		if err := d.font(faceBody, sizePageNo); err != nil {
			return err
		}
		d.f.SetTextColor(0, 0, 0)
		d.f.SetXY(marginLeft+5, pageH-marginBottom+10)
		align := "R"
		if p%2 == 0 {
			align = "L"
		}
		d.f.CellFormat(bodyW-10, 7, fmt.Sprintf("— %d —", p), "", 0, align, false, 0, "")
	}
	d.f.SetPage(n)
	return d.f.Error()
}

func formatDateCN(r *model.Report) string {
	return fmt.Sprintf("%d年%d月%d日", r.Date.Year(), int(r.Date.Month()), r.Date.Day())
}

func (d *doc) cover() error {
	f := d.f
	f.AddPage()
	if err := d.font(faceTitle, sizeTitle); err != nil {
		return err
	}
	f.SetTextColor(170, 20, 20)
	title, sub := d.r.Title, ""
	if i := strings.LastIndex(title, "（"); i > 0 {
		title, sub = title[:i], title[i:]
	}
	// GB/T 9704: the title stands without 《》.
	lines := d.wrap(title+sub, bodyW)
	if sub != "" && len(lines) > 1 {
		lines = append(d.wrap(title, bodyW), sub)
	}
	y := 95.0 - float64(len(lines))*6
	for _, l := range lines {
		f.SetXY(marginLeft, y)
		f.CellFormat(bodyW, 13, l, "", 0, "C", false, 0, "")
		y += 13
	}
	f.SetDrawColor(170, 20, 20)
	f.SetLineWidth(0.8)
	f.Line(marginLeft, y+8, pageW-marginRight, y+8)
	f.SetLineWidth(0.2)
	f.SetDrawColor(0, 0, 0)
	f.SetTextColor(0, 0, 0)
	if err := d.font(faceBody, sizeSection); err != nil {
		return err
	}
	f.SetXY(marginLeft, 200)
	f.CellFormat(bodyW, 10, d.r.Unit, "", 2, "C", false, 0, "")
	f.SetX(marginLeft)
	f.CellFormat(bodyW, 10, formatDateCN(d.r), "", 0, "C", false, 0, "")
	return f.Error()
}

// contents fills the page reserved after the cover, now that the sections' pages are known.
func (d *doc) contents(page int, starts []int) error {
	f := d.f
	f.SetPage(page)
	if err := d.font(faceTitle, sizeTitle); err != nil {
		return err
	}
	f.SetXY(marginLeft, marginTop+4)
	f.CellFormat(bodyW, 14, "目　　录", "", 1, "C", false, 0, "")
	f.Ln(6)
	if err := d.font(faceBody, sizeHeading); err != nil {
		return err
	}
	for i, label := range d.r.Labels() {
		num := fmt.Sprint(starts[i])
		label = d.fit(label, bodyW-30)
		lw, nw := f.GetStringWidth(label), f.GetStringWidth(num)
		dot := f.GetStringWidth(".")
		dots := max(0, int((bodyW-lw-nw-6)/dot))
		y := f.GetY()
		f.SetXY(marginLeft, y)
		f.CellFormat(bodyW, 10, label+" "+strings.Repeat(".", dots), "", 0, "L", false, 0, "")
		f.SetXY(marginLeft, y)
		f.CellFormat(bodyW, 10, num, "", 1, "R", false, 0, "")
		f.Link(marginLeft, y, bodyW, 10, d.linkTo(starts[i]))
	}
	return f.Error()
}

func (d *doc) linkTo(page int) int {
	l := d.f.AddLink()
	d.f.SetLink(l, 0, page)
	return l
}
