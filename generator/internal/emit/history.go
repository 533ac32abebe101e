package emit

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gongshi/generator/internal/changelog"
	"gongshi/generator/internal/ledger"
	"gongshi/generator/internal/par"
	"gongshi/generator/internal/record"
)

// The history pass: after every emitter has run, each page that names its
// Sources gets its change history (变更记录), each Versioned page its
// published versions, and the site its change log (更新日志). No page type
// has history code of its own.
//
// A change belongs to a page when the record it changed is one of the
// page's sources: same kind and id; or, for a record without an id of its
// own (the township, a quarter's score sheets), the same file; or, for a
// source that names a file without an id, any record of that file. A
// source that names an Item takes only the changes of that list item and
// of the record's own fields. A commit that changes none of a page's
// published values is not in its history.
//
// A published version of a Versioned page is the page as the records of a
// commit in its change history give it, at each such commit where the page
// existed, the records built, and the page differs from the version
// before: the first is the commit that made it appear, each later one a
// correction or a change. Each version is the page as it stood: computed
// from that commit's records for that commit's day, so that its permalink
// shows the same page in every later build (and a cache can keep it by
// commit). A notice's status of that day is neither compared nor shown.
// Versions are commits, not deployments: the records are the public
// history, so any later build shows the same versions.

// History is the records' history as the site shows it.
type History struct {
	// Diffs are the commits that changed record files, newest first, with
	// what each changed in published values (history.Index.DescribeAll).
	Diffs []*changelog.Diff
	// Checked says the commits' signatures were checked against a trust
	// root (Commit.Signature holds the result); otherwise a signed commit
	// shows as signed but not checked.
	Checked bool
	// Rewrites are the rewrites of published history the ledger records,
	// oldest first.
	Rewrites []ledger.Rewrite
	// Names are the names the records (a person's e-mails) and the trust
	// root (its signers file) give the e-mails commits are made as, by
	// e-mail in lower case. A commit made by someone else than its author
	// names its committer by this name (代为提交); a committer it does not
	// know is left to the ledger and git, never printed: an identity the
	// records do not know tells a reader nothing and may be anyone's.
	Names map[string]string
}

// Limits that keep a page readable at county scale; what is left out is
// counted, and the git command on the page shows all of it.
const (
	logPerPage       = 30   // commits per page of the change log
	logPagesPerEntry = 10   // pages named per commit in the change log
	commitMaxChanges = 1000 // changes listed on a commit's page
	commitMaxPages   = 500  // pages listed on a commit's page
)

// commitRef is a commit as pages name it.
type commitRef struct {
	Hash  string `json:"hash"`
	Short string `json:"short"`
	Date  string `json:"date"` // committer date, 2006-01-02 15:04 in Asia/Shanghai
	ISO   string `json:"iso"`  // the same, RFC 3339, for <time> and feeds
	Path  string `json:"path"` // content path of the commit's page
}

// changeEntry is one commit in a change history: what it is, the same on
// every page, and what it changed of the page.
type changeEntry struct {
	*commitInfo // the same for every page the commit changed: shared
	pageChange
	refs []changeRef // the changes of the commit that are the page's
}

// commitInfo is what a change history says of a commit.
type commitInfo struct {
	Commit    commitRef `json:"commit"`
	Author    string    `json:"author"`
	Subject   string    `json:"subject"`
	Body      []string  `json:"body,omitempty"`
	Type      string    `json:"type"` // 更正 or 实质变更
	TypeNote  string    `json:"type_note,omitempty"`
	Signature signature `json:"signature"`
	// Merge says of a merge that did not take a side branch's changes
	// that the changes shown are against that branch.
	Merge string `json:"merge,omitempty"`
}

// pageChange is what a commit changed of a page.
type pageChange struct {
	// Changes are the published values the commit changed, in words; More
	// counts those left out.
	Changes []string `json:"changes,omitempty"`
	More    int      `json:"more,omitempty"`
	// Incomplete names files of which a version could not be read: the
	// changes may be incomplete.
	Incomplete []string `json:"incomplete,omitempty"`
	// Version is the content path of the version of the page the commit
	// made (Versioned pages), N its number.
	Version string `json:"version,omitempty"`
	N       int    `json:"n,omitempty"`
	// Effects say what the change did to what the notice publishes, a
	// line a row (its version against the one before); Compare is the page
	// comparing the two versions.
	Effects []string `json:"effects,omitempty"`
	Compare string   `json:"compare,omitempty"`
	// Objections are the objections whose correction this version is.
	Objections []objectionLink `json:"objections,omitempty"`
}

// objectionLink names an objection on its notice's page.
type objectionLink struct {
	ID     string `json:"id"`
	Path   string `json:"path"`   // the notice
	Anchor string `json:"anchor"` // on it
}

// signature is a commit's signature as pages show it: its status, who
// signed (shown beside the author, marked when not the author), and why
// its date is doubtful, if it is.
type signature struct {
	Text     string `json:"text"`
	Verified bool   `json:"verified,omitempty"`
	Signer   string `json:"signer,omitempty"`
	ByAuthor bool   `json:"by_author,omitempty"`
	Doubt    string `json:"doubt,omitempty"`
}

