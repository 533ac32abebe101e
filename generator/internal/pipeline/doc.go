// Package pipeline is the build of a site, every stage wired in one place:
// every command of gongshi (build, verify, serve, check, export, template,
// import, bench) runs the same stages here and takes what it needs of
// them, and the guarantees gongshi makes are enforced here, once.
//
// The stages, in the order a build runs them, each in the file named:
//
//	source.go    open a commit (or the index, or the working tree) and read
//	             its records and site files: repo.Snapshot
//	records.go   load → validate → compute: the records decoded, every
//	             mistake of the run listed (diag.List), and the results of
//	             the assessment, the safety-production responsibility and
//	             the unit targets, the year's figures with the summaries
//	             that cite them, and where each notice stands on the
//	             commit's day (publicity: its period, objections, result)
//	history.go   the records' history: one walk over git (kept between
//	             builds), signatures against the trust root, the published
//	             ledger (no silent rewrite), each commit described in words
//	emit.go      the results as Hugo content (emit), over the site files the
//	             commit holds and those shipped inside gongshi
//	versions.go  the second pass: each published version of a notice, at
//	             the earlier commit that made it (computed again from that
//	             commit's records, or taken from the versions kept between
//	             builds)
//	gate.go      the publication gate: what the site shows of git history
//	             (messages, names, earlier values, file names, the ledger)
//	             masked and cleaned on its way to emit, and the rendered
//	             site scanned for private values before it is published
//	build.go     the site checks itself as a government-website inspector
//	             would (inspect): its pages and records once emitted, its
//	             links once rendered; warnings, or with Strict mistakes
//	render.go    Hugo as a library, into a folder or into memory, with the
//	             ledger beside the site
//	publish.go   the output folder checked (only ever a site) and locked
//	             (one build at a time), the ledger of the build before read
//	             under the lock, the site built beside it and swapped in
//
// Publish runs the whole of it for gongshi build: publish.Open, then Build
// from the ledger it read, then Site.Publish. Build runs source → history
// → emit → versions and returns a Site that holds only what the render
// needs (the records are let go: the render is the stage that needs the
// most memory); Site.Render and Site.Publish finish it. Load runs source →
// records for the commands that need only the computed results.
//
// What a site shows is a function of its commit: the records, the site
// files and the time of the build all come from it, never from the
// machine, its clock or its environment.
package pipeline
