package sheet

import (
	"encoding/json"
	"fmt"
	"strings"

	"shequ/models"
)

// Issue is one problem, located as the clerk sees it in the sheet.
type Issue struct {
	Sheet   string `json:"sheet"`
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Value   string `json:"value"`
	Message string `json:"message"`
	// Key is the recognised column the issue is about (code, township, village, category,
	// item, amount, source, note), so a preview can mark that cell; "" for the whole row or file.
	Key string `json:"-"`
}

// NewIssue makes an issue with long cell text cut, so one 32,767-character cell cannot turn a
// message into kilobytes.
func NewIssue(sheetName string, row int, column, value, msg, key string) Issue {
	return Issue{Sheet: sheetName, Row: row, Column: column, Value: Clip(value), Message: ClipQuoted(msg), Key: key}
}

// String is the Chinese sentence for the issue.
func (i Issue) String() string {
	i.Value, i.Message = Clip(i.Value), ClipQuoted(i.Message)
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
func (i Issue) MarshalJSON() ([]byte, error) {
	type plain Issue
	i.Value, i.Message = Clip(i.Value), ClipQuoted(i.Message)
	return json.Marshal(plain(i))
}

// Reason strips the sentinel prefix so the message reads as one sentence.
func Reason(err error) string {
	msg := err.Error()
	for _, s := range []error{models.ErrInvalid, models.ErrNotFound, models.ErrConflict} {
		msg = strings.TrimPrefix(msg, s.Error()+"：")
	}
	return msg
}
