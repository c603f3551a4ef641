package models

import (
	"fmt"
	"strings"
	"time"
)

// usccChars is the GB 32100-2015 character set: digits and capital letters without I, O, Z, S, V.
const usccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// NormalizeUSCC trims a 统一社会信用代码 and upper-cases it, as clerks type it in either case.
func NormalizeUSCC(s string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}

// USCCCheckChar computes the 18th character for the first 17 of a 统一社会信用代码.
func USCCCheckChar(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("%w：统一社会信用代码前 17 位长度不对", ErrInvalid)
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccChars, first17[i])
		if v < 0 {
			return 0, fmt.Errorf("%w：统一社会信用代码第 %d 位“%c”不是允许的字符（数字或除 I、O、Z、S、V 外的大写字母）", ErrInvalid, i+1, first17[i])
		}
		sum += v * usccWeights[i]
	}
	return usccChars[(31-sum%31)%31], nil
}

// ValidateUSCC checks an 18-character 统一社会信用代码 against GB 32100-2015: the character set,
// the six-digit division code in positions 3–8 and the check character.
func ValidateUSCC(code string) error {
	code = NormalizeUSCC(code)
	if len([]rune(code)) != 18 || len(code) != 18 {
		return fmt.Errorf("%w：统一社会信用代码应为 18 位，“%s”是 %d 位", ErrInvalid, code, len([]rune(code)))
	}
	for i := 2; i < 8; i++ {
		if code[i] < '0' || code[i] > '9' {
			return fmt.Errorf("%w：统一社会信用代码第 3—8 位应为行政区划代码（数字）", ErrInvalid)
		}
	}
	want, err := USCCCheckChar(code[:17])
	if err != nil {
		return err
	}
	if strings.IndexByte(usccChars, code[17]) < 0 {
		return fmt.Errorf("%w：统一社会信用代码第 18 位“%c”不是允许的字符", ErrInvalid, code[17])
	}
	if code[17] != want {
		return fmt.Errorf("%w：统一社会信用代码“%s”校验位不对（第 18 位应为 %c），请核对是否抄错", ErrInvalid, code, want)
	}
	return nil
}

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// IDCheckDigit computes the GB 11643 check character for the first 17 digits of a 身份证号.
func IDCheckDigit(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("%w：身份证号前 17 位长度不对", ErrInvalid)
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%w：身份证号前 17 位应为数字", ErrInvalid)
		}
		sum += int(c-'0') * idWeights[i]
	}
	return "10X98765432"[sum%11], nil
}

// NormalizeIDNumber trims a 身份证号 and upper-cases a final x.
func NormalizeIDNumber(s string) string {
	return strings.ToUpper(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}

// IDInfo is what an 18-digit 身份证号 says about its holder.
type IDInfo struct {
	Birth  time.Time
	Gender string // 男 or 女
}

// ParseIDNumber validates an 18-digit 身份证号 (GB 11643 check digit, a real birth date not in the
// future) and returns the birth date and gender it encodes.
func ParseIDNumber(id string) (IDInfo, error) {
	id = NormalizeIDNumber(id)
	if len(id) != 18 {
		return IDInfo{}, fmt.Errorf("%w：身份证号应为 18 位，“%s”是 %d 位", ErrInvalid, MaskIDNumber(id), len([]rune(id)))
	}
	want, err := IDCheckDigit(id[:17])
	if err != nil {
		return IDInfo{}, err
	}
	if id[17] != want {
		return IDInfo{}, fmt.Errorf("%w：身份证号校验位不对，请核对是否抄错", ErrInvalid)
	}
	birth, err := time.ParseInLocation("20060102", id[6:14], time.Local)
	if err != nil || birth.Year() < 1900 || birth.After(time.Now()) {
		return IDInfo{}, fmt.Errorf("%w：身份证号中的出生日期“%s”不存在", ErrInvalid, id[6:14])
	}
	g := "女"
	if (id[16]-'0')%2 == 1 {
		g = "男"
	}
	return IDInfo{Birth: birth, Gender: g}, nil
}
