package registry

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"shequ/models"
)

// Roster cells as Excel leaves them: long numbers typed into a general cell, and dates written
// the ways rosters write them.

// longNumberFields are the roster columns that hold long digit strings, with the words a message
// uses for them. Typed into a general cell, Excel keeps them as numbers.
var longNumberFields = map[string]string{"id": "身份证号", "uscc": "统一社会信用代码", "phone": "联系电话",
	"certno": "证书编号", "regno": "登记证号"}

var scientific = regexp.MustCompile(`^[0-9](\.[0-9]+)?[eE]\+?[0-9]+$`)

// lostDigits says whether a number was stored by Excel as a number and lost digits: Excel keeps
// 15 significant digits, so an 18-digit 身份证号 comes back with zeros past the 15th digit
// (511302198503122000), and a CSV Excel saved shows it as 5.11302E+17.
func lostDigits(v string) bool {
	v = strings.TrimSpace(v)
	if scientific.MatchString(v) {
		return true
	}
	if len(v) < 16 || !allASCIIDigits(v) {
		return false
	}
	return strings.Trim(v[15:], "0") == ""
}

func allASCIIDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// checkExcelNumbers reports each long-number cell of a row that Excel stored as a number. A
// 身份证号 or 统一社会信用代码 that happens to end in zeros and still passes its check is kept.
func checkExcelNumbers(r regRaw, addErr func(int, string, string, string)) bool {
	ok := true
	for key, label := range longNumberFields {
		v, has := r.vals[key]
		if !has || !lostDigits(v) {
			continue
		}
		if !scientific.MatchString(v) {
			if key == "id" {
				if _, err := models.ParseIDNumber(v); err == nil {
					continue
				}
			}
			if key == "uscc" && models.ValidateUSCC(v) == nil {
				continue
			}
		}
		shown := v
		if key == "id" || key == "phone" {
			shown = maskCell(key, v)
		}
		addErr(r.row, key, shown, "该"+label+"被 Excel 存成了数字，后几位已丢失；请把该列设为文本后重新填写")
		ok = false
	}
	return ok
}

// Date forms rosters use besides those models.ParseDate reads.
var (
	compactDay   = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
	compactMonth = regexp.MustCompile(`^(\d{4})(\d{2})$`)
	monthOnly    = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$`)
)

// excelEpoch is day 0 of Excel's 1900 date system (serial 1 is 1900-01-01; Excel counts a
// 1900-02-29 that never was, which the epoch absorbs for every date after it).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.Local)

// parseRosterDate reads a date as rosters write it: 2019-06-20, 2019/6/20, 2019.06.20,
// 2019年6月20日, 20190620, or a date cell's serial number (43636). When monthOK, a month alone
// (2019.06, 2019年6月, 2019-06, 201906) is read as its first day.
func parseRosterDate(v string, monthOK bool) (time.Time, error) {
	s := strings.TrimSpace(models.NormaliseDigits(v))
	if m := compactDay.FindStringSubmatch(s); m != nil {
		return models.ParseDate(m[1] + "-" + m[2] + "-" + m[3])
	}
	if allASCIIDigits(s) && len(s) == 5 {
		n, _ := strconv.Atoi(s)
		if n >= 366 { // from 1901 on
			return excelEpoch.AddDate(0, 0, n), nil
		}
	}
	m := monthOnly.FindStringSubmatch(s)
	if m == nil {
		m = compactMonth.FindStringSubmatch(s)
	}
	if m == nil {
		return models.ParseDate(s)
	}
	if m[2] == "1" && strings.Contains(s, ".") {
		return time.Time{}, fmt.Errorf("%w：“%s”可能是 %s 年 1 月，也可能是 Excel 把 %s.10 存成了数字；请写成 %s年1月 或 %s年10月",
			models.ErrInvalid, strings.TrimSpace(v), m[1], m[1], m[1], m[1])
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 || !models.ValidDateYear(y) {
		return time.Time{}, fmt.Errorf("%w：日期“%s”不存在", models.ErrInvalid, strings.TrimSpace(v))
	}
	if !monthOK {
		return time.Time{}, fmt.Errorf("%w：须写到日（如 %04d-%02d-15），“%s”只写了年月", models.ErrInvalid, y, mo, strings.TrimSpace(v))
	}
	return time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.Local), nil
}

// templateDateNote tells, in the template's title, which dates need a day and how long numbers
// must be kept.
func templateDateNote(kind Kind) string {
	if kind == KindWorkers {
		return "身份证号、证书编号请设为文本格式；取得证书日期须写到日，如 2019-06-20；到岗日期、离岗日期可只写年月，如 2019年6月"
	}
	return "统一社会信用代码、联系电话请设为文本格式；成立日期须写到日，如 2019-06-20"
}
