package render

import (
	"testing"

	"github.com/gohugoio/hugo/cache/dynacache"
	"github.com/gohugoio/hugo/common/loggers"
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
