// Package render builds the site with Hugo used as a Go library
// (allconfig.LoadConfig → hugolib.NewHugoSites → Build): no hugo binary.
//
// It takes a Hugo project held in a file system (normally in memory: the
// commit's site files and the emitted content, never the working tree) and
// writes the site into a folder. Publishing that folder is another stage's
// job.
//
// The render is hermetic: the site is a function of the project and
// Options alone. gongshi, not the commit, decides what could bring
// anything else in:
//   - the clock: Hugo's clock is fixed at Options.Clock (the commit's
//     time), and so are the times of the project's files;
//   - Hugo's security policy (no os.Getenv, no remote resources, no
//     external programs) and the settings that decide which pages are
//     published, where files are read and cached: a hugo.toml that sets
//     any of them, or mounts a folder outside the project, is refused with
//     its path (checkSettings; the list, each with its reason, is in
//     settings.go);
//   - the environment: Hugo's settings take no HUGO_* variable (Hugo is
//     given the environment "GONGSHI=1" in their place, as it reads the
//     process's when given none). Hugo still reads three variables itself,
//     none of which reaches the site: HUGO_MEMORYLIMIT (when
//     Options.MemoryLimit is 0: how much its caches hold),
//     HUGO_NUMWORKERMULTIPLIER (how many pages it renders at once) and
//     HUGO_FILE_LOG_FORMAT (how its error messages name a file).
//
// What is left to the layouts is deterministic but for two template
// functions that are random, collections.Shuffle and math.Rand, which
// gongshi cannot switch off in Hugo v0.165.0; the shipped layouts use
// neither.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/loggers"
	hugoconfig "github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
	"github.com/gohugoio/hugo/resources/page"
	"github.com/spf13/afero"
)

// Options say what to render and where.
type Options struct {
	// Source holds the Hugo project under Root: hugo.toml, layouts/,
	// content/ and the emitted content mounted by hugo.toml.
	Source afero.Fs
	Root   string
	// Dest receives the site under Out (an absolute path). Nil means the
	// operating system's file system.
	Dest afero.Fs
	Out  string
	// Config overrides site settings (e.g. "params.preview": true).
	Config map[string]any
	// Log receives Hugo's warnings and errors.
	Log io.Writer
	// Clock is the build's time: what Hugo's `now` returns (in Clock's
	// location) and the time of every file in Source. A build of a commit
	// sets it to the commit's committer time, a preview to its as-of time.
	// The zero Clock leaves Hugo's clock and the files' times to the
	// machine: such a build is not hermetic.
	Clock time.Time
	// MemoryLimit is how many bytes Hugo's in-memory caches may hold
	// before Hugo evicts from them; 0 leaves Hugo's own limit (a quarter of
	// the machine's memory, or HUGO_MEMORYLIMIT from the environment).
	MemoryLimit uint64
	// TemplateMetrics, when set, receives Hugo's template metrics after
	// the render: each template's and partial's calls and time. Timing
	// every template slows the render: for measuring only, never in a
	// build.
	TemplateMetrics io.Writer
	// TemplateHints adds to the metrics how often a partial's output
	// repeated (what partialCached would save). Hugo compares each output
	// with the one before, word by word, inside the timed call: on the
	// county it took the render from 24 s to 56 s and counted into each
	// partial's time, in proportion to its output, not to its work.
	TemplateHints bool
}

// Caches is the folder of Source where Build keeps Hugo's caches for the
// project at root: removing it makes the next Build of the same project
// start from nothing, as a build's render does.
func Caches(root string) string {
	root = path.Clean(root)
	return path.Join(path.Dir(root), "."+path.Base(root)+"-hugo")
}

// Stats describe a finished render.
type Stats struct {
	Pages int // pages rendered, in every language and output
	// Root is the path the site is published at, its baseURL's ("/", or
	// "/gongshi/" below a folder): what root-relative links begin with.
	Root string
}

// built, when a test sets it, is given each build's Hugo sites.
var built func(*hugolib.HugoSites)

