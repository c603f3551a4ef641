// Package assets embeds what shequ ships inside its binary: the Chinese font (one set of bytes
// for the Fyne theme and for PDF reports), the icon, translations and seed data.
package assets

import (
	"embed"
	_ "embed"
)

// FontRegular and FontBold are Noto Sans SC (SIL OFL 1.1), TrueType outlines.
var (
	//go:embed fonts/NotoSansSC-Regular.ttf
	FontRegular []byte
	//go:embed fonts/NotoSansSC-Bold.ttf
	FontBold []byte
	//go:embed fonts/OFL.txt
	sansLicence string
)

// UIFontRegular and UIFontBold are the same two faces with CFF outlines, for the Fyne theme:
// go-text parses every TrueType outline of a face into memory when Fyne loads it (19 + 6 MB of
// heap for these two), but keeps CFF charstrings as bytes and reads a glyph when it is drawn
// (the tables' bytes only). Not WOFF: inflating it cost ~250 ms of start-up. fpdf reads
// TrueType only, so the reports keep the .ttf files.
var (
	//go:embed fonts/NotoSansSC-Regular.otf
	UIFontRegular []byte
	//go:embed fonts/NotoSansSC-Bold.otf
	UIFontBold []byte
)

// FontSerif and FontSerifBold are Noto Serif SC (SIL OFL 1.1), TrueType outlines: the PDF
// report's 仿宋 and 小标宋/楷体 where the system's own faces are absent (see reports/pdf).
var (
	//go:embed fonts/NotoSerifSC-Regular.ttf
	FontSerif []byte
	//go:embed fonts/NotoSerifSC-Bold.ttf
	FontSerifBold []byte
	//go:embed fonts/OFL-NotoSerifSC.txt
	serifLicence string
)

// FontLicence is the SIL OFL 1.1 text of both bundled families, for the 关于 page.
var FontLicence = "Noto Sans SC\n\n" + sansLicence + "\n\nNoto Serif SC\n\n" + serifLicence

// Icon is the application icon, 512×512 PNG.
//
//go:embed icon.png
var Icon []byte

// DivisionsCSV is the 2023 official division list for 南充市 (国家统计局统计用区划代码).
//
//go:embed data/nanchong-divisions.csv
var DivisionsCSV []byte

// DivisionsVersion names the edition of DivisionsCSV; seeding records it.
const DivisionsVersion = "国家统计局2023年统计用区划代码（南充市）"

// Translations holds zh-Hans.json and en.json for fyne's lang package.
//
//go:embed translations/*.json
var Translations embed.FS

// StandardIndicatorsCSV is the default 社区标准化建设 indicator library (42 indicators, 100 points),
// compiled for shequ from the policy and public standards; each row names its source.
//
//go:embed data/standard-indicators.csv
var StandardIndicatorsCSV []byte
