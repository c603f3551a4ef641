package sheet

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// errSharedIndex: a t="s" cell whose value is no index into the shared-string table (excelize
// refuses it too); read as an empty cell, it would drop an amount without a word.
var errSharedIndex = errors.New("shared string index out of range")

// posError says where in a worksheet's XML the reader stopped, for the clerk's message.
type posError struct {
	row   int    // the row being read; with after, the last one read
	after string // a row number that does not follow row (out of order, outside the sheet)
	cell  string // the cell's reference ("C3"), "" outside a cell
	val   string // the cell's value, when it is the fault
	item  int    // in the shared strings (not a sheet): the 1-based item
	err   error
}

func (e *posError) Error() string {
	return fmt.Sprintf("row %d (%q) cell %q value %q: %v", e.row, e.after, e.cell, e.val, e.err)
}

func (e *posError) Unwrap() error { return e.err }

// at is err at the cell the row reader was on.
func (rr *rowReader) at(num int, err error) error {
	pe := &posError{row: num, cell: rr.badRef, val: rr.badVal, err: err}
	if pe.cell == "" && rr.col > 0 {
		pe.cell, _ = excelize.CoordinatesToCellName(rr.col, num)
	}
	return pe
}

// quoted is attribute or cell text fit for a message: valid UTF-8, long text cut.
func quoted(b []byte) string {
	return Clip(strings.ToValidUTF8(string(b), "?"))
}

// where is the place and the fault, in Chinese: "第 3 行单元格 C3（值“7”）引用了不存在的共享文本".
func (e *posError) where() string {
	var b strings.Builder
	switch {
	case e.item > 0:
		fmt.Fprintf(&b, "共享文本第 %d 项", e.item)
	case e.after != "" && e.row == 0:
		fmt.Fprintf(&b, "第一行的行号“%s”", e.after)
	case e.after != "":
		fmt.Fprintf(&b, "第 %d 行之后的行号“%s”", e.row, e.after)
	case e.cell != "":
		fmt.Fprintf(&b, "第 %d 行单元格 %s", e.row, e.cell)
		if e.val != "" {
			fmt.Fprintf(&b, "（值“%s”）", e.val)
		}
	case e.row > 0:
		fmt.Fprintf(&b, "第 %d 行", e.row)
	default:
		b.WriteString("表格开头")
	}
	switch {
	case errors.Is(e.err, errSharedIndex):
		b.WriteString("引用了不存在的共享文本")
	case errors.Is(e.err, errCellRef) && e.after != "":
		b.WriteString("超出表格范围或与前面的行重复、顺序颠倒")
	case errors.Is(e.err, errCellRef):
		b.WriteString("的位置超出表格范围或与同一行前面的单元格重复、顺序颠倒")
	case errors.Is(e.err, errXMLLimit):
		b.WriteString("处内容超过上限（单元格文字过长、一行或整张表的单元格过多），疑似异常文件")
	default:
		b.WriteString("处内容格式错误或不完整")
	}
	return b.String()
}
