package sheet

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"shequ/models"
)

// csvReader is a CSV file as one sheet named after the file.
type csvReader struct {
	name  string
	sheet string
	text  string
}

// DecodeText returns the file's text: UTF-8 (a BOM is dropped) when the bytes are valid
// UTF-8, otherwise GBK (GB18030), which is what WPS and Excel write on Chinese Windows.
func DecodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	if utf8.Valid(data) {
		return string(data), nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", err
	}
	return string(out), nil
}

func openCSV(name string, data []byte, _ Limits) (reader, error) {
	if bytes.IndexByte(data, 0) >= 0 {
		return nil, fmt.Errorf("%w：文件“%s”不是表格文件（含有二进制内容），请选择 .xlsx、.xls 或 .csv 文件", models.ErrInvalid, name)
	}
	text, err := DecodeText(data)
	if err != nil {
		return nil, fmt.Errorf("%w：文件“%s”的编码无法识别（应为 UTF-8 或 GBK）", models.ErrInvalid, name)
	}
	sheet := strings.TrimSuffix(name, filepath.Ext(name))
	if sheet == "" {
		sheet = name
	}
	return &csvReader{name: name, sheet: sheet, text: text}, nil
}

func (c *csvReader) sheets() []string            { return []string{c.sheet} }
func (c *csvReader) merges(int) ([]Merge, error) { return nil, nil }
func (c *csvReader) close() error                { return nil }

// each yields one Row per CSV record, numbered as Excel shows them: a blank line is a row, a
// quoted field spanning several lines is one.
func (c *csvReader) each(ctx context.Context, _ int, fn func(Row) error) error {
	return EachCSV(ctx, strings.NewReader(c.text), c.name, fn)
}

// EachCSV reads CSV text (comma separated, fields optionally quoted, CRLF or LF) record by record.
func EachCSV(ctx context.Context, r io.Reader, name string, fn func(Row) error) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = false
	num, endLine := 0, 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err == nil {
			// encoding/csv skips blank lines; count them back in.
			start, _ := cr.FieldPos(0)
			num += max(1, start-endLine)
			last, _ := cr.FieldPos(len(rec) - 1)
			endLine = last + strings.Count(rec[len(rec)-1], "\n")
		} else {
			num++
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return fmt.Errorf("%w：文件“%s”第 %d 行不是有效的 CSV（%v）", models.ErrInvalid, name, pe.StartLine, pe.Err)
			}
			return fmt.Errorf("%w：读取文件“%s”失败：%v", models.ErrInvalid, name, err)
		}
		for k, v := range rec {
			rec[k] = strings.TrimSuffix(v, "\r")
		}
		row := Row{Num: num, Cells: rec}
		if row.Blank() {
			continue
		}
		if err := fn(row); err != nil {
			return err
		}
		if num%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
}
