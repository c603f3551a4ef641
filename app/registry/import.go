package registry

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"shequ/app/sheet"
	"shequ/models"
)

// Kind is what a registry import or export is about.
type Kind string

// The two kinds of registry sheets.
const (
	KindOrgs    Kind = "orgs"
	KindWorkers Kind = "workers"
)

// regColumn is one column of a registry sheet: key, template header, accepted header texts.
type regColumn struct {
	key, header string
	names       []string
}

// readRaws reads the rows below the header of sheet idx, leaving out blank rows and rows
// without a name, ID number or credit code.
func readRaws(ctx context.Context, wb *sheet.Workbook, idx int, hdr sheet.Header) ([]regRaw, error) {
	var raws []regRaw
	err := wb.Each(ctx, idx, func(r sheet.Row) error {
		if r.Num <= hdr.LastRow || r.Blank() {
			return nil
		}
		vals := map[string]string{}
		for k, i := range hdr.Cols {
			vals[k] = strings.TrimSpace(r.Cell(i))
		}
		if vals["name"] == "" && vals["id"] == "" && vals["uscc"] == "" {
			return nil
		}
		raws = append(raws, regRaw{row: r.Num, vals: vals})
		return nil
	})
	return raws, err
}

var orgColumns = []regColumn{
	{"name", "社会组织名称", []string{"社会组织名称", "组织名称", "名称"}},
	{"uscc", "统一社会信用代码", []string{"统一社会信用代码", "信用代码", "社会信用代码"}},
	{"regno", "登记证号", []string{"登记证号", "登记证书号"}},
	{"form", "组织形式", []string{"组织形式", "组织类型", "登记类型"}},
	{"type", "类型", []string{"类型", "社区社会组织类型", "服务类型"}},
	{"nature", "性质", []string{"性质", "组织性质"}},
	{"authority", "登记管理机关", []string{"登记管理机关", "登记机关"}},
	{"supervisor", "业务主管单位", []string{"业务主管单位", "主管单位"}},
	{"leader", "法定代表人或负责人", []string{"法定代表人或负责人", "法定代表人", "负责人"}},
	{"phone", "联系电话", []string{"联系电话", "电话", "手机"}},
	{"address", "地址", []string{"地址", "住所", "办公地址"}},
	{"established", "成立日期", []string{"成立日期", "成立时间", "登记日期"}},
	{"members", "成员数", []string{"成员数", "会员数", "人数"}},
	{"code", "区划代码", []string{"区划代码", "统计用区划代码"}},
	{"township", "乡镇（街道）", []string{"乡镇(街道)", "乡镇", "街道"}},
	{"village", "村（社区）", []string{"村(社区)", "社区", "村"}},
	{"served", "服务村（社区）", []string{"服务村(社区)", "服务社区", "服务范围"}},
	{"status", "状态", []string{"状态", "登记状态"}},
}

var workerColumns = []regColumn{
	{"name", "姓名", []string{"姓名"}},
	{"gender", "性别", []string{"性别"}},
	{"id", "身份证号", []string{"身份证号", "公民身份号码", "身份证号码"}},
	{"phone", "联系电话", []string{"联系电话", "电话", "手机", "手机号"}},
	{"qual", "资格等级", []string{"资格等级", "职业资格", "社工资格"}},
	{"certno", "证书编号", []string{"证书编号", "证书号"}},
	{"certdate", "取得证书日期", []string{"取得证书日期", "取证日期", "发证日期"}},
	{"employer", "工作单位", []string{"工作单位", "单位"}},
	{"post", "岗位", []string{"岗位", "职务"}},
	{"code", "区划代码", []string{"区划代码", "统计用区划代码"}},
	{"township", "乡镇（街道）", []string{"乡镇(街道)", "乡镇", "街道"}},
	{"village", "村（社区）", []string{"村(社区)", "服务社区", "社区", "村"}},
	{"status", "状态", []string{"状态", "在岗状态"}},
	{"from", "到岗日期", []string{"到岗日期", "入职日期"}},
	{"off", "离岗日期", []string{"离岗日期", "离职日期"}},
}

func (k Kind) columns() []regColumn {
	if k == KindWorkers {
		return workerColumns
	}
	return orgColumns
}

func (k Kind) label() string {
	if k == KindWorkers {
		return "社会工作者"
	}
	return "社会组织"
}

