package registry

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"shequ/app/store"
	"shequ/models"
	"shequ/reports/xlsx"
)

func regSheetColumns(kind Kind) []xlsx.Column {
	cols := kind.columns()
	out := make([]xlsx.Column, len(cols))
	for i, c := range cols {
		out[i] = xlsx.Column{Header: c.header, Kind: xlsx.Text}
	}
	return out
}

// Template writes an empty import sheet for kind, with drop-down lists for the fixed choices.
func (s *Service) Template(kind Kind, w io.Writer) error {
	sh := xlsx.Sheet{Name: kind.label(), Title: kind.label() + "导入模板（区划代码或乡镇、村名称至少填一项；" + templateDateNote(kind) + "）",
		Columns: regSheetColumns(kind)}
	drop := func(key string, opts []string) {
		for i, c := range kind.columns() {
			if c.key == key {
				sh.Dropdowns = append(sh.Dropdowns, xlsx.Dropdown{Column: i, Rows: 2000, Options: opts})
			}
		}
	}
	if kind == KindWorkers {
		drop("gender", []string{"男", "女"})
		drop("qual", models.Qualifications)
		drop("post", models.WorkerPosts)
		drop("status", models.WorkerStatuses)
	} else {
		drop("form", models.OrgForms)
		drop("type", models.OrgTypes)
		drop("nature", models.OrgNatures)
		drop("status", models.OrgStatuses)
	}
	return xlsx.Write(w, sh)
}

// Export writes every organisation or worker as an import-shaped sheet. Personal data is masked
// unless withPersonal, and a full export is recorded in the audit trail.
func (s *Service) Export(ctx context.Context, kind Kind, withPersonal bool, w io.Writer) (int, error) {
	sh := xlsx.Sheet{Name: kind.label(), Title: kind.label() + "名册", Columns: regSheetColumns(kind)}
	names := func(code string) (string, string) {
		return s.name(ctx, models.Code(code).Township().String()), s.name(ctx, code)
	}
	if kind == KindWorkers {
		ws, err := s.st.Workers(ctx)
		if err != nil {
			return 0, err
		}
		for _, x := range ws {
			id, phone := models.MaskIDNumber(x.IDNumber), models.MaskPhone(x.Phone)
			if withPersonal {
				id, phone = x.IDNumber, x.Phone
			}
			town, vill := names(x.DivisionCode)
			sh.Rows = append(sh.Rows, []any{x.Name, x.Gender, id, phone, x.Qualification, x.CertNo,
				models.FormatDate(x.CertDate), x.EmployerName, x.Post, x.DivisionCode, town, vill, x.Status,
				models.FormatDate(x.OnPostFrom), models.FormatDate(x.OffPostOn)})
		}
	} else {
		os, err := s.st.Orgs(ctx)
		if err != nil {
			return 0, err
		}
		for _, o := range os {
			leader, phone := models.MaskName(o.Leader), models.MaskPhone(o.LeaderPhone)
			if withPersonal {
				leader, phone = o.Leader, o.LeaderPhone
			}
			town, vill := names(o.DivisionCode)
			sh.Rows = append(sh.Rows, []any{o.Name, o.USCC, o.RegNo, o.Form, o.Type, o.Nature, o.Authority, o.Supervisor,
				leader, phone, o.Address, models.FormatDate(o.Established), strconv.FormatInt(o.Members, 10),
				o.DivisionCode, town, vill, strings.Join(o.ServedCodes, "、"), o.Status})
		}
	}
	if withPersonal {
		entity := store.EntityOrg
		if kind == KindWorkers {
			entity = store.EntityWorker
		}
		if err := s.st.RecordView(ctx, s.actor, Module, entity, "全部",
			fmt.Sprintf("个人信息：导出 %d 条%s（含完整身份证号、联系电话）", len(sh.Rows), kind.label())); err != nil {
			return 0, err
		}
	}
	return len(sh.Rows), xlsx.Write(w, sh)
}

// ExportRows are the rows Export would write with personal data, for comparing two databases.
func (s *Service) ExportRows(ctx context.Context, kind Kind) ([]string, error) {
	var out []string
	if kind == KindWorkers {
		ws, err := s.st.Workers(ctx)
		for _, w := range ws {
			w.ID, w.EmployerOrgID = 0, 0
			out = append(out, fmt.Sprintf("%+v", w))
		}
		return out, err
	}
	os, err := s.st.Orgs(ctx)
	for _, o := range os {
		o.ID = 0
		out = append(out, fmt.Sprintf("%+v", o))
	}
	return out, err
}
