// Package render builds the site with Hugo used as a Go library
// (allconfig.LoadConfig → hugolib.NewHugoSites → Build): no hugo binary.
//
// It takes a Hugo project held in a file system (normally in memory: the
// commit's site files and the emitted content, never the working tree) and
// writes the site into a folder. Publishing that folder is another stage's
// job.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/bep/logg"
	"github.com/gohugoio/hugo/common/loggers"
	"github.com/gohugoio/hugo/config"
	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/gohugoio/hugo/deps"
	"github.com/gohugoio/hugo/hugofs"
	"github.com/gohugoio/hugo/hugolib"
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
}

// Stats describe a finished render.
type Stats struct {
	Pages int // pages rendered, in every language and output
}

// Build renders the site. Any error Hugo logs fails the build, so that a
// broken template is never published with a page missing.
func Build(o Options) (Stats, error) {
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

	flags := config.New()
	flags.Set("workingDir", o.Root)
	flags.Set("publishDir", o.Out)
	flags.Set("publishDirStatic", o.Out)
	flags.Set("publishDirDynamic", o.Out)
	// Caches live with the source (in memory), so a build leaves nothing
	// behind and cannot reuse something stale from another commit.
	flags.Set("cacheDir", strings.TrimSuffix(o.Root, "/")+"/.cache")
	flags.Set("resourceDir", strings.TrimSuffix(o.Root, "/")+"/.resources")
	flags.Set("environment", "production")
	flags.Set("enableGitInfo", false)
	for k, v := range o.Config {
		flags.Set(k, v)
	}

	configs, err := allconfig.LoadConfig(allconfig.ConfigSourceDescriptor{
		Fs:          o.Source,
		Logger:      logger,
		Flags:       flags,
		Filename:    strings.TrimSuffix(o.Root, "/") + "/hugo.toml",
		Environment: "production",
		// The build must not depend on who runs it: no HUGO_* variables
		// from the environment.
		Environ: []string{"GONGSHI=1"},
	})
	if err != nil {
		return Stats{}, fmt.Errorf("render: %w", err)
	}
	dest := o.Dest
	if dest == nil {
		dest = hugofs.Os
	}
	fs := hugofs.NewFromSourceAndDestination(o.Source, dest, flags)
	h, err := hugolib.NewHugoSites(deps.DepsCfg{
		Configs:  configs,
		Fs:       fs,
		LogLevel: logger.Level(),
		StdOut:   io.Discard,
		StdErr:   logw,
	})
	if err != nil {
		return Stats{}, fmt.Errorf("render: %w", err)
	}
	defer h.Close()
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
	var st Stats
	for _, s := range h.Sites {
		st.Pages += len(s.Pages())
	}
	return st, nil
}