// pageHistory is a page's 变更记录, newest first.
type pageHistory struct {
	Entries []changeEntry `json:"entries"`
	// Files are the record files the page derives from, for the command
	// that shows them as built.
	Files []string `json:"files"`
	// A long history is folded (foldHistories): the page shows its
	// latest entries, Total says how many there are and All is the
	// content path of the page that lists them all.
	Total int    `json:"total,omitempty"`
	All   string `json:"all,omitempty"`
	// Of is the page whose history a page of its own lists.
	Of *pageLink `json:"of,omitempty"`
}

// historyShown is how many of its latest changes a page's 变更记录 lists:
// the rest are on a page of their own, so that a page is mostly its
// content (targets/index was 91 % change history at 360 px). A history
// of one change more is listed whole: the link to the page of its own
// would take the room of the one change it hides, and cost the reader a
// page (and the synthetic county 3,663 pages).
const historyShown = 2

// historyPath is the content path of the page that lists a page's whole
// history: under the change log ("/targets" → "/changes/pages/targets").
func historyPath(page string) string { return "/changes/pages" + contentPath(page) }

// foldHistories leaves on every page with a long history (more than
// historyShown+1 changes) its latest entries and adds a page that lists
// them all, unlisted like a commit's.
func foldHistories(w *writer) {
	n := len(w.pages)
	for pi := range n {
		p := &w.pages[pi]
		h := p.Front.History
		if h == nil || len(h.Entries) <= historyShown+1 || contentPath(p.Path) == "/" {
			continue
		}
		all := historyPath(p.Path)
		w.page("content"+all+".md", Front{
			Title:  "变更记录：" + p.Front.Title,
			Layout: "history",
			Build:  unlisted,
			History: &pageHistory{Entries: h.Entries, Files: h.Files, Total: len(h.Entries),
				Of: &pageLink{Title: p.Front.Title, Path: contentPath(p.Path)}},
		}, "")
		p = &w.pages[pi] // w.page may have moved the pages
		p.Front.History = &pageHistory{Entries: h.Entries[:historyShown:historyShown], Files: h.Files, Total: len(h.Entries), All: all}
	}
}

type pageLink struct {
	Title string `json:"title"`
	Path  string `json:"path"`
}

// versionRef is one published version of a page.
type versionRef struct {
	N       int       `json:"n"`
	Path    string    `json:"path"`
	Commit  commitRef `json:"commit"` // when the version was recorded (记录于)
	Type    string    `json:"type"`   // 首次发布, 更正 or 实质变更
	Subject string    `json:"subject"`
	// Dated is the day the version is known by: the notice's own date
	// (发布日期) for the first, the day it was recorded for a later one.
	Dated string `json:"dated"`
}

// comparePair is a page comparing two versions of a notice.
type comparePair struct {
	A    int    `json:"a"`
	B    int    `json:"b"`
	Path string `json:"path"`
}

// versionList is on the current page of a Versioned page, newest first.
type versionList struct {
	First     versionRef `json:"first"`
	Latest    versionRef `json:"latest"`
	Corrected bool       `json:"corrected,omitempty"` // changed after it was first published
	// Corrections and Changes count the later versions by type.
	Corrections int          `json:"corrections,omitempty"`
	Changes     int          `json:"changes,omitempty"`
	Items       []versionRef `json:"items"`
	// Issued is the page's own date (a notice's 发布日期), "" when it has
	// none; Compares are the pages comparing two of its versions.
	Issued   string        `json:"issued,omitempty"`
	Compares []comparePair `json:"compares,omitempty"`
}

// versionInfo is on the page of one version.
type versionInfo struct {
	versionRef
	Of      int      `json:"of"`
	Current bool     `json:"current,omitempty"`
	Page    string   `json:"page"` // content path of the page itself
	Title   string   `json:"title"`
	Issued  string   `json:"issued,omitempty"` // the page's own date
	Changes []string `json:"changes,omitempty"`
	More    int      `json:"more,omitempty"`
	Effects []string `json:"effects,omitempty"`
	Prev    string   `json:"prev,omitempty"`
	Next    string   `json:"next,omitempty"`
	Latest  string   `json:"latest"`
	// Compare compares this version with the one before.
	Compare string `json:"compare,omitempty"`
}

func newCommitRef(c *changelog.Commit) commitRef {
	when := c.Committer.When.In(record.Shanghai())
	return commitRef{
		Hash: c.Hash, Short: c.Short(),
		Date: when.Format("2006-01-02 15:04"), ISO: when.Format(time.RFC3339),
		Path: commitPath(c),
	}
}

func commitPath(c *changelog.Commit) string { return "/changes/" + c.Short() }

func newEntry(d *changelog.Diff, checked bool) changeEntry {
	c := d.Commit
	e := changeEntry{
		commitInfo: &commitInfo{
			Commit:    newCommitRef(c),
			Author:    c.Author.Name,
			Subject:   c.Subject,
			Body:      paragraphs(c.Body),
			Signature: signatureOf(c, checked),
			Merge:     mergeNote(c),
		},
		pageChange: pageChange{Incomplete: d.Unreadable},
	}
	e.Type, e.TypeNote = changeType(c)
	return e
}

// changeType is the commit's type as the site shows it: a change the clerk
// did not call a correction is shown as one of substance.
func changeType(c *changelog.Commit) (string, string) {
	switch c.Type {
	case changelog.TypeCorrection:
		return changelog.TypeCorrection.String(), ""
	case changelog.TypeSubstantive:
		return changelog.TypeSubstantive.String(), ""
	case changelog.TypeInvalid:
		return changelog.TypeSubstantive.String(), "提交说明中的变更类型无法识别，按实质变更公示"
	}
	return changelog.TypeSubstantive.String(), "提交说明未注明变更类型，按实质变更公示"
}

