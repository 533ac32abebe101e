package sitetest

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"
	"golang.org/x/net/html"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/repo"
	"gongshi/generator/internal/safety"
	"gongshi/generator/internal/sample"
)

// sampleSafety computes the sample records' safety results as the build
// of the sample repository does: as of the commit's date.
func sampleSafety(t *testing.T, dir string) *safety.Result {
	t.Helper()
	r, err := repo.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	snap, err := r.Snapshot("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	set, errs := record.Decode(snap.Records)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return safety.Compute(set, snap.AsOf)
}

// baseURL is the site's address from hugo.toml: what a QR code on paper
// must lead to.
func baseURL(t *testing.T) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^baseURL\s*=\s*"([^"]+)"`).FindStringSubmatch(sample.Read(t, "hugo.toml"))
	if m == nil || !strings.HasPrefix(m[1], "https://") {
		t.Fatalf("hugo.toml has no absolute baseURL: %v", m)
	}
	return m[1]
}

func parseHTML(t *testing.T, path string) *html.Node {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n.Type == html.ElementNode && slices.Contains(strings.Fields(attr(n, "class")), class)
}

// find returns the elements under n for which keep is true, in order.
func find(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	if keep(n) {
		out = append(out, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, find(c, keep)...)
	}
	return out
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for _, t := range find(n, func(n *html.Node) bool { return n.Type == html.TextNode }) {
		b.WriteString(t.Data)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// decodeQR reads the text a QR code image holds, as a phone would.
func decodeQR(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("%s does not decode as a QR code: %v", path, err)
	}
	return res.GetText()
}

// vesselRoles are the six responsible persons a vessel's placard names.
var vesselRoles = []string{"第一责任人", "第二责任人", "包船责任人", "村委会责任人", "日常安全管理人", "现场检查员"}

func TestEveryVesselHasAPlacardNamingSixPeopleWithAWorkingQRCode(t *testing.T) {
	t.Parallel()
	dir, out := sample.Site(t).Repo, sample.Site(t).Site
	res := sampleSafety(t, dir)
	base := baseURL(t)
	vessels := 0
	for _, o := range res.Objects {
		if o.Category == nil || o.Category.ID != "vessel" || !o.Active {
			continue
		}
		vessels++
		for _, size := range []string{"a4", "a3"} {
			page := filepath.Join(out, "safety", "placards", size, o.Rec.ID+".html")
			doc := parseHTML(t, page)
			if len(find(doc, func(n *html.Node) bool { return n.Data == "nav" && attr(n, "aria-label") == "主导航" })) > 0 {
				t.Errorf("%s carries the site's navigation", page)
			}
			// Six rows, each a role and a named person.
			var roles []string
			for _, tr := range find(doc, func(n *html.Node) bool { return n.Data == "tr" && n.Parent != nil && n.Parent.Data == "tbody" }) {
				th := find(tr, func(n *html.Node) bool { return n.Data == "th" })
				names := find(tr, func(n *html.Node) bool { return hasClass(n, "placard-name") })
				if len(th) != 1 || len(names) == 0 || textOf(names[0]) == "" || textOf(names[0]) == "空缺" {
					t.Errorf("%s: a row names no one: %q", page, textOf(tr))
					continue
				}
				roles = append(roles, textOf(th[0]))
			}
			if !slices.Equal(roles, vesselRoles) {
				t.Errorf("%s names %q; want the six responsible persons %q", page, roles, vesselRoles)
			}
			second := o.Role("第二责任人").Names()
			if !strings.Contains(textOf(doc), "第二责任人 "+second) {
				t.Errorf("%s does not name %s, who holds the post on %s, as 第二责任人", page, second, res.AsOf)
			}

			// The QR code leads a phone to the object's page.
			imgs := find(doc, func(n *html.Node) bool { return n.Data == "img" && strings.Contains(attr(n, "src"), "qr_") })
			if len(imgs) != 1 {
				t.Fatalf("%s has %d QR codes; want 1", page, len(imgs))
			}
			src, err := url.PathUnescape(attr(imgs[0], "src"))
			if err != nil {
				t.Fatal(err)
			}
			got := decodeQR(t, filepath.Join(filepath.Dir(page), filepath.FromSlash(src)))
			if !strings.HasPrefix(got, base) {
				t.Errorf("%s: QR code holds %q; want an absolute address under %s", page, got, base)
				continue
			}
			target := filepath.Join(out, filepath.FromSlash(strings.TrimPrefix(got, base)))
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s: QR code leads to %s, which is no page of the site", page, got)
				continue
			}
			h1 := find(parseHTML(t, target), func(n *html.Node) bool { return n.Data == "h1" })
			if len(h1) == 0 || textOf(h1[0]) != o.Rec.Name {
				t.Errorf("%s: QR code leads to %s, which is not %s's page", page, got, o.Rec.Name)
			}
		}
	}
	if vessels < 6 {
		t.Errorf("only %d vessels in the sample; the test proves little", vessels)
	}
}

