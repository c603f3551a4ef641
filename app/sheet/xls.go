package sheet

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/shakinm/xlsReader/xls"

	"shequ/models"
)

// xlsReader holds an Excel 97-2003 workbook. shakinm/xlsReader parses the whole file at once
// (the file-size limit bounds it) and has no merge information.
type xlsReader struct {
	name  string
	wb    xls.Workbook
	names []string
}

func openXLS(name string, data []byte, lim Limits) (r reader, err error) {
	defer recoverInto(&err, name)
	wb, err := xls.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%w：文件“%s”不是可读取的 Excel 97-2003 (.xls) 表格，请在 Excel 或 WPS 中打开后另存为 .xlsx 再导入", models.ErrInvalid, name)
	}
	x := &xlsReader{name: name, wb: wb}
	for i := range wb.GetNumberSheets() {
		if i >= lim.MaxSheets+1 {
			break
		}
		sh, err := wb.GetSheet(i)
		if err != nil || sh == nil {
			return nil, fmt.Errorf("%w：文件“%s”的第 %d 个工作表无法读取", models.ErrInvalid, name, i+1)
		}
		x.names = append(x.names, strings.TrimRight(sh.GetName(), "\x00"))
	}
	for i := len(x.names); i < wb.GetNumberSheets(); i++ {
		x.names = append(x.names, fmt.Sprintf("Sheet%d", i+1))
	}
	return x, nil
}

func (x *xlsReader) sheets() []string            { return x.names }
func (x *xlsReader) merges(int) ([]Merge, error) { return nil, nil }
func (x *xlsReader) close() error                { return nil }

func (x *xlsReader) each(ctx context.Context, i int, fn func(Row) error) (err error) {
	defer recoverInto(&err, x.name)
	sh, err := x.wb.GetSheet(i)
	if err != nil || sh == nil {
		return fmt.Errorf("%w：文件“%s”的工作表“%s”无法读取", models.ErrInvalid, x.name, x.names[i])
	}
	n := sh.GetNumberRows()
	for ri := 0; ri < n; ri++ {
		row, err := sh.GetRow(ri)
		if err != nil || row == nil {
			continue
		}
		cols := row.GetCols()
		cells := make([]string, len(cols))
		for k, c := range cols {
			if c == nil {
				continue
			}
			cells[k] = canonNumber(c.GetString())
		}
		r := Row{Num: ri + 1, Cells: cells}
		if r.Blank() {
			continue
		}
		if err := fn(r); err != nil {
			return err
		}
		if ri%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}
