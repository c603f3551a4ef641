package sheet

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"shequ/models"
)

// A sheet of 1,000,000 rows is refused with the default limits once the limit is passed while
// streaming — the reader never loads it whole.
func TestMillionRowsRefused(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1,000,000-row sheet")
	}
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "百万行.csv")
	f, err := os.Create(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("乡镇,村,金额\n")
	for i := range 1_000_000 {
		fmt.Fprintf(w, "中城街道,平城街社区,%d\n", i)
	}
	w.Flush()
	f.Close()

	xlsxPath := filepath.Join(dir, "百万行.xlsx")
	x := excelize.NewFile()
	sw, _ := x.NewStreamWriter("Sheet1")
	for i := 1; i <= 1_000_000; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i)
		_ = sw.SetRow(cell, []any{i})
	}
	_ = sw.Flush()
	if err := x.SaveAs(xlsxPath); err != nil {
		t.Fatal(err)
	}
	_ = x.Close()

	for _, p := range []string{csvPath, xlsxPath} {
		wb, err := Open(p, DefaultLimits())
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
		rows := 0
		err = wb.Each(context.Background(), 0, func(Row) error { rows++; return nil })
		wb.Close()
		if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "超过 200000 行") {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
		if rows > DefaultLimits().MaxRows {
			t.Fatalf("%s: %d rows delivered before the refusal", filepath.Base(p), rows)
		}
	}
}
