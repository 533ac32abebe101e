package pipeline

import (
	"path"
	"strings"
	"time"

	"gongshi/generator/internal/emit"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/render"
	"gongshi/generator/internal/repo"
	"gongshi/generator/internal/theme"
)

// emitInput is what emit is given for a snapshot's computed records; the
// commit's author and message pass the gate g.
func emitInput(recs *Records, hist *emit.History, g *gate) emit.Input {
	snap := recs.Snapshot
	return emit.Input{
		Set: recs.Set, Calendar: recs.Calendar, Assess: recs.Assess, Safety: recs.Safety, Targets: recs.Targets, Figures: recs.Figures,
		Publicity: recs.Publicity,
		History:   hist,
		Build: emit.Build{
			Commit: snap.Commit, When: snap.When, AsOf: snap.AsOf,
			Author:  g.text(snap.Commit, "the author's name", snap.Author),
			Message: g.text(snap.Commit, "the message", snap.Message),
			Preview: snap.WorkTree,
		},
	}
}

// projectRoot is where the Hugo project is laid out in memory.
const projectRoot = "/site"

// settings are what the render needs of a commit's records: its site
// files, its title and address, its time. They are read before the
// records are let go.
type settings struct {
	site    []record.File
	title   string
	website string
	clock   time.Time
}

func settingsOf(recs *Records) settings {
	t := recs.Set.Township
	return settings{site: recs.Snapshot.Site, title: t.Organ + "公示栏", website: t.Website, clock: clock(recs.Snapshot)}
}

// partsFilter is how the render is given a page's data file: with its
// parts apart from its JSON (tests render the files as emitted, with
// nil, and compare).
var partsFilter = emit.AppendParts

// project lays out what Hugo is to render: the site files (the
// snapshot's over those shipped inside gongshi, path by path) and the
// emitted files under _gen/, which hugo.toml mounts beside the
// hand-written content/.
func project(st settings, files []emit.File) (render.Options, error) {
	src := render.NewProject()
	var pf []render.File
	for _, f := range theme.Overlay(st.site) {
		pf = append(pf, render.File{Name: path.Join(projectRoot, f.Path), Data: f.Data})
	}
	// The pages' data files are read once each, while their page
	// renders: held compressed until then, their long strings apart
	// from their JSON (emit.AppendParts).
	for _, f := range files {
		rf := render.File{Name: path.Join(projectRoot, "_gen", f.Path), Data: f.Data}
		if strings.HasPrefix(f.Path, emit.DataDir+"/") {
			rf.Pack, rf.Filter = true, partsFilter
		}
		pf = append(pf, rf)
	}
	if err := src.Add(pf); err != nil {
		return render.Options{}, err
	}
	config := map[string]any{"title": st.title}
	if st.website != "" {
		config["baseURL"] = st.website // each township's own address, whatever hugo.toml ships
	}
	return render.Options{Source: src, Root: projectRoot, Config: config, Clock: st.clock}, nil
}

// clock is the time a site is built at: its commit's committer time, so
// that what Hugo dates and lists is a function of the commit; a preview
// of the working tree, which has no commit, is built at the start of its
// as-of day.
func clock(snap *repo.Snapshot) time.Time {
	if !snap.When.IsZero() {
		return snap.When
	}
	d := snap.AsOf
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, record.Shanghai())
}
