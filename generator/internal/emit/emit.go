// Package emit turns validated records and computed results into the Hugo
// content of the site: one Markdown file per page with JSON front matter
// holding everything its template shows, plus site-wide data files.
//
// Output is byte-deterministic: files are sorted by path, front matter is
// encoded from structs (fixed key order), lists are sorted by stated keys,
// and nothing depends on the wall clock or map order. Records' private
// fields are never copied into a page: every page is built from its own
// view type, field by field.
package emit

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/klauspost/compress/s2"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/figures"
	"gongshi/generator/internal/par"
	"gongshi/generator/internal/publicity"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
	"gongshi/generator/internal/targets"
)

// File is one emitted file, its path relative to the generated folder
// ("content/people/zhang-san.md", "data/site.json").
type File struct {
	Path string
	Data []byte
}

// Build describes what the site is built from, for the stamp on every page.
type Build struct {
	Commit  string      // full hash; empty for a preview
	When    time.Time   // committer date of the commit, UTC+8
	AsOf    record.Date // the day statuses are computed for
	Author  string
	Message string
	Preview bool // built from the working tree: not published
}

// Input is everything the site shows: the records and what was computed
// from them.
type Input struct {
	Set      *record.Set
	Build    Build
	Calendar *calendar.Calendar
	Assess   []*assess.Result
	Safety   *safety.Result  // nil: no safety section
	Targets  *targets.Result // unit target assessment and annual grades; nil for none
	Figures  *figures.Result // the years' figures and the summaries; nil for none
	// Publicity is where each notice stands on the build's day (nil: none
	// computed, as in tests of a single emitter).
	Publicity *publicity.Result
	// History is the records' history; nil for a preview, which has none.
	History *History
}

// Site is the emitted site of one commit, made in passes that the
// pipeline runs in order:
//
//  1. New runs every emitter.
//  2. Wanted says which earlier versions of notices the site shows: for
//     each commit of a Versioned page's history, the pages it must give.
//     The pipeline computes them (Versioned, on that commit's records).
//  3. AddVersions gives every page that names its Sources its change
//     history (Input.History), adds the versions with the notices' feed
//     and the change log, and folds long change histories onto pages of
//     their own.
//  4. Files encodes the site.
//
// Without history (a preview) only New and Files are run.
type Site struct {
	w  *writer
	in Input // its History and Set.Objections only
	// The history pass's state between New and AddVersions: each
	// commit's entry, and the pages each commit changed.
	base    []changeEntry
	touched [][]int
	added   bool // AddVersions ran
}

// New emits every page and data file of the site; with in.History,
// AddVersions gives the pages their change histories.
func New(in Input) (*Site, error) { return newSite(in, true) }

// newSite is New; pack says whether the params of its pages are packed
// (packParams), as New does when the site has history.
//
// The pages' change histories are attached by AddVersions, after the
// versions pass, not here: on the county they are 300,000 entries, 60 MB
// of small objects the collector would mark on every cycle of the pass.
// Wanted finds the commits of the Versioned pages' histories without
// them.
func newSite(in Input, pack bool) (*Site, error) {
	// Of the input, the later passes read only the history and the
	// objections: the other records and the results are not held for them
	// (the versions pass, which comes next, needs the memory).
	s := &Site{w: pages(in, nil, nil), in: Input{History: in.History, Set: &record.Set{Objections: in.Set.Objections}}}
	if s.w.err == nil && in.History != nil && pack {
		s.w.packParams()
	}
	if s.w.err != nil {
		return nil, s.w.err
	}
	return s, nil
}

// packedParams are a page's params encoded and compressed with S2 (see
// writer.packParams): they encode to the bytes the params did.
type packedParams []byte

func (p packedParams) MarshalJSON() ([]byte, error) { return s2.Decode(nil, p) }

