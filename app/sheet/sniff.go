package sheet

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"

	"shequ/models"
)

// notASheet names, in the words a clerk uses, what a file really is when its content is not a
// spreadsheet at all (a Word document renamed .xlsx, a scanned PDF, a photo, an archive), so the
// message says that instead of a parser's complaint. "" when the content may be a spreadsheet.
func notASheet(data []byte) string {
	head := data[:min(len(data), 512)]
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	lower := bytes.ToLower(trimmed[:min(len(trimmed), 64)])
	has := func(prefix string) bool { return bytes.HasPrefix(data, []byte(prefix)) }
	switch {
	case has("PK\x03\x04") || has("PK\x05\x06"):
		return zipKind(data)
	case has(string(oleMagic)):
		switch {
		case bytes.Contains(data, utf16le("WordDocument")) && !bytes.Contains(data, utf16le("Workbook")):
			return "Word 97-2003 文档（.doc）"
		case bytes.Contains(data, utf16le("PowerPoint Document")):
			return "PowerPoint 97-2003 演示文稿（.ppt）"
		}
		return ""
	case has("%PDF"):
		return "PDF 文档"
	case has("\x89PNG"), has("\xFF\xD8\xFF"), has("GIF87a"), has("GIF89a"), has("BM") && len(data) > 26 && data[14] >= 12 && data[15] == 0,
		has("II*\x00"), has("MM\x00*"), has("RIFF") && len(data) > 12 && string(data[8:12]) == "WEBP":
		return "图片"
	case has("Rar!\x1A\x07"), has("7z\xBC\xAF\x27\x1C"), has("\x1F\x8B"):
		return "压缩包"
	case has("MZ"):
		return "程序文件"
	case bytes.HasPrefix(trimmed, []byte(`{\rtf`)):
		return "RTF 文档"
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.HasPrefix(lower, []byte("<html")):
		return "网页（HTML）文件"
	}
	return ""
}

// zipKind tells a zip file that is not a workbook by the parts it holds.
func zipKind(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "" // a damaged zip: the .xlsx reader says so
	}
	names := map[string]bool{}
	excel := false
	for _, f := range zr.File {
		n := strings.ToLower(f.Name)
		names[n] = true
		excel = excel || strings.HasPrefix(n, "xl/")
	}
	switch {
	case excel && !names["word/document.xml"] && !names["ppt/presentation.xml"]:
		return ""
	case names["word/document.xml"]:
		return "Word 文档（.docx）"
	case names["ppt/presentation.xml"]:
		return "PowerPoint 演示文稿（.pptx）"
	case names["content.xml"] && names["mimetype"]:
		return "OpenDocument 文件（如 .ods）"
	case names["ofd.xml"]:
		return "OFD 版式文档"
	case names["[content_types].xml"]:
		return "" // some other Office package: let the reader try
	}
	return "压缩包（.zip）"
}

// errNotASheet is the message for a file whose content is of the kind named.
func errNotASheet(name, kind string) error {
	advice := "请选择要导入的表格文件（.xlsx、.xls 或 .csv）"
	switch {
	case strings.Contains(kind, "压缩包"):
		advice = "请先解压，再选择其中的表格文件（.xlsx、.xls 或 .csv）"
	case strings.Contains(kind, "HTML") || strings.Contains(kind, "OpenDocument"):
		advice = "请在 Excel 或 WPS 中打开后另存为 .xlsx，再导入"
	}
	if kind[0] < 0x80 {
		kind = " " + kind // 其实是 Word 文档, 其实是图片
	}
	return fmt.Errorf("%w：文件“%s”其实是%s，不是 Excel/WPS 表格；%s", models.ErrInvalid, name, kind, advice)
}
