package render

import (
	"errors"
	"reflect"
	"sync"

	"github.com/gohugoio/hugo/cache/dynacache"
)

// errCacheChanged says that Hugo's cache is no longer made as in v0.165.0.
var errCacheChanged = errors.New("render: Hugo's cache (dynacache.Cache) has changed: Options.MemoryLimit cannot reach it")

// setCacheLimit tells Hugo's in-memory cache how many bytes it may hold
// before it evicts.
//
// Hugo v0.165.0 reads that limit only from the process environment,
// HUGO_MEMORYLIMIT, once, when it makes the cache (config.GetMemoryLimit),
// and there is no setting for it; gongshi sets no HUGO_* variable in its
// own process, where every other build and test would see it. So the
// limit is written into the cache Hugo made, under the cache's own lock,
// through its unexported fields (Cache.mu, Cache.stats.availableMemory).
// A Hugo upgrade that changes them fails every build that sets a limit,
// with errCacheChanged, and TestMemoryLimitReachesHugosCache.
func setCacheLimit(c *dynacache.Cache, limit uint64) error {
	mu, avail, err := cacheFields(c)
	if err != nil {
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	*avail = limit
	return nil
}

func cacheFields(c *dynacache.Cache) (*sync.RWMutex, *uint64, error) {
	if c == nil {
		return nil, nil, errCacheChanged
	}
	v := reflect.ValueOf(c).Elem()
	mu := v.FieldByName("mu")
	stats := v.FieldByName("stats")
	if !mu.IsValid() || mu.Type() != reflect.TypeFor[sync.RWMutex]() ||
		!stats.IsValid() || stats.Kind() != reflect.Pointer || stats.IsNil() {
		return nil, nil, errCacheChanged
	}
	avail := stats.Elem().FieldByName("availableMemory")
	if !avail.IsValid() || avail.Kind() != reflect.Uint64 {
		return nil, nil, errCacheChanged
	}
	return (*sync.RWMutex)(mu.Addr().UnsafePointer()), (*uint64)(avail.Addr().UnsafePointer()), nil
}