func signatureOf(c *changelog.Commit, checked bool) signature {
	var out signature
	switch {
	case checked:
		s := c.Signature
		out = signature{Text: s.Status.String(), Verified: s.Status == changelog.Verified, Signer: s.Name, ByAuthor: s.ByAuthor}
	case c.Signed():
		out = signature{Text: "已签名，未核验"}
	default:
		out = signature{Text: changelog.Unsigned.String()}
	}
	if d := c.Doubt; d != nil {
		when := d.When.In(record.Shanghai()).Format("2006-01-02 15:04")
		short := d.Commit[:min(len(d.Commit), 10)]
		if d.Published {
			out.Doubt = fmt.Sprintf("提交时间早于本站 %s 的发布（提交 %s），而那次发布并不包含它", when, short)
		} else {
			out.Doubt = fmt.Sprintf("提交时间早于它之前的提交 %s（%s）", short, when)
		}
	}
	return out
}

// mergeNote says of a merge that did not take a side branch's change of
// a file that what it shows is against that branch.
func mergeNote(c *changelog.Commit) string {
	var sides []string
	for _, f := range c.Files {
		if f.From != "" && !slices.Contains(sides, f.From[:min(len(f.From), 10)]) {
			sides = append(sides, f.From[:min(len(f.From), 10)])
		}
	}
	if len(sides) == 0 {
		return ""
	}
	return "此次合并没有采纳所合并分支（提交 " + strings.Join(sides, "、") + "）上的部分改动：下列改动是相对于该分支而言的，该分支上的提交仍一一列在更新日志中。"
}

// changeRef is one change of one commit: Diffs[diff].Changes[change].
type changeRef struct{ diff, change int }

// changes returns the changes refs name.
func (h *History) changes(refs []changeRef) []changelog.Change {
	out := make([]changelog.Change, 0, len(refs))
	for _, r := range refs {
		out = append(out, h.Diffs[r.diff].Changes[r.change])
	}
	return out
}

// changeIndex finds the changes of a page's sources.
type changeIndex struct {
	byKey  map[record.Key][]changeRef
	byFile map[string][]changeRef // every change read from a file
	byPath map[string][]changeRef // changes of records keyed by their file
}

func newChangeIndex(diffs []*changelog.Diff) *changeIndex {
	ix := &changeIndex{byKey: map[record.Key][]changeRef{}, byFile: map[string][]changeRef{}, byPath: map[string][]changeRef{}}
	for i, d := range diffs {
		for j, c := range d.Changes {
			r := changeRef{i, j}
			ix.byKey[c.Key] = append(ix.byKey[c.Key], r)
			ix.byFile[c.File] = append(ix.byFile[c.File], r)
			if strings.HasPrefix(c.Key.ID, record.Dir+"/") {
				ix.byPath[c.Key.ID] = append(ix.byPath[c.Key.ID], r)
			}
		}
	}
	return ix
}

// match returns the changes of the sources, newest commit first, each once.
func (ix *changeIndex) match(diffs []*changelog.Diff, sources []Source) []changeRef {
	var refs []changeRef
	for _, s := range sources {
		var rs []changeRef
		rs = append(rs, ix.byKey[record.Key{Kind: s.Kind, ID: s.ID}]...)
		if s.File != "" {
			rs = append(rs, ix.byPath[s.File]...)
			if s.ID == "" {
				rs = append(rs, ix.byFile[s.File]...)
			}
		}
		for _, r := range rs {
			if items := diffs[r.diff].Changes[r.change].Items; s.Item == "" || len(items) == 0 || items[0] == s.Item {
				refs = append(refs, r)
			}
		}
	}
	slices.SortFunc(refs, func(a, b changeRef) int {
		return cmp.Or(cmp.Compare(a.diff, b.diff), cmp.Compare(a.change, b.change))
	})
	return slices.Compact(refs)
}

// attachHistory is the history pass (see the comment at the top): it
// returns each commit's entry and the pages each commit changed, for the
// change log.
func attachHistory(w *writer, h *History) (base []changeEntry, touched [][]int) {
	ix := newChangeIndex(h.Diffs)
	base = make([]changeEntry, len(h.Diffs))
	for i, d := range h.Diffs {
		base[i] = newEntry(d, h.Checked)
	}
	touched = make([][]int, len(h.Diffs)) // pages each commit changed
	// A change shown on several pages is put in words once, and shared.
	words := map[changeRef]string{}
	say := func(r changeRef) string {
		s, ok := words[r]
		if !ok {
			s = h.Diffs[r.diff].Changes[r.change].String()
			words[r] = s
		}
		return s
	}
	for pi := range w.pages {
		p := &w.pages[pi]
		if len(p.Front.Sources) == 0 {
			continue
		}
		ph := &pageHistory{Entries: []changeEntry{}, Files: sourceFiles(p.Front.Sources)}
		refs := ix.match(h.Diffs, p.Front.Sources)
		for len(refs) > 0 {
			i := refs[0].diff
			n := 1
			for n < len(refs) && refs[n].diff == i {
				n++
			}
			e := base[i]
			e.refs = refs[:n:n]
			for _, r := range refs[:n] {
				e.Changes = append(e.Changes, say(r))
			}
			ph.Entries = append(ph.Entries, e)
			touched[i] = append(touched[i], pi)
			refs = refs[n:]
		}
		p.Front.History = ph
	}
	return base, touched
}