func sheetColumns(cols []regColumn) []sheet.Column {
	out := make([]sheet.Column, len(cols))
	for i, c := range cols {
		out[i] = sheet.Column{Key: c.key, Names: c.names}
	}
	return out
}

// ImportResult is what a registry import did or, when refused, why.
type ImportResult struct {
	OK     bool          `json:"ok"`
	Kind   Kind          `json:"kind"`
	File   string        `json:"file"`
	Sheet  string        `json:"sheet"`
	Rows   int           `json:"rows"`
	Errors []sheet.Issue `json:"errors"`
}

type regRaw struct {
	row  int
	vals map[string]string
}

// Import reads an organisation or worker sheet and writes every row, or none when any row has a
// problem. Problems are in the result; the error is for failures of the program itself.
func (s *Service) Import(ctx context.Context, kind Kind, path string) (ImportResult, error) {
	res := ImportResult{Kind: kind, File: filepath.Base(path)}
	fail := func(msg string) (ImportResult, error) {
		res.Errors = append(res.Errors, sheet.NewIssue(res.Sheet, 0, "", "", msg, ""))
		return res, nil
	}
	wb, err := sheet.Open(path, sheet.DefaultLimits())
	if err != nil {
		return fail(sheet.Reason(err))
	}
	defer wb.Close()
	cols := kind.columns()
	accept := func(found map[string]int) bool {
		_, name := found["name"]
		_, code := found["code"]
		_, town := found["township"]
		_, vill := found["village"]
		if kind == KindWorkers {
			_, id := found["id"]
			return name && id && (code || town || vill)
		}
		_, form := found["form"]
		return name && form && (code || town || vill)
	}
	idx, hdr, err := sheet.FindSheet(ctx, wb, sheetColumns(cols), accept)
	if err != nil {
		return res, err
	}
	if idx < 0 {
		need := "“社会组织名称”“组织形式”"
		if kind == KindWorkers {
			need = "“姓名”“身份证号”"
		}
		return fail(fmt.Sprintf("文件“%s”中没有找到%s表头：需要%s两列，以及“区划代码”或“乡镇（街道）”“村（社区）”列，可先导出模板再填写",
			res.File, kind.label(), need))
	}
	res.Sheet = wb.Sheets()[idx]
	raws, err := readRaws(ctx, wb, idx, hdr)
	if err != nil {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return res, err
		}
		return fail(sheet.Reason(err))
	}
	if len(raws) == 0 {
		return fail(fmt.Sprintf("工作表“%s”表头下没有数据", res.Sheet))
	}
	res.Rows = len(raws)
	addErr := func(row int, key, value, msg string) {
		letter := ""
		if i, ok := hdr.Cols[key]; ok {
			letter = sheet.ColumnLetter(i)
		}
		res.Errors = append(res.Errors, sheet.NewIssue(res.Sheet, row, letter, value, msg, key))
	}
	var orgs []models.SocialOrg
	var workers []models.SocialWorker
	if kind == KindWorkers {
		workers, err = s.parseWorkers(ctx, raws, addErr)
	} else {
		orgs, err = s.parseOrgs(ctx, raws, addErr)
	}
	if err != nil || len(res.Errors) > 0 {
		return res, err
	}
	if err := s.beforeImport(ctx); err != nil {
		return res, err
	}
	if err := s.st.ImportRegistry(ctx, orgs, workers, res.File, s.actor); err != nil {
		if errors.Is(err, models.ErrConflict) || errors.Is(err, models.ErrInvalid) {
			return fail(sheet.Reason(err))
		}
		return res, err
	}
	res.OK = true
	return res, nil
}

// fieldKey maps a validation label back to the sheet column it came from.
var fieldKey = map[string]string{"名称": "name", "统一社会信用代码": "uscc", "组织形式": "form", "类型": "type", "性质": "nature",
	"状态": "status", "联系电话": "phone", "成员数": "members", "成立日期": "established", "登记证号": "regno",
	"登记管理机关": "authority", "业务主管单位": "supervisor", "负责人": "leader", "地址": "address",
	"姓名": "name", "性别": "gender", "身份证号": "id", "出生日期": "id", "资格等级": "qual", "证书编号": "certno",
	"取得证书日期": "certdate", "工作单位": "employer", "岗位": "post", "到岗日期": "from", "离岗日期": "off",
	"所在区划": "code", "服务区划": "code", "服务村（社区）": "served"}