// packParams encodes the params of every page whose params the later
// passes do not change, and keeps them compressed. The versions pass
// comes next and computes hundreds of earlier commits beside the site,
// its collections driven by the memory budget: each of them marked the
// site's params, small objects all. Packed, they are 19 MB of bytes on
// the county, with nothing to mark, and the live heap through the pass
// is 70-90 MB smaller. The params of list pages that carry a feed
// (feedHolder) are left as they are: AddVersions gives them their feed.
func (w *writer) packParams() {
	errs := make([]error, len(w.pages))
	bufs := make([][]byte, par.Workers(len(w.pages))) // each worker's, of the size S2 may need
	// Each worker's JSON, written again for each page: only what S2
	// makes of it is kept.
	texts := make([]bytes.Buffer, len(bufs))
	par.Each(len(w.pages), func(wk, i int) {
		f := &w.pages[i].Front
		if _, feed := f.Params.(feedHolder); f.Params == nil || feed {
			return
		}
		b, err := encodeInto(&texts[wk], f.Params)
		if err != nil {
			errs[i] = fmt.Errorf("emit: %s: %w", w.pages[i].Path, err)
			return
		}
		if n := s2.MaxEncodedLen(len(b)); n > len(bufs[wk]) {
			bufs[wk] = make([]byte, n)
		}
		// A copy at the size written: S2's result keeps its buffer.
		f.Params = packedParams(bytes.Clone(s2.EncodeBetter(bufs[wk], b)))
	})
	if err := errors.Join(errs...); err != nil && w.err == nil {
		w.err = err
	}
}

// Wanted returns, for each commit in the history of a Versioned page, the
// paths of the Versioned pages it must give (sorted): what AddVersions
// needs. It is empty without history.
func (s *Site) Wanted() map[string][]string {
	if s.in.History == nil {
		return nil
	}
	return wantedVersions(s.w, s.in.History)
}

// AddVersions adds the published versions of every Versioned page, the
// notices' feed and the change log. past holds, for each commit Wanted
// names, the pages as that commit's records gave them (Versioned): a page
// missing did not exist then, and a commit missing or mapped to nil did
// not build.
func (s *Site) AddVersions(past map[string]map[string]Page) error {
	if s.in.History == nil || s.added {
		return fmt.Errorf("emit: versions added without history, or twice")
	}
	s.added = true
	s.base, s.touched = attachHistory(s.w, s.in.History)
	versions := emitVersions(s.w, s.in, past)
	emitChangeLog(s.w, s.in, s.base, s.touched, versions)
	foldHistories(s.w)
	return s.w.err
}

// Files returns every file of the site, sorted by path.
func (s *Site) Files() ([]File, error) {
	if s.in.History != nil && !s.added {
		return nil, fmt.Errorf("emit: the site has history but its versions were not added")
	}
	if s.w.err != nil {
		return nil, s.w.err
	}
	return s.w.encode()
}

// OutlinePage is a page of the site as its self-check reads it.
type OutlinePage struct {
	Path    string // content path: "/notices/assess-2026-q1", "/safety" for a section
	Title   string
	Section bool   // a list page of its own folder (_index.md): a 栏目
	Listed  bool   // shown in lists and the search (not a version, a commit, a history)
	Date    string // the publication date the page gives, "" for none
	// Items is, for a section, how many things it lists: what its
	// emitter says, else the pages under it.
	Items  int
	Origin diag.Pos // the record that gives it (see Front.Origin), or its first source file
}

