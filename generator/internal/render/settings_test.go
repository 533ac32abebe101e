package render

import (
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/spf13/afero"

	"gongshi"
)

// renderSite builds a project of files (paths under the project's root) with
// o, in memory, and returns the site's files by path.
func renderSite(t *testing.T, files map[string]string, o Options) (map[string]string, error) {
	t.Helper()
	o.Source, o.Root = project(t, files), "/site"
	o.Dest, o.Out = afero.NewMemMapFs(), "/public"
	if _, err := Build(o); err != nil {
		return nil, err
	}
	site := map[string]string{}
	err := afero.Walk(o.Dest, o.Out, func(p string, fi fs.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := afero.ReadFile(o.Dest, p)
		site[strings.TrimPrefix(p, o.Out+"/")] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return site, nil
}

// with returns a project of the test configuration and files.
func with(files ...string) map[string]string {
	m := map[string]string{"hugo.toml": siteConfig}
	for i := 0; i+1 < len(files); i += 2 {
		m[files[i]] = files[i+1]
	}
	return m
}

func TestGetenvReadsNothingFromTheEnvironment(t *testing.T) {
	t.Setenv("HUGO_GONGSHI_TOKEN", "hugo-secret")
	t.Setenv("CI", "ci-secret")
	t.Setenv("DEPLOY_TOKEN", "deploy-secret")
	for _, tc := range []struct {
		name, config, layout string
	}{
		{"HOME", siteConfig, `[{{ os.Getenv "HOME" }}]`},
		{"a HUGO_ variable", siteConfig, `[{{ os.Getenv "HUGO_GONGSHI_TOKEN" }}]`},
		{"CI, by the getenv alias", siteConfig, `[{{ getenv "CI" }}]`},
		{"a variable the commit's [security] allows", siteConfig + "[security.funcs]\ngetenv = ['.*']\n", `[{{ os.Getenv "DEPLOY_TOKEN" }}]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site, err := renderSite(t, map[string]string{"hugo.toml": tc.config, "layouts/home.html": tc.layout}, Options{})
			if err == nil {
				home := site["index.html"]
				if home != "[]" {
					t.Errorf("index.html = %q; want [] (nothing from the environment) or the build refused", home)
				}
				return
			}
			for _, secret := range []string{"hugo-secret", "ci-secret", "deploy-secret"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("Build's error shows %q: %v", secret, err)
				}
			}
		})
	}
}

func TestRemoteResourcesAreRefused(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		fmt.Fprint(w, "from the network")
	}))
	defer srv.Close()
	get := func(url string) string {
		return fmt.Sprintf(`{{ with resources.GetRemote %q }}{{ .Content }}{{ end }}`, url)
	}
	for _, tc := range []struct {
		name, config, layout, want string
	}{
		{"loopback", siteConfig, get(srv.URL + "/x"), "security.http.urls"},
		{"a host name", siteConfig, get("http://gongshi.invalid/x"), "security.http.urls"},
		{"allowed by the commit's [security]", siteConfig + "[security.http]\nurls = ['.*']\n", get(srv.URL + "/x"), "hugo.toml:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site, err := renderSite(t, map[string]string{"hugo.toml": tc.config, "layouts/home.html": tc.layout}, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Build = %v (index.html %q); want refused, naming %s", err, site["index.html"], tc.want)
			}
		})
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("the server had %d requests; want none", n)
	}
}

func TestExternalProgramsAreRefused(t *testing.T) {
	_, err := renderSite(t, with("layouts/home.html", `{{ with resources.FromString "a.css" "a{}" | css.PostCSS }}{{ .Content }}{{ end }}`), Options{})
	if err == nil || !strings.Contains(err.Error(), "security.exec.allow") {
		t.Errorf("Build with css.PostCSS = %v; want refused by security.exec.allow", err)
	}
}

func TestSecuritySectionIsRefusedWithThePath(t *testing.T) {
	config := siteConfig + "\n[security]\nenableInlineShortcodes = true\n"
	line := strings.Count(siteConfig, "\n") + 2
	_, err := renderSite(t, with("hugo.toml", config, "layouts/home.html", "首页"), Options{})
	want := fmt.Sprintf("hugo.toml:%d:2: expected no [security] section, found one; gongshi sets Hugo's security policy itself", line)
	if err == nil || err.Error() != want {
		t.Errorf("Build = %v; want %s", err, want)
	}
}

func TestSettingsFromOutsideTheCommitAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name, config string
		want         []string // "" for none
	}{
		{"a dotted security key", `security.funcs.getenv = [".*"]`,
			[]string{`hugo.toml:1:1: expected no security.funcs.getenv setting, found one; gongshi sets Hugo's security policy itself`}},
		{"an inline security table", `security = { http = { urls = [".*"] } }`,
			[]string{`hugo.toml:1:1: expected no security setting, found one; gongshi sets Hugo's security policy itself`}},
		{"keys of any case", "CacheDir = \"/tmp/hugo\"\n[Caches.getresource]\ndir = \"/tmp\"",
			[]string{
				`hugo.toml:1:1: expected no CacheDir setting, found one; gongshi keeps Hugo's caches in the build's own project`,
				`hugo.toml:2:2: expected no [Caches.getresource] section, found one; gongshi keeps Hugo's caches in the build's own project`,
			}},
		{"every one listed", "timeZone = \"Local\"\nbuildFuture = false\nenableGitInfo = true\nenvironment = \"development\"\ntheme = \"x\"\nstaticDir3 = \"/etc\"\n[httpcache]\n[build.buildStats]\nenable = true",
			[]string{
				`hugo.toml:1:1: expected no timeZone setting, found one; gongshi fixes Hugo's time zone`,
				`hugo.toml:2:1: expected no buildFuture setting, found one; gongshi decides which pages are published, not Hugo's clock`,
				`hugo.toml:3:1: expected no enableGitInfo setting, found one; a page's dates come from the records`,
				`hugo.toml:4:1: expected no environment setting, found one; gongshi builds for production`,
				`hugo.toml:5:1: expected no theme setting, found one; the site files come from the commit and from gongshi`,
				`hugo.toml:6:1: expected no staticDir3 setting, found one; mount folders with [[module.mounts]]`,
				`hugo.toml:7:2: expected no [httpcache] section, found one; gongshi refuses remote resources`,
				`hugo.toml:8:2: expected no [build.buildStats] section, found one; gongshi sets how Hugo builds`,
			}},
		{"a language's time zone", "[languages.zh]\ntimeZone = \"Asia/Shanghai\"\n[languages.en]\nparams = { timeZone = \"kept\" }",
			[]string{`hugo.toml:2:1: expected no languages.zh.timeZone setting, found one; gongshi fixes Hugo's time zone`}},
		{"a column counted in characters", `languages.zh = { title = "朝天镇公示栏", timeZone = "Asia/Shanghai" }`,
			[]string{`hugo.toml:1:36: expected no languages.zh.timeZone setting, found one; gongshi fixes Hugo's time zone`}},
		{"a module import", "[[module.imports]]\npath = \"github.com/x/theme\"",
			[]string{`hugo.toml:1:3: expected no [module.imports] section, found one; a module's files would come from outside the commit; mount the project's own folders with [[module.mounts]]`}},
		{"an inline module workspace", `module = { workspace = "/home/clerk/go.work" }`,
			[]string{`hugo.toml:1:12: expected no module.workspace setting, found one; a module's files would come from outside the commit; mount the project's own folders with [[module.mounts]]`}},
		{"mounts outside the project", "[[module.mounts]]\nsource = \"/etc\"\ntarget = \"data\"\n[[module.mounts]]\nsource = \"content/../../records\"\ntarget = \"data\"\n[module]\nmounts = [{ source = '..\\secrets', target = 'assets' }]",
			[]string{
				`hugo.toml:2:1: expected a mount source inside the project, such as "content", found "/etc"`,
				`hugo.toml:5:1: expected a mount source inside the project, such as "content", found "content/../../records"`,
				`hugo.toml:8:13: expected a mount source inside the project, such as "content", found "..\\secrets"`,
			}},
		{"params may say anything", "[params]\ncacheDir = \"/tmp\"\nsecurity = \"严格\"\ntimeZone = \"Asia/Shanghai\"", nil},
		{"mounts inside the project", "[[module.mounts]]\nsource = \"_gen/content\"\ntarget = \"content\"\n[module.hugoVersion]\nmin = \"0.150.0\"", nil},
		{"not TOML", "title = ", []string{`hugo.toml:1:8: expected value, not end of input`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			if err := checkSettings("hugo.toml", []byte(tc.config)); err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("checkSettings(%q) =\n  %s\nwant\n  %s", tc.config, strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

func TestShippedSettingsAreAccepted(t *testing.T) {
	b, err := fs.ReadFile(gongshi.Site(), ConfigFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkSettings(ConfigFile, b); err != nil {
		t.Errorf("the hugo.toml gongshi ships is refused:\n%v", err)
	}
}

// A notice dated a year after the machine's clock, which Hugo leaves out
// by default.
func TestPageDatedAfterTheMachinesClockIsPublished(t *testing.T) {
	date := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	site, err := renderSite(t, with(
		"layouts/home.html", `{{ range site.RegularPages }}<li>{{ .Title }} {{ .Date.Format "2006-01-02" }}</li>{{ end }}`,
		"layouts/page.html", `<h1>{{ .Title }}</h1>`,
		"layouts/section.html", `{{ .Title }}`,
		"_gen/content/notices/next.md", fmt.Sprintf("{\"title\": \"明年的公示\", \"date\": %q}\n", date),
	), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "<li>明年的公示 " + date + "</li>"; !strings.Contains(site["index.html"], want) {
		t.Errorf("index.html = %q; want it listing %s", site["index.html"], want)
	}
	if !strings.Contains(site["notices/next/index.html"], "明年的公示") {
		t.Errorf("notices/next/index.html = %q; want the notice", site["notices/next/index.html"])
	}
}