func sourceFiles(sources []Source) []string {
	var fs []string
	for _, s := range sources {
		if s.File != "" {
			fs = append(fs, s.File)
		}
	}
	slices.Sort(fs)
	return slices.Compact(fs)
}

// contentPath is the content path of a page file: "content/units/x.md" →
// "/units/x", "content/notices/_index.md" → "/notices".
func contentPath(file string) string {
	p := strings.TrimSuffix(strings.TrimPrefix(file, "content"), ".md")
	if p = strings.TrimSuffix(p, "/_index"); p == "" {
		return "/"
	}
	return p
}

// versionFile is where a page's version made by a commit is written:
// under versions/, the page's path without its section, then the commit
// ("/safety/placards/a3/x" → "content/versions/placards/a3/x/COMMIT.md").
// With the page's section as its type, Hugo looks its templates up at the
// page's own path (a page's type stands in for the first folder of its
// path), so a version looks like the page. Two Versioned pages whose
// paths differ only in their section would meet here; emit then fails.
func versionFile(page string, c commitRef) string {
	_, rest, _ := strings.Cut(strings.TrimPrefix(contentPath(page), "/"), "/")
	return "content/versions/" + rest + "/" + c.Short + ".md"
}

// pageType is the type Hugo picks templates by: the page's own, else its
// section.
func pageType(p *Page) string {
	if p.Front.Type != "" {
		return p.Front.Type
	}
	s, _, _ := strings.Cut(strings.TrimPrefix(contentPath(p.Path), "/"), "/")
	return s
}

// unlisted keeps a page out of Hugo's page collections (section lists,
// the search index, the sitemap) while it is still rendered and found by
// its path: versions and commits are reached from the pages that name
// them.
var unlisted = &pageBuild{List: "never"}

// pageBuild is Hugo's build options of a page.
type pageBuild struct {
	List   string `json:"list,omitempty"`
	Render string `json:"render,omitempty"`
}

// wantedVersions returns what each earlier commit must give: the
// Versioned pages whose history has it, sorted.
func wantedVersions(w *writer, h *History) map[string][]string {
	need := map[string][]string{}
	var ix *changeIndex
	for pi := range w.pages {
		p := &w.pages[pi]
		if !p.Front.Versioned || len(p.Front.Sources) == 0 {
			continue
		}
		// The index is made here and again by attachHistory, not kept
		// between them: held through the versions pass, which comes
		// between, it would be live heap the pass's collections mark
		// for nothing.
		if ix == nil {
			ix = newChangeIndex(h.Diffs)
		}
		// The commits of the entries attachHistory gives the page.
		for _, r := range ix.match(h.Diffs, p.Front.Sources) {
			c := h.Diffs[r.diff].Commit.Hash
			need[c] = append(need[c], p.Path)
		}
	}
	for c, ps := range need {
		slices.Sort(ps)
		need[c] = slices.Compact(ps)
	}
	return need
}

