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
	"golang.org/x/text/encoding/unicode"

	"shequ/models"
)

// csvReader is a CSV file as one sheet named after the file.
type csvReader struct {
	name  string
	sheet string
	text  string
	comma rune
}

// DecodeText returns the file's text: UTF-16 (LE or BE, with or without a BOM: Excel's
// "Unicode 文本"), UTF-8 (a BOM is dropped) when the bytes are valid UTF-8, otherwise GBK
// (GB18030), which is what WPS and Excel write on Chinese Windows.
func DecodeText(data []byte) (string, error) {
	if text, ok := decodeUTF16(data); ok {
		return text, nil
	}
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

// decodeUTF16 reads UTF-16 text: a BOM says which byte order; without one, the zero high
// bytes of tabs, line breaks and digits do. ok is false for anything that is not clean text.
func decodeUTF16(data []byte) (string, bool) {
	order := unicode.LittleEndian
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		order = unicode.BigEndian
	default:
		if len(data) < 4 || len(data)%2 != 0 {
			return "", false
		}
		even, odd := 0, 0
		for i, c := range data[:min(len(data), 8192)] {
			if c == 0 {
				if i%2 == 0 {
					even++
				} else {
					odd++
				}
			}
		}
		switch {
		case odd > 0 && even == 0:
		case even > 0 && odd == 0:
			order = unicode.BigEndian
		default:
			return "", false
		}
	}
	out, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		if out, err = unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(data); err != nil {
			return "", false
		}
	}
	text := strings.TrimPrefix(string(out), "\uFEFF")
	if !strings.ContainsAny(text, "\t\n,") {
		return "", false // not a table, whatever it is
	}
	for _, c := range text {
		if c == utf8.RuneError || c < 0x20 && c != '\t' && c != '\r' && c != '\n' {
			return "", false
		}
	}
	return text, true
}

func openCSV(name string, data []byte, _ Limits) (reader, error) {
	text, utf16 := decodeUTF16(data)
	if !utf16 {
		if bytes.IndexByte(data, 0) >= 0 {
			return nil, fmt.Errorf("%w：文件“%s”不是表格文件（含有二进制内容），请选择 .xlsx、.xls 或 .csv 文件", models.ErrInvalid, name)
		}
		var err error
		if text, err = DecodeText(data); err != nil {
			return nil, fmt.Errorf("%w：文件“%s”的编码无法识别（应为 UTF-8、GBK 或 Unicode）", models.ErrInvalid, name)
		}
	}
	sheet := strings.TrimSuffix(name, filepath.Ext(name))
	if sheet == "" {
		sheet = name
	}
	return &csvReader{name: name, sheet: sheet, text: text, comma: separator(text)}, nil
}

// separator is the tab when the first lines hold more tabs than commas (Excel's "Unicode 文本"
// and "文本文件（制表符分隔）"), the comma otherwise.
func separator(text string) rune {
	head := text[:min(len(text), 4096)]
	lines := strings.SplitN(head, "\n", 11)
	tabs, commas := 0, 0
	for _, l := range lines[:min(len(lines), 10)] {
		tabs += strings.Count(l, "\t")
		commas += strings.Count(l, ",")
	}
	if tabs > commas {
		return '\t'
	}
	return ','
}

func (c *csvReader) sheets() []string            { return []string{c.sheet} }
func (c *csvReader) merges(int) ([]Merge, error) { return nil, nil }
func (c *csvReader) close() error                { return nil }

// each yields one Row per CSV record, numbered as Excel shows them: a blank line is a row, a
// quoted field spanning several lines is one.
func (c *csvReader) each(ctx context.Context, _ int, fn func(Row) error) error {
	return eachCSV(ctx, strings.NewReader(c.text), c.name, c.comma, fn)
}

// EachCSV reads CSV text (comma separated, fields optionally quoted, CRLF or LF) record by record.
func EachCSV(ctx context.Context, r io.Reader, name string, fn func(Row) error) error {
	return eachCSV(ctx, r, name, ',', fn)
}

func eachCSV(ctx context.Context, r io.Reader, name string, comma rune, fn func(Row) error) error {
	cr := csv.NewReader(r)
	cr.Comma = comma
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
				return fmt.Errorf("%w：文件“%s”第 %d 行不是有效的 CSV（引号或分隔符不成对），请在 Excel 或 WPS 中打开后另存再导入", models.ErrInvalid, name, pe.StartLine)
			}
			return fmt.Errorf("%w：读取文件“%s”失败，文件可能已损坏", models.ErrInvalid, name)
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
