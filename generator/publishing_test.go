package main

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/publish"
)

// tinyTownship is the smallest records repository that builds.
func tinyTownship(t *testing.T) *gittest.Repo {
	t.Helper()
	g := gittest.New(t)
	g.Write("records/township.yaml", []byte("name: 朝天镇\norgan: 朝天镇人民政府\ncounty: 青江县\naddress: 朝天路1号\npostcode: \"415000\"\n"+
		"objection: {office: 党政办, address: 朝天路1号, phone: 0736-6621234, hours: 工作日}\n"+
		"publicity: {working_days: 5, count_first_day: false, basis: 五个工作日}\nintro: 依法公开。\nwebsite: https://gongshi.example/\n"))
	g.Write("records/units/organ.yaml", []byte("units:\n  - {id: dzb, name: 党政办, type: 办公室}\n"))
	g.Write(".gitignore", []byte("/public/\n"))
	g.Commit("录入")
	return g
}

// TestBuildRefusesToPublishOverTheRepository: `gongshi build --out .` in a
// records repository once replaced the repository with the site. Every
// place in or around the repository that is not ignored is refused before
// any work, with one line saying why; the repository is untouched.
func TestBuildRefusesToPublishOverTheRepository(t *testing.T) {
	g := tinyTownship(t)
	head := g.Head()
	for _, tc := range []struct{ out, why string }{
		{g.Dir, "it is or holds the repository being built"},
		{filepath.Dir(g.Dir), "it is or holds the repository being built"},
		{filepath.Join(g.Dir, "records"), "it is inside the working tree of the repository being built"},
		{filepath.Join(g.Dir, ".git", "site"), "it is inside the git folder"},
	} {
		code, stdout, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", tc.out)
		if code != exitFailure || !strings.Contains(stderr, tc.why) || strings.Count(stderr, "\n") != 1 || stdout != "" {
			t.Errorf("build --out %s: exit %d\n%s%s\nwant exit %d and one line: %s", tc.out, code, stdout, stderr, exitFailure, tc.why)
		}
	}
	if g.Head() != head {
		t.Error("the repository's HEAD moved")
	}
	for _, p := range []string{".git/HEAD", "records/township.yaml", "records/units/organ.yaml", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(g.Dir, p)); err != nil {
			t.Errorf("the refused builds removed %s: %v", p, err)
		}
	}
	// The folder the repository ignores is a site's place.
	if code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", filepath.Join(g.Dir, "public")); code != exitOK {
		t.Errorf("build --out public (ignored by .gitignore): exit %d\n%s", code, stderr)
	}
}

// TestBuildNoWaitFailsWhileAnotherBuildPublishes: with --no-wait a build
// that finds OUT locked does nothing and says so, with its own status.
func TestBuildNoWaitFailsWhileAnotherBuildPublishes(t *testing.T) {
	g := tinyTownship(t)
	out := filepath.Join(t.TempDir(), "public")
	held, err := publish.Open(out, publish.Options{})
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", out, "--no-wait")
	held.Close()
	if code != exitBusy || !strings.Contains(stderr, "another build is publishing into it") {
		t.Errorf("build --no-wait while locked: exit %d\n%s\nwant exit %d", code, stderr, exitBusy)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the build that did not wait wrote OUT: %v", err)
	}
	_, help, _ := gongshi(t, "help")
	for _, want := range []string{"  5  build --no-wait: another build is publishing into OUT", "  6  build: the swap failed half-way", "OUT is as it was", "--no-wait"} {
		if !strings.Contains(help, want) {
			t.Errorf("help does not say %q", want)
		}
	}
}

