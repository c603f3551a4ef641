package docx

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strconv"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"shequ/assets"
	"shequ/reports/model"
)

// palette is the PDF's series colours: 中国红 first, then colours that stay apart in grey print.
var palette = []color.RGBA{{192, 57, 43, 255}, {46, 109, 164, 255}, {230, 150, 30, 255}, {39, 150, 96, 255}}

// Chart pictures are drawn at 8 px per mm of the 150 mm they take on the page (about 200 dpi).
const (
	chartWmm = 150
	pxPerMM  = 8
	chartW   = chartWmm * pxPerMM
	labelPx  = 24 // text height
)

var (
	faceOnce sync.Once
	face     *opentype.Font
	faceErr  error
)

// chartFont is Noto Sans SC, parsed once (sfnt reads glyphs only as they are drawn).
func chartFont() (*opentype.Font, error) {
	faceOnce.Do(func() { face, faceErr = opentype.Parse(assets.FontRegular) })
	return face, faceErr
}

// chart writes the chart's title as a caption paragraph (editable text) and its bars as a
// picture: categories on the left, a bar per series with its value, the value axis from 0.
func (d *doc) chart(c *model.BarChart) error {
	if len(c.Categories) == 0 || len(c.Series) == 0 {
		return nil
	}
	img, h, err := drawChart(c)
	if err != nil {
		return fmt.Errorf("绘制图表“%s”失败：%w", c.Title, err)
	}
	d.images = append(d.images, img)
	n := len(d.images)
	d.para("Caption", c.Title, "", "")
	cx, cy := strconv.Itoa(chartWmm*36000), strconv.Itoa(h*36000/pxPerMM)
	d.s(`<w:p><w:pPr><w:pStyle w:val="Figure"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">`,
		`<wp:extent cx="`, cx, `" cy="`, cy, `"/><wp:docPr id="`, strconv.Itoa(n), `" name="图`, strconv.Itoa(n), `" descr="`, esc(c.Title), `"/>`,
		`<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>`,
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>`,
		`<pic:nvPicPr><pic:cNvPr id="`, strconv.Itoa(n), `" name="chart`, strconv.Itoa(n), `.png"/><pic:cNvPicPr/></pic:nvPicPr>`,
		`<pic:blipFill><a:blip r:embed="rIdImg`, strconv.Itoa(n), `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`,
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="`, cx, `" cy="`, cy, `"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`,
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`)
	d.para("Note", "", "", "")
	return nil
}

// canvas is a chart picture with its text face.
type canvas struct {
	img  *image.RGBA
	face font.Face
}

func (cv *canvas) rect(x0, y0, x1, y1 int, c color.Color) {
	draw.Draw(cv.img, image.Rect(x0, y0, x1, y1), image.NewUniform(c), image.Point{}, draw.Src)
}

func (cv *canvas) width(s string) int { return font.MeasureString(cv.face, s).Round() }

// text draws s with its baseline at y, starting at x (align "L"), ending at x ("R") or centred.
func (cv *canvas) text(s string, x, y int, align string, c color.Color) {
	switch align {
	case "R":
		x -= cv.width(s)
	case "C":
		x -= cv.width(s) / 2
	}
	dr := font.Drawer{Dst: cv.img, Src: image.NewUniform(c), Face: cv.face, Dot: fixed.P(x, y)}
	dr.DrawString(s)
}

// drawChart renders the bars as a PNG and returns it with its height in pixels.
func drawChart(c *model.BarChart) ([]byte, int, error) {
	f, err := chartFont()
	if err != nil {
		return nil, 0, err
	}
	ff, err := opentype.NewFace(f, &opentype.FaceOptions{Size: labelPx, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, 0, err
	}
	defer ff.Close()
	ns := len(c.Series)
	bar := 26
	band := bar*ns + 16
	if total := band * len(c.Categories); total > 1300 {
		band = max(12, 1300/len(c.Categories))
		bar = max(4, (band-6)/ns)
	}
	const legendH, axisH = 56, 48
	h := legendH + band*len(c.Categories) + axisH
	cv := &canvas{img: image.NewRGBA(image.Rect(0, 0, chartW, h)), face: ff}
	cv.rect(0, 0, chartW, h, color.White)
	ink, grid := color.RGBA{40, 40, 40, 255}, color.RGBA{215, 215, 215, 255}

	// Legend and unit.
	x := 0
	for i, s := range c.Series {
		cv.rect(x, 18, x+32, 42, palette[i%len(palette)])
		cv.text(s.Name, x+40, 40, "L", ink)
		x += 40 + cv.width(s.Name) + 40
	}
	if c.Unit != "" {
		cv.text("单位："+c.Unit, chartW, 40, "R", ink)
	}
	// Geometry: the longest category name, at most a third of the width.
	labelW := 0
	for _, cat := range c.Categories {
		labelW = max(labelW, cv.width(cat))
	}
	labelW = min(labelW+16, chartW/3)
	x0, top := labelW, legendH
	plotW := chartW - labelW - 150 // room for the value after the longest bar
	axisMax, step := c.Axis()
	plotH := band * len(c.Categories)
	for v := 0.0; v <= axisMax+step/2; v += step {
		gx := x0 + int(float64(plotW)*v/axisMax)
		cv.rect(gx, top, gx+1, top+plotH, grid)
		cv.text(model.AxisLabel(v, step), gx, top+plotH+32, "C", ink)
	}
	cv.rect(x0-1, top, x0+2, top+plotH, color.RGBA{80, 80, 80, 255})
	for i, cat := range c.Categories {
		by := top + i*band + (band-bar*ns)/2
		cv.text(fit(cv, cat, labelW-12), x0-10, top+i*band+band/2+labelPx/3, "R", ink)
		for j, s := range c.Series {
			v := 0.0
			if i < len(s.Values) {
				v = s.Values[i]
			}
			w := int(float64(plotW) * v / axisMax)
			cv.rect(x0+2, by+j*bar, x0+2+w, by+j*bar+bar*9/10, palette[j%len(palette)])
			if bar >= 14 {
				cv.text(c.ValueLabel(v), x0+w+8, by+j*bar+bar/2+labelPx/3, "L", ink)
			}
		}
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, cv.img); err != nil {
		return nil, 0, err
	}
	return buf.Bytes(), h, nil
}

// fit clips a category name to w pixels with an ellipsis.
func fit(cv *canvas, s string, w int) string {
	if cv.width(s) <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 1 && cv.width(string(rs)+"…") > w {
		rs = rs[:len(rs)-1]
	}
	return string(rs) + "…"
}
