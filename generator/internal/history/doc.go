// Package history turns the git history of the records into what the site
// shows about changes: one walk over the commits (Walk, or Update after new
// commits) gives, for every record file, the commits that changed it;
// Describe (or DescribeAll, on every processor) says what each change did
// to the published values, in words; changelog.ParseMessage reads the clerk's
// Change-Type trailer; Verify checks each
// commit's signature against a trust root kept outside the records
// repository (see Trust), and RequireSigned lists what is not verified.
//
// # Merges
//
// The commits listed for a file are exactly those `git log -- FILE`
// lists, because the walk applies git's default history simplification
// separately to every path: at a merge, a file follows only the first
// parent whose version of it is identical to the merge's (so a side branch
// whose change to that file was merged unchanged is listed, while a side
// branch whose change was dropped is not); a merge is itself listed for a
// file only when its version differs from every parent's (a conflict
// resolved by hand, or an edit made in the merge). The list of a file is in
// `git log --date-order` order: newest committer date first, never a parent
// before its child, ties by hash. On a history whose dates only grow, that
// is also the order of plain `git log`.
//
// One difference is deliberate: for a path that was a folder in some
// commit, `git log -- PATH` also lists the changes of the folder's files,
// while the index lists only the changes of the file at PATH.
//
// A merge listed for a file is described against its first parent: what the
// main line held before the merge.
package history
