package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"shequ/models"
)

type xlsxReader struct {
	name  string
	data  []byte
	zr    *zip.Reader
	lim   Limits
	names []string
	// parts is each sheet's XML in the zip, read by streamRows; nil when the workbook's own
	// parts could not be read, and then excelize reads every sheet.
	parts []string
	// f is excelize's view of the file, opened only when needed: for merged ranges, and for
	// the sheets streamRows hands back.
	f       *excelize.File
	sst     []string
	sstErr  error
	sstRead bool
}

// openXLSX checks the zip directory against the limits before anything is unpacked, then reads
// the workbook's list of sheets; excelize is opened now only when that list cannot be read.
func openXLSX(name string, data []byte, lim Limits) (r reader, err error) {
	defer recoverInto(&err, name)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errCorrupt(name)
	}
	if err := checkZipDirectory(name, zr, lim); err != nil {
		return nil, err
	}
	x := &xlsxReader{name: name, data: data, zr: zr, lim: lim}
	b, err := readBook(zr, lim.MaxSheets)
	var shared *sharedPartError
	if errors.As(err, &shared) {
		return nil, fmt.Errorf("%w：文件“%s”的工作表“%s”与“%s”指向同一份表格数据，不是 Excel 或 WPS 保存的文件，已拒绝读取",
			models.ErrInvalid, name, Clip(shared.second), Clip(shared.first))
	}
	if err == nil && b.count > lim.MaxSheets {
		return nil, errTooManySheets(name, b.count, lim.MaxSheets)
	}
	if err == nil && len(b.names) > 0 {
		x.names, x.parts = b.names, b.parts
		return x, nil
	}
	if _, err := x.excel(); err != nil {
		return nil, err
	}
	x.names = x.f.GetSheetList()
	return x, nil
}

func errCorrupt(name string) error {
	return fmt.Errorf("%w：文件“%s”已损坏或不是有效的 .xlsx 文件（无法解压），请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入", models.ErrInvalid, name)
}

// checkZipDirectory holds the declared sizes to the limits; archive/zip refuses to unpack more
// than an entry declares, so these bounds hold for whatever reads the parts.
func checkZipDirectory(name string, zr *zip.Reader, lim Limits) error {
	if len(zr.File) > 10000 {
		return fmt.Errorf("%w：文件“%s”内部包含 %d 个部件，不像正常的表格文件", models.ErrInvalid, name, len(zr.File))
	}
	var total uint64
	seen := make(map[string]bool, len(zr.File))
	for _, zf := range zr.File {
		lower := strings.ToLower(zf.Name)
		if seen[lower] {
			return fmt.Errorf("%w：文件“%s”内部有两个重名的部件 %s，不是 Excel 或 WPS 保存的文件，已拒绝读取", models.ErrInvalid, name, Clip(zf.Name))
		}
		seen[lower] = true
		size := zf.UncompressedSize64
		total += size
		if total > uint64(lim.MaxUnzipBytes) {
			return fmt.Errorf("%w：文件“%s”解压后超过 %s（疑似“压缩炸弹”），已拒绝读取", models.ErrInvalid, name, models.FormatBytes(lim.MaxUnzipBytes))
		}
		if size > uint64(lim.MaxPartBytes) && !strings.HasPrefix(lower, "xl/worksheets/sheet") && lower != "xl/sharedstrings.xml" {
			return fmt.Errorf("%w：文件“%s”中的部件 %s 解压后达 %s，超过上限，已拒绝读取", models.ErrInvalid, name, zf.Name, models.FormatBytes(int64(size)))
		}
	}
	return nil
}

// excel opens the workbook with excelize (once), with raw cell values: a number format must
// never round an amount.
func (x *xlsxReader) excel() (f *excelize.File, err error) {
	if x.f != nil {
		return x.f, nil
	}
	lim, name := x.lim, x.name
	f, err = excelize.OpenReader(bytes.NewReader(x.data), excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    lim.MaxUnzipBytes,
		UnzipXMLSizeLimit: min(lim.MaxXMLInMemory, lim.MaxUnzipBytes),
	})
	if err != nil {
		if f != nil {
			_ = f.Close()
		}
		switch {
		case strings.Contains(err.Error(), "unzip size exceeds"):
			return nil, fmt.Errorf("%w：文件“%s”解压后超过 %s（疑似“压缩炸弹”），已拒绝读取", models.ErrInvalid, name, models.FormatBytes(lim.MaxUnzipBytes))
		case errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrAlgorithm):
			return nil, errCorrupt(name)
		}
		return nil, fmt.Errorf("%w：文件“%s”无法作为 .xlsx 读取（内容不完整或不是 Excel/WPS 保存的格式），请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入", models.ErrInvalid, name)
	}
	x.f = f
	return f, nil
}

func (x *xlsxReader) sheets() []string { return x.names }

