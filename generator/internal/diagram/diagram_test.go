package diagram

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.svg from the current output")

// legend is a tree key like the one emit gives the safety trees: colour
// swatches without marks, one dashed.
var legend = []Key{
	{Blue, "", "单位"},
	{Orange, "", "领导职务、人员"},
	{Green, "", "监管对象"},
	{White + " gs-dash", "", "虚线框：已在图中别处列出"},
}

func sample() *Tree {
	return &Tree{
		ID:    "sample",
		Title: "示例 <树> & 图",
		Desc:  "两棵树，一个虚线框",
		Roots: []*Node{
			{Label: "朝天镇人民政府", Class: Blue, Children: []*Node{
				{Label: "镇长", Note: "王五", Class: Orange, Children: []*Node{
					{Label: "副镇长（分管安全生产）", Note: "李四", Class: Orange, Edge: "综合"},
					{Label: "副镇长", Note: "赵六", Class: Orange, Edge: "综合", Children: []*Node{
						{Label: "船舶管理站", Class: Blue, Edge: "综合", Link: "/u?a=1&b=2"},
					}},
				}},
				{Label: "河西村", Class: Green, Edge: "综合", Dashed: true, Tip: "见上"},
			}},
			{Label: "Solo 42", Class: Grey},
		},
		Legend: legend,
	}
}

func sampleMatrix() *Matrix {
	return &Matrix{
		ID: "m", Title: "月报", Corner: "单位",
		Cols: []string{"1月", "2月", "3月", "按时/迟/缺"},
		Rows: []Row{
			{Label: "河西村村民委员会", Link: "/u/hexi/", Cells: []Cell{{"√", Blue, "按时"}, {"迟12", Orange, ""}, {"×", Vermilion, ""}, {Mark: "1/1/1"}}},
			{Label: "龙潭村", Cells: []Cell{{"—", Grey, ""}, {"待", White, ""}}},
		},
		Legend: []Key{{Blue, "√", "按时"}, {Orange, "迟3", "迟报"}},
	}
}

// outputs are every diagram the tests check, by golden file name. The
// safety diagrams (pyramid, network, compliance) are emit's, and tested
// there.
func outputs(t *testing.T) map[string][]byte {
	return map[string][]byte{
		"tree.svg":       sample().SVG(),
		"matrix.svg":     sampleMatrix().SVG(),
		"empty-tree.svg": (&Tree{ID: "e", Title: "空"}).SVG(),
		"pay.svg":        samplePay().SVG(),
		"trend.svg":      sampleTrend().SVG(),
		"bands.svg":      sampleBands().SVG(),
	}
}

func samplePay() *Bars {
	return &Bars{
		ID: "pay", Title: "2026年第一季度绩效工资", Axis: "元",
		Bars: []Bar{
			{Label: "李红梅", Value: 170250, Text: "1,702.50", Link: "/assess/li-hongmei"},
			{Label: "宋涛", Value: 120000, Text: "1,200.00"},
			{Label: "曹阳", Value: 0, Text: "0.00", Class: "gs-low"},
		},
		Line: &Bar{Label: "人均", Value: 149740, Text: "1,497.40"},
	}
}

func sampleBands() *Bars {
	return &Bars{
		ID: "bands", Title: "总分分布", Vertical: true, Axis: "人",
		Bars: []Bar{{Label: "80以下", Value: 1, Text: "1", Class: "gs-low"}, {Label: "80–90", Value: 0, Text: "0"}, {Label: "100以上", Value: 12, Text: "12"}},
	}
}

