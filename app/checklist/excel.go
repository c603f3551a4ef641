package checklist

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"shequ/app/sheet"
	"shequ/app/store"
	"shequ/models"
	"shequ/reports/xlsx"
)

// assessmentFixed are the leading columns of an assessment sheet.
var assessmentFixed = []sheet.Column{
	{Key: "code", Names: []string{"区划代码", "统计用区划代码", "代码"}},
	{Key: "township", Names: []string{"乡镇(街道)", "乡镇", "街道"}},
	{Key: "village", Names: []string{"村(社区)", "村", "社区", "村(社区)名称"}},
}

// proposalMark starts a cell that holds shequ's proposal rather than an entered value. The import
// reads such a cell as "not entered", so a proposal that went stale after the export is never
// saved as if a clerk had entered it; the clerk confirms a proposal by typing the value.
const proposalMark = "建议："

// exportScope is what an export of scope covers: every county ("" scope), one county, or one
// township of a county.
func (s *Service) exportScope(ctx context.Context, scope string) (counties []models.Division, township string, err error) {
	if scope == "" {
		roots, err := s.divs.Roots(ctx)
		if err != nil {
			return nil, "", err
		}
		counties = roots
	} else {
		d, err := s.divs.Get(ctx, scope)
		if err != nil {
			return nil, "", err
		}
		switch d.Level {
		case models.LevelCounty:
			counties = []models.Division{d}
		case models.LevelTownship:
			township = d.Code
			c, err := s.divs.Get(ctx, d.ParentCode)
			if err != nil {
				return nil, "", err
			}
			counties = []models.Division{c}
		default:
			return nil, "", fmt.Errorf("%w：请选择县（市、区）或乡镇（街道），%s是%s", models.ErrInvalid, d.Name, d.Level.Label())
		}
	}
	return counties, township, nil
}

// activeVillages lists, per county, its active villages and communities (only township's when
// it is set), and how many there are in all.
func (s *Service) activeVillages(ctx context.Context, counties []models.Division, township string) ([][]models.Division, int, error) {
	var villages [][]models.Division // per county
	total := 0
	for _, c := range counties {
		var vs []models.Division
		towns, err := s.divs.Children(ctx, c.Code)
		if err != nil {
			return nil, 0, err
		}
		for _, t := range towns {
			if !t.Active() || (township != "" && t.Code != township) {
				continue
			}
			kids, err := s.divs.Children(ctx, t.Code)
			if err != nil {
				return nil, 0, err
			}
			for _, v := range kids {
				if v.Active() {
					vs = append(vs, v)
				}
			}
		}
		villages = append(villages, vs)
		total += len(vs)
	}
	return villages, total, nil
}

