package emit

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gongshi/generator/internal/diagram"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

// safetyResult computes the safety results of the safety package's test
// township as of 2026-07-15.
func safetyResult(t *testing.T) *safety.Result {
	t.Helper()
	return safety.Compute(decode(t, "../safety/testdata/township.txtar"), record.MustDate("2026-07-15"))
}

func testLinks(kind, id string) string { return "/safety/" + kind + "/" + id + "/" }

// safetyDiagrams are the safety diagrams of the test township, by golden
// file name in testdata/diagrams.
func safetyDiagrams(t *testing.T) map[string][]byte {
	r := safetyResult(t)
	return map[string][]byte{
		"pyramid.svg":    pyramidTree(r, testLinks).SVG(),
		"network.svg":    networkTree(r, nil).SVG(),
		"compliance.svg": complianceMatrix(r, testLinks).SVG(),
	}
}

func TestSafetyDiagramsMatchGoldenFiles(t *testing.T) {
	for name, got := range safetyDiagrams(t) {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", "diagrams", name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run go test -update and read the diff)", name, path)
			}
		})
	}
}

func TestSafetyDiagramsAreWellFormedXML(t *testing.T) {
	for name, b := range safetyDiagrams(t) {
		t.Run(name, func(t *testing.T) {
			d := xml.NewDecoder(bytes.NewReader(b))
			var root string
			var titled bool
			for {
				tok, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s is not well-formed XML: %v", name, err)
				}
				if se, ok := tok.(xml.StartElement); ok {
					if root == "" {
						root = se.Name.Local
						if se.Name.Space != "http://www.w3.org/2000/svg" {
							t.Errorf("root namespace = %q; want the SVG namespace", se.Name.Space)
						}
					}
					titled = titled || se.Name.Local == "title"
				}
			}
			if root != "svg" || !titled {
				t.Errorf("root element %q, title %v; want svg with a title", root, titled)
			}
		})
	}
}

func TestSafetyDiagramsAreDeterministic(t *testing.T) {
	first := safetyDiagrams(t)
	for range 10 {
		for name, b := range safetyDiagrams(t) {
			if !bytes.Equal(b, first[name]) {
				t.Fatalf("%s differs between two runs on the same input", name)
			}
		}
	}
}

var rectRE = regexp.MustCompile(`<rect class="[^"]*" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"`)

type box struct{ x, y, w, h float64 }

func boxes(t *testing.T, svg []byte) []box {
	t.Helper()
	var bs []box
	for _, m := range rectRE.FindAllSubmatch(svg, -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(string(m[i+1]), 64)
		}
		bs = append(bs, box{v[0], v[1], v[2], v[3]})
	}
	if len(bs) == 0 {
		t.Fatal("no boxes")
	}
	return bs
}

func TestSafetyTreeBoxesDoNotOverlap(t *testing.T) {
	r := safetyResult(t)
	for name, svg := range map[string][]byte{"pyramid": pyramidTree(r, nil).SVG(), "network": networkTree(r, nil).SVG()} {
		bs := boxes(t, svg)
		for i, a := range bs {
			for _, b := range bs[i+1:] {
				if a.x < b.x+b.w && b.x < a.x+a.w && a.y < b.y+b.h && b.y < a.y+a.h {
					t.Errorf("%s: boxes %v and %v overlap", name, a, b)
				}
			}
		}
	}
}

func TestComplianceMarksEveryStatusWithText(t *testing.T) {
	svg := string(complianceMatrix(safetyResult(t), nil).SVG())
	// Every coloured cell carries a mark, so the matrix reads in black
	// and white: count cells by colour and marks by kind.
	for _, tt := range []struct{ class, mark string }{{diagram.Blue, "√"}, {diagram.Orange, "迟"}, {diagram.Vermilion, "×"}, {diagram.Grey, "—"}, {diagram.White, "待"}} {
		cells := strings.Count(svg, `<rect class="`+tt.class+`" x=`)
		marks := strings.Count(svg, `class="gs-mark">`+tt.mark)
		if cells == 0 || marks < cells {
			t.Errorf("%s: %d cells, %d marks %q; want a mark in every cell", tt.class, cells, marks, tt.mark)
		}
	}
	for _, want := range []string{"迟3", "按时", "缺报", "次月5日", "河西村村民委员会"} {
		if !strings.Contains(svg, want) {
			t.Errorf("compliance matrix lacks %q", want)
		}
	}
}

func TestPyramidNamesSignersAndLinksObjects(t *testing.T) {
	svg := string(pyramidTree(safetyResult(t), testLinks).SVG())
	for _, want := range []string{
		`<a href="/safety/object/chaodu-012/">`,
		">张三</text>", // signed in February, before the rotation
		">专项</text>",
		"2026年度客渡船专项安全责任书（专项，第1级，2026年2月25日签订）",
		`font-family="&quot;PingFang SC&quot;,`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("pyramid lacks %s", want)
		}
	}
}
