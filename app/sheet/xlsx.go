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
	f     *excelize.File
	names []string
}

// openXLSX checks the zip directory against the limits before excelize unpacks anything,
// then opens the workbook with raw cell values (a number format must never round an amount).
func openXLSX(name string, data []byte, lim Limits) (r reader, err error) {
	defer recoverInto(&err, name)
	corrupt := fmt.Errorf("%w：文件“%s”已损坏或不是有效的 .xlsx 文件（无法解压），请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入", models.ErrInvalid, name)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, corrupt
	}
	if len(zr.File) > 10000 {
		return nil, fmt.Errorf("%w：文件“%s”内部包含 %d 个部件，不像正常的表格文件", models.ErrInvalid, name, len(zr.File))
	}
	var total uint64
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		total += size
		if total > uint64(lim.MaxUnzipBytes) {
			return nil, fmt.Errorf("%w：文件“%s”解压后超过 %s（疑似“压缩炸弹”），已拒绝读取", models.ErrInvalid, name, models.FormatBytes(lim.MaxUnzipBytes))
		}
		lower := strings.ToLower(zf.Name)
		if size > uint64(lim.MaxPartBytes) && !strings.HasPrefix(lower, "xl/worksheets/sheet") && lower != "xl/sharedstrings.xml" {
			return nil, fmt.Errorf("%w：文件“%s”中的部件 %s 解压后达 %s，超过上限，已拒绝读取", models.ErrInvalid, name, zf.Name, models.FormatBytes(int64(size)))
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
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
			return nil, corrupt
		}
		return nil, fmt.Errorf("%w：文件“%s”无法作为 .xlsx 读取（内容不完整或不是 Excel/WPS 保存的格式），请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入", models.ErrInvalid, name)
	}
	return &xlsxReader{name: name, f: f, names: f.GetSheetList()}, nil
}

func (x *xlsxReader) sheets() []string { return x.names }

func (x *xlsxReader) merges(i int) (ms []Merge, err error) {
	defer recoverInto(&err, x.name)
	mcs, err := x.f.GetMergeCells(x.names[i], true)
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
	rows, err := x.f.Rows(x.names[i])
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
	return fmt.Errorf("%w：文件“%s”的工作表“%s”无法读取，文件可能已损坏；请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入", models.ErrInvalid, x.name, x.names[i])
}

// ErrNotWorksheet marks a sheet that holds a chart rather than cells: importers pass over it.
var ErrNotWorksheet = errors.New("not a worksheet")

type notWorksheet struct{ error }

func (e notWorksheet) Is(target error) bool { return target == ErrNotWorksheet }
func (e notWorksheet) Unwrap() error        { return e.error }

func (x *xlsxReader) close() error { return x.f.Close() }

// recoverInto turns a panic inside a third-party reader into a Chinese error: a broken file
// must never bring the program down.
func recoverInto(err *error, name string) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%w：文件“%s”内容异常，无法读取，请在 Excel 或 WPS 中打开后另存再导入", models.ErrInvalid, name)
	}
}