// emitVersions writes a page per published version of every Versioned
// page and lists them on the page, from the pages of earlier commits in
// past (see Site.AddVersions). A notice's versions get the effect of each
// change on what it publishes and pages comparing them. It returns, per
// commit, the version pages it made.
func emitVersions(w *writer, in Input, past map[string]map[string]Page) map[string][]pageLink {
	made := map[string][]pageLink{}
	var versioned []int
	for pi := range w.pages {
		p := &w.pages[pi]
		if p.Front.Versioned && p.Front.History != nil && len(p.Front.History.Entries) > 0 {
			versioned = append(versioned, pi)
		}
	}
	if len(versioned) == 0 {
		return made
	}
	shown := pastShown(w, versioned, past)
	var index []versionIndexRow
	var feed []feedEntry
	var out []Page
	for vi, pi := range versioned {
		p := &w.pages[pi]
		entries := p.Front.History.Entries
		type version struct {
			entry *changeEntry
			page  Page
			table *noticeTable
		}
		var vs []version // oldest first
		var last *shows
		for k := len(entries) - 1; k >= 0; k-- {
			e := &entries[k]
			pg, ok := past[e.Commit.Hash][p.Path]
			if !ok {
				continue // the page did not exist then, or the records did not build
			}
			// A commit that changed the page's records but not what the
			// page shows (a field it does not print) makes no version.
			sh := &shown[vi][k]
			if sh.err != nil {
				w.fail(pg.Path, sh.err)
				return made
			}
			if last == nil || !sh.content.equal(last) {
				vs = append(vs, version{e, pg, sh.table})
				last = &sh.content
			}
		}
		if len(vs) == 0 {
			continue
		}
		issued := ""
		if d, err := record.ParseDate(p.Front.Date); err == nil {
			issued = d.Chinese()
		}
		refs := make([]versionRef, len(vs))
		for n, v := range vs {
			typ := v.entry.Type
			if n == 0 {
				typ = "首次发布"
			}
			refs[n] = versionRef{N: n + 1, Path: contentPath(versionFile(p.Path, v.entry.Commit)), Commit: v.entry.Commit, Type: typ, Subject: v.entry.Subject,
				Dated: datedWords(n, issued, v.entry.Commit)}
			v.entry.Version, v.entry.N = refs[n].Path, n+1
		}
		// A notice's versions: what each change did to what it publishes,
		// the pages comparing them, and the objections they answer.
		tables := make([]*noticeTable, len(vs))
		for n, v := range vs {
			tables[n] = v.table
		}
		var compares []comparePair
		if tables[0] != nil {
			compares = comparePairs(len(vs))
			for i := range compares {
				compares[i].Path = pairPath(p.Path, compares[i].A, compares[i].B)
			}
			for _, c := range compares {
				a, b := c.A-1, c.B-1
				d := diffTables(tables[a], tables[b])
				out = append(out, comparePage(p, refs[a], refs[b], d, compares, pairPath(p.Path, c.A, c.B)))
			}
			for n := 1; n < len(vs); n++ {
				e := vs[n].entry
				e.Effects = effects(diffTables(tables[n-1], tables[n]), in.History.changes(e.refs))
				e.Compare = pairPath(p.Path, n, n+1)
			}
			linkObjections(in, p, len(vs), func(n int) *changeEntry { return vs[n-1].entry })
		}
		latest := refs[len(refs)-1]
		for n, v := range vs {
			info := &versionInfo{
				versionRef: refs[n], Of: len(vs), Current: n == len(vs)-1,
				Page: contentPath(p.Path), Title: p.Front.Title, Issued: issued,
				Changes: v.entry.Changes, More: v.entry.More, Effects: v.entry.Effects, Compare: v.entry.Compare, Latest: latest.Path,
			}
			if n > 0 {
				info.Prev = refs[n-1].Path
			}
			if n < len(vs)-1 {
				info.Next = refs[n+1].Path
			}
			f := v.page.Front
			title := fmt.Sprintf("%s（第%d版，%s）", f.Title, n+1, refs[n].Dated)
			out = append(out, Page{
				Path: versionFile(p.Path, v.entry.Commit),
				Front: Front{
					Title: title, Date: f.Date, Type: pageType(&v.page), Layout: f.Layout, Summary: f.Summary,
					Params: f.Params, Cells: f.Cells, LinkTitle: f.LinkTitle, Build: unlisted, Version: info,
				},
				Body: v.page.Body,
			})
			made[v.entry.Commit.Hash] = append(made[v.entry.Commit.Hash], pageLink{Title: title, Path: refs[n].Path})
		}
		items := slices.Clone(refs)
		slices.Reverse(items)
		vl := &versionList{First: refs[0], Latest: latest, Corrected: len(refs) > 1, Items: items, Issued: issued, Compares: compares}
		for _, r := range refs[1:] {
			if r.Type == changelog.TypeCorrection.String() {
				vl.Corrections++
			} else {
				vl.Changes++
			}
		}
		p.Front.Versions = vl
		index = append(index, versionIndexRow{Title: p.Front.Title, Path: contentPath(p.Path), Versions: items})
		feed = append(feed, feedEntry{Title: p.Front.Title, Path: contentPath(p.Path), Summary: p.Front.Summary,
			Published: refs[0].Commit, Updated: latest.Commit, Latest: latest})
	}
	w.pages = append(w.pages, out...)
	feeds(w, feed)
	slices.SortFunc(index, func(a, b versionIndexRow) int { return cmp.Compare(a.Path, b.Path) })
	w.page("content/versions/_index.md", Front{
		Title:   "历史版本",
		Summary: "每一份公示发布过的每一个版本，各有固定链接，可以查看当时公示的内容；公示的两个版本可以对照比较。",
		Params: struct {
			Pages []versionIndexRow `json:"pages"`
		}{index},
	}, "")
	return made
}

// datedWords is the day a version is known by, in its title: the
// notice's own date for the first version (its 发布日期), else the day
// the version was recorded.
func datedWords(n int, issued string, c commitRef) string {
	if n == 0 && issued != "" {
		return issued
	}
	when, err := time.Parse(time.RFC3339, c.ISO)
	if err != nil {
		return c.Date
	}
	d := record.Date{Year: when.Year(), Month: when.Month(), Day: when.Day()}
	if n == 0 {
		return d.Chinese()
	}
	return d.Chinese() + "记录"
}

// maxComparedVersions is the most versions of a notice for which every
// pair is compared on a page of its own (n(n−1)/2 pages); past it only
// consecutive versions are. A notice corrected more often than that is
// rare, and the pages of every pair would grow with the square.
const maxComparedVersions = 6

// comparePairs are the pairs of versions (1-based, a < b) compared.
func comparePairs(n int) []comparePair {
	var out []comparePair
	for a := 1; a < n; a++ {
		for b := a + 1; b <= n; b++ {
			if n <= maxComparedVersions || b == a+1 {
				out = append(out, comparePair{A: a, B: b})
			}
		}
	}
	return out
}

// pairPath is where two versions of a page are compared:
// "/notices/assess-2026-q1" → "/versions/assess-2026-q1/compare-1-2".
func pairPath(page string, a, b int) string {
	_, rest, _ := strings.Cut(strings.TrimPrefix(contentPath(page), "/"), "/")
	return fmt.Sprintf("/versions/%s/compare-%d-%d", rest, a, b)
}

