// Package sheet reads the spreadsheets clerks already have (.xlsx from Excel or WPS, .xls,
// .csv in UTF-8 or GBK) as plain rows of cell text, within fixed limits on size, rows and
// sheets, so that a hostile file gives a Chinese error instead of a panic or a full memory.
// Importers of every module share it; header recognition helpers are in header.go.
package sheet

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"shequ/models"
)

// Limits bound what a file may cost to read.
type Limits struct {
	MaxFileBytes int64 // the file itself
	MaxRows      int   // rows per sheet, counted while streaming
	MaxSheets    int
	// MaxUnzipBytes bounds the unpacked size of an .xlsx (zip bombs); MaxPartBytes bounds
	// one part other than a worksheet (shared strings and styles are held in memory).
	MaxUnzipBytes int64
	MaxPartBytes  int64
	// MaxXMLInMemory is the worksheet size above which excelize spills it to a temporary file.
	MaxXMLInMemory int64
}

// DefaultLimits are what shequ's imports use.
func DefaultLimits() Limits {
	return Limits{
		MaxFileBytes:   50 << 20,
		MaxRows:        200_000,
		MaxSheets:      255,
		MaxUnzipBytes:  512 << 20,
		MaxPartBytes:   64 << 20,
		MaxXMLInMemory: 16 << 20,
	}
}

// Format is the kind of file detected from its content.
type Format string

const (
	XLSX Format = "xlsx"
	XLS  Format = "xls"
	CSV  Format = "csv"
)

// Row is one row as the sheet shows it.
type Row struct {
	Num   int      // 1-based row number as Excel/WPS shows it
	Cells []string // Cells[0] is column A; trailing empty cells may be missing
}

// Cell returns the text of column i (0 = A), "" beyond the row's end.
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// Blank reports whether every cell is empty or white space.
func (r Row) Blank() bool {
	for _, c := range r.Cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Merge is a merged range: rows are 1-based as shown, columns 0-based like Row.Cells.
type Merge struct {
	FirstRow, FirstCol, LastRow, LastCol int
}

// Contains reports whether the cell (row, col) lies in the range.
func (m Merge) Contains(row, col int) bool {
	return row >= m.FirstRow && row <= m.LastRow && col >= m.FirstCol && col <= m.LastCol
}

// ColumnLetter names a 0-based column as Excel does: 0 → A, 26 → AA.
func ColumnLetter(i int) string {
	if i < 0 {
		return ""
	}
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// ErrStop, returned by a row callback, ends the walk of that sheet without an error.
var ErrStop = errors.New("stop reading")

// reader is one format's way of producing sheets.
type reader interface {
	sheets() []string
	merges(i int) ([]Merge, error)
	each(ctx context.Context, i int, fn func(Row) error) error
	close() error
}

// Workbook is an opened file.
type Workbook struct {
	Name   string // the file's base name, for messages
	Format Format
	SHA256 string // of the file's bytes
	Size   int64
	lim    Limits
	r      reader
}

// Open reads the file at path (at most lim.MaxFileBytes) and opens it by its content.
func Open(path string, lim Limits) (*Workbook, error) {
	name := filepath.Base(path)
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("%w：无法打开文件“%s”：%s", models.ErrInvalid, name, osReason(err))
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%w：“%s”是文件夹，不是表格文件", models.ErrInvalid, name)
	}
	if st.Size() > lim.MaxFileBytes {
		return nil, fmt.Errorf("%w：文件“%s”有 %s，超过上限 %s，请只保留需要导入的工作表后再试",
			models.ErrInvalid, name, models.FormatBytes(st.Size()), models.FormatBytes(lim.MaxFileBytes))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%w：无法打开文件“%s”：%s", models.ErrInvalid, name, osReason(err))
	}
	defer f.Close()
	// The stat size may change under us; never read more than the limit.
	// Sized from the stat, so the file is read into one buffer, not a chain of growing ones.
	buf := bytes.NewBuffer(make([]byte, 0, min(st.Size(), lim.MaxFileBytes)+bytes.MinRead))
	_, err = buf.ReadFrom(io.LimitReader(f, lim.MaxFileBytes+1))
	data := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("%w：读取文件“%s”失败：%s", models.ErrInvalid, name, osReason(err))
	}
	return OpenBytes(name, data, lim)
}

