package pipeline_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bep/clocks"
	"github.com/gohugoio/hugo/common/htime"
	"github.com/spf13/afero"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/pipeline"
)

// A site is a function of its commit: what the commit's own files ask of
// the machine (its environment, its clock, the network) never reaches it.

// homeLayout is a home page of the township's own that shows what a layout
// can reach beyond the commit.
func withHome(t *testing.T, layout string) string {
	t.Helper()
	g, _ := township(t)
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("layouts/home.html", []byte(layout))
	g.Commit("site: 首页")
	return g.Dir
}

func TestALayoutReadsNothingFromTheEnvironment(t *testing.T) {
	t.Setenv("GONGSHI_TEST_SECRET", "s3cr3t-deploy-token")
	dir := withHome(t, `<p>home={{ os.Getenv "HOME" }} secret={{ getenv "GONGSHI_TEST_SECRET" }}</p>`)
	s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: dir}, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	files := renderOrRefused(t, s)
	if files == nil {
		return // refused: nothing published
	}
	home := files["index.html"]
	if h := os.Getenv("HOME"); h != "" && strings.Contains(home, "home="+h) || strings.Contains(home, "s3cr3t") {
		t.Errorf("the home page shows the environment: %s", home)
	}
}

func TestALayoutsClockIsTheCommits(t *testing.T) {
	dir := withHome(t, `<p>now={{ now.UnixNano }}</p>`)
	files := render(t, pipeline.Options{Source: pipeline.Source{Dir: dir}, NoCache: true})
	commit := time.Date(2026, 4, 13, 9, 0, 0, 0, time.FixedZone("", 8*3600))
	if want := "now=" + strconv.FormatInt(commit.UnixNano(), 10); !strings.Contains(files["index.html"], want) {
		t.Errorf("the home page reads %q; want %q, the commit's time", files["index.html"], want)
	}
}

func TestALayoutFetchesNothingFromTheNetwork(t *testing.T) {
	var requests atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Write([]byte("from the network"))
	}))
	defer srv.Close()
	dir := withHome(t, `{{ with resources.GetRemote "`+srv.URL+`/x" }}{{ .Content }}{{ end }}`)
	s, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: dir}, NoCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if files := renderOrRefused(t, s); files != nil && strings.Contains(files["index.html"], "from the network") {
		t.Errorf("the home page shows what the network gave")
	}
	if n := requests.Load(); n != 0 {
		t.Errorf("the build made %d request(s)", n)
	}
}

func TestASecuritySectionIsRefusedWithThePath(t *testing.T) {
	g, _ := township(t)
	g.At("2026-04-13T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("hugo.toml", []byte("title = \"朝天镇\"\n\n[security]\n  [security.funcs]\n    getenv = ['.*']\n"))
	g.Commit("site: 配置")
	_, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
	var l diag.List
	if !errors.As(err, &l) || !strings.Contains(l.Error(), "hugo.toml:3:2: expected no [security] section") {
		t.Errorf("Build = %v; want hugo.toml's [security] refused at its position", err)
	}
	// check refuses it too, before anything is built.
	if _, err := pipeline.Load(pipeline.Source{Dir: g.Dir}); !errors.As(err, &l) {
		t.Errorf("Load = %v; want the same mistake", err)
	}
}

// TestSiteDoesNotDependOnTheMachinesClock: the township's notices date
// from April 2026. With the clock Hugo takes for the machine's moved a year
// back they are dated after it, a year on before it: the site is the same,
// byte for byte, and lists the notice both times. (Not parallel: it moves
// a clock every build in the process reads.)
func TestSiteDoesNotDependOnTheMachinesClock(t *testing.T) {
	g, _ := township(t)
	year := 365 * 24 * time.Hour
	var sites []map[string]string
	for _, d := range []time.Duration{-year, year} {
		prev := htime.Clock
		htime.Clock = clocks.Start(time.Now().Add(d))
		files := render(t, pipeline.Options{Source: pipeline.Source{Dir: g.Dir}, NoCache: true})
		htime.Clock = prev
		if !strings.Contains(text(files["notices/index.html"]), "2026年第一季度绩效考核结果公示") {
			t.Errorf("with the machine's clock moved by %v, 公示公告 does not list the Q1 notice", d)
		}
		sites = append(sites, files)
	}
	if d := differing(sites[0], sites[1]); len(d) > 0 {
		t.Errorf("the site differs with the machine's clock a year back and a year on: %v", d)
	}
}

// renderOrRefused renders the site into memory; a refusal (nothing
// published) gives nil, and must name the layout that was refused.
func renderOrRefused(t *testing.T, s *pipeline.Site) map[string]string {
	t.Helper()
	mem := afero.NewMemMapFs()
	if _, err := s.Render(mem, "/out"); err != nil {
		if !strings.Contains(err.Error(), "layouts/home.html:1:") {
			t.Errorf("the build was refused without naming the layout: %v", err)
		}
		return nil
	}
	files := map[string]string{}
	for _, p := range []string{"index.html"} {
		b, err := afero.ReadFile(mem, "/out/"+p)
		if err != nil {
			t.Fatal(err)
		}
		files[p] = string(b)
	}
	return files
}
