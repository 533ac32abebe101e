// Package docx writes a Word document (.docx, WordprocessingML) of
// paragraphs of text, laid out the way a government document (公文) is:
// A4, 仿宋_GB2312 三号 for the body with a two-character first-line
// indent and a fixed 28-point line pitch, 方正小标宋简体 二号 for the
// title, 黑体 and 楷体_GB2312 for the two levels of headings, page numbers
// in the footer. The fonts are set for East Asian text (w:eastAsia), in
// the styles, so that Word and WPS keep them; a machine without one shows
// its nearest.
//
// It writes only what it needs — paragraphs, runs, styles, a footer — with
// archive/zip and encoding/xml, and writes the same bytes for the same
// document: no clock, no random ids.
package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"time"
)

// Styles of a paragraph.
const (
	Body      = "Body"      // text: first-line indent of two characters
	Title     = "Title"     // the document's title, centred
	Number    = "Number"    // the document number under the title, centred
	Heading1  = "Heading1"  // 一、…: 黑体
	Heading2  = "Heading2"  // （一）…: 楷体_GB2312
	Signature = "Signature" // the issuing organ and the date, right-aligned
)

// Document is a Word document of paragraphs.
type Document struct {
	Title   string // the file's title property
	Creator string // the file's author property
	Paras   []Paragraph
}

// Paragraph is a paragraph of one style.
type Paragraph struct {
	Style string
	Runs  []Run
}

// Run is a run of text.
type Run struct {
	Text string
	Bold bool
}

// P is a paragraph of a style holding one run of text.
func P(style, text string) Paragraph { return Paragraph{Style: style, Runs: []Run{{Text: text}}} }

// modified is every part's time in the archive: fixed, so that the same
// document is the same bytes.
var modified = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// Write writes the document as a .docx file.
func (d *Document) Write(w io.Writer) error {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	parts := []struct {
		name string
		data []byte
	}{
		{"[Content_Types].xml", []byte(contentTypes)},
		{"_rels/.rels", []byte(rootRels)},
		{"docProps/app.xml", []byte(app)},
		{"docProps/core.xml", d.core()},
		{"word/_rels/document.xml.rels", []byte(documentRels)},
		{"word/document.xml", d.document()},
		{"word/styles.xml", []byte(styles)},
		{"word/settings.xml", []byte(settings)},
		{"word/footer1.xml", []byte(footer)},
	}
	for _, p := range parts {
		f, err := z.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return fmt.Errorf("docx: %w", err)
		}
		if _, err := f.Write(p.data); err != nil {
			return fmt.Errorf("docx: %w", err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("docx: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func esc(s string) string {
	var b bytes.Buffer
	_ = xml.EscapeText(&b, []byte(s)) // writing to a buffer cannot fail
	return b.String()
}

func (d *Document) document() []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>`)
	for _, p := range d.Paras {
		style := p.Style
		if style == "" {
			style = Body
		}
		b.WriteString(`<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
		for _, r := range p.Runs {
			b.WriteString(`<w:r>`)
			if r.Bold {
				b.WriteString(`<w:rPr><w:b/></w:rPr>`)
			}
			b.WriteString(`<w:t xml:space="preserve">` + esc(r.Text) + `</w:t></w:r>`)
		}
		b.WriteString(`</w:p>`)
	}
	// A4, the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm,
	// right 26 mm), the footer with the page number.
	b.WriteString(`<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>` +
		`<w:pgSz w:w="11906" w:h="16838"/>` +
		`<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/>` +
		`<w:docGrid w:type="lines" w:linePitch="560"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.Bytes()
}

func (d *Document) core() []byte {
	return []byte(xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` + esc(d.Title) + `</dc:title><dc:creator>` + esc(d.Creator) +
		`</dc:creator></cp:coreProperties>`)
}

const (
	nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
)

const contentTypes = xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
	`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
	`<Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
	`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>` +
	`<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>` +
	`<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>` +
	`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
	`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
	`</Types>`

const rootRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

const documentRels = xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
	`<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>` +
	`<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>` +
	`</Relationships>`

const app = xml.Header + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>gongshi</Application></Properties>`

const settings = xml.Header + `<w:settings xmlns:w="` + nsW + `"><w:defaultTabStop w:val="420"/>` +
	`<w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`

// footer centres the page number between dashes, "— 1 —", in 宋体 四号.
const footer = xml.Header + `<w:ftr xmlns:w="` + nsW + `"><w:p><w:pPr><w:jc w:val="center"/></w:pPr>` +
	`<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r>` +
	`<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>` +
	`<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
	`<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>` +
	`<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r>` +
	`<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>` +
	`<w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体"/><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r>` +
	`</w:p></w:ftr>`

// Font sizes in half-points: 三号 16 pt, 二号 22 pt.
const (
	size3 = "32"
	size2 = "44"
)

// rFonts sets a font for every script: Word picks the eastAsia one for
// Chinese, the ascii one for digits and Latin letters.
func rFonts(east, latin string) string {
	return `<w:rFonts w:ascii="` + latin + `" w:hAnsi="` + latin + `" w:eastAsia="` + east + `" w:cs="` + latin + `" w:hint="eastAsia"/>`
}

var styles = xml.Header + `<w:styles xmlns:w="` + nsW + `">` +
	`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts("仿宋_GB2312", "Times New Roman") +
	`<w:kern w:val="2"/><w:sz w:val="` + size3 + `"/><w:szCs w:val="` + size3 + `"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
	`<w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>` +
	style(Body, "正文", true, `<w:ind w:firstLineChars="200" w:firstLine="640"/>`, "") +
	style(Title, "标题", false, noIndent+`<w:jc w:val="center"/><w:spacing w:before="0" w:after="560" w:line="700" w:lineRule="exact"/>`,
		rFonts("方正小标宋简体", "Times New Roman")+`<w:sz w:val="`+size2+`"/><w:szCs w:val="`+size2+`"/>`) +
	style(Number, "文号", false, noIndent+`<w:jc w:val="center"/><w:spacing w:after="560"/>`, "") +
	style(Heading1, "一级标题", false, `<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="0"/>`, rFonts("黑体", "Times New Roman")) +
	style(Heading2, "二级标题", false, `<w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="1"/>`, rFonts("楷体_GB2312", "Times New Roman")) +
	style(Signature, "落款", false, `<w:jc w:val="right"/><w:ind w:right="1280" w:firstLineChars="0" w:firstLine="0"/>`, "") +
	`</w:styles>`

// noIndent undoes the body's first-line indent.
const noIndent = `<w:ind w:firstLineChars="0" w:firstLine="0"/>`

func style(id, name string, isDefault bool, pPr, rPr string) string {
	def := ""
	if isDefault {
		def = ` w:default="1"`
	}
	s := `<w:style w:type="paragraph"` + def + ` w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:qFormat/>`
	if !isDefault {
		s += `<w:basedOn w:val="` + Body + `"/>`
	}
	s += `<w:pPr>` + pPr + `</w:pPr>`
	if rPr != "" {
		s += `<w:rPr>` + rPr + `</w:rPr>`
	}
	return s + `</w:style>`
}