// compareView is the page comparing two versions of a notice.
type compareView struct {
	Page     string        `json:"page"`
	Title    string        `json:"title"`
	Old      versionRef    `json:"old"`
	New      versionRef    `json:"new"`
	Diff     tableDiff     `json:"diff"`
	Same     bool          `json:"same,omitempty"` // nothing published differs
	Compares []comparePair `json:"compares"`
}

func comparePage(p *Page, a, b versionRef, d tableDiff, pairs []comparePair, path string) Page {
	return Page{
		Path: "content" + path + ".md",
		Front: Front{
			Title:  fmt.Sprintf("%s：第%d版与第%d版对照", p.Front.Title, a.N, b.N),
			Type:   "versions",
			Layout: "compare",
			Build:  unlisted,
			Params: compareView{Page: contentPath(p.Path), Title: p.Front.Title, Old: a, New: b, Diff: d, Same: d.empty(), Compares: pairs},
		},
	}
}

// linkObjections gives each version an objection's correction made a link
// to the objection. An objection naming a version the history does not
// have (records imported without their history) links nowhere.
func linkObjections(in Input, p *Page, of int, entry func(n int) *changeEntry) {
	id := strings.TrimSuffix(strings.TrimPrefix(p.Path, "content/notices/"), ".md")
	for i := range in.Set.Objections {
		o := &in.Set.Objections[i]
		if o.Notice != id || o.Outcome != record.OutcomeCorrected || o.Version < 2 || o.Version > of {
			continue
		}
		e := entry(o.Version)
		e.Objections = append(e.Objections, objectionLink{ID: o.ID, Path: contentPath(p.Path), Anchor: objectionAnchor(o.ID)})
	}
}

// shownPage is what a page an earlier commit gave shows (content) and,
// for a notice, its table (tableOf; nil when it has none).
type shownPage struct {
	content shows
	table   *noticeTable
	err     error
}

// pastShown works out, on every CPU, what each versioned page (w.pages
// at the indexes versioned) showed as each commit of its history gave
// it (past): [i][k] for the k-th entry of the i-th page's history. The
// versions are then compared and linked in order, from these; making
// them one after another took 1.4 s of the county's first build.
func pastShown(w *writer, versioned []int, past map[string]map[string]Page) [][]shownPage {
	type at struct{ page, entry int }
	var todo []at
	out := make([][]shownPage, len(versioned))
	for i, pi := range versioned {
		p := &w.pages[pi]
		out[i] = make([]shownPage, len(p.Front.History.Entries))
		for k, e := range p.Front.History.Entries {
			if _, ok := past[e.Commit.Hash][p.Path]; ok {
				todo = append(todo, at{i, k})
			}
		}
	}
	par.Each(len(todo), func(_, j int) {
		a := todo[j]
		p := &w.pages[versioned[a.page]]
		pg := past[p.Front.History.Entries[a.entry].Commit.Hash][p.Path]
		sh := &out[a.page][a.entry]
		var params []byte
		if sh.content, params, sh.err = content(&pg); sh.err != nil {
			return
		}
		if strings.HasPrefix(p.Path, "content/notices/") {
			if t, ok := tableOf(params); ok {
				sh.table = t
			}
		}
	})
	return out
}

// content is what a version of a page shows, for telling versions apart:
// its title, summary, body and params, less the status of the day a notice
// carries (公示中, 公示期满: an object with a "phase"), which changes with
// the day each version is read on and not with the records. The params
// are as JSON gives them back, so that a version computed in this build
// (a Go value) and one kept from an earlier build (decoded JSON) compare
// alike; params is their JSON, for tableOf.
func content(p *Page) (c shows, params []byte, err error) {
	if params, err = json.Marshal(p.Front.Params); err != nil {
		return shows{}, nil, err
	}
	if err := json.Unmarshal(params, &c.params); err != nil {
		return shows{}, nil, err
	}
	c.params = withoutStatus(c.params)
	c.title, c.summary, c.body = jsonString(p.Front.Title), jsonString(p.Front.Summary), jsonString(p.Body)
	return c, params, nil
}

// shows is what a version of a page shows (content).
type shows struct {
	title, summary, body string
	params               any // as encoding/json decodes into an any
}

// equal reports whether two versions show the same: what they show
// encodes as the same JSON. Compared as values, not encoded: encoding
// each version's params again, their maps' keys sorted, cost a third of
// telling the county's versions apart.
func (c *shows) equal(d *shows) bool {
	return c.title == d.title && c.summary == d.summary && c.body == d.body && sameJSON(c.params, d.params)
}

// jsonString is s as encoding/json gives it back: a byte that is not UTF-8
// becomes U+FFFD.
func jsonString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b, _ := json.Marshal(s)
	json.Unmarshal(b, &s)
	return s
}

// sameJSON reports whether two values encoding/json decoded into an any
// encode as the same JSON: the same keys with the same values, numbers
// the same float64 (-0 is not 0: it encodes as -0).
func sameJSON(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case float64:
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	case string:
		y, ok := b.(string)
		return ok && x == y
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !sameJSON(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, e := range x {
			f, ok := y[k]
			if !ok || !sameJSON(e, f) {
				return false
			}
		}
		return true
	}
	return false
}