// ExportAssessments writes the assessment sheet of year for a county or one township: one row
// per village or community, one column per indicator with its target in the header, stored
// values or else shequ's proposals marked "建议：…". Without a scope every county gets its own sheet.
// It returns the number of rows written.
func (s *Service) ExportAssessments(ctx context.Context, scope string, year int, w io.Writer, progress func(done, total int)) (int, error) {
	counties, township, err := s.exportScope(ctx, scope)
	if err != nil {
		return 0, err
	}
	villages, total, err := s.activeVillages(ctx, counties, township)
	if err != nil {
		return 0, err
	}
	var sheets []xlsx.Sheet
	done := 0
	for i, c := range counties {
		lib, err := s.st.ChecklistLibraryFor(ctx, c.Code, year)
		if err != nil {
			return 0, err
		}
		act := lib.Active()
		cols := []xlsx.Column{{Header: "区划代码", Width: 14}, {Header: "乡镇（街道）", Width: 14}, {Header: "村（社区）", Width: 16},
			{Header: "类型", Width: 6}, {Header: "流程阶段", Width: 10}}
		fixed := len(cols)
		var drops []xlsx.Dropdown
		for j, in := range act {
			cols = append(cols, xlsx.Column{Group: in.Dimension, Header: in.Code + " " + in.Name + "\n" + in.TargetsText(), Width: 13})
			if in.Method == models.MethodYesNo {
				drops = append(drops, xlsx.Dropdown{Column: fixed + j, Rows: max(len(villages[i]), 1), Options: []string{"是", "否"}})
			}
		}
		var rows [][]any
		for _, v := range villages[i] {
			if err := ctx.Err(); err != nil {
				return 0, err
			}
			f, err := s.Form(ctx, v.Code, year)
			if err != nil {
				return 0, err
			}
			town, _ := s.divs.Get(ctx, v.ParentCode)
			state := "未测评"
			if f.Exists {
				state = f.Assessment.StateText()
			}
			r := []any{v.Code, models.ShortName(town.Name), models.ShortName(v.Name), f.Kind, state}
			for _, in := range act {
				val := f.Assessment.Values[in.Code].Value
				text := models.FormatIndicatorValue(in.Method, val)
				if val == nil && (!f.Exists || f.Assessment.State == models.StateSelf) {
					if p, ok := f.Proposals[in.Code]; ok {
						pv := p.Value
						text = proposalMark + models.FormatIndicatorValue(in.Method, &pv)
					}
				}
				r = append(r, text)
			}
			rows = append(rows, r)
			done++
			if progress != nil {
				progress(done, total)
			}
		}
		name := models.ShortName(c.Name)
		title := fmt.Sprintf("%s%d年村（社区）标准化建设测评表", name, year)
		if township != "" {
			t, _ := s.divs.Get(ctx, township)
			title = fmt.Sprintf("%s%s%d年村（社区）标准化建设测评表", name, models.ShortName(t.Name), year)
		}
		sheets = append(sheets, xlsx.Sheet{Name: name, Title: title, Columns: cols, Rows: rows, Dropdowns: drops})
	}
	return total, xlsx.Write(w, sheets...)
}

// AssessmentImportOptions steer one assessment import.
type AssessmentImportOptions struct {
	Year     int  // 0: from the title ("2026年…")
	DryRun   bool // check only
	Progress func(done, total int)
}

// AssessmentImportResult is what an assessment import did or would have done.
type AssessmentImportResult struct {
	OK        bool
	File      string
	Year      int
	Rows      int // rows whose values were written (new or changed)
	Unchanged int // rows matching what is stored (frozen records among them are left alone)
	// Skipped rows have no entered value (empty, or only shequ's proposals): nothing is saved
	// for them, least of all a 0-point assessment that would drag averages down.
	Skipped int
	// ZeroScore rows would create an assessment worth 0 points (every value entered fails its
	// target): not saved, as such a row is almost always a template nobody filled in.
	ZeroScore int
	Errors    []sheet.Issue
}

type assessmentSheetCol struct {
	col  int
	code string
}