func (x *xlsxReader) merges(i int) (ms []Merge, err error) {
	defer recoverInto(&err, x.name)
	f, err := x.excel()
	if err != nil {
		return nil, err
	}
	mcs, err := f.GetMergeCells(x.names[i], true)
	if err != nil {
		return nil, x.sheetErr(i, err)
	}
	for _, mc := range mcs {
		c1, r1, e1 := excelize.CellNameToCoordinates(mc.GetStartAxis())
		c2, r2, e2 := excelize.CellNameToCoordinates(mc.GetEndAxis())
		if e1 != nil || e2 != nil {
			continue
		}
		ms = append(ms, Merge{FirstRow: r1, FirstCol: c1 - 1, LastRow: r2, LastCol: c2 - 1})
	}
	return ms, nil
}

func (x *xlsxReader) each(ctx context.Context, i int, fn func(Row) error) (err error) {
	defer recoverInto(&err, x.name)
	if x.parts == nil || x.parts[i] == "" {
		return x.eachExcelize(ctx, i, fn)
	}
	return x.eachStreamed(ctx, i, fn)
}

// eachExcelize reads sheet i with excelize's row iterator.
func (x *xlsxReader) eachExcelize(ctx context.Context, i int, fn func(Row) error) (err error) {
	f, err := x.excel()
	if err != nil {
		return err
	}
	rows, err := f.Rows(x.names[i])
	if err != nil {
		return x.sheetErr(i, err)
	}
	defer rows.Close()
	num := 0
	for rows.Next() {
		num++
		cells, err := rows.Columns()
		if err != nil {
			return x.sheetErr(i, err)
		}
		if len(cells) == 0 {
			continue
		}
		for k, c := range cells {
			cells[k] = canonNumber(c)
		}
		r := Row{Num: num, Cells: cells}
		if r.Blank() {
			continue
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return x.sheetErr(i, err)
	}
	return ctx.Err()
}

func (x *xlsxReader) sheetErr(i int, err error) error {
	if strings.Contains(err.Error(), "is not a worksheet") {
		return notWorksheet{fmt.Errorf("%w：文件“%s”的工作表“%s”是图表，不是数据表", models.ErrInvalid, x.name, x.names[i])}
	}
	if x.parts != nil && x.parts[i] == "" { // and excelize found no part either
		return fmt.Errorf("%w：文件“%s”的工作表“%s”的数据在文件中找不到（内部引用的部件缺失或指向文件之外），文件可能已损坏；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入", models.ErrInvalid, x.name, x.names[i])
	}
	var pe *posError
	if errors.As(err, &pe) {
		return fmt.Errorf("%w：文件“%s”的工作表“%s”无法读取：%s，文件可能已损坏；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入", models.ErrInvalid, x.name, x.names[i], pe.where())
	}
	return fmt.Errorf("%w：文件“%s”的工作表“%s”无法读取，文件可能已损坏；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入", models.ErrInvalid, x.name, x.names[i])
}

// ErrNotWorksheet marks a sheet that holds a chart rather than cells: importers pass over it.
var ErrNotWorksheet = errors.New("not a worksheet")

type notWorksheet struct{ error }

func (e notWorksheet) Is(target error) bool { return target == ErrNotWorksheet }
func (e notWorksheet) Unwrap() error        { return e.error }

func (x *xlsxReader) close() error {
	if x.f == nil {
		return nil
	}
	return x.f.Close()
}

// recoverInto turns a panic inside a third-party reader into a Chinese error: a broken file
// must never bring the program down.
func recoverInto(err *error, name string) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%w：文件“%s”内容异常，无法读取，请在 Excel 或 WPS 中打开后另存再导入", models.ErrInvalid, name)
	}
}

// eachStreamed reads sheet i with streamRows; a part it leaves to excelize is read by
// eachExcelize, as long as no row has been handed on yet.
func (x *xlsxReader) eachStreamed(ctx context.Context, i int, fn func(Row) error) error {
	sst, err := x.sharedStrings()
	if errors.Is(err, errXMLFallback) {
		return x.eachExcelize(ctx, i, fn)
	} else if err != nil {
		return x.sheetErr(i, err)
	}
	rc, err := zipEntry(x.zr, x.parts[i]).Open()
	if err != nil {
		return x.sheetErr(i, err)
	}
	defer rc.Close()
	handed := false
	var fnErr error
	err = streamRows(ctx, rc, sst, func(r Row) error {
		for k, c := range r.Cells {
			r.Cells[k] = canonNumber(c)
		}
		if r.Blank() {
			return nil
		}
		handed = true
		fnErr = fn(r)
		return fnErr
	})
	switch {
	case err == nil:
		return ctx.Err()
	case fnErr != nil && err == fnErr, ctx.Err() != nil && err == ctx.Err():
		return err // the caller's own error, ErrStop or a cancelled walk
	case errors.Is(err, errXMLFallback) && !handed:
		return x.eachExcelize(ctx, i, fn)
	}
	return x.sheetErr(i, err) // broken XML or zip data, a limit passed, a cell outside the sheet
}

// sharedStrings reads the shared-string table once, for every sheet.
func (x *xlsxReader) sharedStrings() ([]string, error) {
	if !x.sstRead {
		x.sst, x.sstErr = readSST(x.zr, x.lim.MaxPartBytes)
		x.sstRead = true
	}
	return x.sst, x.sstErr
}
