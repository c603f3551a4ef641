package docx

// fonts names a run's faces: Latin letters and figures in Times New Roman, Chinese in face.
func fonts(face string) string {
	return `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="` + face + `" w:hint="eastAsia"/>`
}

// styles are the document's paragraph styles. Text (Normal, 正文) is 3号 仿宋_GB2312 with a
// two-character first-line indent at a fixed 28 pt line pitch; the headings use the built-in
// names "heading 1" and "heading 2", which Chinese Word and WPS show as 标题 1 and 标题 2, with
// outline levels so the navigation pane and a contents field find them.
var styles = xmlHeader + `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + fonts("仿宋_GB2312") + `<w:sz w:val="32"/><w:szCs w:val="32"/>` +
	`<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	style("Normal", "Normal", "", `<w:ind w:firstLineChars="200" w:firstLine="640"/><w:spacing w:line="560" w:lineRule="exact"/>`, "", `w:default="1"`) +
	style("Title", "Title", "Normal", `<w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:spacing w:before="0" w:after="0" w:line="720" w:lineRule="exact"/>`,
		fonts("方正小标宋简体")+`<w:color w:val="AA1414"/><w:sz w:val="44"/><w:szCs w:val="44"/>`, "") +
	style("Heading1", "heading 1", "Normal", `<w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="160" w:line="560" w:lineRule="exact"/><w:outlineLvl w:val="0"/>`,
		fonts("黑体"), "") +
	style("Heading2", "heading 2", "Normal", `<w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="0" w:line="560" w:lineRule="exact"/><w:outlineLvl w:val="1"/>`,
		fonts("楷体_GB2312"), "") +
	style("TOCHeading", "TOC Heading", "Title", `<w:spacing w:after="400"/>`, `<w:color w:val="000000"/>`, "") +
	style("TOC1", "toc 1", "Normal", `<w:ind w:firstLineChars="0" w:firstLine="0"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8845"/></w:tabs>`, "", "") +
	style("Caption", "caption", "Normal", `<w:keepNext/><w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:spacing w:before="240" w:after="80" w:line="360" w:lineRule="auto"/>`,
		fonts("黑体")+`<w:sz w:val="24"/><w:szCs w:val="24"/>`, "") +
	style("TableText", "Table Text", "Normal", `<w:jc w:val="left"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>`,
		`<w:sz w:val="21"/><w:szCs w:val="21"/>`, "") +
	style("TableHead", "Table Heading", "TableText", `<w:keepNext/><w:jc w:val="center"/>`, fonts("黑体"), "") +
	style("Note", "Note", "Normal", `<w:ind w:firstLineChars="0" w:firstLine="0"/><w:spacing w:before="60" w:after="120" w:line="320" w:lineRule="auto"/>`,
		`<w:sz w:val="21"/><w:szCs w:val="21"/><w:color w:val="555555"/>`, "") +
	style("Figure", "Figure", "Normal", `<w:keepNext/><w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:spacing w:line="240" w:lineRule="auto"/>`, "", "") +
	style("Footer", "footer", "Normal", `<w:ind w:firstLineChars="0" w:firstLine="0"/><w:spacing w:line="240" w:lineRule="auto"/>`,
		fonts("宋体")+`<w:sz w:val="28"/><w:szCs w:val="28"/>`, "") +
	`</w:styles>`

func style(id, name, basedOn, pPr, rPr, attrs string) string {
	s := `<w:style w:type="paragraph" w:styleId="` + id + `"`
	if attrs != "" {
		s += " " + attrs
	}
	s += `><w:name w:val="` + name + `"/>`
	if basedOn != "" {
		s += `<w:basedOn w:val="` + basedOn + `"/>`
	}
	s += `<w:qFormat/>`
	if pPr != "" {
		s += `<w:pPr>` + pPr + `</w:pPr>`
	}
	if rPr != "" {
		s += `<w:rPr>` + rPr + `</w:rPr>`
	}
	return s + `</w:style>`
}
