package pipeline

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/export"
	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/record"
)

func TestCheckRefusesASummaryNamingAFigureThatDoesNotExist(t *testing.T) {
	r := gittest.New(t)
	r.Write("records/township.yaml", []byte("name: 朝天镇\norgan: 朝天镇人民政府\naddress: 青江县朝天镇正街88号\nobjection: {office: 党政综合办公室, address: 镇政府二楼, phone: 0745-7621234}\n"))
	r.Write("records/units/units.yaml", []byte("units:\n  - {id: hexi, name: 河西村村民委员会, type: 村委会}\n"))
	r.Write("records/safety/accidents/2025.yaml", []byte("accidents:\n  - {id: acc1, date: 2025-09-16, unit: hexi, level: 一般, serious_injuries: 1, summary: 农用车侧翻}\n"))
	r.Write("records/summaries/2025-safety.yaml", []byte(strings.Join([]string{
		"id: 2025-safety",
		"title: 朝天镇2025年安全生产工作总结",
		"year: 2025",
		"text: |",
		"  全年发生生产安全事故{{.安全.事故.起数}}起，",
		"  重伤{{.安全.事故.重伤人数}}人。",
		"",
	}, "\n")))
	r.Commit("录入2025年安全生产工作总结")
	for _, src := range []Source{{Dir: r.Dir}, {Dir: r.Dir, WorkTree: true, Today: record.MustDate("2026-01-05")}} {
		_, err := Load(src)
		var list diag.List
		if !errors.As(err, &list) {
			t.Fatalf("Load(%+v) = %v; want the records' mistakes", src, err)
		}
		want := `records/summaries/2025-safety.yaml:6:14: expected a figure name under 安全.事故 (起数, 一般, 较大, 重大, 特别重大, 死亡, 重伤, 轻伤, 损失, 无事故天数), found "重伤人数"; did you mean "重伤"?`
		if list.Error() != want {
			t.Errorf("Load(%+v) mistakes:\n%s\nwant:\n%s", src, list.Error(), want)
		}
	}
}

// TestSampleSafetySummaryDocumentHoldsEveryFigureOfItsPage exports the
// sample's safety summary as Word does and finds in its text each figure
// its page shows, value and unit.
func TestSampleSafetySummaryDocumentHoldsEveryFigureOfItsPage(t *testing.T) {
	recs, err := Load(Source{Dir: "../../..", WorkTree: true, Today: record.MustDate("2026-11-24")})
	if err != nil {
		t.Fatal(err)
	}
	site, err := emit.New(emitInput(recs, nil, newGate(recs.Set)))
	if err != nil {
		t.Fatal(err)
	}
	files, err := site.Files()
	if err != nil {
		t.Fatal(err)
	}
	var data []byte
	for _, f := range files {
		if f.Path == emit.DataDir+"/summaries/2026-safety.json" {
			data = f.Data
		}
	}
	if data == nil {
		t.Fatal("no page for the sample's summary 2026-safety")
	}
	// The figures the page shows: each part of a paragraph that names one.
	var page struct {
		Paras []struct {
			Parts []struct {
				Name, Value, Unit, Note string
				Missing                 bool
			}
		}
	}
	if err := json.Unmarshal(data, &page); err != nil {
		t.Fatal(err)
	}
	var shown []string
	for _, p := range page.Paras {
		for _, part := range p.Parts {
			switch {
			case part.Name == "":
			case part.Missing:
				shown = append(shown, "（"+part.Note+"）")
			case part.Value == "":
				t.Errorf("the page shows %s without a value", part.Name)
			default:
				shown = append(shown, part.Value+part.Unit)
			}
		}
	}
	if len(shown) < 40 {
		t.Fatalf("the summary's page shows %d figures; want every blank of the report filled", len(shown))
	}
	doc := &bytes.Buffer{}
	for _, s := range recs.Figures.Summaries {
		if s.Rec.ID == "2026-safety" {
			if err := export.WriteSummary(doc, s); err != nil {
				t.Fatal(err)
			}
		}
	}
	text := documentText(t, doc.Bytes())
	for _, want := range shown {
		if !strings.Contains(text, want) {
			t.Errorf("the document lacks %q, shown on the page", want)
		}
	}
	for _, want := range []string{"朝天镇2026年安全生产工作总结", "截至2026年11月24日", "朝天镇人民政府"} {
		if !strings.Contains(text, want) {
			t.Errorf("the document lacks %q", want)
		}
	}
}

// documentText is the text of a .docx's body, its runs joined.
func documentText(t *testing.T, b []byte) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name != "word/document.xml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, m := range regexp.MustCompile(`<w:t[^>]*>([^<]*)</w:t>`).FindAllSubmatch(x, -1) {
			text.Write(m[1])
		}
		return text.String()
	}
	t.Fatal("no word/document.xml")
	return ""
}
