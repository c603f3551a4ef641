package pdf

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"shequ/assets"
)

// face is a role a typeface plays in a GB/T 9704 document.
type face int

const (
	faceBody    face = iota // 仿宋: running text, tables, page numbers
	faceTitle               // 小标宋: the cover title and 目录
	faceHeading             // 黑体: 一、… chapter headings, table headers, totals, KPI figures
	faceSub                 // 楷体: （一）… sub-headings
	faceCount
)

// Fonts says where the report's typefaces come from. Each role uses the first of its files
// found in Dirs (name case-insensitive, TrueType outlines only); a role with none uses a
// bundled OFL face: Noto Serif SC for 仿宋, 小标宋 and 楷体, Noto Sans SC Bold for 黑体.
type Fonts struct {
	Dirs []string
}

// FontDirEnv overrides the system font folder (tests, or an office that keeps its fonts apart).
const FontDirEnv = "SHEQU_FONT_DIR"

// SystemFonts is the folder in $SHEQU_FONT_DIR, else on Windows the system's and the user's
// font folders (方正小标宋 is often installed for one user only), else none.
func SystemFonts() Fonts {
	if d := os.Getenv(FontDirEnv); d != "" {
		return Fonts{Dirs: filepath.SplitList(d)}
	}
	if runtime.GOOS != "windows" {
		return Fonts{}
	}
	var dirs []string
	if w := os.Getenv("WINDIR"); w != "" {
		dirs = append(dirs, filepath.Join(w, "Fonts"))
	}
	if l := os.Getenv("LOCALAPPDATA"); l != "" {
		dirs = append(dirs, filepath.Join(l, "Microsoft", "Windows", "Fonts"))
	}
	return Fonts{Dirs: dirs}
}

// systemFiles are the file names Chinese Windows (and 方正's installers) give each face.
var systemFiles = [faceCount][]string{
	faceBody:    {"simfang.ttf"},
	faceTitle:   {"FZXBSJW.TTF", "方正小标宋简体.ttf", "FZXBSJW--GB1-0.ttf"},
	faceHeading: {"simhei.ttf"},
	faceSub:     {"simkai.ttf"},
}

// source is one typeface to embed: its fpdf family name (which pdffonts shows as utf8<family>)
// and its bytes.
type source struct {
	family string
	data   []byte
}

var (
	bundledSerif     = source{"notoserif", assets.FontSerif}
	bundledSerifBold = source{"notoserifb", assets.FontSerifBold}
	bundledSansBold  = source{"notosansb", assets.FontBold}
)

// bundled is each role's fallback; 楷体 has no OFL counterpart here and falls back to serif.
var bundled = [faceCount]source{
	faceBody:    bundledSerif,
	faceTitle:   bundledSerifBold,
	faceHeading: bundledSansBold,
	faceSub:     bundledSerifBold,
}

// resolve picks each role's typeface, reading each font folder once.
func (fs Fonts) resolve() (out [faceCount]source, system bool) {
	var listed [][]os.DirEntry
	for _, dir := range fs.Dirs {
		entries, _ := os.ReadDir(dir) // a folder that cannot be read has no usable fonts
		listed = append(listed, entries)
	}
	for role := range faceCount {
		out[role] = bundled[role]
		if s, ok := fs.find(listed, systemFiles[role]); ok {
			out[role], system = s, true
		}
	}
	return out, system
}

// find is the first usable TrueType file named one of names in the folders (listed: their
// entries, in the order of Dirs).
func (fs Fonts) find(listed [][]os.DirEntry, names []string) (source, bool) {
	for i, dir := range fs.Dirs {
		for _, want := range names {
			for _, e := range listed[i] {
				if !strings.EqualFold(e.Name(), want) {
					continue
				}
				if b, ok := readTrueType(filepath.Join(dir, e.Name())); ok {
					family := strings.ToLower(strings.TrimSuffix(want, filepath.Ext(want)))
					return source{family: family, data: b}, true
				}
			}
		}
	}
	return source{}, false
}

