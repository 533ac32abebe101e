package pipeline

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gongshi/generator/internal/gittest"
	"gongshi/generator/internal/history"
	"gongshi/generator/internal/ledger"
)

// pageText is the text of a built page, tags dropped, spaces collapsed.
func pageText(t *testing.T, out, page string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, page))
	if err != nil {
		t.Fatal(err)
	}
	s := regexp.MustCompile(`(?s)<script.*?</script>|<[^>]*>`).ReplaceAllString(string(b), " ")
	return strings.Join(strings.Fields(s), " ")
}

func phone(g *gittest.Repo, when, n, msg string) string {
	g.At(when, "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/organ.yaml", []byte("units:\n  - id: dzb\n    name: 党政综合办公室\n    type: 办公室\n    phone: 0736-66212"+n+"\n"))
	return g.Commit(msg)
}

// TestOursMergeKeepsPublishedCommitsShown: publish X and Y, reset the
// branch before them, commit Z and merge Y with `git merge -s ours`. The
// build publishes, and X and Y are still shown: on 更新日志, in the change
// history of the page they changed and in the ledger; the merge says it
// did not take them.
func TestOursMergeKeepsPublishedCommitsShown(t *testing.T) {
	g, commits := tinyRepo(t, 1)
	out := filepath.Join(t.TempDir(), "public")
	x := phone(g, "2026-11-24T10:00:00+08:00", "31", "X 更新党政办电话")
	y := phone(g, "2026-11-24T11:00:00+08:00", "32", "Y 再次更新党政办电话")
	if _, err := publishAt(t, g.Dir, "HEAD", out); err != nil {
		t.Fatal(err)
	}
	g.Branch("published")
	g.Reset(commits[0])
	phone(g, "2026-11-24T12:00:00+08:00", "33", "Z 另行更新党政办电话")
	g.At("2026-11-24T13:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	merge := g.MergeOurs("published", "合并已发布的分支")
	pub, err := publishAt(t, g.Dir, "HEAD", out)
	if err != nil {
		t.Fatalf("build after the -s ours merge: %v; want it published, X and Y still shown", err)
	}
	if pub.Site.Rewrite != nil {
		t.Errorf("a rewrite was recorded: %+v; want none, nothing published is hidden", pub.Site.Rewrite)
	}
	shown := map[string]bool{}
	for _, c := range readLedger(t, out).Commits {
		shown[c.Commit] = true
	}
	if !shown[x] || !shown[y] || !shown[merge] {
		t.Errorf("the ledger's commits lack X %v, Y %v or the merge %v", shown[x], shown[y], shown[merge])
	}
	log := pageText(t, out, "changes/index.html")
	for _, want := range []string{"X 更新党政办电话", "Y 再次更新党政办电话", "合并已发布的分支", "排列顺序：按提交时间从新到旧"} {
		if !strings.Contains(log, want) {
			t.Errorf("更新日志 does not show %q", want)
		}
	}
	// The unit's 变更记录 lists its latest changes; all of them, the
	// merge's and those of the branch it did not take, are on the page of
	// its whole history.
	if !strings.Contains(pageText(t, out, "units/dzb.html"), "查看全部 5 次变更记录") {
		t.Errorf("the unit's 变更记录 does not link to its whole history")
	}
	unit := pageText(t, out, "changes/pages/units/dzb.html")
	for _, want := range []string{
		"合并已发布的分支 此次合并没有采纳所合并分支（提交 " + y[:10] + "）上的部分改动：下列改动是相对于该分支而言的，该分支上的提交仍一一列在更新日志中。 党政综合办公室 · 办公电话由0736-6621232改为0736-6621233",
		"Y 再次更新党政办电话 党政综合办公室 · 办公电话由0736-6621231改为0736-6621232",
		"X 更新党政办电话 党政综合办公室 · 办公电话由0736-6621200改为0736-6621231",
	} {
		if !strings.Contains(unit, want) {
			t.Errorf("the unit's 变更记录 does not show %q:\n%s", want, unit)
		}
	}
}

// TestBuildRefusesAHistoryThatDropsAPublishedCommit: after a reset and a
// new commit, the published commits are gone: refused, OUT untouched.
func TestBuildRefusesAHistoryThatDropsAPublishedCommit(t *testing.T) {
	g, commits := tinyRepo(t, 2)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := publishAt(t, g.Dir, "HEAD", out); err != nil {
		t.Fatal(err)
	}
	before := siteTree(t, out)
	g.Reset(commits[0])
	phone(g, "2026-11-24T12:00:00+08:00", "33", "另行更新党政办电话")
	if _, err := publishAt(t, g.Dir, "HEAD", out); !errors.Is(err, ledger.ErrRewrite) || !strings.Contains(err.Error(), commits[1]) {
		t.Errorf("build after a reset = %v; want a refused rewrite naming %s", err, commits[1][:10])
	}
	if siteTree(t, out) != before {
		t.Error("the refused build changed OUT")
	}
}

// TestVerifySaysWhenTheSiteIsNotOfTheNewestBuild: a site of an older
// commit whose ledger names a newer build, with no rewrite recorded,
// rebuilds byte for byte, yet is not of the newest build its ledger
// names: verify says so.
func TestVerifySaysWhenTheSiteIsNotOfTheNewestBuild(t *testing.T) {
	g, commits := tinyRepo(t, 2)
	entry := func(c string) ledger.Commit {
		return ledger.Commit{Commit: c, Date: "2026-11-24T09:00:00+08:00", Subject: "x"}
	}
	// What a site rolled back by hand looks like: commit 1's site, its
	// ledger naming commit 2 before it, the rewrite left out.
	site, err := Build(Options{Source: Source{Dir: g.Dir, Rev: commits[0]}, Log: io.Discard,
		Ledger: &ledger.Ledger{Format: 1, Builds: []ledger.Commit{entry(commits[0]), entry(commits[1]), entry(commits[0])}}})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Render(nil, out); err != nil {
		t.Fatal(err)
	}
	o := Options{Source: Source{Dir: g.Dir}, Log: io.Discard}
	v, err := Verify(out, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Diffs) != 1 || !strings.Contains(v.Diffs[0], "ledger.json: names build "+commits[1]) || !strings.Contains(v.Diffs[0], "the site is not of the newest build its ledger names") {
		t.Errorf("Verify = %q; want the newer build named", v.Diffs)
	}
	o.Rev = commits[0]
	if v, err := Verify(out, o); err != nil || len(v.Diffs) != 0 {
		t.Errorf("Verify --rev (the site's own commit) = %v, %q; want it identical", err, v.Diffs)
	}
}

// TestSignerAndDoubtfulDateAreShownOnTheChanges: alice signs a commit
// authored as 县长, and a commit dated before its parent: the page says
// who signed, that it was not the author, and that the date is doubtful;
// --require-signed refuses the doubtful date though its key verifies.
func TestSignerAndDoubtfulDateAreShownOnTheChanges(t *testing.T) {
	alice := gittest.SSHKey(t, "alice")
	trust := t.TempDir()
	if err := os.WriteFile(filepath.Join(trust, "allowed_signers"), []byte("alice@example.com "+gittest.AuthorizedKey(alice)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	g, _ := tinyRepo(t, 1)
	g.SignSSH(alice)
	g.At("2026-11-24T10:00:00+08:00", "县长 <xianzhang@county.example>")
	g.Write("records/units/organ.yaml", []byte("units:\n  - id: dzb\n    name: 党政综合办公室\n    type: 办公室\n    phone: 0736-6621231\n"))
	spoofed := g.Commit("县长改电话")
	g.At("2026-02-01T09:00:00+08:00", "alice <alice@example.com>")
	g.Write("records/units/organ.yaml", []byte("units:\n  - id: dzb\n    name: 党政综合办公室\n    type: 办公室\n    phone: 0736-6621232\n"))
	backdated := g.Commit("倒填日期")
	g.Unsigned()
	out := filepath.Join(t.TempDir(), "public")
	o := Options{Source: Source{Dir: g.Dir}, Log: io.Discard, Trust: Trust{Dir: trust, Require: true, Since: spoofed + "~1"}}
	_, err := Publish(out, o)
	var u *UnsignedError
	if !errors.As(err, &u) || len(u.Commits) != 1 || !strings.Contains(u.Commits[0], backdated[:10]) || !strings.Contains(u.Commits[0], "日期可疑") {
		t.Errorf("--require-signed = %v; want the backdated commit refused for its date alone", err)
	}
	o.Trust.Require, o.Trust.Since = false, ""
	if _, err := Publish(out, o); err != nil {
		t.Fatal(err)
	}
	unit := pageText(t, out, "units/dzb.html")
	for _, want := range []string{
		"县长改电话 党政综合办公室 · 办公电话由0736-6621200改为0736-6621231 县长 · 提交 " + spoofed[:10] + " · ✓ 签名已验证 （签名人 alice@example.com， 代为签名 ：签名人不是作者）",
		"倒填日期 党政综合办公室 · 办公电话由0736-6621231改为0736-6621232 alice · 提交 " + backdated[:10] + " · ✓ 签名已验证 （签名人 alice@example.com） · 日期可疑：提交时间早于它之前的提交 " + spoofed[:10] + "（2026-11-24 10:00）",
	} {
		if !strings.Contains(unit, want) {
			t.Errorf("the unit's 变更记录 does not read %q:\n%s", want, unit)
		}
	}
}

// TestTrustRootInTheRepositoryIsRefusedFromALinkedWorktree: the commits
// a trust root authorizes must not be able to change it, whichever
// working tree the build runs from.
func TestTrustRootInTheRepositoryIsRefusedFromALinkedWorktree(t *testing.T) {
	g, _ := tinyRepo(t, 1)
	g.Write("trust/allowed_signers", []byte("a@b "+gittest.AuthorizedKey(gittest.SSHKey(t, "k"))+"\n"))
	g.Commit("信任名单")
	linked := filepath.Join(t.TempDir(), "wt")
	cmd := exec.Command("git", "-C", g.Dir, "worktree", "add", "-q", linked)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git worktree add: %v\n%s", err, b)
	}
	for _, trust := range []string{filepath.Join(g.Dir, "trust"), filepath.Join(linked, "trust")} {
		_, err := Build(Options{Source: Source{Dir: linked}, Log: io.Discard, Trust: Trust{Dir: trust}})
		if !errors.Is(err, history.ErrTrustInRepository) {
			t.Errorf("build from the linked worktree with the trust root %s = %v; want it refused", trust, err)
		}
	}
}

// TestVerifyRebuildsADateDoubtedAgainstTheBuildBefore: a commit is
// doubted against the site's last build before the one that showed it;
// verify, rebuilding from the site's own ledger, finds the same build and
// the same doubt, so the site is identical to its rebuild.
func TestVerifyRebuildsADateDoubtedAgainstTheBuildBefore(t *testing.T) {
	g, _ := tinyRepo(t, 1)
	out := filepath.Join(t.TempDir(), "public")
	g.Branch("side")
	built := phone(g, "2026-11-24T10:00:00+08:00", "31", "更新电话")
	if _, err := publishAt(t, g.Dir, "HEAD", out); err != nil {
		t.Fatal(err)
	}
	g.Checkout("side")
	g.At("2026-11-24T09:30:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Write("records/units/village.yaml", []byte("units:\n  - {id: bs, name: 白沙村, type: 村委会}\n"))
	side := g.Commit("录入白沙村")
	g.Checkout("main")
	g.At("2026-11-24T11:00:00+08:00", "朝天镇党政办 <dzb@chaotian.example>")
	g.Merge("side", "合并")
	if _, err := publishAt(t, g.Dir, "HEAD", out); err != nil {
		t.Fatal(err)
	}
	want := "日期可疑：提交时间早于本站 2026-11-24 10:00 的发布（提交 " + built[:10] + "），而那次发布并不包含它"
	if unit := pageText(t, out, "units/bs.html"); !strings.Contains(unit, "录入白沙村") || !strings.Contains(unit, want) {
		t.Errorf("the village's page does not say %q of %s:\n%s", want, side[:10], unit)
	}
	v, err := Verify(out, Options{Source: Source{Dir: g.Dir}, Log: io.Discard})
	if err != nil || len(v.Diffs) != 0 {
		t.Errorf("Verify = %v, %q; want the site identical to its rebuild", err, v.Diffs)
	}
}
