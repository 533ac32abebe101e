package render

import (
	"bytes"
	"errors"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/gohugoio/hugo/config/allconfig"
	"github.com/pelletier/go-toml/v2/unstable"

	"gongshi/generator/internal/diag"
)

// ConfigFile is the project's Hugo configuration, the only one Build
// reads (no config/ folder, no hugo.yaml): its path in the commit.
const ConfigFile = "hugo.toml"

// policy is what gongshi sets in Hugo's configuration whatever the
// commit's hugo.toml says: Hugo applies it over the file's settings, and
// checkSettings refuses a file that sets any of it.
func policy() map[string]any {
	none := []string{"none"} // a Hugo whitelist that accepts nothing
	return map[string]any{
		// Hugo's security policy. Hugo's own default lets a layout read
		// HUGO_* and CI with os.Getenv, fetch any URL whose host is a name
		// with resources.GetRemote, and run sass, go, git, node and postcss;
		// a site built from a commit needs none of these.
		"security": map[string]any{
			"exec":  map[string]any{"allow": none, "osEnv": none},
			"funcs": map[string]any{"getenv": none},
			"http":  map[string]any{"urls": none, "methods": none, "mediaTypes": none},
			// Inline shortcodes are templates written in content files.
			"enableInlineShortcodes": false,
		},
		"environment":   "production",
		"enableGitInfo": false,
		// Which pages are published is decided by gongshi from the records,
		// at the commit's as-of day: Hugo leaves out none of the pages it is
		// given for a date after, or an expiry date before, its clock.
		"buildFuture":  true,
		"buildExpired": true,
	}
}

// refused are the settings of hugo.toml that gongshi decides itself or
// that would let the site depend on something outside the commit, with
// why, by their lower-cased key (Hugo's keys ignore case). They are
// refused at the top level and in a [languages.X] table alike.
var refused = map[string]string{
	// getenv, GetRemote, exec: see policy.
	"security": "gongshi sets Hugo's security policy itself",
	// The project and the site's folders are the build's own, in memory.
	"workingdir": "gongshi sets where the project is",
	"publishdir": "gongshi sets where the site is written",
	// Hugo's caches and processed resources live in the build's own
	// project, empty at each build: nothing is reused from another build,
	// another commit or the machine.
	"cachedir":    "gongshi keeps Hugo's caches in the build's own project",
	"resourcedir": "gongshi keeps Hugo's caches in the build's own project",
	"caches":      "gongshi keeps Hugo's caches in the build's own project",
	// How to cache remote resources, which are refused.
	"httpcache": "gongshi refuses remote resources",
	// Writes hugo_stats.json and jsconfig.json beside the project on the
	// machine's disk, and reuses cached resources.
	"build": "gongshi sets how Hugo builds",
	// hugo.Environment and what depends on it.
	"environment": "gongshi builds for production",
	// Dates from the machine's clone of the repository (git log).
	"enablegitinfo": "a page's dates come from the records",
	// Which pages are published: see policy.
	"buildfuture":  "gongshi decides which pages are published, not Hugo's clock",
	"buildexpired": "gongshi decides which pages are published, not Hugo's clock",
	// Hugo's zone is UTC (time.LoadLocation("") reads no file): the dates
	// gongshi writes are already the records' days in Asia/Shanghai, which
	// Hugo only formats. A zone name would be looked up in the machine's
	// time zone files (and "Local" is the machine's own zone).
	"timezone": "gongshi fixes Hugo's time zone",
	// A theme is a module: fetched from outside the commit.
	"theme":     "the site files come from the commit and from gongshi",
	"themesdir": "the site files come from the commit and from gongshi",
	// Hugo's folder settings, before mounts: a folder anywhere.
	"contentdir":   "mount folders with [[module.mounts]]",
	"datadir":      "mount folders with [[module.mounts]]",
	"layoutdir":    "mount folders with [[module.mounts]]",
	"i18ndir":      "mount folders with [[module.mounts]]",
	"archetypedir": "mount folders with [[module.mounts]]",
	"assetdir":     "mount folders with [[module.mounts]]",
	"staticdir":    "mount folders with [[module.mounts]]", // and staticDir0 … staticDir10
}

// moduleAllowed are the settings of [module] a commit may have: mounts (each
// inside the project, see checkMount) and what needs no fetching. Every
// other one (imports, workspace, replacements, proxy, …) would bring files
// from outside the commit.
var moduleAllowed = map[string]bool{"mounts": true, "hugoversion": true, "params": true}