// Outline returns every page of the site as its self-check reads it,
// sorted by path.
func (s *Site) Outline() []OutlinePage {
	out := make([]OutlinePage, 0, len(s.w.pages))
	for i := range s.w.pages {
		p := &s.w.pages[i]
		f := &p.Front
		o := OutlinePage{Path: contentPath(p.Path), Title: f.Title, Section: strings.HasSuffix(p.Path, "/_index.md"),
			Listed: f.Build == nil, Date: f.Date, Origin: f.Origin}
		if !o.Origin.IsValid() && len(f.Sources) > 0 {
			o.Origin = diag.Pos{File: f.Sources[0].File}
		}
		if f.Items != nil {
			o.Items = *f.Items
		} else if o.Section {
			prefix := strings.TrimSuffix(p.Path, "_index.md")
			for j := range s.w.pages {
				if q := s.w.pages[j].Path; j != i && strings.HasPrefix(q, prefix) {
					o.Items++
				}
			}
		}
		out = append(out, o)
	}
	slices.SortFunc(out, func(a, b OutlinePage) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

// Versioned emits only the pages at paths that are Versioned: what the
// site showed of them at the commit in.Build names. Their history is not
// attached.
func Versioned(in Input, paths []string) ([]Page, error) {
	want := map[string]bool{}
	for _, p := range paths {
		want[p] = true
	}
	w := pages(in, func(p *Page) bool { return p.Front.Versioned && want[p.Path] }, want)
	if w.err != nil {
		return nil, w.err
	}
	return w.pages, nil
}

// pages runs every emitter; keep, when set, says which pages to keep, and
// want which paths are asked for: an emitter that makes none of them is
// not run. A build asks for the versions of hundreds of earlier commits,
// most of them for one kind of page (placards, letters), and running every
// emitter for each was most of a county's build.
func pages(in Input, keep func(*Page) bool, want map[string]bool) *writer {
	w := &writer{keep: keep, want: want, short: shortHash(in.Build.Commit)}
	w.data("data/site.json", siteData(in))
	w.page("content/_index.md", Front{Title: in.Set.Township.Organ + "公示栏", Params: home{Intro: textBlocks(in.Set.Township.Intro)}}, "")
	// The notices' Atom feed lists every Versioned page (layouts/feeds/notices.html).
	w.pageWithFeed("content/notices/_index.md", Front{Title: "公示公告", Weight: 10, Origin: diag.Pos{File: record.Dir + "/"}})
	if keep == nil {
		w.page(feedsSection, Front{Title: "订阅与检索", Build: &pageBuild{List: "never", Render: "never"}}, "")
		w.page("content/feeds/search-index.md", Front{Title: "全站检索索引", Layout: "search-index", URL: "/search-index.js", Build: unlisted}, "")
	}
	run := func(emit func(*writer, Input), family []string) {
		if keep == nil || wanted(want, family) {
			emit(w, in)
		}
	}
	run(emitDirectory, familyDirectory)
	run(emitAssess, familyAssess)
	run(emitSafety, familySafety)
	run(emitTargets, familyTargets)
	run(emitFigures, familyFigures)
	if keep == nil {
		emitObjections(w, in)
		emitReference(w) // from the code, not the records: never a version, and slow to redo per commit
	}
	return w
}

// The content paths each emitter writes under: with keep, an emitter runs
// only for paths asked for under its own. A test checks that every
// Versioned page is found this way.
var (
	familyDirectory = []string{"content/people/", "content/units/"}
	familyAssess    = []string{"content/notices/assess-", "content/assess/"}
	familySafety    = []string{"content/safety/"}
	familyTargets   = []string{"content/targets/", "content/letters/", "content/notices/targets-", "content/notices/grades-"}
	familyFigures   = []string{"content/figures/", "content/summaries/"}
)

// Needs are the results of an Input that pages are made from: those
// Versioned emits need, the others may be left out (nil).
type Needs struct {
	Calendar, Assess, Safety, Targets, Figures, Publicity bool
	// Placards are made from what safety.Index.PlacardsOf computes, when
	// nothing needs Safety (the whole of safety.Index.Compute).
	Placards bool
}

// NeedsOf says which results the pages at paths are made from: those of
// the emitters Versioned runs for them.
func NeedsOf(paths []string) Needs {
	var n Needs
	for _, p := range paths {
		switch {
		case inFamily(p, familyDirectory):
		case inFamily(p, familyAssess):
			n.Calendar, n.Assess, n.Publicity = true, true, true
		case strings.HasPrefix(p, placardsPrefix) && !strings.HasSuffix(p, "/_index.md"):
			n.Placards = true
		case inFamily(p, familySafety):
			n.Safety = true
		case inFamily(p, familyTargets):
			n.Calendar, n.Assess, n.Targets, n.Publicity = true, true, true, true
		case inFamily(p, familyFigures):
			n.Calendar, n.Assess, n.Safety, n.Targets, n.Figures, n.Publicity = true, true, true, true, true, true
		default:
			return Needs{Calendar: true, Assess: true, Safety: true, Targets: true, Figures: true, Publicity: true}
		}
	}
	return n
}

// placardsPrefix is where placards are, by size: content/safety/placards/a4/ID.md.
const placardsPrefix = "content/safety/placards/"

// PlacardObjects are the ids of the objects whose placards paths asks
// for, sorted, each once: the objects a placards-only Versioned needs
// (safety.Index.PlacardsOf). A path under placardsPrefix of no size
// gongshi prints is no placard emit makes, and names no object.
func PlacardObjects(paths []string) []string {
	var ids []string
	for _, p := range paths {
		for _, size := range placardSizes {
			id, ok := strings.CutPrefix(p, placardsPrefix+size+"/")
			if id, md := strings.CutSuffix(id, ".md"); ok && md && id != "" && !strings.Contains(id, "/") {
				ids = append(ids, id)
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func inFamily(p string, family []string) bool {
	for _, f := range family {
		if strings.HasPrefix(p, f) {
			return true
		}
	}
	return false
}

func wanted(want map[string]bool, family []string) bool {
	for p := range want {
		for _, f := range family {
			if strings.HasPrefix(p, f) {
				return true
			}
		}
	}
	return false
}

// Front is the front matter Hugo reads; Params holds the page's data for
// its template.
type Front struct {
	Title   string `json:"title"`
	Date    string `json:"date,omitempty"`
	Weight  int    `json:"weight,omitempty"`
	Type    string `json:"type,omitempty"`
	Layout  string `json:"layout,omitempty"`
	Summary string `json:"description,omitempty"`
	// Keywords are what the site's search finds the page by, besides its
	// title: names of people, units, posts, objects.
	Keywords []string `json:"keywords,omitempty"`
	// NoSearch leaves the page out of the search index: a copy of another
	// page (the A3 placard of an A4 one).
	NoSearch bool `json:"nosearch,omitempty"`
	// Sources are the records the page derives from: its change history
	// is that of these records.
	Sources []Source `json:"sources,omitempty"`
	// Versioned pages are public notices in their own right (公示, placards):
	// each version published keeps a permalink of its own.
	Versioned bool `json:"versioned,omitempty"`
	// URL is where the page is written when not where its path puts it
	// (a feed: layouts/feeds/).
	URL    string `json:"url,omitempty"`
	Params any    `json:"params,omitempty"`
	// Cells names a table of the params whose rows are written into the
	// page's data as its template prints them when the page is encoded
	// (renderedParams), not by the emitter: a quarter's notice
	// (assessTable).
	Cells string `json:"cells,omitempty"`

	// LinkTitle is the shorter name the navigation and breadcrumbs use.
	LinkTitle string `json:"linkTitle,omitempty"`
	// Origin is the record that gives the page (a notice's issue date, an
	// object's name), or for a list the folder its items come from; Items
	// is how many things a list page shows when that is not the number of
	// pages under it (nil). Both are for the site's self-check (Outline),
	// never written.
	Origin diag.Pos `json:"-"`
	Items  *int     `json:"-"`
	// Build says how Hugo lists the page (versions and commits: never).
	Build *pageBuild `json:"build,omitempty"`

	// Set by the history pass (history.go), never by a page's emitter.
	// Hugo puts front matter keys and params in one namespace (.Params):
	// the names are long so as not to meet a page's own params.
	History  *pageHistory `json:"record_history,omitempty"`     // the page's 变更记录
	Versions *versionList `json:"published_versions,omitempty"` // a Versioned page's published versions
	Version  *versionInfo `json:"published_version,omitempty"`  // a page that is one published version
}

// Page is a content page before it is written: its path relative to the
// generated folder ("content/units/cgz.md"), front matter and body.
type Page struct {
	Path  string
	Front Front
	Body  string
}

// writer collects the pages and data files of a run. Pages are encoded at
// the end, so that a pass over all of them (the change history) can add
// to their front matter first.
type writer struct {
	pages []Page
	files []File
	keep  func(*Page) bool
	want  map[string]bool // with keep, the paths asked for
	short string          // the build's commit, shortened (shortHash); "" for none
	err   error
}

// wants reports whether a page under prefix is to be emitted: every page,
// unless only some are asked for.
func (w *writer) wants(prefix string) bool {
	return w.keep == nil || wanted(w.want, []string{prefix})
}

// wantsPage reports whether the page at path is to be emitted: for an
// emitter that makes many pages of a kind (placards, letters), of which
// Versioned asks for a few.
func (w *writer) wantsPage(path string) bool {
	return w.keep == nil || w.want[path]
}

// page adds a content file: JSON front matter, then the Markdown body.
func (w *writer) page(path string, f Front, body string) {
	p := Page{Path: path, Front: f, Body: body}
	if w.keep == nil || w.keep(&p) {
		w.pages = append(w.pages, p)
	}
}

// feedsSection holds the pages that are not HTML: the search index and
// the Atom feeds. Each is written where its URL says, not under feeds/;
// the section itself is neither listed nor written. They are pages of
// their own, not output formats of the pages they serve: Hugo makes
// every page of a site ready for each format any page has (see
// hugo.toml).
const feedsSection = "content/feeds/_index.md"

// pageWithFeed emits the list page at list (a content path,
// "content/changes/_index.md") and its Atom feed, titled after it:
// feed.xml beside the list's index.html, written by
// layouts/feeds/NAME.html, NAME the list's folder with dashes for slashes
// ("safety-placards").
func (w *writer) pageWithFeed(list string, f Front) {
	w.page(list, f, "")
	dir := strings.TrimSuffix(strings.TrimPrefix(list, "content/"), "/_index.md")
	name := strings.ReplaceAll(dir, "/", "-")
	w.page("content/feeds/"+name+".md", Front{Title: f.Title + "（Atom 订阅）", Layout: name, URL: "/" + dir + "/feed.xml",
		Build: unlisted, Params: feedData{Of: "/" + dir}}, "")
}

// feedData is a feed page's data: the list it is the feed of (its
// content path, "/changes").
type feedData struct {
	Of string `json:"of"`
}

func (w *writer) data(path string, v any) {
	if w.keep != nil {
		return
	}
	b, err := encode(v)
	if err != nil {
		w.fail(path, err)
		return
	}
	w.files = append(w.files, File{Path: path, Data: append(b, '\n')})
}

// encode returns every file, pages encoded, sorted by path. Pages are
// encoded on every processor; the files are the same whatever the order.
func (w *writer) encode() ([]File, error) {
	type encoded struct {
		front, data []byte
		err         error
	}
	out := make([]encoded, len(w.pages))
	// The commits each worker's pages name, merged below.
	shards := make([]map[string]*commitInfo, max(par.Workers(len(w.pages)), 1))
	for s := range shards {
		shards[s] = map[string]*commitInfo{}
	}
	par.Each(len(w.pages), func(s, i int) {
		e := &out[i]
		e.front, e.data, e.err = encodePage(&w.pages[i], shards[s], w.short)
	})
	commits := shards[0]
	for _, shard := range shards[1:] {
		for _, c := range shard {
			if err := addCommit(commits, c); err != nil {
				return nil, fmt.Errorf("emit: %w", err)
			}
		}
	}
	files := w.files
	for i, p := range w.pages {
		e := &out[i]
		if e.err != nil {
			return nil, fmt.Errorf("emit: %s: %w", p.Path, e.err)
		}
		b := append(e.front, '\n')
		if p.Body != "" {
			b = append(b, strings.TrimSpace(p.Body)...)
			b = append(b, '\n')
		}
		files = append(files, File{Path: p.Path, Data: b})
		if e.data != nil {
			files = append(files, File{Path: dataFile(p.Path), Data: append(e.data, '\n')})
		}
	}
	if len(commits) > 0 {
		b, err := encode(commits) // keys sorted
		if err != nil {
			return nil, fmt.Errorf("emit: %s: %w", CommitsFile, err)
		}
		files = append(files, File{Path: CommitsFile, Data: append(b, '\n')})
	}
	slices.SortFunc(files, func(a, b File) int { return cmp.Compare(a.Path, b.Path) })
	for i := 1; i < len(files); i++ {
		if files[i].Path == files[i-1].Path {
			return nil, fmt.Errorf("emit: two pages at %s", files[i].Path)
		}
	}
	return files, nil
}

// A page's data — its params, change history and versions — is written
// beside its content, in pagedata/, and read by the page's own templates
// (partial "data.html"), not carried as front matter. Hugo keeps every
// page's front matter in memory, decoded into maps, for the whole build:
// on a county that was 0.75 GB of a render's 1.9 GB of live heap. A data
// file is decoded only while a page that asks for it renders, in Hugo's
// memory-bounded cache. It holds only what templates read: the records a
// page derives from (Front.Sources), which made its history, are not in
// it (they were 14 MB of the county's 239 MB of page data).
//
// The front matter keeps what Hugo itself uses (title, date, weight,
// layout, url…), what the search index lists (description,
// keywords), and the params that listings of other pages read
// (listedParams), the data file's path under "pagedata".

// listedParams are the params that other pages' templates read, by the
// folder of the pages that have them: the status of a notice (the home
// page, the notices list); the person, year and grade of a result letter
// (people's pages). They stay in front matter as well.
var listedParams = map[string][]string{
	"content/notices/": {"notice"},
	"content/letters/": {"person", "year", "grade"},
}

// DataDir is where pages' data files are emitted, relative to the
// generated folder; hugo.toml mounts it at assets/DataAsset.
// layouts/_partials/data.html reads a page's file by both names: at
// _gen/DataDir/ with readFile, and as a resource of DataAsset/ when a
// commit's own assets hold it.
const (
	DataDir   = "pagedata"
	DataAsset = "_pagedata"
)

// dataFile is where the data of the page at path is written:
// "content/units/x.md" → "pagedata/units/x.json".
func dataFile(path string) string {
	return DataDir + "/" + strings.TrimSuffix(strings.TrimPrefix(path, "content/"), ".md") + ".json"
}

// frontMatter is what a content file carries as front matter.
type frontMatter struct {
	Title     string          `json:"title"`
	Date      string          `json:"date,omitempty"`
	Weight    int             `json:"weight,omitempty"`
	Type      string          `json:"type,omitempty"`
	Layout    string          `json:"layout,omitempty"`
	Summary   string          `json:"description,omitempty"` // .Description: a plain string (.Summary would render every page's content to get it)
	Keywords  []string        `json:"keywords,omitempty"`
	NoSearch  bool            `json:"nosearch,omitempty"`
	Versioned bool            `json:"versioned,omitempty"`
	URL       string          `json:"url,omitempty"`
	LinkTitle string          `json:"linkTitle,omitempty"`
	Build     *pageBuild      `json:"build,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	PageData  string          `json:"pagedata,omitempty"`
}

// CommitsFile describes every commit a page's change history names,
// by short hash (hugo.Data.commits): what an entry says of its commit is
// the same on every page, and a county's histories repeated it 125,000
// times, a quarter of all the pages' data.
const CommitsFile = "data/commits.json"

// historyData is a page's change history as its data file has it: each
// entry names its commit ("c", a key of CommitsFile) and says what the
// commit changed of this page.
type historyData struct {
	Entries []entryData `json:"entries"`
	// Commands are the commands that show the record files the page
	// derives from as the build's commit has them, a line each (git show
	// COMMIT:FILE, the file quoted as a word of a POSIX shell), for the
	// page to print to copy; none without a commit (a preview). Written
	// by gongshi, not by the template: the county's pages print 255,746
	// of them.
	Commands part      `json:"commands,omitempty"`
	Total    int       `json:"total,omitempty"`
	All      string    `json:"all,omitempty"`
	Of       *pageLink `json:"of,omitempty"`
}

type entryData struct {
	Commit string `json:"c"`
	// Changed is what the commit changed of the page, as the entry shows
	// it (entryBody); the rest names pages, which the template links.
	Changed    part            `json:"changed,omitempty"`
	Version    string          `json:"version,omitempty"`
	N          int             `json:"n,omitempty"`
	Compare    string          `json:"compare,omitempty"`
	Objections []objectionLink `json:"objections,omitempty"`
}

// historyOf returns h as a data file has it, adding the commits it
// names to commits.
func historyOf(h *pageHistory, commits map[string]*commitInfo, short string) (*historyData, error) {
	d := &historyData{Entries: make([]entryData, 0, len(h.Entries)), Total: h.Total, All: h.All, Of: h.Of}
	if short != "" {
		var b strings.Builder
		for _, f := range h.Files {
			b.WriteString("git show " + short + ":" + ShellQuote(f) + "\n")
		}
		d.Commands = part(b.String())
	}
	for i := range h.Entries {
		e := &h.Entries[i]
		if err := addCommit(commits, e.commitInfo); err != nil {
			return nil, err
		}
		d.Entries = append(d.Entries, entryData{Commit: e.Commit.Short, Changed: part(entryBody(&e.pageChange)),
			Version: e.Version, N: e.N, Compare: e.Compare, Objections: e.Objections})
	}
	return d, nil
}

// addCommit adds c to commits, by short hash, checking that a commit is
// described the same way wherever it appears.
func addCommit(commits map[string]*commitInfo, c *commitInfo) error {
	if seen, ok := commits[c.Commit.Short]; !ok {
		commits[c.Commit.Short] = c
	} else if seen != c && !reflect.DeepEqual(seen, c) {
		return fmt.Errorf("commit %s is described two ways", c.Commit.Short)
	}
	return nil
}

// encodePage returns a page's front matter and its data file (nil when
// it has no data): the data file is one JSON object, the page's params
// and the history pass's keys beside them, as the page's templates find
// them in .Params when they are front matter (hand-written pages). The
// commits its history names are added to commits; short is the build's
// commit, shortened, which its history's commands name.
func encodePage(p *Page, commits map[string]*commitInfo, short string) (front, data []byte, err error) {
	f := &p.Front
	fm := frontMatter{Title: f.Title, Date: dayInChina(f.Date), Weight: f.Weight, Type: f.Type, Layout: f.Layout,
		Summary: f.Summary, Keywords: f.Keywords, NoSearch: f.NoSearch, Versioned: f.Versioned, URL: f.URL,
		LinkTitle: f.LinkTitle, Build: f.Build}
	data = []byte("{}")
	if f.Params != nil {
		if f.Cells != "" {
			data, err = renderedParams(f.Cells, f.Params)
		} else if pp, ok := f.Params.(packedParams); ok {
			data, err = pp.MarshalJSON() // encoded by packParams
		} else {
			data, err = encode(f.Params)
		}
		if err != nil {
			return nil, nil, err
		}
		if len(data) < 2 || data[0] != '{' {
			return nil, nil, fmt.Errorf("params are not an object: %.40s", data)
		}
		if fm.Params, err = listed(p.Path, data); err != nil {
			return nil, nil, err
		}
	}
	add := func(key string, v any) {
		if err != nil {
			return
		}
		var b []byte
		if b, err = encode(v); err != nil {
			return
		}
		data = data[:len(data)-1]
		if len(data) > 1 {
			data = append(data, ',')
		}
		data = append(data, '"')
		data = append(data, key...)
		data = append(data, '"', ':')
		data = append(data, b...)
		data = append(data, '}')
	}
	if f.History != nil {
		h, herr := historyOf(f.History, commits, short)
		if herr != nil {
			return nil, nil, herr
		}
		add("record_history", h)
	}
	if f.Versions != nil {
		add("published_versions", f.Versions)
	}
	if f.Version != nil {
		add("published_version", f.Version)
	}
	if err != nil {
		return nil, nil, err
	}
	if len(data) > 2 {
		fm.PageData = DataAsset + "/" + strings.TrimPrefix(dataFile(p.Path), DataDir+"/")
	} else {
		data = nil
	}
	front, err = encode(fm)
	return front, data, err
}

// shortHash is a commit's hash as the site shortens it ("" for none).
func shortHash(c string) string { return c[:min(len(c), 10)] }

// dayInChina is a page's date as Hugo is to read it: a day the records
// give (2026-07-03) is that day's start in China, so that the sitemap and
// the feeds, which print Hugo's dates with their offset, say +08:00 as
// they do for commits' times, never +00:00.
func dayInChina(date string) string {
	if len(date) == len("2006-01-02") {
		return date + "T00:00:00+08:00"
	}
	return date
}

// listed returns the listedParams of the page at path, nil if it has
// none.
func listed(path string, params []byte) (json.RawMessage, error) {
	var keys []string
	for dir, ks := range listedParams {
		if strings.HasPrefix(path, dir) && !strings.Contains(path[len(dir):], "/") {
			keys = ks
		}
	}
	if keys == nil {
		return nil, nil
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(params, &all); err != nil {
		return nil, err
	}
	keep := map[string]json.RawMessage{}
	for _, k := range keys {
		if v, ok := all[k]; ok {
			keep[k] = v
		}
	}
	if len(keep) == 0 {
		return nil, nil
	}
	return encode(keep)
}

func (w *writer) fail(path string, err error) {
	if w.err == nil {
		w.err = fmt.Errorf("emit: %s: %w", path, err)
	}
}

// encode is compact JSON without HTML escaping, so Chinese and "<" read
// as written in the emitted files. Compact, not indented: Hugo keeps every
// page's source in memory for the whole build, and indentation was a third
// of a county's front matter.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	return encodeInto(&buf, v)
}

// encodeInto is encode writing into buf, emptied first: the bytes are
// buf's, good until it is written again.
func encodeInto(buf *bytes.Buffer, v any) ([]byte, error) {
	buf.Reset()
	e := json.NewEncoder(buf)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

type home struct {
	// Intro is the township's introduction, in paragraphs: text, never
	// markup (Markdown would run shortcodes and fetch remote images).
	Intro []string `json:"intro,omitempty"`
}

// ShellQuote quotes s as one word of a POSIX shell: as it is when it
// holds only letters, digits and characters no shell reads specially,
// else in single quotes. A command the site prints can be pasted as it is
// and does only what it says, whatever a file is called.
func ShellQuote(s string) string {
	safe := s != ""
	for _, r := range s {
		safe = safe && (unicode.IsLetter(r) && r > 0x7f || r < 0x80 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("_./:@%+=,-", r)))
	}
	if safe {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// textBlocks splits a text field at blank lines into paragraphs, each
// keeping its lines as written: text to print as text.
func textBlocks(text string) []string {
	var ps []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		var lines []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			ps = append(ps, strings.Join(lines, "\n"))
		}
	}
	return ps
}

// siteData is data/site.json: the township and the build stamp, shown in
// every page's header and footer.
type siteJSON struct {
	Township township `json:"township"`
	Build    stamp    `json:"build"`
}

type township struct {
	Name      string    `json:"name"`
	Organ     string    `json:"organ"`
	County    string    `json:"county,omitempty"`
	Address   string    `json:"address"`
	Postcode  string    `json:"postcode,omitempty"`
	Objection objection `json:"objection"`
	Site      identity  `json:"site"`
}

// identity is who runs the site and its filing numbers, in every page's
// footer: the 主办单位 always (the organ unless the records name another),
// the rest when given.
type identity struct {
	Sponsor  string `json:"sponsor"`
	Operator string `json:"operator,omitempty"`
	ICP      string `json:"icp,omitempty"`
	Police   string `json:"police,omitempty"`
	// PoliceCode is the public security filing number's digits, by which
	// the filing platform's query page finds it.
	PoliceCode string `json:"police_code,omitempty"`
	Code       string `json:"code,omitempty"`
}

type objection struct {
	Office  string `json:"office"`
	Address string `json:"address"`
	Phone   string `json:"phone"`
	Email   string `json:"email,omitempty"`
	Hours   string `json:"hours,omitempty"`
}

type stamp struct {
	Commit  string `json:"commit,omitempty"`
	Short   string `json:"short,omitempty"`
	Date    string `json:"date,omitempty"`
	ISO     string `json:"iso,omitempty"` // the date, RFC 3339
	AsOf    string `json:"as_of"`
	AsOfCN  string `json:"as_of_cn"`
	Author  string `json:"author,omitempty"`
	Subject string `json:"subject,omitempty"`
	// Path is where the commit's page would be: it has one when it
	// changed the records (the change log's), and its hash links to it.
	Path    string `json:"path,omitempty"`
	Preview bool   `json:"preview,omitempty"`
}

func siteData(in Input) siteJSON {
	t := in.Set.Township
	s := siteJSON{
		Township: township{
			Name: t.Name, Organ: t.Organ, County: t.County, Address: t.Address, Postcode: t.Postcode,
			Objection: objection{Office: t.Objection.Office, Address: t.Objection.Address, Phone: t.Objection.Phone, Email: t.Objection.Email, Hours: t.Objection.Hours},
			Site: identity{Sponsor: t.Site.SponsorOr(t.Organ), Operator: t.Site.Operator, ICP: string(t.Site.ICP),
				Police: string(t.Site.Police), PoliceCode: t.Site.Police.Digits(), Code: string(t.Site.Code)},
		},
		Build: stamp{AsOf: in.Build.AsOf.String(), AsOfCN: in.Build.AsOf.Chinese(), Preview: in.Build.Preview},
	}
	if c := in.Build.Commit; c != "" {
		s.Build.Commit = c
		s.Build.Short = shortHash(c)
		s.Build.Date = in.Build.When.Format("2006-01-02 15:04")
		s.Build.ISO = in.Build.When.Format(time.RFC3339)
		s.Build.Author = in.Build.Author
		s.Build.Subject, _, _ = strings.Cut(strings.TrimSpace(in.Build.Message), "\n")
		s.Build.Path = "/changes/" + s.Build.Short
	}
	return s
}
