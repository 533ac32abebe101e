package render

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/gohugoio/hugo/hugolib"
	"github.com/spf13/afero"
)

func project(t *testing.T, files map[string]string) afero.Fs {
	t.Helper()
	fs := afero.NewMemMapFs()
	for p, s := range files {
		if err := afero.WriteFile(fs, "/site/"+p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return fs
}

const siteConfig = `
baseURL = "/"
locale = "zh-CN"
title = "朝天镇"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[[module.mounts]]
source = "content"
target = "content"
[[module.mounts]]
source = "_gen/content"
target = "content"
`

func TestBuildRendersMountedContentFromMemory(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	st, err := Build(Options{
		Source: project(t, map[string]string{
			"hugo.toml":         siteConfig,
			"layouts/home.html": `<h1>{{ site.Title }}</h1>{{ range site.RegularPages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}`,
			"layouts/page.html": `<h1>{{ .Title }}</h1>{{ .Content }}{{ with site.Params.preview }}未提交预览{{ end }}`,
			"content/about.md":  "---\ntitle: 关于\n---\n手写页面",
			"_gen/content/x.md": "{\"title\": \"生成页面\"}\n正文",
		}),
		Root:   "/site",
		Out:    out,
		Config: map[string]any{"params": map[string]any{"preview": true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Pages < 3 {
		t.Errorf("Pages = %d; want at least 3", st.Pages)
	}
	home, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h1>朝天镇</h1>", "关于", "生成页面"} {
		if !strings.Contains(string(home), want) {
			t.Errorf("index.html lacks %q:\n%s", want, home)
		}
	}
	page, _ := os.ReadFile(filepath.Join(out, "x", "index.html"))
	if !strings.Contains(string(page), "未提交预览") {
		t.Errorf("x/index.html lacks the preview param:\n%s", page)
	}
}

func TestTemplateErrorFailsTheBuild(t *testing.T) {
	_, err := Build(Options{
		Source: project(t, map[string]string{
			"hugo.toml":         siteConfig,
			"layouts/home.html": `{{ errorf "表格缺少列 %s" "金额" }}`,
		}),
		Root: "/site",
		Out:  filepath.Join(t.TempDir(), "public"),
	})
	if err == nil || !strings.Contains(err.Error(), "表格缺少列 金额") {
		t.Errorf("Build with errorf = %v; want the template's error", err)
	}
}

// The metrics count every call; Hugo's hints (how often an output
// repeated), which skew the times, only when asked for.
func TestTemplateMetricsCountEachPartialCall(t *testing.T) {
	for _, hints := range []bool{false, true} {
		var metrics strings.Builder
		_, err := Build(Options{
			Source: project(t, map[string]string{
				"hugo.toml":                   siteConfig,
				"layouts/home.html":           `{{ range site.RegularPages }}{{ partial "item.html" . }}{{ end }}`,
				"layouts/page.html":           `{{ .Title }}`,
				"layouts/_partials/item.html": `<a href="{{ .RelPermalink }}">{{ .Title }}</a>`,
				"content/a.md":                "---\ntitle: 甲\n---\n",
				"content/b.md":                "---\ntitle: 乙\n---\n",
			}),
			Root:            "/site",
			Dest:            afero.NewMemMapFs(),
			Out:             "/public",
			TemplateMetrics: &metrics,
			TemplateHints:   hints,
		})
		if err != nil {
			t.Fatal(err)
		}
		var line string
		for l := range strings.Lines(metrics.String()) {
			if strings.HasSuffix(strings.TrimSpace(l), "_partials/item.html") {
				line = l
			}
		}
		if f := strings.Fields(line); len(f) < 2 || f[len(f)-2] != "2" {
			t.Errorf("hints %v: the line of item.html is %q; want it called 2 times in:\n%s", hints, line, metrics.String())
		}
		if got := strings.Contains(metrics.String(), "potential"); got != hints {
			t.Errorf("hints %v: the metrics have the column of cache potential: %v; want %v, in:\n%s", hints, got, hints, metrics.String())
		}
	}
}

// TestBuildLetsGoOfHugosState: nothing of a build outlives it. Hugo keeps
// the pages its templates sorted in a cache of its own package, which a
// render pass empties when it begins, not when it ends: a site with one
// output format kept every page and the whole of Hugo's state after the
// build (500 MB on a county, marked again by every collection after).
func TestBuildLetsGoOfHugosState(t *testing.T) {
	released := make(chan struct{}, 1)
	hugoClock.Lock()
	built = func(h *hugolib.HugoSites) {
		runtime.AddCleanup(h, func(ch chan struct{}) { ch <- struct{}{} }, released)
	}
	hugoClock.Unlock()
	t.Cleanup(func() {
		hugoClock.Lock()
		built = nil
		hugoClock.Unlock()
	})
	_, err := Build(Options{
		Source: project(t, map[string]string{
			"hugo.toml": siteConfig + "\n[outputs]\nhome = [\"html\"]\nsection = [\"html\"]\npage = [\"html\"]\n",
			// Sorted pages: what Hugo's cache keeps.
			"layouts/home.html": `{{ range site.RegularPages.ByDate }}{{ .Title }}{{ end }}{{ range site.RegularPages.ByTitle.Reverse }}{{ .Title }}{{ end }}`,
			"layouts/page.html": `<h1>{{ .Title }}</h1>`,
			"content/a.md":      "---\ntitle: 甲\ndate: 2026-01-02\n---\n",
			"content/b.md":      "---\ntitle: 乙\ndate: 2026-01-01\n---\n",
		}),
		Root: "/site",
		Out:  filepath.Join(t.TempDir(), "public"),
	})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		select {
		case <-released:
			return
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("Hugo's sites are still reachable 5 s after the build: something of the build outlives it")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