// Build renders the site. Any error Hugo logs fails the build, so that a
// broken template is never published with a page missing. A hugo.toml
// that sets what gongshi decides (see checkSettings) fails it with a
// diag.List naming the file and each setting.
//
// Builds in one process run one at a time (see hugoClock). Build sets the
// modification time of every file in Source to Clock.
func Build(o Options) (Stats, error) {
	root := path.Clean(o.Root)
	if root == "/" || !path.IsAbs(root) {
		return Stats{}, fmt.Errorf("render: the project's root is %q; want an absolute folder below /", o.Root)
	}
	config := path.Join(root, ConfigFile)
	switch data, err := afero.ReadFile(o.Source, config); {
	case errors.Is(err, fs.ErrNotExist):
		// Hugo's defaults
	case err != nil:
		return Stats{}, fmt.Errorf("render: %w", err)
	default:
		if err := checkSettings(ConfigFile, data); err != nil {
			return Stats{}, err
		}
	}
	if err := checkLayouts(o.Source, root); err != nil {
		return Stats{}, err
	}

	hugoClock.Lock()
	defer hugoClock.Unlock()
	if !o.Clock.IsZero() {
		defer setClock(o.Clock)()
		if err := stampTimes(o.Source, root, o.Clock); err != nil {
			return Stats{}, fmt.Errorf("render: %w", err)
		}
	}

	var logBuf bytes.Buffer
	var logw io.Writer = &logBuf
	if o.Log != nil {
		logw = io.MultiWriter(&logBuf, o.Log)
	}
	logger := loggers.New(loggers.Options{
		Level:         logg.LevelWarn,
		StdOut:        io.Discard,
		StdErr:        logw,
		DistinctLevel: logg.LevelWarn,
	})

	flags := hugoconfig.New()
	flags.Set("workingDir", root)
	flags.Set("publishDir", o.Out)
	flags.Set("publishDirStatic", o.Out)
	flags.Set("publishDirDynamic", o.Out)
	// Caches live beside the project in Source (in memory), so a build
	// leaves nothing behind and cannot reuse something stale from another
	// commit; outside the project's folder, where os.ReadDir in a layout
	// would see them with the machine's time.
	hidden := Caches(root)
	flags.Set("cacheDir", hidden+"/cache")
	flags.Set("resourceDir", hidden+"/resources")
	for k, v := range o.Config {
		flags.Set(k, v)
	}
	for k, v := range policy() {
		flags.Set(k, v)
	}
	if o.TemplateMetrics != nil {
		flags.Set("templateMetrics", true)
		flags.Set("templateMetricsHints", o.TemplateHints)
	}

	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs:          o.Source,
		Logger:      logger,
		Flags:       flags,
		Filename:    config,
		Environment: "production",
		// The build must not depend on who runs it: no HUGO_* variables
		// from the environment. Hugo reads the process's environment when
		// given none, so it is given one that sets nothing of Hugo's.
		Environ: []string{"GONGSHI=1"},
	})
	if err != nil {
		return Stats{}, fmt.Errorf("render: %w", err)
	}
	if err := checkPolicy(configs.Base); err != nil {
		return Stats{}, err
	}
	dest := o.Dest
	if dest == nil {
		dest = hugofs.Os
	}
	h, err := hugolib.NewHugoSites(deps.DepsCfg{
		Configs:  configs,
		Fs:       hugofs.NewFromSourceAndDestination(o.Source, dest, flags),
		LogLevel: logger.Level(),
		StdOut:   io.Discard,
		StdErr:   logw,
	})
	if err != nil {
		return Stats{}, fmt.Errorf("render: %w", err)
	}
	defer h.Close()
	// Hugo keeps the pages it sorted (.ByDate, .ByTitle…) in a cache of
	// its own package, emptied when a render pass begins, not when the
	// build ends: after the last pass it still holds them, and through
	// them every page and the whole of the build's state. On the county
	// that was 500 MB the collector marked again on every cycle of the
	// rest of the build. Emptied here, under hugoClock (one build at a
	// time): the build's state goes with the build.
	defer page.Clear()
	if built != nil {
		built(h)
	}
	if o.MemoryLimit > 0 {
		if err := setCacheLimit(h.MemCache, o.MemoryLimit); err != nil {
			return Stats{}, err
		}
	}
	if err := shrinkUnmarshalCache(h.MemCache); err != nil {
		return Stats{}, err
	}
	if err := h.Build(hugolib.BuildCfg{NoBuildLock: true}); err != nil {
		if log := strings.TrimSpace(logBuf.String()); log != "" {
			return Stats{}, fmt.Errorf("render: %w:\n%s", err, log)
		}
		return Stats{}, fmt.Errorf("render: %w", err)
	}
	if n := h.Log.LoggCount(logg.LevelError); n > 0 {
		return Stats{}, fmt.Errorf("render: Hugo logged %d error(s):\n%s", n, strings.TrimSpace(logBuf.String()))
	}
	if n := h.Log.LoggCount(logg.LevelWarn); n > 0 {
		return Stats{}, errors.New("render: Hugo logged warnings, which a published site must not have:\n" + strings.TrimSpace(logBuf.String()))
	}
	if o.TemplateMetrics != nil && h.Metrics != nil {
		h.Metrics.WriteMetrics(o.TemplateMetrics)
	}
	site := configs.Base.C.BaseURL.Path()
	if err := rootRelative(dest, o.Out, site); err != nil {
		return Stats{}, fmt.Errorf("render: %w", err)
	}
	st := Stats{Root: site}
	for _, s := range h.Sites {
		st.Pages += len(s.Pages())
	}
	return st, nil
}
