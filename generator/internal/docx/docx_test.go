package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
)

// unzip returns the parts of a .docx by name.
func unzip(t *testing.T, b []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(data)
	}
	return parts
}

func sample() *Document {
	return &Document{Title: "朝天镇2026年安全生产工作总结", Creator: "朝天镇人民政府", Paras: []Paragraph{
		P(Title, "朝天镇2026年安全生产工作总结"),
		P(Heading1, "一、主要工作"),
		{Style: Body, Runs: []Run{{Text: "全年签订责任书"}, {Text: "47份", Bold: true}, {Text: "，<隐患> & “整改”。"}}},
		P(Signature, "朝天镇人民政府"),
	}}
}

func TestDocumentIsAWordPackageOfWellFormedParts(t *testing.T) {
	var b bytes.Buffer
	if err := sample().Write(&b); err != nil {
		t.Fatal(err)
	}
	parts := unzip(t, b.Bytes())
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels", "word/footer1.xml", "docProps/core.xml"} {
		data, ok := parts[name]
		if !ok {
			t.Errorf("no part %s", name)
			continue
		}
		d := xml.NewDecoder(strings.NewReader(data))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s is not well-formed XML: %v", name, err)
				break
			}
		}
	}
	doc := parts["word/document.xml"]
	for _, want := range []string{"全年签订责任书", "<w:b/></w:rPr><w:t xml:space=\"preserve\">47份", "&lt;隐患&gt; &amp; “整改”", `<w:pStyle w:val="Heading1"/>`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %q", want)
		}
	}
}

func TestDocumentKeepsChineseFonts(t *testing.T) {
	var b bytes.Buffer
	if err := sample().Write(&b); err != nil {
		t.Fatal(err)
	}
	st := unzip(t, b.Bytes())["word/styles.xml"]
	tests := []struct{ where, font string }{
		{"the default", `w:eastAsia="仿宋_GB2312"`},
		{"the title", `w:eastAsia="方正小标宋简体"`},
		{"a heading", `w:eastAsia="黑体"`},
		{"a subheading", `w:eastAsia="楷体_GB2312"`},
		{"the language", `w:eastAsia="zh-CN"`},
	}
	for _, tt := range tests {
		if !strings.Contains(st, tt.font) {
			t.Errorf("styles.xml: %s lacks %s", tt.where, tt.font)
		}
	}
}

func TestDocumentIsTheSameBytesEveryTime(t *testing.T) {
	var a, b bytes.Buffer
	if err := sample().Write(&a); err != nil {
		t.Fatal(err)
	}
	if err := sample().Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of one document differ")
	}
}