func reportInvalid(r regRaw, err error, addErr func(int, string, string, string)) {
	var ve *models.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			key := fieldKey[f.Field]
			val := r.vals[key]
			if key == "id" || key == "phone" {
				val = maskCell(key, val)
			}
			addErr(r.row, key, val, f.Field+"："+f.Message)
		}
		return
	}
	addErr(r.row, "", "", sheet.Reason(err))
}

// maskCell keeps personal data out of error messages, which end up in logs and screenshots.
func maskCell(key, v string) string {
	if key == "id" {
		return models.MaskIDNumber(v)
	}
	return models.MaskPhone(v)
}

func (s *Service) resolveRow(ctx context.Context, r regRaw, addErr func(int, string, string, string)) (string, bool) {
	code, town, vill := r.vals["code"], r.vals["township"], r.vals["village"]
	counties, err := s.divs.CountiesFor(ctx, code, town, vill)
	if err != nil {
		return "", false
	}
	key, val := "code", code
	if code == "" {
		key, val = "village", vill
		if vill == "" {
			key, val = "township", town
		}
	}
	if len(counties) != 1 {
		msg := "区划没有对上：请填写 12 位区划代码，或正确的乡镇（街道）和村（社区）名称"
		if len(counties) > 1 {
			msg = "这个名称在几个县（市、区）都有，请填写 12 位区划代码"
		}
		addErr(r.row, key, val, msg)
		return "", false
	}
	d, err := s.divs.ResolveInCounty(ctx, counties[0], code, town, vill)
	if err != nil {
		addErr(r.row, key, val, sheet.Reason(err))
		return "", false
	}
	return d.Code, true
}

// parseDateCell reads a date column; monthOK lets a month alone stand (到岗日期 "2019年6月").
func parseDateCell(r regRaw, key, label string, monthOK bool, addErr func(int, string, string, string)) (time.Time, bool) {
	v := r.vals[key]
	if v == "" {
		return time.Time{}, true
	}
	d, err := parseRosterDate(v, monthOK)
	if err != nil {
		addErr(r.row, key, v, label+"："+sheet.Reason(err))
		return time.Time{}, false
	}
	return d, true
}

func (s *Service) parseOrgs(ctx context.Context, raws []regRaw, addErr func(int, string, string, string)) ([]models.SocialOrg, error) {
	existing, err := s.st.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	byUSCC, byName := map[string]string{}, map[string]string{}
	for _, o := range existing {
		if o.USCC != "" {
			byUSCC[o.USCC] = fmt.Sprintf("已登记为“%s”（编号 %d）", o.Name, o.ID)
		}
		byName[o.CountyCode+o.Name] = fmt.Sprintf("本县已登记同名社会组织（编号 %d）", o.ID)
	}
	var out []models.SocialOrg
	for _, r := range raws {
		if !checkExcelNumbers(r, addErr) {
			continue
		}
		code, ok := s.resolveRow(ctx, r, addErr)
		est, okd := parseDateCell(r, "established", "成立日期", false, addErr)
		members := int64(0)
		if v := r.vals["members"]; v != "" {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n < 0 {
				addErr(r.row, "members", v, "成员数应为不小于 0 的整数")
				ok = false
			}
			members = n
		}
		var served []string
		for _, part := range strings.FieldsFunc(r.vals["served"], func(c rune) bool { return strings.ContainsRune("、,，;；", c) }) {
			part = strings.TrimSpace(part)
			if !ok {
				break
			}
			d, err := s.divs.ResolveInCounty(ctx, registryCounty(code), codeOrEmpty(part), "", nameOrEmpty(part))
			if err != nil {
				addErr(r.row, "served", part, sheet.Reason(err))
				ok = false
				continue
			}
			served = append(served, d.Code)
		}
		if !ok || !okd {
			continue
		}
		status := r.vals["status"]
		if status == "" {
			status = "正常"
		}
		o := models.SocialOrg{Name: r.vals["name"], USCC: r.vals["uscc"], RegNo: r.vals["regno"], Form: normaliseForm(r.vals["form"]),
			Type: r.vals["type"], Nature: r.vals["nature"], Authority: r.vals["authority"], Supervisor: r.vals["supervisor"],
			Leader: r.vals["leader"], LeaderPhone: r.vals["phone"], Address: r.vals["address"], Established: est,
			Members: members, Status: status, DivisionCode: code, ServedCodes: served}
		if err := s.prepareOrg(ctx, &o); err != nil {
			reportInvalid(r, err, addErr)
			continue
		}
		if o.USCC != "" {
			if prev, dup := byUSCC[o.USCC]; dup {
				addErr(r.row, "uscc", o.USCC, "统一社会信用代码重复："+prev)
				continue
			}
			byUSCC[o.USCC] = fmt.Sprintf("与本表第 %d 行重复", r.row)
		}
		if prev, dup := byName[o.CountyCode+o.Name]; dup {
			addErr(r.row, "name", o.Name, "名称重复："+prev)
			continue
		}
		byName[o.CountyCode+o.Name] = fmt.Sprintf("与本表第 %d 行重复", r.row)
		out = append(out, o)
	}
	return out, nil
}