// TestCheckRefusesALinkOutOfTheRepository: check once printed
// /etc/passwd from a link in records/. The link is a mistake at its path.
func TestCheckRefusesALinkOutOfTheRepository(t *testing.T) {
	g := tinyTownship(t)
	if err := os.Symlink("/etc/passwd", filepath.Join(g.Dir, "records/units/link.yaml")); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := gongshi(t, "check", "--repo", g.Dir)
	if code != exitRecords || !strings.HasPrefix(stderr, "records/units/link.yaml: expected a file inside the repository, found a link to /etc/passwd\n") ||
		strings.Contains(stdout+stderr, "root:") {
		t.Errorf("check with a link to /etc/passwd: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestServeBindsToTheNetworkOnlyWithPublic: an address that is not a
// loopback one needs --public.
func TestServeBindsToTheNetworkOnlyWithPublic(t *testing.T) {
	g := tinyTownship(t)
	for _, addr := range []string{"0.0.0.0:0", "[::]:0", "192.0.2.1:1313", "example.com:1313"} {
		code, _, stderr := gongshi(t, "serve", "--repo", g.Dir, "--addr", addr)
		if code != exitUsage || !strings.Contains(stderr, "is not a loopback address") || !strings.Contains(stderr, "--public") {
			t.Errorf("serve --addr %s: exit %d\n%s\nwant a usage error asking for --public", addr, code, stderr)
		}
	}
}

// TestServeAnswersOnlyItsOwnHost: a request whose Host is not the address
// the preview listens on (a page elsewhere, through DNS rebinding) is
// refused.
func TestServeAnswersOnlyItsOwnHost(t *testing.T) {
	loopback := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}
	every := &net.TCPAddr{IP: net.IPv4zero, Port: 1313}
	for _, tc := range []struct {
		addr   *net.TCPAddr
		public bool
		host   string
		want   bool
	}{
		{loopback, false, "127.0.0.1:1313", true},
		{loopback, false, "localhost:1313", true},
		{loopback, false, "LOCALHOST:1313", true},
		{loopback, false, "rebind.attacker.example:1313", false},
		{loopback, false, "127.0.0.1:80", false},
		{loopback, false, "127.0.0.1", false},
		{loopback, false, "10.0.0.5:1313", false},
		{every, true, "10.0.0.5:1313", true},
		{every, true, "localhost:1313", true},
		{every, true, "rebind.attacker.example:1313", false},
	} {
		if got := hostsOf(tc.addr, tc.public)(tc.host); got != tc.want {
			t.Errorf("serving on %s (public %v), Host %q answered: %v; want %v", tc.addr, tc.public, tc.host, got, tc.want)
		}
	}
	p := &preview{hosts: hostsOf(loopback, false)}
	req := httptest.NewRequest("GET", "http://rebind.attacker.example:1313/", nil)
	rec := httptest.NewRecorder()
	p.ServeHTTP(rec, req)
	if rec.Code != http.StatusMisdirectedRequest {
		t.Errorf("a request for rebind.attacker.example: status %d; want %d", rec.Code, http.StatusMisdirectedRequest)
	}
}

// TestServeRemovesItsPreviewFolderOnSIGTERM runs serve in a process of
// its own (this test binary again, see TestServeChild) and stops it as a
// service manager does.
func TestServeRemovesItsPreviewFolderOnSIGTERM(t *testing.T) {
	g := tinyTownship(t)
	tmp := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), "GONGSHI_TEST_SERVE_REPO="+g.Dir, "TMPDIR="+tmp)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(60 * time.Second)
	for serving := false; !serving; {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("serve ended before it served")
			}
			serving = strings.Contains(l, "previewing")
		case <-deadline:
			t.Fatal("serve did not start")
		}
	}
	if m, _ := filepath.Glob(filepath.Join(tmp, "gongshi-preview-*", "site", "index.html")); len(m) != 1 {
		t.Fatalf("the preview folder holds no site: %v", m)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for range lines {
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve after SIGTERM: %v", err)
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("serve left %v in the temporary folder after SIGTERM", left)
	}
}

// TestServeChild is no test of its own: TestServeRemovesItsPreviewFolderOnSIGTERM
// runs this test binary again to serve the repository the environment
// names, with gongshi's own signal handling.
func TestServeChild(t *testing.T) {
	dir := os.Getenv("GONGSHI_TEST_SERVE_REPO")
	if dir == "" {
		t.Skip("serve run by TestServeRemovesItsPreviewFolderOnSIGTERM")
	}
	ctx, stop := signals()
	defer stop()
	if code := run(ctx, []string{"serve", "--repo", dir, "--addr", "127.0.0.1:0"}, os.Stdout, os.Stderr); code != exitOK {
		t.Errorf("serve exit %d", code)
	}
}

// TestBuildStrictRefusesWhatTheSelfCheckFinds: the smallest township has
// blank sections (no notice yet, no supervised object): a build publishes
// it and warns of each at the folder its records would be in; with
// --strict it lists them, publishes nothing and exits with status 1.
func TestBuildStrictRefusesWhatTheSelfCheckFinds(t *testing.T) {
	g := tinyTownship(t)
	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", out)
	if code != exitOK || !strings.Contains(stderr, "gongshi: warning: records/: expected something in the section \"公示公告\" (notices/index.html), found nothing") {
		t.Fatalf("build of a township without notices: exit %d\n%s\nwant it published with a warning of the blank notices section", code, stderr)
	}
	warnings := strings.Count(stderr, "gongshi: warning: ")
	strictOut := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", strictOut, "--strict")
	if code != exitRecords || !strings.Contains(stderr, "gongshi: the site's self-check found") || strings.Count(stderr, "expected something in the section") != warnings || stdout != "" {
		t.Errorf("build --strict: exit %d\n%s%s\nwant exit %d, the %d findings listed and nothing published", code, stdout, stderr, exitRecords, warnings)
	}
	if _, err := os.Stat(filepath.Join(strictOut, "index.html")); err == nil {
		t.Error("build --strict published a site")
	}
}
