package sitetest

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"gongshi/generator/internal/sample"
)

func TestMain(m *testing.M) {
	code := sample.Main(m)
	stopBrowser()
	os.Exit(code)
}

// site returns the shared sample site's folder and serves it over HTTP for
// the test.
func site(t *testing.T) (dir, base string) {
	t.Helper()
	s := sample.Site(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(s.Site)))
	t.Cleanup(srv.Close)
	return s.Site, srv.URL
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// text strips tags and collapses spaces, to read a page as a person does.
func text(html string) string {
	s := regexp.MustCompile(`(?s)<[^>]*>`).ReplaceAllString(html, " ")
	return strings.Join(strings.Fields(s), " ")
}

// tree returns every file under dir with its SHA-256.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		sums[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

// Browser tests drive Debian's Chromium (/usr/bin/chromium) with chromedp
// against the built sample site, served over HTTP and opened from disk, to
// check what a person sees. CI (.ci/run) installs Chromium and sets
// GONGSHI_CI=1, so there a missing browser fails the tests; on a
// workstation without Chromium they are skipped with a note.

// chromiumPath is where Debian's chromium package puts the browser.
const chromiumPath = "/usr/bin/chromium"

// shared is the one Chromium of the test binary; each test has a tab.
var shared struct {
	once    sync.Once
	ctx     context.Context // the browser
	cancel  func()
	profile string // its user data folder
	err     error
}

func stopBrowser() {
	if shared.ctx != nil {
		chromedp.Cancel(shared.ctx) // closes the browser and waits for it
	}
	if shared.cancel != nil {
		shared.cancel()
	}
	if shared.profile != "" {
		os.RemoveAll(shared.profile)
	}
}

// browser opens a tab of the shared headless Chromium for the test, or
// skips the test when there is none and CI does not require one.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		if os.Getenv("GONGSHI_CI") != "" {
			t.Fatalf("Chromium is required for the browser tests and is not installed at %s (apt-get install -y chromium)", chromiumPath)
		}
		t.Skipf("Chromium is not installed at %s: browser tests skipped (CI runs them; apt-get install -y chromium)", chromiumPath)
	}
	shared.once.Do(func() {
		if shared.profile, shared.err = os.MkdirTemp("", "gongshi-chromium-"); shared.err != nil {
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(chromiumPath),
			chromedp.NoSandbox, // CI runs as root
			chromedp.DisableGPU,
			chromedp.UserDataDir(shared.profile),
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.Flag("lang", "zh-CN"),
			// What Chromium writes to the temporary folder goes into the
			// profile, removed with it.
			chromedp.Env("TMPDIR="+shared.profile),
		)
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(actx)
		shared.ctx, shared.cancel = ctx, func() { cancel(); cancelAlloc() }
		shared.err = chromedp.Do(ctx)
	})
	if shared.err != nil {
		t.Fatalf("starting Chromium: %v", shared.err)
	}
	// A browser context of its own: what one test stores (长辈版 is
	// remembered in localStorage) never reaches another, even on an
	// origin (a port, file://) that another test used before.
	tab, cancel := chromedp.NewContext(shared.ctx, chromedp.WithNewBrowserContext())
	tab, cancelTimeout := context.WithTimeout(tab, 90*time.Second)
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
	})
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tab
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func get[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// media emulates a CSS media type: "print", or "" for the screen.
func media(m string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: m})
		return err
	})
}

// screenshot writes a full-page PNG for review into the folder
// GONGSHI_SCREENSHOTS names, when it does (make screenshots); it returns
// the image.
func screenshot(t *testing.T, ctx context.Context, name string) []byte {
	t.Helper()
	png := get(t, ctx, chromedp.FullScreenshot(100)) // 100: PNG; below, JPEG
	dir := os.Getenv("GONGSHI_SCREENSHOTS")
	if dir == "" {
		return png
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	return png
}

// TestTabsDoNotShareWhatTheBrowserStores: 长辈版 is remembered in the
// browser's storage for the site's origin; a test that left it on must
// not make another print a letter in large type (a port of a finished
// test's server is given again, and file:// is one origin for all).
func TestTabsDoNotShareWhatTheBrowserStores(t *testing.T) {
	t.Parallel()
	dir, _ := site(t)
	home := "file://" + filepath.Join(dir, "index.html")
	first := browser(t)
	do(t, first, chromedp.Navigate(home), chromedp.Evaluate[chromedp.Void](`localStorage.setItem("gongshi-test", "left over")`))
	second := browser(t)
	do(t, second, chromedp.Navigate(home))
	if got := get(t, second, chromedp.Evaluate[string](`String(localStorage.getItem("gongshi-test"))`)); got != "null" {
		t.Errorf("a second tab reads %q stored by the first; want nothing", got)
	}
}