// OpenBytes opens a file held in memory; name is used for its extension and in messages.
func OpenBytes(name string, data []byte, lim Limits) (wb *Workbook, err error) {
	if int64(len(data)) > lim.MaxFileBytes {
		return nil, fmt.Errorf("%w：文件“%s”超过上限 %s", models.ErrInvalid, name, models.FormatBytes(lim.MaxFileBytes))
	}
	sum := sha256.Sum256(data)
	wb = &Workbook{Name: name, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), lim: lim}
	if len(data) == 0 {
		return nil, fmt.Errorf("%w：文件“%s”是空的（0 字节）", models.ErrInvalid, name)
	}
	ext := strings.ToLower(filepath.Ext(name))
	if kind := notASheet(data); kind != "" {
		return nil, errNotASheet(name, kind)
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06")):
		wb.Format = XLSX
		wb.r, err = openXLSX(name, data, lim)
	case bytes.HasPrefix(data, oleMagic):
		if isEncryptedOOXML(data) {
			return nil, fmt.Errorf("%w：文件“%s”设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存，再导入", models.ErrInvalid, name)
		}
		wb.Format = XLS
		wb.r, err = openXLS(name, data, lim)
	case ext == ".xlsx" || ext == ".xlsm" || ext == ".xls" || ext == ".et":
		return nil, fmt.Errorf("%w：文件“%s”的扩展名是 %s，但内容不是 Excel/WPS 表格（文件可能已损坏或被改了扩展名）", models.ErrInvalid, name, ext)
	default:
		wb.Format = CSV
		wb.r, err = openCSV(name, data, lim)
	}
	if err != nil {
		return nil, err
	}
	if n := len(wb.r.sheets()); n == 0 {
		_ = wb.r.close()
		return nil, fmt.Errorf("%w：文件“%s”中没有工作表", models.ErrInvalid, name)
	} else if n > lim.MaxSheets {
		_ = wb.r.close()
		return nil, errTooManySheets(name, n, lim.MaxSheets)
	}
	return wb, nil
}

func errTooManySheets(name string, n, limit int) error {
	return fmt.Errorf("%w：文件“%s”有 %d 个工作表，超过上限 %d 个，请把需要导入的工作表另存为单独的文件", models.ErrInvalid, name, n, limit)
}

// Sheets lists the sheet names in workbook order (a CSV file has one, named after the file).
func (w *Workbook) Sheets() []string { return w.r.sheets() }

// Merges lists the merged ranges of sheet i; formats without merge information return none.
func (w *Workbook) Merges(i int) ([]Merge, error) {
	if i < 0 || i >= len(w.r.sheets()) {
		return nil, fmt.Errorf("%w：没有第 %d 个工作表", models.ErrInvalid, i+1)
	}
	return w.r.merges(i)
}

// Each streams the non-empty rows of sheet i in order. fn may return ErrStop to end early.
// More than lim.MaxRows rows is an error; ctx cancels the walk.
func (w *Workbook) Each(ctx context.Context, i int, fn func(Row) error) error {
	if i < 0 || i >= len(w.r.sheets()) {
		return fmt.Errorf("%w：没有第 %d 个工作表", models.ErrInvalid, i+1)
	}
	n := 0
	err := w.r.each(ctx, i, func(r Row) error {
		n++
		if n > w.lim.MaxRows || r.Num > w.lim.MaxRows*8 {
			return fmt.Errorf("%w：文件“%s”工作表“%s”超过 %d 行，超出导入上限，请拆分后再导入",
				models.ErrInvalid, w.Name, w.r.sheets()[i], w.lim.MaxRows)
		}
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return fn(r)
	})
	if errors.Is(err, ErrStop) {
		return nil
	}
	return err
}

// ReadAll returns every row of sheet i; for small sheets and tests.
func (w *Workbook) ReadAll(ctx context.Context, i int) ([]Row, error) {
	var rows []Row
	err := w.Each(ctx, i, func(r Row) error {
		rows = append(rows, r)
		return nil
	})
	return rows, err
}

// Close releases temporary files.
func (w *Workbook) Close() error { return w.r.close() }

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// isEncryptedOOXML recognises a password-protected .xlsx: an OLE container holding the
// streams EncryptionInfo and EncryptedPackage (names are UTF-16LE in the directory).
func isEncryptedOOXML(data []byte) bool {
	return bytes.Contains(data, utf16le("EncryptionInfo")) || bytes.Contains(data, utf16le("EncryptedPackage"))
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for _, c := range s {
		b = append(b, byte(c), 0)
	}
	return b
}

func osReason(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "文件不存在"
	case errors.Is(err, os.ErrPermission):
		return "没有读取权限（文件可能正被其他程序占用）"
	}
	return "系统无法读取该文件（文件可能正被其他程序占用，或所在的磁盘、网络位置不可用）"
}

// canonNumber turns a number as a spreadsheet stores it into the decimal a clerk sees:
// binary noise beyond Excel's 15 significant digits is rounded away ("1234.5600000000002" →
// "1234.56") and exponent forms are written out ("1E-3" → "0.001"). Text that is not a plain
// number is returned unchanged.
func canonNumber(s string) string {
	if s == "" || len(s) > 40 {
		return s
	}
	hasExp, hasDot := false, false
	digits := 0
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			hasDot = true
		case c == '-' && i == 0:
		case c == 'E' || c == 'e':
			hasExp = true
		case (c == '+' || c == '-') && hasExp:
		default:
			return s
		}
	}
	// Whole numbers are left alone: an 18-digit ID number kept as text must not be rounded.
	if !hasExp && (!hasDot || digits <= 15) {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	g := strconv.FormatFloat(f, 'g', 15, 64)
	f2, _ := strconv.ParseFloat(g, 64)
	return strconv.FormatFloat(f2, 'f', -1, 64)
}
