package inspect

import (
	"strings"
	"time"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/record"
)

// StaleAfter is how long the notices section may go without a new item:
// six months for 通知公告 (国办秘函〔2019〕19号, 单项否决 item 2: sections
// of news and dynamics not updated within two weeks, of notices and
// policy documents within six months). The text was read from reprints,
// not from the State Council's own site.
const StaleAfter = 6 // months

// noticesSection is where a township's 通知公告 are listed.
const noticesSection = "/notices"

// Failed is what the self-check found, as a build with --strict refuses
// it: each finding a diag.Error, as a mistake in the records is.
type Failed struct{ diag.List }

func (f *Failed) Error() string { return f.List.Error() }

// Pages checks the site's outline as of day asOf (the commit's day): its
// empty sections, a notices section not updated for StaleAfter months, and
// notices without a publication date.
func Pages(pages []emit.OutlinePage, asOf record.Date) diag.List {
	var l diag.List
	l.Append(emptySections(pages))
	l.Append(notices(pages, asOf))
	return l
}

// emptySections finds the sections that list nothing: each once, the
// outermost (a blank section's own sections are blank with it).
func emptySections(pages []emit.OutlinePage) diag.List {
	var l diag.List
	var blank []string
	for _, p := range pages {
		if !p.Section || !p.Listed || p.Path == "/" || p.Items > 0 {
			continue
		}
		if under(p.Path, blank) {
			continue
		}
		blank = append(blank, p.Path)
		l.Add(where(p), "expected something in the section %q (%s), found nothing; 空白栏目：有栏目无内容的，政府网站检查单项否决", p.Title, htmlPath(p))
	}
	return l
}

// notices checks the notices section's items: each has a publication
// date, and the newest is at most StaleAfter months old on asOf.
func notices(pages []emit.OutlinePage, asOf record.Date) diag.List {
	var l diag.List
	var newest *emit.OutlinePage
	var newestDay record.Date
	title := "公示公告"
	for i := range pages {
		p := &pages[i]
		if p.Path == noticesSection {
			title = p.Title
		}
		if p.Section || !p.Listed || !strings.HasPrefix(p.Path, noticesSection+"/") {
			continue
		}
		day, ok := dayOf(p.Date)
		if !ok {
			l.Add(where(*p), "expected a publication date for %q (%s), found none; 未注明发布时间的信息视为不更新", p.Title, htmlPath(*p))
			continue
		}
		if newest == nil || day.After(newestDay) {
			newest, newestDay = p, day
		}
	}
	if newest == nil {
		return l // blank, or undated: said already
	}
	limit := record.DateOf(asOf.Time().AddDate(0, -StaleAfter, 0))
	if newestDay.Before(limit) {
		l.Add(where(*newest), "expected a notice in the section %q published on or after %s, %d months before %s, found the newest published on %s (%q); 通知公告栏目%d个月未更新，政府网站检查单项否决",
			title, limit, StaleAfter, asOf, newestDay, newest.Title, StaleAfter)
	}
	return l
}

// Names checks the records' names that titles are made of: an object
// whose name says its kind twice (老码头码头) makes a title no one writes,
// which record.Titled cannot mend.
func Names(set *record.Set) diag.List {
	var l diag.List
	kinds := map[string]string{}
	for i := range set.Safety.Categories {
		c := &set.Safety.Categories[i]
		kinds[c.ID] = c.Name
	}
	for i := range set.Safety.Objects {
		o := &set.Safety.Objects[i]
		if kind := kinds[o.Category]; record.RepeatsKind(o.Name, kind) {
			l.Add(o.At("name"), "expected a name that says its kind %s once, found %q; 名称重复了类别，标题会显示为“%s”", kind, o.Name, record.Titled(o.Name, kind))
		}
	}
	return l
}

// under reports whether path lies in one of the sections.
func under(path string, sections []string) bool {
	for _, s := range sections {
		if strings.HasPrefix(path, s+"/") {
			return true
		}
	}
	return false
}

// dayOf reads a page's date: a day (2026-07-03) or a time (RFC 3339).
func dayOf(s string) (record.Date, bool) {
	if d, err := record.ParseDate(s); err == nil {
		return d, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return record.DateOf(t.In(record.Shanghai())), true
	}
	return record.Date{}, false
}

// where is the position a finding about a page is reported at: the
// record that gives the page, else the page itself.
func where(p emit.OutlinePage) diag.Pos {
	if p.Origin.IsValid() {
		return p.Origin
	}
	return diag.Pos{File: htmlPath(p)}
}

// htmlPath is the file a page is published as: "/safety" →
// "safety/index.html", "/notices/x" → "notices/x.html".
func htmlPath(p emit.OutlinePage) string {
	path := strings.TrimPrefix(p.Path, "/")
	switch {
	case path == "":
		return "index.html"
	case p.Section:
		return path + "/index.html"
	}
	return path + ".html"
}
