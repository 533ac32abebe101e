package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"gongshi/generator/internal/pipeline"
	"gongshi/generator/internal/publish"
	"gongshi/generator/internal/repo"
)

// cmdServe previews the working tree. It is the one command that reads
// uncommitted files, so every page it serves is bannered as unpublished.
func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flags("serve", stderr)
	dir := fs.String("repo", ".", "a folder inside the records repository")
	addr := fs.String("addr", "127.0.0.1:1313", "the address to serve on: a loopback one unless --public")
	public := fs.Bool("public", false, "allow an --addr that is not a loopback address: the preview of uncommitted records is then open to the network")
	if err := parse(fs, args); err != nil {
		return err
	}
	if !*public {
		if err := loopbackOnly(*addr); err != nil {
			return err
		}
	}
	root, err := pipeline.WorkTreeRoot(*dir)
	if err != nil {
		return err
	}
	// The preview folder is removed however serve ends: Ctrl+C and
	// SIGTERM both end ctx (main).
	tmp, err := os.MkdirTemp("", "gongshi-preview-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	target, err := publish.Open(filepath.Join(tmp, "site"), publish.Options{})
	if err != nil {
		return err
	}
	defer target.Close()

	p := &preview{root: root, target: target, log: stderr}
	p.rebuild()

	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := watchTree(w, root); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	p.hosts = hostsOf(ln.Addr(), *public)
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	fmt.Fprintf(stdout, "gongshi: previewing %s (未提交预览, not published) at http://%s/ — Ctrl+C to stop\n", root, ln.Addr())

	var debounce <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			return srv.Shutdown(shut)
		case ev := <-w.Events:
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					watchTree(w, ev.Name)
				}
			}
			if relevant(root, ev.Name) {
				debounce = time.After(300 * time.Millisecond)
			}
		case err := <-w.Errors:
			fmt.Fprintf(stderr, "gongshi: watching: %v\n", err)
		case <-debounce:
			debounce = nil
			p.rebuild()
		}
	}
}

type preview struct {
	root   string
	target *publish.Target
	log    io.Writer
	// hosts says which Host headers name the address served on: only
	// those requests are answered, so that a web page elsewhere cannot
	// reach the preview through a name of its own (DNS rebinding).
	hosts func(host string) bool

	mu       sync.RWMutex
	problems string // the last build's mistakes, served instead of the site
}

func (p *preview) rebuild() {
	site, err := pipeline.Build(pipeline.Options{Source: pipeline.Source{Dir: p.root, WorkTree: true, Today: today()}, Log: p.log})
	if err == nil {
		_, _, err = site.Publish(p.target)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if err != nil {
		p.problems = err.Error()
		fmt.Fprintf(p.log, "gongshi: preview not rebuilt:\n%v\n", err)
		return
	}
	p.problems = ""
	fmt.Fprintf(p.log, "gongshi: preview rebuilt %s\n", time.Now().Format("15:04:05"))
}

func (p *preview) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.hosts != nil && !p.hosts(r.Host) {
		http.Error(w, fmt.Sprintf("gongshi serve answers only requests for the address it listens on, not %q", r.Host), http.StatusMisdirectedRequest)
		return
	}
	p.mu.RLock()
	problems := p.problems
	p.mu.RUnlock()
	if problems != "" {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprintf(w, `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>未提交预览：有错误</title>
<body style="font-family:sans-serif;max-width:60em;margin:2em auto"><p style="background:#fde68a;padding:.5em 1em"><strong>未提交预览</strong>（not published）</p>
<h1>记录有错误，预览未更新</h1><p>改正后保存，预览会自动重建。</p><pre style="white-space:pre-wrap">%s</pre></body></html>`, htmlEscape(problems))
		return
	}
	http.FileServer(http.Dir(p.target.Dir)).ServeHTTP(w, r)
}

// loopbackOnly refuses an address that is not a loopback one.
func loopbackOnly(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return &usageError{msg: fmt.Sprintf("serve: --addr %s: %v", addr, err)}
	}
	if ip := net.ParseIP(host); host == "localhost" || ip != nil && ip.IsLoopback() {
		return nil
	}
	return &usageError{msg: fmt.Sprintf("serve: --addr %s is not a loopback address: the preview of uncommitted records would be open to the network; add --public if that is meant", addr)}
}

// hostsOf says which Host headers name the address a preview listens on:
// its port, with its IP address, or "localhost" for a loopback address.
// Listening on every address (0.0.0.0 or ::, with --public), any IP
// address of the machine and its host name do. Other names never do: a
// page elsewhere cannot make a browser reach the preview under its own
// name.
func hostsOf(a net.Addr, public bool) func(string) bool {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return func(string) bool { return false }
	}
	port := strconv.Itoa(tcp.Port)
	names := map[string]bool{}
	if public && tcp.IP.IsUnspecified() {
		if h, err := os.Hostname(); err == nil && h != "" {
			names[strings.ToLower(h)] = true
		}
	}
	return func(host string) bool {
		h, p, err := net.SplitHostPort(host)
		if err != nil || p != port {
			return false
		}
		h = strings.ToLower(h)
		if ip := net.ParseIP(h); ip != nil {
			return ip.Equal(tcp.IP) || tcp.IP.IsUnspecified() && (public || ip.IsLoopback())
		}
		return h == "localhost" && (tcp.IP.IsLoopback() || tcp.IP.IsUnspecified()) || names[h]
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// watchTree watches every folder the site is built from.
func watchTree(w *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		top := strings.Split(filepath.ToSlash(rel), "/")[0]
		if rel != "." && !isSiteInput(top) {
			return filepath.SkipDir
		}
		return w.Add(p)
	})
}

func relevant(root, name string) bool {
	rel, err := filepath.Rel(root, name)
	if err != nil {
		return false
	}
	base := filepath.Base(name)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") {
		return false // editors' swap and backup files
	}
	return isSiteInput(strings.Split(filepath.ToSlash(rel), "/")[0])
}

func isSiteInput(top string) bool {
	if top == "records" {
		return true
	}
	for _, p := range repo.SitePaths {
		if p == top {
			return true
		}
	}
	return false
}
