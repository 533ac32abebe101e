package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/ledger"
	"gongshi/generator/internal/sample"
)

func build(t *testing.T, dir, out string, args ...string) string {
	t.Helper()
	code, stdout, stderr := gongshi(t, append([]string{"build", "--repo", dir, "--out", out}, args...)...)
	if code != exitOK {
		t.Fatalf("build exit %d\n%s", code, stderr)
	}
	return stdout
}

func TestRequireSignedRefusesAnUnsignedCommit(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	clerk := gittest.SSHKey(t, "clerk")
	trust := t.TempDir()
	if err := os.WriteFile(filepath.Join(trust, "allowed_signers"), []byte(`dzb@chaotian.example namespaces="git" `+gittest.AuthorizedKey(clerk)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g.SignSSH(clerk)
	g.At("2026-11-21T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/new.yaml", []byte("units:\n  - {id: xin, name: 新单位, type: 企业}\n"))
	signed := g.Commit("录入新单位")
	g.Unsigned()
	g.At("2026-11-22T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/new.yaml", []byte("units:\n  - {id: xin, name: 新的单位, type: 企业}\n"))
	unsigned := g.Commit("更正新单位名称")

	out := filepath.Join(t.TempDir(), "public")
	code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", out, "--trust", trust, "--require-signed", "--signed-since", signed)
	if code != exitFailure || !strings.Contains(stderr, unsigned[:10]) || !strings.Contains(stderr, `"更正新单位名称": 未签名`) || strings.Contains(stderr, signed[:10]) {
		t.Errorf("build --require-signed exit %d; want %d naming only the unsigned commit:\n%s", code, exitFailure, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused build published something: %v", err)
	}
	if code, _, _ := gongshi(t, "build", "--repo", g.Dir, "--out", out, "--require-signed"); code != exitUsage {
		t.Errorf("--require-signed without --trust: exit %d; want %d", code, exitUsage)
	}

	// Without the requirement the site is built, and says who signed.
	build(t, g.Dir, out, "--trust", trust)
	page := text(read(t, filepath.Join(out, "units", "xin.html")))
	for _, want := range []string{"记录于 2026-11-22 09:00 实质变更 更正新单位名称 新的单位 · 名称由新单位改为新的单位 朝天镇党政办 · 提交 " + unsigned[:10] + " · 未签名",
		"录入新单位 新增单位：新单位 朝天镇党政办 · 提交 " + signed[:10] + " · ✓ 签名已验证"} {
		if !strings.Contains(page, want) {
			t.Errorf("the unit's page does not read %q:\n%s", want, page)
		}
	}
}

func TestRewriteOfPublishedHistoryIsRefusedThenShown(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	g.At("2026-11-21T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/new.yaml", []byte("units:\n  - {id: xin, name: 新单位, type: 企业}\n"))
	dropped := g.Commit("录入新单位")
	out := filepath.Join(t.TempDir(), "public")
	build(t, g.Dir, out)
	before := tree(t, out)

	// A force-push: the published commit replaced by another.
	g.Reset("HEAD~1")
	g.At("2026-11-22T09:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/new.yaml", []byte("units:\n  - {id: xin, name: 新的单位, type: 企业}\n"))
	head := g.Commit("录入新的单位")

	code, _, stderr := gongshi(t, "build", "--repo", g.Dir, "--out", out)
	if code != exitFailure || !strings.Contains(stderr, "--allow-rewrite") || !strings.Contains(stderr, dropped) || !strings.Contains(stderr, "录入新单位") {
		t.Errorf("build over a rewrite: exit %d; want %d listing %s:\n%s", code, exitFailure, dropped[:10], stderr)
	}
	if d := diffTrees(before, tree(t, out)); len(d) > 0 {
		t.Errorf("a refused build changed the site:\n%s", strings.Join(d, "\n"))
	}

	stdout := build(t, g.Dir, out, "--allow-rewrite")
	if !strings.Contains(stdout, "published a rewrite of history") {
		t.Errorf("build --allow-rewrite does not say it published a rewrite:\n%s", stdout)
	}
	log := text(read(t, filepath.Join(out, "changes", "index.html")))
	if want := "历史改写记录"; !strings.Contains(log, want) || !strings.Contains(log, dropped[:10]) || !strings.Contains(log, "录入新单位") {
		t.Errorf("the change log does not show the rewrite:\n%s", log)
	}
	l, err := ledger.Read(filepath.Join(out, ledger.File))
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rewrites) != 1 || l.Rewrites[0].Dropped[0].Commit != dropped || l.Head() != head || len(l.Builds) != 2 {
		t.Errorf("ledger after the rewrite: %+v", l)
	}
	// Published once, the rewrite is history: the next build goes ahead.
	build(t, g.Dir, out)
}

func TestVerifyComparesTheSiteWithARebuild(t *testing.T) {
	t.Parallel()
	g, _ := sample.Township(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, g.Dir, out)
	build(t, g.Dir, out) // a second build of the same commit: the ledger stays as it was
	code, stdout, stderr := gongshi(t, "verify", "--repo", g.Dir, "--site", out)
	if code != exitOK || !strings.Contains(stdout, "identical to a rebuild") {
		t.Fatalf("verify of an untouched site: exit %d\n%s%s", code, stdout, stderr)
	}

	// One byte of one page changed.
	p := filepath.Join(out, "people", "wang-jianjun.html")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(b), "2026-04-01 09:00")
	if i < 0 {
		t.Fatal("王建军's page does not show the date of the commit that entered him")
	}
	b[i+12] = '8' // 09:00 → 08:00
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr = gongshi(t, "verify", "--repo", g.Dir, "--site", out)
	if code != exitDiffers || !strings.Contains(stdout, "differs: people/wang-jianjun.html: byte ") || strings.Count(stdout, "\n") != 1 {
		t.Errorf("verify after editing one byte: exit %d; want %d naming the page:\n%s%s", code, exitDiffers, stdout, stderr)
	}

	// A site of another commit is not this one's.
	code, _, _ = gongshi(t, "verify", "--repo", g.Dir, "--site", out, "--rev", "HEAD~1")
	if code != exitDiffers {
		t.Errorf("verify against another commit: exit %d; want %d", code, exitDiffers)
	}
	if code, _, _ := gongshi(t, "verify", "--repo", g.Dir); code != exitUsage {
		t.Errorf("verify without --site: exit %d; want %d", code, exitUsage)
	}
}
