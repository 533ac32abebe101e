package render

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bep/clocks"
	"github.com/gohugoio/hugo/common/htime"
)

// commitTime is the time of a made-up commit, in Asia/Shanghai.
var commitTime = time.Date(2026, 3, 5, 9, 30, 0, 0, time.FixedZone("CST", 8*3600))

func TestNowIsTheBuildsClock(t *testing.T) {
	files := with("layouts/home.html", `{{ now.UnixNano }} {{ now.Format "2006-01-02 15:04 MST" }}`)
	build := func(clock time.Time) string {
		site, err := renderSite(t, files, Options{Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		return site["index.html"]
	}
	first, again := build(commitTime), build(commitTime)
	want := fmt.Sprintf("%d 2026-03-05 09:30 CST", commitTime.UnixNano())
	if first != want || again != want {
		t.Errorf("now in two builds at %v: %q, %q; want %q", commitTime, first, again, want)
	}
	later := commitTime.Add(36 * time.Hour)
	if got, want := build(later), fmt.Sprintf("%d 2026-03-06 21:30 CST", later.UnixNano()); got != want {
		t.Errorf("now in a build at %v: %q; want %q", later, got, want)
	}
}

// TestBuildsAtOnceEachSeeTheirOwnClock: Hugo's clock is a process global;
// builds running at the same time must not see each other's.
func TestBuildsAtOnceEachSeeTheirOwnClock(t *testing.T) {
	files := with("layouts/home.html", `{{ now.Unix }}`)
	const n = 4
	got := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			var site map[string]string
			site, errs[i] = renderSite(t, files, Options{Clock: commitTime.AddDate(0, 0, i)})
			got[i] = site["index.html"]
		})
	}
	wg.Wait()
	for i := range n {
		if want := strconv.FormatInt(commitTime.AddDate(0, 0, i).Unix(), 10); errs[i] != nil || got[i] != want {
			t.Errorf("build %d: now = %q (%v); want %s", i, got[i], errs[i], want)
		}
	}
}

// moveHugosClock moves the clock Hugo reads (htime.Clock, what Hugo takes
// for the machine's) by d for the rest of the test, as `hugo --clock`
// does. The machine's own clock reaches Hugo one other way that can
// matter to a site, the times a file system in memory gives the files
// written into it: TestSiteDoesNotDependOnTheMachinesClock builds two
// projects written at different times.
func moveHugosClock(t *testing.T, d time.Duration) {
	hugoClock.Lock()
	prev := htime.Clock
	htime.Clock = clocks.Start(time.Now().Add(d))
	hugoClock.Unlock()
	t.Cleanup(func() {
		hugoClock.Lock()
		htime.Clock = prev
		hugoClock.Unlock()
	})
}

func TestSiteDoesNotDependOnTheMachinesClock(t *testing.T) {
	year := 365 * 24 * time.Hour
	soon := time.Now().Add(year / 2).Format("2006-01-02") // after the machine's clock moved back, before it moved on
	files := with(
		"hugo.toml", siteConfig+"[frontmatter]\nlastmod = [':fileModTime']\n",
		"layouts/home.html", `now {{ now.UnixNano }}
{{ range site.RegularPages }}<li>{{ .Title }} {{ .Date.Format "2006-01-02" }} {{ .Lastmod.UnixNano }} {{ .PublishDate.UnixNano }} {{ .ExpiryDate.UnixNano }}</li>
{{ end }}{{ range site.Sections }}{{ .Title }} {{ .PublishDate.UnixNano }} {{ .Lastmod.UnixNano }}
{{ end }}{{ range os.ReadDir "." }}{{ .Name }} {{ .ModTime.UnixNano }}
{{ end }}{{ with os.Stat "content/about.md" }}{{ .ModTime.UnixNano }}{{ end }}`,
		"layouts/page.html", `<h1>{{ .Title }}</h1>{{ .Lastmod.UnixNano }}`,
		"layouts/section.html", `{{ .PublishDate.UnixNano }}`,
		"content/about.md", "---\ntitle: 关于\n---\n",
		"_gen/content/notices/_index.md", "{\"title\": \"公示公告\"}\n",
		"_gen/content/notices/soon.md", fmt.Sprintf("{\"title\": \"半年后的公示\", \"date\": %q}\n", soon),
		"_gen/content/notices/old.md", "{\"title\": \"已过期的公示\", \"date\": \"2025-01-02\", \"expiryDate\": \"2025-02-01\"}\n",
	)
	var sites []map[string]string
	for _, d := range []time.Duration{year, -year} {
		moveHugosClock(t, d)
		site, err := renderSite(t, files, Options{Clock: commitTime})
		if err != nil {
			t.Fatal(err)
		}
		for _, title := range []string{"半年后的公示", "已过期的公示"} {
			if !strings.Contains(site["index.html"], title) {
				t.Errorf("machine's clock moved by %v: index.html lacks %s:\n%s", d, title, site["index.html"])
			}
		}
		sites = append(sites, site)
	}
	if !maps.Equal(sites[0], sites[1]) {
		for p := range sites[0] {
			if sites[0][p] != sites[1][p] {
				t.Errorf("%s differs with the machine's clock a year on and a year back:\n%s\n----\n%s", p, sites[0][p], sites[1][p])
			}
		}
		if len(sites[0]) != len(sites[1]) {
			t.Errorf("%d files a year on, %d a year back", len(sites[0]), len(sites[1]))
		}
	}
}