// ImportAssessments reads an assessment sheet (as exported) and, when every row is valid, writes
// all changed assessments in one transaction. Rows of assessments past 自查 or accepted by the
// county are never changed: a row that differs from such a record is an error.
func (s *Service) ImportAssessments(ctx context.Context, path string, opt AssessmentImportOptions) (AssessmentImportResult, error) {
	res := AssessmentImportResult{File: filepath.Base(path), Year: opt.Year}
	fail := func(sh, msg string) (AssessmentImportResult, error) {
		res.Errors = append(res.Errors, sheet.Issue{Sheet: sh, Message: msg})
		return res, nil
	}
	if err := s.requireEditor(); err != nil {
		return res, err
	}
	wb, err := sheet.Open(path, sheet.DefaultLimits())
	if err != nil {
		return fail("", sheet.Reason(err))
	}
	defer wb.Close()
	var writes []store.AssessmentWrite
	found := false
	for si, name := range wb.Sheets() {
		head, err := sheet.HeadRows(ctx, wb, si)
		if err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			continue
		}
		hdr, ok := sheet.FindHeader(head, nil, assessmentFixed, func(f map[string]int) bool { _, c := f["code"]; return c })
		if !ok {
			continue
		}
		icols, last := indicatorColumns(head, hdr)
		if len(icols) == 0 {
			continue
		}
		found = true
		if res.Year == 0 {
			res.Year = sheet.TitleYear(head)
		}
		if !models.ValidYear(res.Year) {
			return fail(name, "无法确定测评年度：表格标题中没有“2026年”这样的年份，请指定年度（命令行用 --year）")
		}
		codeCol := hdr.Cols["code"]
		var rows []sheet.Row
		if err := wb.Each(ctx, si, func(r sheet.Row) error {
			if r.Num > last && !r.Blank() {
				rows = append(rows, r)
			}
			return nil
		}); err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			return fail(name, sheet.Reason(err))
		}
		seen := map[string]int{}
		for i, r := range rows {
			if opt.Progress != nil {
				opt.Progress(i, len(rows))
			}
			if err := ctx.Err(); err != nil {
				return res, err
			}
			w, outcome, issues, err := s.importRow(ctx, name, r, codeCol, icols, res.Year, seen)
			if err != nil {
				return res, err
			}
			res.Errors = append(res.Errors, issues...)
			if len(issues) == 0 {
				switch outcome {
				case rowChanged:
					writes = append(writes, w)
				case rowUnchanged:
					res.Unchanged++
				case rowNotEntered:
					res.Skipped++
				case rowZeroScore:
					res.ZeroScore++
				}
			}
		}
	}
	if !found {
		return fail("", fmt.Sprintf("文件“%s”的工作表（%s）中没有找到测评表头：需要“区划代码”列和以指标编号（如 ORG01）开头的指标列",
			res.File, strings.Join(wb.Sheets(), "、")))
	}
	res.Rows = len(writes)
	if len(res.Errors) > 0 {
		res.Rows = 0
		return res, nil
	}
	res.OK = true
	if opt.DryRun || len(writes) == 0 {
		return res, nil
	}
	if err := s.writeImported(ctx, res, writes); err != nil {
		res.OK = false
		return res, err
	}
	return res, nil
}

// indicatorColumns finds the indicator columns of a sheet: a header cell on the header row or the
// one below that starts with an indicator code. last is the last row of the header.
func indicatorColumns(head []sheet.Row, hdr sheet.Header) (icols []assessmentSheetCol, last int) {
	last = hdr.LastRow
	for _, r := range head {
		if r.Num < hdr.FirstRow || r.Num > hdr.FirstRow+1 {
			continue
		}
		for i, c := range r.Cells {
			if code := models.IndicatorCodeAt(sheet.Normalize(c)); code != "" {
				icols = append(icols, assessmentSheetCol{col: i, code: code})
				last = max(last, r.Num)
			}
		}
	}
	return icols, last
}

// writeImported writes the imported assessments, after a snapshot, creating the year's library
// version of a county that has none yet.
func (s *Service) writeImported(ctx context.Context, res AssessmentImportResult, writes []store.AssessmentWrite) error {
	if err := s.snapshot(ctx); err != nil {
		return err
	}
	for i := range writes {
		if writes[i].VersionID == 0 {
			var err error
			if writes[i].VersionID, err = s.st.EnsureChecklistLibrary(ctx, writes[i].CountyCode, res.Year, s.actor); err != nil {
				return err
			}
		}
	}
	note := fmt.Sprintf("导入文件“%s”，%d 年测评 %d 份", res.File, res.Year, len(writes))
	return s.st.ImportAssessments(ctx, writes, s.actor, note)
}

// rowOutcome is what importing one valid row comes to.
type rowOutcome int

const (
	rowUnchanged  rowOutcome = iota // says what is stored
	rowChanged                      // to be written
	rowNotEntered                   // no value entered: skipped
	rowZeroScore                    // would create a 0-point assessment: skipped
)

// Message says in Chinese what an import did beyond the rows it wrote.
func (r AssessmentImportResult) Message() string {
	var parts []string
	if r.Unchanged > 0 {
		parts = append(parts, fmt.Sprintf("%d 行与库中一致未改动", r.Unchanged))
	}
	if r.Skipped > 0 {
		parts = append(parts, fmt.Sprintf("跳过 %d 个未填写的村（社区）", r.Skipped))
	}
	if r.ZeroScore > 0 {
		parts = append(parts, fmt.Sprintf("%d 个村（社区）所填的值全部未达标（0 分），未保存，请核对", r.ZeroScore))
	}
	return strings.Join(parts, "，")
}

