package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shequ/app/registry"
	"shequ/models"
)

// excelRoster writes a worker roster as Excel saves it: cells given as numbers are stored the way
// Excel stores a number typed into a general cell (15 significant digits, "5.11302198503122E+17").
func excelRoster(t *testing.T, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	header := []any{"姓名", "性别", "身份证号", "联系电话", "资格等级", "证书编号", "取得证书日期", "岗位", "区划代码", "到岗日期", "离岗日期", "状态"}
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"社会工作者名册"})
	_ = f.SetSheetRow("Sheet1", "A2", &header)
	for r, row := range rows {
		for c, v := range row {
			cell, _ := excelize.CoordinatesToCellName(c+1, r+3)
			if n, ok := v.(excelNumber); ok {
				if err := f.SetCellDefault("Sheet1", cell, string(n)); err != nil {
					t.Fatal(err)
				}
				continue
			}
			_ = f.SetCellValue("Sheet1", cell, v)
		}
	}
	path := filepath.Join(t.TempDir(), "名册.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// excelNumber is a cell's raw numeric value as Excel writes it.
type excelNumber string

// TestRosterNumbersStoredByExcel: an 18-digit 身份证号 (or a long number) typed into a general
// cell has lost its last digits; the message says so instead of "校验位不对".
func TestRosterNumbersStoredByExcel(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	good := testID(t, "19850312", 202)
	path := excelRoster(t, [][]any{
		{"张三", "女", excelNumber("5.11302198503122E+17"), "13800001111", "助理社工师", "Z1", "2023-05-01", "网格员", "511302001001", "2022-01-01", "", "在岗"},
		{"李四", "女", good, "13800001112", "助理社工师", excelNumber("1.23456789012346E+19"), "2023-05-01", "网格员", "511302001001", "2022-01-01", "", "在岗"},
	})
	res, err := a.Registry.Import(ctx, registry.KindWorkers, path)
	if err != nil || res.OK {
		t.Fatalf("%v %+v", err, res)
	}
	all := issues(res.Errors)
	for _, want := range []string{"第 3 行 C 列", "该身份证号被 Excel 存成了数字，后几位已丢失；请把该列设为文本后重新填写",
		"第 4 行 F 列", "该证书编号被 Excel 存成了数字"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
	if strings.Contains(all, "校验位") || strings.Contains(all, "511302198503122000") {
		t.Errorf("misleading or unmasked message:\n%s", all)
	}

	// A CSV saved by Excel shows the number in its display form.
	csv := "姓名,性别,身份证号,区划代码\n王五,男,5.11302E+17,511302001001\n"
	p := filepath.Join(t.TempDir(), "w.csv")
	if err := os.WriteFile(p, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = a.Registry.Import(ctx, registry.KindWorkers, p)
	if err != nil || res.OK || !strings.Contains(issues(res.Errors), "该身份证号被 Excel 存成了数字") {
		t.Errorf("csv: %v %s", err, issues(res.Errors))
	}

	// The same for an organisation's 统一社会信用代码 and phone.
	orgCSV := "社会组织名称,统一社会信用代码,组织形式,联系电话,区划代码\n舞蹈队,9.15113E+17,社会团体,1.38123E+10,511302001001\n"
	p = filepath.Join(t.TempDir(), "o.csv")
	if err := os.WriteFile(p, []byte(orgCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err = a.Registry.Import(ctx, registry.KindOrgs, p)
	all = issues(res.Errors)
	if err != nil || res.OK || !strings.Contains(all, "该统一社会信用代码被 Excel 存成了数字") || !strings.Contains(all, "该联系电话被 Excel 存成了数字") {
		t.Errorf("orgs: %v %s", err, all)
	}
}

// TestRosterDateForms: dates as rosters write them are read; month precision where the field
// allows it (到岗日期, 离岗日期), a day where it needs one (取得证书日期).
func TestRosterDateForms(t *testing.T) {
	ctx := context.Background()
	a := openSeeded(t)
	path := excelRoster(t, [][]any{
		{"赵一", "男", testID(t, "19900101", 11), "13800001111", "助理社工师", "Z1", "20190620", "网格员", "511302001001", "2019.06", "", "在岗"},
		{"钱二", "男", testID(t, "19900101", 13), "13800001112", "助理社工师", "Z2", "2019.6.20", "网格员", "511302001001", "2019年6月", "", "在岗"},
		{"孙三", "男", testID(t, "19900101", 15), "13800001113", "助理社工师", "Z3", excelNumber("43636"), "网格员", "511302001001", "201906", "2024年12月", "离岗"},
		{"李四", "男", testID(t, "19900101", 17), "13800001114", "助理社工师", "Z4", "2019年6月20日", "网格员", "511302001001", "2019-06", "", "在岗"},
	})
	res, err := a.Registry.Import(ctx, registry.KindWorkers, path)
	if err != nil || !res.OK || res.Rows != 4 {
		t.Fatalf("%v ok=%v rows=%d\n%s", err, res.OK, res.Rows, issues(res.Errors))
	}
	ws, err := a.store.Workers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range ws {
		if models.FormatDate(w.CertDate) != "2019-06-20" || models.FormatDate(w.OnPostFrom) != "2019-06-01" {
			t.Errorf("%s: 取得证书日期 %s 到岗日期 %s", w.Name, models.FormatDate(w.CertDate), models.FormatDate(w.OnPostFrom))
		}
		if w.Name == "孙三" && models.FormatDate(w.OffPostOn) != "2024-12-01" {
			t.Errorf("离岗日期 %s", models.FormatDate(w.OffPostOn))
		}
	}

	// A field that needs a day says so.
	b := openSeeded(t)
	path = excelRoster(t, [][]any{
		{"周五", "男", testID(t, "19900101", 19), "13800001115", "助理社工师", "Z5", "2019年6月", "网格员", "511302001001", "2019-13", "", "在岗"},
		{"吴六", "男", testID(t, "19900101", 21), "13800001116", "助理社工师", "Z6", "2019-06-20", "网格员", "511302001001", excelNumber("2019.1"), "", "在岗"},
	})
	res, _ = b.Registry.Import(ctx, registry.KindWorkers, path)
	all := issues(res.Errors)
	for _, want := range []string{"第 3 行 G 列（2019年6月）：取得证书日期：须写到日", "第 3 行 J 列（2019-13）：到岗日期：",
		"第 4 行 J 列（2019.1）：到岗日期：“2019.1”可能是 2019 年 1 月，也可能是 Excel 把 2019.10 存成了数字"} {
		if !strings.Contains(all, want) {
			t.Errorf("missing %q in:\n%s", want, all)
		}
	}
}
