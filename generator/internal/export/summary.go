package export

import (
	"io"

	"gongshi/generator/internal/docx"
	"gongshi/generator/internal/figures"
)

// Summary is a summary filled in as a Word document for the township to
// file, edit and stamp: its title and number, its paragraphs with every
// figure as the site shows it (the value, the unit written after it, and
// what a figure's records lack beyond the year still running, which is
// said once under the title), the issuing organ and the date.
func Summary(s *figures.Summary) *docx.Document {
	rec := s.Rec
	d := &docx.Document{Title: rec.Title, Creator: s.Organ}
	d.Paras = append(d.Paras, docx.P(docx.Title, rec.Title))
	if rec.Number != "" {
		d.Paras = append(d.Paras, docx.P(docx.Number, rec.Number))
	}
	if t := s.Through(); t != "" {
		d.Paras = append(d.Paras, docx.P(docx.Number, "（数据"+t+"）"))
	}
	for _, p := range s.Paras {
		style := docx.Body
		switch p.Level {
		case 1:
			style = docx.Heading1
		case 2:
			style = docx.Heading2
		}
		para := docx.Paragraph{Style: style}
		for _, part := range p.Parts {
			para.Runs = append(para.Runs, docx.Run{Text: part.String()})
		}
		d.Paras = append(d.Paras, para)
	}
	d.Paras = append(d.Paras, docx.P(docx.Body, ""), docx.P(docx.Signature, s.Organ))
	if !rec.Date.IsZero() {
		d.Paras = append(d.Paras, docx.P(docx.Signature, rec.Date.Chinese()))
	}
	return d
}

// WriteSummary writes a summary filled in as a .docx file.
func WriteSummary(w io.Writer, s *figures.Summary) error { return Summary(s).Write(w) }