// checkSettings refuses a hugo.toml (data, at file) that sets what gongshi
// decides itself or that would let the site depend on something outside
// the commit, listing every such setting.
func checkSettings(file string, data []byte) error {
	var errs diag.List
	p := unstable.Parser{}
	p.Reset(data)
	pos := func(r unstable.Range) diag.Pos {
		// diag counts a column in characters, go-toml in bytes.
		before := data[:r.Offset]
		line := before[bytes.LastIndexByte(before, '\n')+1:]
		return diag.Pos{File: file, Line: p.Shape(r).Start.Line, Col: utf8.RuneCount(line) + 1}
	}
	var table []key // the current [table]
	tableRefused := false
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = keys(e.Key())
			why := refusal(table)
			tableRefused = why != ""
			if tableRefused {
				errs.Add(pos(table[0].raw), "expected no [%s] section, found one; %s", written(table), why)
			}
		case unstable.KeyValue:
			if !tableRefused {
				checkKeyValue(&errs, pos, table, e)
			}
		}
	}
	if err := p.Error(); err != nil {
		var perr *unstable.ParserError
		if errors.As(err, &perr) && len(perr.Highlight) > 0 {
			errs.Add(pos(p.Range(perr.Highlight)), "%s", perr.Message) // "expected value, not end of input"
		} else {
			errs.Add(diag.Pos{File: file}, "%v", err)
		}
	}
	return errs.Err()
}

// key is one part of a dotted key, as written and lower-cased.
type key struct {
	name string // lower-cased: Hugo's keys ignore case
	text string // as written
	raw  unstable.Range
}

func keys(it unstable.Iterator) []key {
	var ks []key
	for it.Next() {
		n := it.Node()
		ks = append(ks, key{name: strings.ToLower(string(n.Data)), text: string(n.Data), raw: n.Raw})
	}
	return ks
}

func written(ks []key) string {
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = k.text
	}
	return strings.Join(parts, ".")
}

// checkKeyValue checks a key = value under table, and the keys of the
// tables written inline in its value.
func checkKeyValue(errs *diag.List, pos func(unstable.Range) diag.Pos, table []key, kv *unstable.Node) {
	ks := keys(kv.Key())
	full := append(append([]key(nil), table...), ks...)
	if why := refusal(full); why != "" {
		errs.Add(pos(ks[0].raw), "expected no %s setting, found one; %s", written(full), why)
		return
	}
	v := kv.Value()
	if isMountSource(full) {
		checkMount(errs, pos(ks[0].raw), v)
	}
	checkValue(errs, pos, full, v)
}

// checkValue checks the inline tables in v, a value at key.
func checkValue(errs *diag.List, pos func(unstable.Range) diag.Pos, at []key, v *unstable.Node) {
	switch v.Kind {
	case unstable.InlineTable:
		it := v.Children()
		for it.Next() {
			checkKeyValue(errs, pos, at, it.Node())
		}
	case unstable.Array:
		it := v.Children()
		for it.Next() {
			checkValue(errs, pos, at, it.Node())
		}
	}
}

// refusal says why the setting at ks is refused, or "" when it is not.
func refusal(ks []key) string {
	if len(ks) >= 3 && ks[0].name == "languages" {
		ks = ks[2:] // [languages.zh] takes the top-level settings
	}
	if len(ks) == 0 {
		return ""
	}
	name := ks[0].name
	if rest, ok := strings.CutPrefix(name, "staticdir"); ok && strings.Trim(rest, "0123456789") == "" {
		name = "staticdir"
	}
	if why, ok := refused[name]; ok {
		return why
	}
	if name == "module" && len(ks) >= 2 && !moduleAllowed[ks[1].name] {
		return "a module's files would come from outside the commit; mount the project's own folders with [[module.mounts]]"
	}
	return ""
}

func isMountSource(ks []key) bool {
	return len(ks) == 3 && ks[0].name == "module" && ks[1].name == "mounts" && ks[2].name == "source"
}

// checkMount refuses a mount whose source is not a folder inside the
// project: an absolute path, or one that climbs out of it with "..".
func checkMount(errs *diag.List, at diag.Pos, v *unstable.Node) {
	if v.Kind != unstable.String {
		return // Hugo refuses it
	}
	src := string(v.Data)
	clean := path.Clean(strings.ReplaceAll(src, `\`, "/"))
	if path.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, "../") || strings.Contains(clean, ":") {
		errs.Add(at, "expected a mount source inside the project, such as \"content\", found %q", src)
	}
}

// checkPolicy makes sure Hugo took gongshi's policy over its defaults.
func checkPolicy(c *allconfig.Config) error {
	sec := c.Security
	if sec.Funcs.Getenv.Accept("HUGO_ENV") || sec.HTTP.URLs.Accept("https://example.com/") ||
		sec.Exec.Allow.Accept("go") || sec.Exec.OsEnv.Accept("PATH") || sec.EnableInlineShortcodes ||
		!c.BuildFuture || !c.BuildExpired || c.EnableGitInfo || c.Environment != "production" {
		return errors.New("render: Hugo did not take gongshi's settings over its own")
	}
	return nil
}
