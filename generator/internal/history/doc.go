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
// Every commit reachable from the head is part of the history, the commits
// of every side of every merge included: a published commit cannot be
// hidden by merging its branch with `git merge -s ours`. A commit other
// than a merge is listed for each file it changed against its parent, as
// `git log --full-history -- FILE` lists it. A merge is listed for a file
// only where it changed the file itself:
//
//   - its version differs from every parent's (a conflict resolved by
//     hand, an edit made in the merge): described against the first
//     parent;
//   - or a line had changed the file since it forked from the first parent
//     (its version is none of those at the merge bases, `git merge-base
//     --all`) and the merge did not take that version (`-s ours`, a
//     conflict resolved as the other side): described against that line,
//     the first parent or the side branch (FileChange.From), so that its
//     page shows the merge undoing the line's change.
//
// A merge that took a file as the line that changed it has it is not
// listed for it: that line's commits are. On the histories of everyday
// merges this is what `git log --full-history --simplify-merges -- FILE`
// lists.
//
// The lists, and Index.Commits, are in `git log --date-order` order:
// newest committer date first, never a parent before its child, ties by
// hash. On a history whose dates only grow, that is also the order of
// plain `git log`.
//
// One difference is deliberate: for a path that was a folder in some
// commit, `git log -- PATH` also lists the changes of the folder's files,
// while the index lists only the changes of the file at PATH.
package history