// importRow checks one data row against the village's assessment. A cell counts as entered when
// it holds a value that is not shequ's proposal ("建议：…" as exported, or for a village without
// an assessment the value shequ proposes now).
func (s *Service) importRow(ctx context.Context, sh string, r sheet.Row, codeCol int, icols []assessmentSheetCol,
	year int, seen map[string]int) (w store.AssessmentWrite, outcome rowOutcome, issues []sheet.Issue, err error) {
	issue := func(col int, val, msg string) {
		issues = append(issues, sheet.Issue{Sheet: sh, Row: r.Num, Column: sheet.ColumnLetter(col), Value: val, Message: msg})
	}
	code := strings.TrimSpace(r.Cell(codeCol))
	if code == "" {
		issue(codeCol, "", "区划代码为空")
		return w, rowUnchanged, issues, nil
	}
	if prev, dup := seen[code]; dup {
		issue(codeCol, code, fmt.Sprintf("与第 %d 行重复", prev))
		return w, rowUnchanged, issues, nil
	}
	seen[code] = r.Num
	f, err := s.Form(ctx, code, year)
	if err != nil {
		if errors.Is(err, models.ErrNotFound) || errors.Is(err, models.ErrInvalid) {
			issue(codeCol, code, sheet.Reason(err))
			return w, rowUnchanged, issues, nil
		}
		return w, rowUnchanged, nil, err
	}
	values := map[string]models.IndicatorValue{}
	for _, c := range icols {
		text := strings.TrimSpace(r.Cell(c.col))
		in, ok := f.Library.Indicator(c.code)
		if !ok || in.Retired {
			if text != "" {
				issue(c.col, text, fmt.Sprintf("指标 %s 不在该村（社区）%d 年测评所用的指标库中", c.code, year))
			}
			continue
		}
		if text == "" || strings.HasPrefix(text, strings.TrimSuffix(proposalMark, "：")) {
			continue // not entered: what is stored stays
		}
		x, perr := models.ParseIndicatorValue(in.Method, text)
		if perr != nil {
			issue(c.col, text, in.Code+" "+in.Name+sheet.Reason(perr))
			continue
		}
		if p, ok := f.Proposals[in.Code]; ok && !f.Exists && models.FormatIndicatorValue(in.Method, &p.Value) == models.FormatIndicatorValue(in.Method, &x) {
			continue // the proposal as an older export wrote it, unmarked
		}
		nv := f.Assessment.Values[in.Code]
		nv.Value = &x
		values[in.Code] = nv
	}
	if len(issues) > 0 {
		return w, rowUnchanged, issues, nil
	}
	if len(values) == 0 {
		return w, rowNotEntered, nil, nil
	}
	same := true
	for c, nv := range values {
		in, _ := f.Library.Indicator(c)
		if models.FormatIndicatorValue(in.Method, nv.Value) != models.FormatIndicatorValue(in.Method, f.Assessment.Values[c].Value) {
			same = false
		}
	}
	if same && f.Exists {
		return w, rowUnchanged, nil, nil
	}
	if f.Exists && (f.Assessment.Frozen() || f.Assessment.State != models.StateSelf) {
		issue(codeCol, code, fmt.Sprintf("%s %d年测评处于“%s”，不能通过导入修改；请先退回或重新打开，或恢复表中该行的原值",
			models.ShortName(f.Division.Name), year, f.Assessment.StateText()))
		return w, rowUnchanged, issues, nil
	}
	if !f.Exists {
		// The library version is fixed when the import is written (EnsureChecklistLibrary).
		f.Library.VersionID = 0
	}
	w, err = s.prepareWrite(f, values)
	if err != nil {
		issue(codeCol, code, sheet.Reason(err))
		return w, rowUnchanged, issues, nil
	}
	if !f.Exists && w.Score == 0 {
		return w, rowZeroScore, nil, nil
	}
	return w, rowChanged, nil, nil
}