func withoutStatus(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if st, ok := e.(map[string]any); ok && k == "status" && st["phase"] != nil {
				delete(x, k)
				continue
			}
			x[k] = withoutStatus(e)
		}
	case []any:
		for i, e := range x {
			x[i] = withoutStatus(e)
		}
	}
	return v
}

// feedEntry is a notice in the Atom feed of new notices: published when
// its first version was, updated by its latest.
type feedEntry struct {
	Title     string     `json:"title"`
	Path      string     `json:"path"`
	Summary   string     `json:"summary,omitempty"`
	Published commitRef  `json:"published"`
	Updated   commitRef  `json:"updated"`
	Latest    versionRef `json:"latest"`
}

// The feeds of new notices, placards and letters: each list page of
// Versioned pages gets the entries of its own, newest first. The notices'
// feed holds the notices and their corrections; a placard is printed in
// two sizes and has one entry per object, a letter one per person.
var feedPages = []struct{ prefix, list string }{
	{"/notices/", "content/notices/_index.md"},
	{"/safety/placards/", "content/safety/placards/_index.md"},
	{"/letters/", "content/letters/_index.md"},
}

// feedHolder is the params of a list page that carries a feed.
type feedHolder interface{ setFeed([]feedEntry) }

func feeds(w *writer, all []feedEntry) {
	for _, f := range feedPages {
		var es []feedEntry
		byObject := map[string]int{}
		for _, e := range all {
			if !strings.HasPrefix(e.Path, f.prefix) {
				continue
			}
			if f.prefix == "/safety/placards/" {
				// placards/a4/ID and placards/a3/ID: one object.
				obj := e.Path[strings.LastIndex(e.Path, "/")+1:]
				if k, ok := byObject[obj]; ok {
					x := &es[k]
					if e.Published.ISO < x.Published.ISO {
						x.Published = e.Published
					}
					if e.Updated.ISO > x.Updated.ISO {
						x.Updated, x.Latest = e.Updated, e.Latest
					}
					if strings.Contains(e.Path, "/a4/") {
						x.Path, x.Title = e.Path, strings.TrimSuffix(e.Title, "（A4）")
					}
					continue
				}
				byObject[obj] = len(es)
				e.Title = strings.TrimSuffix(strings.TrimSuffix(e.Title, "（A4）"), "（A3）")
			}
			es = append(es, e)
		}
		slices.SortFunc(es, func(a, b feedEntry) int {
			return cmp.Or(cmp.Compare(b.Published.ISO, a.Published.ISO), cmp.Compare(a.Path, b.Path))
		})
		for i := range w.pages {
			p := &w.pages[i]
			if p.Path != f.list {
				continue
			}
			switch x := p.Front.Params.(type) {
			case nil:
				p.Front.Params = &listFeed{Feed: es}
			case feedHolder:
				x.setFeed(es)
			}
		}
	}
}

// listFeed is the params of a list page that has nothing but its feed.
type listFeed struct {
	Feed []feedEntry `json:"feed"`
}

func (l *listFeed) setFeed(es []feedEntry) { l.Feed = es }

type versionIndexRow struct {
	Title    string       `json:"title"`
	Path     string       `json:"path"`
	Versions []versionRef `json:"versions"`
}

// logEntry is a commit in the change log.
type logEntry struct {
	changeEntry
	Count     int        `json:"count"` // published values changed
	Pages     []pageLink `json:"pages,omitempty"`
	MorePages int        `json:"more_pages,omitempty"`
}

type pager struct {
	N     int        `json:"n"`
	Of    int        `json:"of"`
	Prev  string     `json:"prev,omitempty"`
	Next  string     `json:"next,omitempty"`
	Pages []pageLink `json:"pages"`
}

type changeLog struct {
	Total    int           `json:"total"` // record commits
	Entries  []logEntry    `json:"entries"`
	Pager    pager         `json:"pager"`
	Rewrites []rewriteView `json:"rewrites,omitempty"`
}

type rewriteView struct {
	From    string       `json:"from"`
	To      ledgerView   `json:"to"`
	Dropped []ledgerView `json:"dropped"`
}

type ledgerView struct {
	Hash    string `json:"hash"`
	Short   string `json:"short"`
	Date    string `json:"date"`
	ISO     string `json:"iso"`
	Subject string `json:"subject"`
}

func newLedgerView(c ledger.Commit) ledgerView {
	v := ledgerView{Hash: c.Commit, Short: c.Commit[:min(len(c.Commit), 10)], ISO: c.Date, Subject: c.Subject}
	if t, err := time.Parse(time.RFC3339, c.Date); err == nil {
		v.Date = t.In(record.Shanghai()).Format("2006-01-02 15:04")
	} else {
		v.Date = c.Date
	}
	return v
}

// commitPage is the page of one record commit.
type commitPage struct {
	changeEntry
	Committer string      `json:"committer,omitempty"` // who made it for the author, when the records know them
	Parents   []parentRef `json:"parents,omitempty"`
	// Prev and Next are the records commits before and after this one,
	// each with a page of its own.
	Prev      *commitRef   `json:"prev,omitempty"`
	Next      *commitRef   `json:"next,omitempty"`
	Files     []fileChange `json:"files"`
	Pages     []pageLink   `json:"pages,omitempty"`
	MorePages int          `json:"more_pages,omitempty"`
	Versions  []pageLink   `json:"versions,omitempty"` // versions of notices it made
	Problems  []string     `json:"problems,omitempty"` // trailer lines git does not read
}