func codeOrEmpty(s string) string {
	if models.ValidateCode(s) == nil {
		return s
	}
	return ""
}

func nameOrEmpty(s string) string {
	if models.ValidateCode(s) == nil {
		return ""
	}
	return s
}

// normaliseForm accepts the short forms clerks write (民办非企业单位, 社会服务机构, 备案).
func normaliseForm(f string) string {
	switch sheet.Normalize(f) {
	case "民办非企业单位", "社会服务机构", "民非", sheet.Normalize("民办非企业单位（社会服务机构）"):
		return "民办非企业单位（社会服务机构）"
	case "备案", "备案组织", "社区社会组织", "备案的社区社会组织":
		return models.OrgFormFiled
	}
	return f
}

func (s *Service) parseWorkers(ctx context.Context, raws []regRaw, addErr func(int, string, string, string)) ([]models.SocialWorker, error) {
	existing, err := s.st.Workers(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[string]string{}
	for _, w := range existing {
		byID[w.IDNumber] = fmt.Sprintf("已登记为“%s”（编号 %d）", w.Name, w.ID)
	}
	orgs, err := s.st.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	orgByName := map[string]models.SocialOrg{}
	orgNames := map[int64]string{}
	for _, o := range orgs {
		orgByName[o.CountyCode+o.Name] = o
		orgNames[o.ID] = o.Name
	}
	orgName := func(id int64) (string, bool) {
		name, ok := orgNames[id]
		return name, ok
	}
	var out []models.SocialWorker
	for _, r := range raws {
		if !checkExcelNumbers(r, addErr) {
			continue
		}
		code, ok := s.resolveRow(ctx, r, addErr)
		cert, ok1 := parseDateCell(r, "certdate", "取得证书日期", false, addErr)
		from, ok2 := parseDateCell(r, "from", "到岗日期", true, addErr)
		off, ok3 := parseDateCell(r, "off", "离岗日期", true, addErr)
		if !ok || !ok1 || !ok2 || !ok3 {
			continue
		}
		qual := r.vals["qual"]
		switch qual {
		case "", "无资格":
			qual = models.QualNone
		case "助理社工师", "助理":
			qual = models.QualAssistant
		case "社工师", "中级":
			qual = models.QualWorker
		case "高级社工师", "高级":
			qual = models.QualSenior
		}
		w := models.SocialWorker{Name: r.vals["name"], Gender: r.vals["gender"], IDNumber: r.vals["id"], Phone: r.vals["phone"],
			Qualification: qual, CertNo: r.vals["certno"], CertDate: cert, EmployerName: r.vals["employer"],
			Post: r.vals["post"], DivisionCode: code, Status: r.vals["status"], OnPostFrom: from, OffPostOn: off}
		if w.EmployerName != "" {
			if o, found := orgByName[registryCounty(code)+w.EmployerName]; found {
				w.EmployerKind, w.EmployerOrgID = "社会组织", o.ID
			} else if strings.HasSuffix(w.EmployerName, "社区") || strings.HasSuffix(w.EmployerName, "委员会") || strings.HasSuffix(w.EmployerName, "村") {
				w.EmployerKind = "社区"
			} else {
				w.EmployerKind = "其他单位"
			}
		}
		if err := s.prepareWorker(ctx, &w, orgName); err != nil {
			reportInvalid(r, err, addErr)
			continue
		}
		if prev, dup := byID[w.IDNumber]; dup {
			addErr(r.row, "id", models.MaskIDNumber(w.IDNumber), "身份证号重复："+prev)
			continue
		}
		byID[w.IDNumber] = fmt.Sprintf("与本表第 %d 行重复", r.row)
		out = append(out, w)
	}
	return out, nil
}
