package render

import (
	"errors"
	"reflect"
	"sync"

	"github.com/bep/lazycache"
	"github.com/gohugoio/hugo/cache/dynacache"
	"github.com/gohugoio/hugo/resources"
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

// unmarshalPartition is the partition of Hugo's cache where
// transform.Unmarshal keeps what it decoded (tpl/transform, v0.165.0).
const unmarshalPartition = "/tmpl/transform/unmarshal"

// unmarshalWeight is the weight the Unmarshal partition is given (Hugo's
// is 30 of 100): each page's data is decoded once, while the page
// renders, and kept in the page's own Store until it is written; the
// cache keeps the last few for the pages that read another's (feeds).
const unmarshalWeight = 1

// shrinkUnmarshalCache gives the partition where Hugo keeps decoded data
// the least weight and a hundred entries, not Hugo's 3,000 (what it
// gives a partition of weight 30 until it sizes them again): decoded
// page data kept for nothing is live heap the collector marks again and
// again within the memory budget. On the county's first build the render
// ran 27.2 collections instead of 28.8 on average (six alternating
// pairs) and took 1.0 s less, within this machine's noise pair by pair.
// Hugo has no setting for a partition's size: its unexported fields are
// reached as in setCacheLimit, and a Hugo that changed them fails every
// build with errCacheChanged (TestDecodedDataIsNotKeptForTheWholeRender).
func shrinkUnmarshalCache(c *dynacache.Cache) error {
	if c == nil {
		return errCacheChanged
	}
	v := reflect.ValueOf(unmarshalCache(c)).Elem()
	opts := v.FieldByName("opts")
	if !opts.IsValid() || opts.Type() != reflect.TypeFor[dynacache.OptionsPartition]() {
		return errCacheChanged
	}
	mu, _, err := cacheFields(c)
	if err != nil {
		return err
	}
	lc, size := v.FieldByName("c"), v.FieldByName("maxSize")
	type lazy = lazycache.Cache[string, *resources.StaleValue[any]]
	if !lc.IsValid() || lc.Type() != reflect.TypeFor[*lazy]() || lc.IsNil() || !size.IsValid() || size.Kind() != reflect.Int {
		return errCacheChanged
	}
	mu.Lock()
	defer mu.Unlock()
	(*dynacache.OptionsPartition)(opts.Addr().UnsafePointer()).Weight = unmarshalWeight
	// The size the weight gives a partition when the cache is made
	// (dynacache.GetOrCreatePartition); later the cache sizes it again by
	// its weight.
	n := unmarshalEntries
	*(*int)(size.Addr().UnsafePointer()) = n
	(*(**lazy)(lc.Addr().UnsafePointer())).Resize(n)
	return nil
}

// unmarshalCache is the partition of c where transform.Unmarshal keeps
// what it decoded, made as Hugo makes it when Hugo has not yet.
func unmarshalCache(c *dynacache.Cache) *dynacache.Partition[string, *resources.StaleValue[any]] {
	return dynacache.GetOrCreatePartition[string, *resources.StaleValue[any]](c, unmarshalPartition,
		dynacache.OptionsPartition{Weight: 30, ClearWhen: dynacache.ClearOnChange})
}

// unmarshalEntries is how many decoded files the partition keeps until
// Hugo sizes it again.
const unmarshalEntries = 100
