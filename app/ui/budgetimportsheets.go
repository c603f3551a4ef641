package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"shequ/app/budget"
)

// The sheet choice of the budget import: every sheet of the workbook with its lines and total
// (or why it cannot be imported), ticked to import, unticked to leave out.

// showSheets takes the sheets a preview found: the first (full) preview sets the list, later
// ones, made with some sheets left out, update the sheets they read.
func (b *budgetImport) showSheets(found []budget.SheetResult) {
	if len(b.leftOut) == 0 || b.sheets == nil {
		b.sheets = append([]budget.SheetResult(nil), found...)
		for _, sh := range found {
			if sh.Summary {
				b.leftOut[sh.Name] = true // the import left it out: show it unticked
			}
		}
	} else {
		for _, f := range found {
			for i := range b.sheets {
				if b.sheets[i].Name == f.Name {
					b.sheets[i] = f
				}
			}
		}
	}
	objs := make([]fyne.CanvasObject, 0, len(b.sheets))
	for _, sh := range b.sheets {
		name := sh.Name
		c := widget.NewCheck(b.sheetText(sh), nil)
		c.Checked = !b.leftOut[name]
		if b.result.Batch != 0 {
			c.Disable() // imported: the choice is made
		}
		c.OnChanged = func(on bool) {
			if on {
				delete(b.leftOut, name)
			} else {
				b.leftOut[name] = true
			}
			b.startPreview()
		}
		objs = append(objs, c)
	}
	b.sheetBox.Objects = objs
	b.sheetBox.Refresh()
	if len(b.sheets) > 1 || len(b.sheets) == 1 && b.sheets[0].Problem != "" {
		b.sheetArea.Show()
	} else {
		b.sheetArea.Hide()
	}
	// The row column names the sheet too when there are several.
	if len(b.sheets) > 1 {
		b.preview.SetColumnWidth(0, 130)
		b.preview.SetColumnWidth(len(previewHeaders)-1, 320)
	} else {
		b.preview.SetColumnWidth(0, 60)
		b.preview.SetColumnWidth(len(previewHeaders)-1, 390)
	}
}

// sheetText is one sheet's line: "中城街道：6 条，合计 431,171.31 元", its township when the name
// is not one, its errors, or that it is left out.
func (b *budgetImport) sheetText(sh budget.SheetResult) string {
	data := map[string]any{"Name": sh.Name, "Town": sh.Township, "Rows": sh.Rows, "Total": sh.Total.Yuan(), "N": sh.Errors}
	switch {
	case sh.Summary:
		return Tf("budgetimport.sheet_summary", data)
	case b.leftOut[sh.Name]:
		return Tf("budgetimport.sheet_left_out", data)
	case sh.Problem != "":
		return Tf("budgetimport.sheet_problem", data)
	}
	text := Tf("budgetimport.sheet_line", data)
	if sh.Township != "" && sh.Township != sh.Name {
		text = Tf("budgetimport.sheet_town_line", data)
	}
	if sh.Errors > 0 {
		text += Tf("budgetimport.sheet_errors", data)
	}
	return text
}

// chosenSheets are the sheets to import: nil for every one, unless the clerk left some out.
func (b *budgetImport) chosenSheets() []string {
	if len(b.leftOut) == 0 {
		return nil
	}
	names := []string{}
	for _, sh := range b.sheets {
		if !b.leftOut[sh.Name] {
			names = append(names, sh.Name)
		}
	}
	return names
}

// previewText sums up a preview that passed: the sheet, or how many sheets.
func (b *budgetImport) previewText(res budget.ImportResult) string {
	data := map[string]any{"Sheet": res.Sheet, "N": len(res.Sheets), "Year": res.Year, "Rows": res.Rows,
		"Total": res.Total.Wanyuan(), "W": len(res.Warnings)}
	if len(res.Sheets) > 1 {
		return Tf("budgetimport.preview_sheets", data)
	}
	return Tf("budget.preview_ok", data)
}

// refusedText says nothing was imported; with several sheets, that unticking a bad one helps.
func (b *budgetImport) refusedText(res budget.ImportResult) string {
	if len(b.sheets) > 1 {
		return Tf("budgetimport.refused_sheets", map[string]any{"N": len(res.Errors)})
	}
	return Tf("budget.refused", map[string]any{"N": len(res.Errors)})
}
