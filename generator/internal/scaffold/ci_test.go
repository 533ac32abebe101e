package scaffold

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
)

// cacheFlag returns the folder a gongshi build command line keeps its
// cache in ("" when it gives no --cache).
func cacheFlag(line string) string {
	f := strings.Fields(line)
	if i := slices.Index(f, "--cache"); i >= 0 && i+1 < len(f) {
		return f[i+1]
	}
	return ""
}

// TestGiteaWorkflowKeepsTheBuildCacheKeyedByTheExecutable: the publish job
// of the Gitea example computes the key from the installed gongshi (gongshi
// version --cache-key, into $GITHUB_OUTPUT), restores and saves with
// actions/cache under that key (one entry a commit, restored from the
// newest of the same executable), builds with --cache in the folder the
// cache step keeps, outside the published public/, and still fetches
// the published ledger before building.
func TestGiteaWorkflowKeepsTheBuildCacheKeyedByTheExecutable(t *testing.T) {
	var wf struct {
		Jobs map[string]struct {
			Steps []struct {
				Name string         `yaml:"name"`
				ID   string         `yaml:"id"`
				Uses string         `yaml:"uses"`
				Run  string         `yaml:"run"`
				With map[string]any `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(byPath()[".gitea/workflows/gongshi.yaml"], &wf); err != nil {
		t.Fatal(err)
	}
	steps := wf.Jobs["publish"].Steps
	install, key, cache, ledger, build := -1, -1, -1, -1, -1
	for i, s := range steps {
		switch {
		case strings.Contains(s.Run, "-o /usr/local/bin/gongshi"):
			install = i
		case strings.Contains(s.Run, "gongshi version --cache-key"):
			key = i
		case strings.HasPrefix(s.Uses, "actions/cache@"):
			cache = i
		case strings.Contains(s.Run, "ledger.json"):
			ledger = i
		case strings.Contains(s.Run, "gongshi build"):
			build = i
		}
	}
	if install < 0 || key < 0 || cache < 0 || ledger < 0 || build < 0 {
		t.Fatalf("publish steps: install %d, key %d, cache %d, ledger %d, build %d; want each", install, key, cache, ledger, build)
	}
	if !(install < key && key < cache && cache < build && ledger < build) {
		t.Errorf("publish steps in the order install %d, key %d, cache %d, ledger %d, build %d; want install, key, cache, then build, the ledger fetched before it", install, key, cache, ledger, build)
	}
	k := steps[key]
	if want := `echo "key=$(gongshi version --cache-key)" >> "$GITHUB_OUTPUT"`; k.ID == "" || strings.TrimSpace(k.Run) != want {
		t.Errorf("key step id %q runs %q; want an id, running %q", k.ID, k.Run, want)
	}
	with := map[string]string{}
	for n, v := range steps[cache].With {
		with[n] = strings.TrimSpace(fmt.Sprint(v))
	}
	prefix := "${{ steps." + k.ID + ".outputs.key }}-"
	if with["key"] != prefix+"${{ github.sha }}" || with["restore-keys"] != prefix {
		t.Errorf("actions/cache key %q, restore-keys %q; want %q and %q", with["key"], with["restore-keys"], prefix+"${{ github.sha }}", prefix)
	}
	dir := cacheFlag(steps[build].Run)
	if dir == "" || path.Clean(with["path"]) != path.Clean(dir) {
		t.Errorf("actions/cache keeps %q, the build (%q) its cache in %q; want the same folder", with["path"], steps[build].Run, dir)
	}
	if p := path.Clean(dir); p == "public" || strings.HasPrefix(p, "public/") || strings.HasPrefix(p, "..") {
		t.Errorf("the cache %q is kept in the published site or outside the workspace", dir)
	}
	checkIgnored(t, dir)
}

// TestGitLabPipelineKeepsTheBuildCacheKeyedByTheExecutable: GitLab keys a
// cache before the job runs, from variables (cache:key:files hashes files
// of the repository, not the binary a job downloads), so the pages job
// keys its cache by GONGSHI_SHA256, and every job checks the downloaded
// gongshi against it first: the key is the executable's SHA-256, what
// gongshi version --cache-key prints after "gongshi-". It builds with
// --cache in the folder cached, outside public/, after fetching the
// published ledger.
func TestGitLabPipelineKeepsTheBuildCacheKeyedByTheExecutable(t *testing.T) {
	var ci struct {
		Default struct {
			BeforeScript []string `yaml:"before_script"`
		} `yaml:"default"`
		Pages struct {
			Cache struct {
				Key   string   `yaml:"key"`
				Paths []string `yaml:"paths"`
			} `yaml:"cache"`
			Script []string `yaml:"script"`
		} `yaml:"pages"`
	}
	if err := yaml.Unmarshal(byPath()[".gitlab-ci.yml"], &ci); err != nil {
		t.Fatal(err)
	}
	if want := "gongshi-$GONGSHI_SHA256"; ci.Pages.Cache.Key != want {
		t.Errorf("pages cache:key %q; want %q", ci.Pages.Cache.Key, want)
	}
	download := slices.IndexFunc(ci.Default.BeforeScript, func(l string) bool { return strings.Contains(l, "-o /usr/local/bin/gongshi") })
	check := slices.Index(ci.Default.BeforeScript, `echo "$GONGSHI_SHA256  /usr/local/bin/gongshi" | sha256sum -c -`)
	if download < 0 || check < download {
		t.Errorf("before_script %q: download at %d, SHA-256 checked at %d; want the download checked against GONGSHI_SHA256 after it", ci.Default.BeforeScript, download, check)
	}
	ledger := slices.IndexFunc(ci.Pages.Script, func(l string) bool { return strings.Contains(l, "ledger.json") })
	build := slices.IndexFunc(ci.Pages.Script, func(l string) bool { return strings.HasPrefix(l, "gongshi build") })
	if ledger < 0 || build < ledger {
		t.Fatalf("pages script %q: ledger fetched at %d, built at %d; want the ledger fetched first", ci.Pages.Script, ledger, build)
	}
	dir := cacheFlag(ci.Pages.Script[build])
	if dir == "" || len(ci.Pages.Cache.Paths) != 1 || path.Clean(ci.Pages.Cache.Paths[0]) != path.Clean(dir) {
		t.Errorf("cache:paths %q, the build (%q) keeps its cache in %q; want that folder alone", ci.Pages.Cache.Paths, ci.Pages.Script[build], dir)
	}
	if p := path.Clean(dir); p == "public" || strings.HasPrefix(p, "public/") || strings.HasPrefix(p, "..") {
		t.Errorf("the cache %q is kept in the published site or outside the project folder", dir)
	}
	checkIgnored(t, dir)
}

// checkIgnored checks that a new repository's .gitignore ignores the cache
// folder dir, so that one made on a clerk's computer is never committed.
func checkIgnored(t *testing.T, dir string) {
	t.Helper()
	lines := strings.Split(string(byPath()[".gitignore"]), "\n")
	if want := "/" + path.Clean(dir) + "/"; !slices.Contains(lines, want) {
		t.Errorf(".gitignore does not ignore the cache folder (want a line %q)", want)
	}
}