// fileCache keeps a system font's bytes (10–20 MB each) once read: an office writes several
// reports in one session, and the check below reads the whole file anyway.
var fileCache sync.Map // path + size + mtime → []byte (nil: not usable)

func readTrueType(path string) ([]byte, bool) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, false
	}
	key := fmt.Sprintf("%s|%d|%d", path, st.Size(), st.ModTime().UnixNano())
	if v, ok := fileCache.Load(key); ok {
		b := v.([]byte)
		return b, b != nil
	}
	b, err := os.ReadFile(path)
	if err != nil || !isTrueType(b) {
		b = nil
	}
	fileCache.Store(key, b)
	return b, b != nil
}

// isTrueType accepts a single font with TrueType outlines (a glyf table), the only kind fpdf
// embeds: a collection (.ttc, e.g. simsun.ttc) or CFF outlines (OTF, "OTTO") would fail or
// print wrongly.
func isTrueType(b []byte) bool {
	if len(b) < 12 {
		return false
	}
	if v := binary.BigEndian.Uint32(b); v != 0x00010000 && !bytes.Equal(b[:4], []byte("true")) {
		return false
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	need := map[string]bool{"glyf": false, "loca": false, "cmap": false, "head": false, "hhea": false, "hmtx": false, "maxp": false}
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return false
		}
		tag := string(b[rec : rec+4])
		off, size := binary.BigEndian.Uint32(b[rec+8:]), binary.BigEndian.Uint32(b[rec+12:])
		if _, ok := need[tag]; ok {
			if uint64(off)+uint64(size) > uint64(len(b)) {
				return false
			}
			need[tag] = true
		}
	}
	for _, found := range need {
		if !found {
			return false
		}
	}
	return true
}

// newPDF is an empty A4 document with the report's typefaces parsed: the system's where
// usable, else the bundled ones. A system font fpdf cannot parse falls back to the bundled
// set rather than failing the report.
func (fs Fonts) newPDF() (*fpdf.Fpdf, [faceCount]string, error) {
	faces, system := fs.resolve()
	f, fam, err := newPDFWith(faces)
	if err == nil || !system {
		return f, fam, err
	}
	return newPDFWith(bundled)
}

func newPDFWith(faces [faceCount]source) (f *fpdf.Fpdf, fam [faceCount]string, err error) {
	f = fpdf.New("P", "mm", "A4", "")
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(false, marginBottom) // the renderer breaks pages itself, to repeat table headers
	f.SetCellMargin(cellMargin)
	f.SetCreator("shequ 社区治理工作台", true)
	defer func() { // fpdf's TrueType parser may panic on a damaged file
		if p := recover(); p != nil {
			err = fmt.Errorf("加载报表字体失败：%v", p)
		}
	}()
	added := map[string]bool{}
	for role, s := range faces {
		fam[role] = s.family
		if added[s.family] {
			continue
		}
		added[s.family] = true
		f.AddUTF8FontFromBytes(s.family, "", s.data)
		// fpdf only prints a parse failure; selecting the font is what reports it.
		f.SetFont(s.family, "", sizeBody)
		if err := f.Error(); err != nil {
			return nil, fam, fmt.Errorf("加载报表字体 %s 失败：%w", s.family, err)
		}
	}
	return f, fam, nil
}

// font selects the typeface of a role and reports what fpdf could not do.
func (d *doc) font(role face, size float64) error {
	family := d.families[role]
	if pt, _ := d.f.GetFontSize(); d.fontPage == d.f.PageNo() && pt == size && d.f.GetFontFamily() == family {
		return nil
	}
	d.fontPage = d.f.PageNo()
	d.f.SetFont(family, "", size)
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("报表字体不可用：%w", err)
	}
	return nil
}

// strong is 黑体 for what is bold in a table (headers, totals), else the body face.
func strong(bold bool) face {
	if bold {
		return faceHeading
	}
	return faceBody
}
