package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to write from the server's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// poll calls get until ok says yes or ten seconds pass: the preview is
// rebuilt in the background after a change.
func poll(t *testing.T, get func() string, ok func(string) bool) string {
	t.Helper()
	var last string
	for range 200 {
		if last = get(); ok(last) {
			return last
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("gave up waiting; last answer:\n%s", last)
	return ""
}

func TestServePreviewsTheWorkingTree(t *testing.T) {
	t.Parallel()
	g := sampleRepo(t)
	// An uncommitted edit: the preview shows it, bannered as unpublished.
	g.Write("content/about.md", []byte("---\ntitle: 关于本站\n---\n尚未提交的说明。\n"))

	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan int)
	go func() {
		done <- run(ctx, []string{"serve", "--repo", g.Dir, "--addr", "127.0.0.1:0"}, &stdout, &stderr)
	}()
	defer func() {
		cancel()
		if code := <-done; code != exitOK {
			t.Errorf("serve exit %d\n%s", code, stderr.String())
		}
	}()

	addr := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
	base := "http://" + addr.FindStringSubmatch(poll(t, stdout.String, addr.MatchString))[1]
	get := func(path string) func() string {
		return func() string {
			resp, err := http.Get(base + path)
			if err != nil {
				return err.Error()
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return string(b)
		}
	}

	about := poll(t, get("/about.html"), func(s string) bool { return strings.Contains(s, "尚未提交的说明") })
	if !strings.Contains(about, "未提交预览") {
		t.Errorf("preview page has no 未提交预览 banner:\n%s", about)
	}

	// A mistake in a record: the preview says what is wrong.
	g.Write("records/units/new.yaml", []byte("units:\n  - id: a\n    name: 甲\n    type: 村\n"))
	poll(t, get("/index.html"), func(s string) bool { return strings.Contains(s, "records/units/new.yaml:4:11:") })

	// Mended: the site is back, rebuilt with the change.
	g.Write("records/units/new.yaml", []byte("units:\n  - id: a\n    name: 新建单位甲\n    type: 企业\n"))
	poll(t, get("/units/index.html"), func(s string) bool { return strings.Contains(s, "新建单位甲") })
}