func TestDiagramsMatchGoldenFiles(t *testing.T) {
	for name, got := range outputs(t) {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name)
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

func TestDiagramsAreWellFormedXML(t *testing.T) {
	for name, b := range outputs(t) {
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

func TestDiagramsAreDeterministic(t *testing.T) {
	first := outputs(t)
	for range 10 {
		for name, b := range outputs(t) {
			if !bytes.Equal(b, first[name]) {
				t.Fatalf("%s differs between two runs on the same input", name)
			}
		}
	}
}

func TestTextWidthCountsCJKAsOneEm(t *testing.T) {
	tests := []struct {
		s    string
		want float64 // in em
	}{
		{"", 0},
		{"河西村", 3},
		{"朝渡012", 2 + 3*0.6},
		{"（分管）", 4},  // full-width brackets
		{"√×—", 3},   // ambiguous: full width in Chinese fonts
		{"a b", 1.5}, // 0.6 + 0.3 + 0.6
		{"迟12", 1 + 1.2},
	}
	for _, tt := range tests {
		if got := textWidth(tt.s, 10); strconv.FormatFloat(got, 'f', 3, 64) != strconv.FormatFloat(tt.want*10, 'f', 3, 64) {
			t.Errorf("textWidth(%q, 10) = %v; want %v", tt.s, got, tt.want*10)
		}
	}
}

var rectRE = regexp.MustCompile(`<rect class="[^"]*" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"`)

type box struct{ x, y, w, h float64 }

func boxes(t *testing.T, svg []byte) []box {
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

func TestTreeBoxesDoNotOverlap(t *testing.T) {
	for name, svg := range map[string][]byte{"sample": sample().SVG()} {
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

func TestTreeBoxesAreWideEnoughForTheirText(t *testing.T) {
	long := "青江县朝天水电站有限公司（龙潭坝）"
	svg := (&Tree{ID: "w", Roots: []*Node{{Label: "镇", Children: []*Node{{Label: long, Note: "短"}}}}}).SVG()
	bs := boxes(t, svg)
	if need := textWidth(long, fontSize) + 2*treePad; bs[1].w < need {
		t.Errorf("box width %v for %q; want at least %v", bs[1].w, long, need)
	}
	if !strings.Contains(string(svg), `viewBox="0 0 `) {
		t.Errorf("no viewBox: the SVG would not scale on a phone")
	}
}

var viewBoxRE = regexp.MustCompile(`viewBox="0 0 ([\d.]+) ([\d.]+)"`)

func size(t *testing.T, svg []byte) (w, h float64) {
	t.Helper()
	m := viewBoxRE.FindSubmatch(svg)
	if m == nil {
		t.Fatalf("no viewBox in %s", svg)
	}
	w, _ = strconv.ParseFloat(string(m[1]), 64)
	h, _ = strconv.ParseFloat(string(m[2]), 64)
	return w, h
}

func TestPagesCutATallTreeBetweenLeaves(t *testing.T) {
	root := &Node{Label: "镇政府", Class: Blue}
	for i := range 3 {
		lead := &Node{Label: fmt.Sprintf("领导%d", i), Note: "某某", Class: Orange}
		for j := range 15 {
			lead.Children = append(lead.Children, &Node{Label: fmt.Sprintf("对象%d-%02d", i, j), Class: Green})
		}
		root.Children = append(root.Children, lead)
	}
	tree := &Tree{ID: "tall", Title: "网络图", Roots: []*Node{root}, Legend: legend}
	const pageW, firstH, pageH = 680.0, 600.0, 870.0
	pages := tree.Pages(pageW, firstH, pageH)
	if len(pages) < 2 {
		t.Fatalf("Pages gave %d page(s) for a tree %v tall; want several", len(pages), func() float64 { _, h := size(t, tree.SVG()); return h }())
	}

	seen := map[string]int{}
	for i, p := range pages {
		svg := p.SVG()
		w, h := size(t, svg)
		room := pageH
		if i == 0 {
			room = firstH
		}
		if printed := h * pageW / max(w, pageW); printed > room {
			t.Errorf("page %d prints %.0f px tall; want at most %.0f", i+1, printed, room)
		}
		if wantW, _ := size(t, tree.SVG()); w != wantW {
			t.Errorf("page %d is %v wide; want the whole tree's %v, so columns line up", i+1, w, wantW)
		}
		for _, m := range regexp.MustCompile(`>(对象\d-\d\d)</text>`).FindAllSubmatch(svg, -1) {
			seen[string(m[1])]++
		}
		root := ">镇政府</text>"
		if i > 0 {
			root = ">镇政府（续）</text>"
		}
		if !bytes.Contains(svg, []byte(root)) {
			t.Errorf("page %d does not repeat the root as %s", i+1, root)
		}
		if legend := bytes.Contains(svg, []byte("监管对象</text>")); legend != (i == len(pages)-1) {
			t.Errorf("page %d of %d: legend %v; want it on the last page only", i+1, len(pages), legend)
		}
		if !bytes.Contains(svg, []byte(fmt.Sprintf(`id="tall-p%d-title"`, i+1))) {
			t.Errorf("page %d: ids are not unique to the page", i+1)
		}
	}
	if len(seen) != 45 {
		t.Errorf("pages show %d distinct leaves; want 45", len(seen))
	}
	for leaf, n := range seen {
		if n != 1 {
			t.Errorf("%s is drawn %d times; want once", leaf, n)
		}
	}
	if short := sample(); len(short.Pages(pageW, 5000, 5000)) != 1 || short.Pages(pageW, 5000, 5000)[0] != short {
		t.Errorf("a tree that fits one page is not returned whole")
	}
}
