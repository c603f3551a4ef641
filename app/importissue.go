package app

import (
	"encoding/json"
	"fmt"
	"strings"

	"shequ/app/sheet"
	"shequ/models"
)

// ImportIssue is one problem, located as the clerk sees it in the sheet.
type ImportIssue struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Value   string `json:"value"`
	Message string `json:"message"`
	// Key is the recognised column the issue is about (code, township, village, category,
	// item, amount, source, note), so a preview can mark that cell; "" for the whole row or file.
	Key string `json:"-"`
}

// newIssue makes an issue with long cell text cut, so one 32,767-character cell cannot turn a
// message into kilobytes.
func newIssue(sheetName string, row int, column, value, msg, key string) ImportIssue {
	return ImportIssue{Sheet: sheetName, Row: row, Column: column, Value: sheet.Clip(value), Message: sheet.ClipQuoted(msg), Key: key}
}

// String is the Chinese sentence for the issue.
func (i ImportIssue) String() string {
	i.Value, i.Message = sheet.Clip(i.Value), sheet.ClipQuoted(i.Message)
	var b strings.Builder
	if i.Sheet != "" {
		fmt.Fprintf(&b, "工作表“%s”", i.Sheet)
	}
	if i.Row > 0 {
		fmt.Fprintf(&b, "第 %d 行", i.Row)
	}
	if i.Column != "" {
		fmt.Fprintf(&b, " %s 列", i.Column)
	}
	if i.Value != "" {
		fmt.Fprintf(&b, "（%s）", i.Value)
	}
	if b.Len() > 0 {
		b.WriteString("：")
	}
	b.WriteString(i.Message)
	return b.String()
}

// MarshalJSON writes the issue with long cell text cut, as String does.
func (i ImportIssue) MarshalJSON() ([]byte, error) {
	type plain ImportIssue
	i.Value, i.Message = sheet.Clip(i.Value), sheet.ClipQuoted(i.Message)
	return json.Marshal(plain(i))
}

// reason strips the sentinel prefix so the message reads as one sentence.
func reason(err error) string {
	msg := err.Error()
	for _, s := range []error{models.ErrInvalid, models.ErrNotFound, models.ErrConflict} {
		msg = strings.TrimPrefix(msg, s.Error()+"：")
	}
	return msg
}