// parentRef is a parent of a commit: its page when it changed records.
type parentRef struct {
	Short string `json:"short"`
	Path  string `json:"path"`
}

type fileChange struct {
	Path string `json:"path"`
	Op   string `json:"op"` // 新增, 修改, 删除
}

var opNames = map[changelog.Op]string{changelog.Added: "新增", changelog.Modified: "修改", changelog.Deleted: "删除"}

// emitChangeLog writes the change log, newest first and paginated, and a
// page per record commit.
func emitChangeLog(w *writer, in Input, base []changeEntry, touched [][]int, versions map[string][]pageLink) {
	h := in.History
	// The pages a commit changed: notices first, as they matter most.
	links := func(pis []int) []pageLink {
		pis = slices.Clone(pis)
		slices.SortFunc(pis, func(a, b int) int {
			pa, pb := &w.pages[a], &w.pages[b]
			if pa.Front.Versioned != pb.Front.Versioned {
				if pa.Front.Versioned {
					return -1
				}
				return 1
			}
			return cmp.Compare(pa.Path, pb.Path)
		})
		ls := make([]pageLink, 0, len(pis))
		for _, pi := range pis {
			ls = append(ls, pageLink{Title: w.pages[pi].Front.Title, Path: contentPath(w.pages[pi].Path)})
		}
		return ls
	}
	entries := make([]logEntry, len(h.Diffs))
	for i, d := range h.Diffs {
		c := d.Commit
		pages := links(touched[i])
		e := logEntry{changeEntry: base[i], Count: len(d.Changes)}
		e.Pages, e.MorePages = clip(pages, logPagesPerEntry)
		entries[i] = e

		cp := commitPage{changeEntry: base[i], Problems: c.Problems, Versions: versions[c.Hash], Committer: committerName(c, h.Names)}
		for _, p := range c.Parents {
			short := p[:min(len(p), 10)]
			cp.Parents = append(cp.Parents, parentRef{Short: short, Path: "/changes/" + short})
		}
		if i+1 < len(h.Diffs) {
			cp.Prev = &base[i+1].Commit
		}
		if i > 0 {
			cp.Next = &base[i-1].Commit
		}
		for _, f := range c.Files {
			cp.Files = append(cp.Files, fileChange{Path: f.Path, Op: opNames[f.Op]})
		}
		for j, ch := range d.Changes {
			if j == commitMaxChanges {
				cp.More = len(d.Changes) - j
				break
			}
			cp.Changes = append(cp.Changes, ch.String())
		}
		cp.Pages, cp.MorePages = clip(pages, commitMaxPages)
		w.page("content"+commitPath(c)+".md", Front{
			Title:   "记录变更 " + c.Short() + "：" + c.Subject,
			Date:    base[i].Commit.ISO,
			Layout:  "commit",
			Summary: c.Subject,
			Build:   unlisted,
			Params:  cp,
		}, "")
	}

	var rewrites []rewriteView
	for i := len(h.Rewrites) - 1; i >= 0; i-- { // newest first
		r := h.Rewrites[i]
		v := rewriteView{From: r.From, To: newLedgerView(r.To)}
		for _, d := range r.Dropped {
			v.Dropped = append(v.Dropped, newLedgerView(d))
		}
		rewrites = append(rewrites, v)
	}

	of := max(1, (len(entries)+logPerPage-1)/logPerPage)
	var nav []pageLink
	for n := 1; n <= of; n++ {
		nav = append(nav, pageLink{Title: strconv.Itoa(n), Path: logPath(n)})
	}
	for n := 1; n <= of; n++ {
		lo, hi := (n-1)*logPerPage, min(n*logPerPage, len(entries))
		cl := changeLog{Total: len(entries), Entries: entries[lo:hi], Pager: pager{N: n, Of: of, Pages: nav}}
		if cl.Entries == nil {
			cl.Entries = []logEntry{}
		}
		if n > 1 {
			cl.Pager.Prev = logPath(n - 1)
		}
		if n < of {
			cl.Pager.Next = logPath(n + 1)
		}
		if n == 1 {
			cl.Rewrites = rewrites
			w.pageWithFeed("content/changes/_index.md", Front{Title: "更新日志", Weight: 70,
				Summary: "档案记录的每一次提交：何时、由谁、因何修改，改了哪些公示内容。", Params: cl})
			continue
		}
		w.page("content/changes/p"+strconv.Itoa(n)+".md", Front{Title: fmt.Sprintf("更新日志（第%d页）", n),
			Layout: "log", Build: unlisted, Params: cl}, "")
	}
}

// committerName is the name the records give the person who made c for
// its author (代为提交), or "" when they made it themselves or the records
// do not know them.
func committerName(c *changelog.Commit, names map[string]string) string {
	by, a := c.Committer, c.Author
	if strings.EqualFold(by.Email, a.Email) || by.Name == a.Name {
		return ""
	}
	name := names[strings.ToLower(by.Email)]
	if name == a.Name || name == names[strings.ToLower(a.Email)] {
		return ""
	}
	return name
}

func logPath(n int) string {
	if n == 1 {
		return "/changes"
	}
	return "/changes/p" + strconv.Itoa(n)
}

func clip(ls []pageLink, n int) ([]pageLink, int) {
	if len(ls) <= n {
		return ls, 0
	}
	return ls[:n], len(ls) - n
}
