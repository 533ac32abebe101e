package record

import (
	"strings"
	"testing"

	"gongshi/generator/internal/diag"
)

func decodeSummary(t *testing.T, body string) (*Summary, diag.List) {
	t.Helper()
	files := []File{
		{Path: "records/township.yaml", Data: []byte(township)},
		{Path: "records/summaries/s.yaml", Data: []byte(body)},
	}
	set, errs := Decode(files)
	if len(set.Summaries) != 1 {
		return nil, errs
	}
	return &set.Summaries[0], errs
}

const township = "name: 朝天镇\norgan: 朝天镇人民政府\naddress: 朝天镇正街1号\nobjection:\n  office: 党政办\n  address: 朝天镇正街1号\n  phone: 0736-6621234\n"

func TestTemplatePosMapsTextToFile(t *testing.T) {
	const head = "id: s\ntitle: 总结\nyear: 2026\n"
	tests := []struct {
		name      string
		text      string
		line, col int // in the text
		want      string
	}{
		// Line 5 of the file is the text's first line, indented 2.
		{"block first line", "text: |\n  全年{{.a}}份\n", 1, 3, "records/summaries/s.yaml:5:5"},
		{"block after a blank line", "text: |\n  第一段\n\n  第二段{{.b}}\n", 3, 4, "records/summaries/s.yaml:7:6"},
		{"block deeper indent", "text: |-\n    四格{{.c}}\n", 1, 3, "records/summaries/s.yaml:5:7"},
		{"plain", "text: 全年{{.a}}份\n", 1, 3, "records/summaries/s.yaml:4:9"},
		{"quoted", "text: \"全年{{.a}}份\"\n", 1, 3, "records/summaries/s.yaml:4:10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, errs := decodeSummary(t, head+tt.text)
			if s == nil || len(errs) > 0 {
				t.Fatalf("Decode: %v", errs)
			}
			if got := s.Text.Pos(tt.line, tt.col).String(); got != tt.want {
				t.Errorf("Pos(%d, %d) = %s; want %s (text %q)", tt.line, tt.col, got, tt.want, s.Text.Text)
			}
		})
	}
}

func TestTemplateRefusesAFoldedBlock(t *testing.T) {
	_, errs := decodeSummary(t, "id: s\ntitle: 总结\nyear: 2026\ntext: >\n  折叠\n")
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "records/summaries/s.yaml:4:7: expected a block kept line by line (|)") {
		t.Errorf("Decode errors = %v; want one at 4:7 asking for |", errs)
	}
}

func TestTemplateTextIsCheckedForPersonalInformation(t *testing.T) {
	_, errs := decodeSummary(t, "id: s\ntitle: 总结\nyear: 2026\ntext: |\n  联系人手机13907451122\n")
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "expected no mobile number") {
		t.Errorf("Decode errors = %v; want the mobile number refused", errs)
	}
}
