package pipeline

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/ledger"
)

// The smallest township that builds: the records of `gongshi init`, less
// what is optional.
const tinyTownship = `name: 朝天镇
organ: 朝天镇人民政府
county: 青江县
address: 青江县朝天镇朝天路1号
postcode: "415000"
objection:
  office: 党政综合办公室
  address: 朝天镇人民政府办公楼二楼
  phone: 0736-6621234
  hours: 工作日 上午8:30—12:00
publicity:
  working_days: 5
  count_first_day: false
  basis: 公示期不少于五个工作日。
intro: 朝天镇人民政府依法公开。
website: https://gongshi.example/
`

// tinyRepo makes a repository of the smallest township that builds, and
// n commits on one line of history, a minute apart, each changing the
// office's phone (a published value). It returns their hashes in order.
func tinyRepo(t *testing.T, n int) (*gittest.Repo, []string) {
	t.Helper()
	g := gittest.New(t)
	g.Write("records/township.yaml", []byte(tinyTownship))
	var commits []string
	when := time.Date(2026, 11, 24, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	for i := range n {
		g.At(when.Add(time.Duration(i)*time.Minute).Format(time.RFC3339), "朝天镇党政办 <dzb@chaotian.example>")
		g.Write("records/units/organ.yaml", []byte(fmt.Sprintf("units:\n  - id: dzb\n    name: 党政综合办公室\n    type: 办公室\n    phone: 0736-66212%02d\n", i)))
		commits = append(commits, g.Commit(fmt.Sprintf("更新党政办电话（第%d次）", i+1)))
	}
	return g, commits
}

// siteTree returns every file under dir with its SHA-256 ("" when dir
// does not exist).
func siteTree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %x\n", filepath.ToSlash(rel), sha256.Sum256(data))
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func beside(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func readLedger(t *testing.T, out string) *ledger.Ledger {
	t.Helper()
	l, err := ledger.Read(filepath.Join(out, ledger.File))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func publishAt(t *testing.T, dir, rev, out string) (*Published, error) {
	t.Helper()
	return Publish(out, Options{Source: Source{Dir: dir, Rev: rev}, Log: io.Discard})
}

// Environment of a child build (see TestPublishChild): read by this test
// binary only, when it runs itself again; gongshi never reads it.
const (
	childRepo = "GONGSHI_TEST_CHILD_REPO"
	childRev  = "GONGSHI_TEST_CHILD_REV"
	childOut  = "GONGSHI_TEST_CHILD_OUT"
	childKill = "GONGSHI_TEST_CHILD_KILL"
)

// TestPublishChild is no test of its own: the fault and concurrency tests
// run this test binary again, once per build, to publish the commit the
// environment names, and to kill the process with SIGKILL at the named
// point ("rendering": a few milliseconds into the render). It prints the
// outcome on a line of its own.
func TestPublishChild(t *testing.T) {
	dir := os.Getenv(childRepo)
	if dir == "" {
		t.Skip("a build run by the fault and concurrency tests")
	}
	kill := os.Getenv(childKill)
	die := func() { syscall.Kill(os.Getpid(), syscall.SIGKILL) }
	o := Options{Source: Source{Dir: dir, Rev: os.Getenv(childRev)}, Log: io.Discard}
	o.Checkpoint = func(point string) {
		switch {
		case point == kill:
			die()
		case kill == "rendering" && point == "staged":
			go func() { time.Sleep(20 * time.Millisecond); die() }()
		case kill == "rendering" && point == "rendered":
			select {} // a fast render waits here for the kill: never past the render
		}
	}
	pub, err := Publish(os.Getenv(childOut), o)
	if err != nil {
		fmt.Printf("\nRESULT refused %s\n", strings.ReplaceAll(err.Error(), "\n", " "))
		return
	}
	fmt.Printf("\nRESULT published %s\n", pub.Site.Commit)
}

// child starts a build in a process of its own.
func child(t *testing.T, dir, rev, out, kill string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestPublishChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childRepo+"="+dir, childRev+"="+rev, childOut+"="+out, childKill+"="+kill)
	return cmd
}

// result is what a child build printed: "published HASH" or "refused
// ERROR"; "" when it was killed.
func result(out []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if r, ok := strings.CutPrefix(sc.Text(), "RESULT "); ok {
			return r
		}
	}
	return ""
}

// TestKilledBuildLeavesTheOldSiteOrTheNew kills a build with SIGKILL at
// every point it passes, from the lock to the unlock: OUT is the old site
// until the swap and the new one from then on, never anything else; the
// next build succeeds and leaves nothing beside OUT.
func TestKilledBuildLeavesTheOldSiteOrTheNew(t *testing.T) {
	points := []string{"locked", "loaded", "history", "emitted", "versions", "staged", "rendering", "rendered",
		"ledger-half", "ledger", "swapping", "swapped", "removing", "removed", "unlocking"}
	g, commits := tinyRepo(t, len(points)+1)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := publishAt(t, g.Dir, commits[0], out); err != nil {
		t.Fatal(err)
	}
	live := false // whether the killed build's site is live: from "swapped" on
	for i, point := range points {
		live = live || point == "swapped"
		rev := commits[i+1]
		old := siteTree(t, out)
		b, err := child(t, g.Dir, rev, out, point).CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
			t.Fatalf("%s: the build was not killed: %v, %s\n%s", point, err, result(b), b)
		}
		killed := siteTree(t, out)
		if _, err := publishAt(t, g.Dir, rev, out); err != nil {
			t.Fatalf("%s: the next build: %v", point, err)
		}
		next := siteTree(t, out)
		switch {
		case !live && killed != old:
			t.Errorf("%s: killed before the swap, OUT is not the old site", point)
		case live && killed != next:
			t.Errorf("%s: killed after the swap, OUT is not the new site", point)
		}
		if h := readLedger(t, out).Head(); h != rev {
			t.Errorf("%s: after the next build the ledger's head is %.10s; want %.10s", point, h, rev)
		}
		if got := beside(t, out); !slices.Equal(got, []string{"public"}) {
			t.Errorf("%s: beside OUT after the next build: %v; want only public", point, got)
		}
	}
	if l := readLedger(t, out); len(l.Builds) != len(commits) {
		t.Errorf("the ledger lists %d builds; want %d, one per commit", len(l.Builds), len(commits))
	}
}