func TestVesselPageShowsTheMidYearRotation(t *testing.T) {
	t.Parallel()
	out := sample.Site(t).Site
	page := text(read(t, filepath.Join(out, "safety", "objects", "chaodu-003.html")))
	for _, want := range []string{
		// The role history of the year: the deputy in charge of safety
		// changed on 1 July.
		"第二责任人 王建军 副镇长（分管安全生产） 2021-10-15 2026-06-30",
		"第二责任人 李红梅 副镇长（分管安全生产） 2026-07-01 至今",
		// Today's holder, with the post and the day.
		"第二责任人 分管安全生产的副镇长。 李红梅 副镇长（分管安全生产） 0745-7621234 2026-07-01",
		"现行标牌自 2026-07-01 起有效",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("朝渡003's page does not read %q:\n%s", want, page)
		}
	}
	placard := text(read(t, filepath.Join(out, "safety", "placards", "a4", "chaodu-003.html")))
	if !strings.Contains(placard, "第二责任人 李红梅 副镇长（分管安全生产）") || strings.Contains(placard, "王建军") {
		t.Errorf("朝渡003's placard does not name 李红梅 alone as 第二责任人:\n%s", placard)
	}
	if !strings.Contains(placard, "本牌自2026年7月1日起有效") {
		t.Errorf("朝渡003's placard does not say since when it is valid:\n%s", placard)
	}
	// 王建军 answers for nothing as 第二责任人 any more; 李红梅 does.
	li := text(read(t, filepath.Join(out, "safety", "people", "li-hongmei.html")))
	if !strings.Contains(li, "第二责任人") || !strings.Contains(li, "朝渡003") {
		t.Errorf("李红梅's page does not list 朝渡003 under 第二责任人:\n%s", li)
	}
	wang := text(read(t, filepath.Join(out, "safety", "people", "wang-jianjun.html")))
	if strings.Contains(wang, "第二责任人") {
		t.Errorf("王建军's page still lists him as 第二责任人:\n%s", wang)
	}
	// The cadre directory links to the person's safety page.
	person := read(t, filepath.Join(out, "people", "li-hongmei.html"))
	if !strings.Contains(person, `href="../safety/people/li-hongmei.html"`) {
		t.Errorf("李红梅's directory page does not link to her safety responsibilities")
	}
}

var svgRE = regexp.MustCompile(`(?s)<svg\b.*?</svg>`)

func TestSafetyDiagramsAreInlineSVG(t *testing.T) {
	t.Parallel()
	out := sample.Site(t).Site
	for _, tt := range []struct {
		page  string
		title string
		want  []string
	}{
		{"safety/reports.html", "2026年安全生产月报报送情况", []string{"迟4", "×", "龙潭村村民委员会", "按时/迟/缺"}},
		{"safety/agreements/index.html", "2026年安全生产责任书逐级签订图", []string{"朝天镇人民政府", "船舶管理站", "朝渡003", "专项"}},
		{"safety/network.html", "安全生产监管责任网络图", []string{"李红梅", "副镇长（分管安全生产）", "朝渡003"}},
	} {
		t.Run(tt.page, func(t *testing.T) {
			b := read(t, filepath.Join(out, filepath.FromSlash(tt.page)))
			svgs := svgRE.FindAllString(b, -1)
			if len(svgs) == 0 {
				t.Fatalf("%s has no inline SVG", tt.page)
			}
			titled := false
			for _, svg := range svgs {
				d := xml.NewDecoder(strings.NewReader(svg))
				var root xml.StartElement
				for {
					tok, err := d.Token()
					if err == io.EOF {
						break
					}
					if err != nil {
						t.Fatalf("%s: an inline SVG does not parse: %v", tt.page, err)
					}
					if se, ok := tok.(xml.StartElement); ok && root.Name.Local == "" {
						root = se
					}
				}
				if root.Name.Local != "svg" || root.Name.Space != "http://www.w3.org/2000/svg" {
					t.Errorf("%s: root %v; want svg in the SVG namespace", tt.page, root.Name)
				}
				titled = titled || strings.Contains(svg, ">"+tt.title)
			}
			if !titled {
				t.Errorf("%s: no SVG titled %q", tt.page, tt.title)
			}
			all := strings.Join(svgs, "")
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("%s: the diagram does not show %q", tt.page, w)
				}
			}
			if strings.Contains(b, "gongshi:") {
				t.Errorf("%s: a diagram link was left unresolved", tt.page)
			}
			if !bytes.Contains([]byte(all), []byte(`<a href="`)) {
				t.Errorf("%s: the diagram links nowhere", tt.page)
			}
		})
	}
}
