package render

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/gohugoio/hugo/cache/dynacache"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/hugolib"
)

func TestMemoryLimitReachesHugosCache(t *testing.T) {
	c := dynacache.New(dynacache.Options{Log: loggers.NewDefault()})
	defer c.Stop()
	if err := setCacheLimit(c, 300<<20); err != nil {
		t.Fatal(err)
	}
	if got, err := cacheLimit(c); err != nil || got != 300<<20 {
		t.Errorf("the cache's limit after setting 300 MiB: %d, %v", got, err)
	}
	if _, err := renderSite(t, with("layouts/home.html", "首页"), Options{Clock: commitTime, MemoryLimit: 300 << 20}); err != nil {
		t.Errorf("Build with a memory limit: %v", err)
	}
}

// cacheLimit returns the limit the cache keeps to.
func cacheLimit(c *dynacache.Cache) (uint64, error) {
	mu, avail, err := cacheFields(c)
	if err != nil {
		return 0, err
	}
	mu.RLock()
	defer mu.RUnlock()
	return *avail, nil
}

// TestDecodedDataIsNotKeptForTheWholeRender: Hugo keeps what
// transform.Unmarshal decoded in its cache, thousands of files by
// default; each page's data is decoded once, so the cache is shrunk to a
// few (shrinkUnmarshalCache), whatever the memory limit.
func TestDecodedDataIsNotKeptForTheWholeRender(t *testing.T) {
	const files = 3 * unmarshalEntries
	site := with("layouts/home.html", `{{ range resources.Match "d/*.json" }}{{ (transform.Unmarshal .).n }} {{ end }}`)
	for i := range files {
		site[fmt.Sprintf("assets/d/%04d.json", i)] = fmt.Sprintf(`{"n": %d}`, i)
	}
	site["hugo.toml"] += "[[module.mounts]]\nsource = \"assets\"\ntarget = \"assets\"\n"
	var h *hugolib.HugoSites
	built = func(s *hugolib.HugoSites) { h = s }
	defer func() { built = nil }()
	out, err := renderSite(t, site, Options{Clock: commitTime})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out["index.html"], fmt.Sprintf("%d ", files-1)) {
		t.Fatalf("the page did not decode every file: %.200q", out["index.html"])
	}
	p := unmarshalCache(h.MemCache)
	kept := 0
	for i := range files {
		if _, ok := p.Get(context.Background(), fmt.Sprintf("/d/%04d.json", i)); ok {
			kept++
		}
	}
	if kept == 0 || kept > unmarshalEntries {
		t.Errorf("Hugo's cache keeps %d of the %d files decoded; want some, at most %d", kept, files, unmarshalEntries)
	}
}