// TestConcurrentBuildsPublishOneAtATime starts four builds of four
// commits of one line of history together, into one OUT: they publish one
// at a time, each checked against the ledger of the one before, so that
// OUT ends as the site of the latest, its ledger lists every build that
// published, in order, a build of an older commit after a newer one is
// refused as a rollback, and no build says it published what is not in
// the ledger.
func TestConcurrentBuildsPublishOneAtATime(t *testing.T) {
	g, commits := tinyRepo(t, 4)
	out := filepath.Join(t.TempDir(), "public")
	cmds := make([]*exec.Cmd, len(commits))
	outputs := make([]*bytes.Buffer, len(commits))
	for i, c := range commits {
		cmds[i] = child(t, g.Dir, c, out, "")
		outputs[i] = &bytes.Buffer{}
		cmds[i].Stdout, cmds[i].Stderr = outputs[i], outputs[i]
	}
	for _, cmd := range cmds {
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
	}
	published := map[string]bool{}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("build of commit %d: %v\n%s", i+1, err, outputs[i])
		}
		r := result(outputs[i].Bytes())
		switch {
		case r == "published "+commits[i]:
			published[commits[i]] = true
		case strings.HasPrefix(r, "refused ledger: ") && strings.Contains(r, "no longer shown by the history of "+commits[i]):
			t.Logf("build of commit %d refused as a rollback", i+1)
		default:
			t.Errorf("build of commit %d: %q; want published, or refused as a rollback\n%s", i+1, r, outputs[i])
		}
	}
	l := readLedger(t, out)
	if l.Head() != commits[3] {
		t.Errorf("OUT is the site of %.10s; want the latest commit, %.10s", l.Head(), commits[3])
	}
	var order []int
	for _, b := range l.Builds {
		i := slices.Index(commits, b.Commit)
		if !published[b.Commit] {
			t.Errorf("the ledger lists a build of commit %d, which did not say it published", i+1)
		}
		order = append(order, i)
	}
	if len(order) != len(published) || !slices.IsSorted(order) {
		t.Errorf("the ledger lists builds of commits %v; want each of the %d that published, oldest first", order, len(published))
	}
	t.Logf("published, in order: commits %v", order)
	if got := beside(t, out); !slices.Equal(got, []string{"public"}) {
		t.Errorf("beside OUT: %v; want only public", got)
	}
	// One after the other, the same: an older commit after a newer one is
	// a rollback.
	before := siteTree(t, out)
	_, err := publishAt(t, g.Dir, commits[1], out)
	if !errors.Is(err, ledger.ErrRewrite) {
		t.Errorf("a build of commit 2 after commit 4 = %v; want a refused rewrite", err)
	}
	if siteTree(t, out) != before {
		t.Error("the refused rollback changed OUT")
	}
}
