package history

import "gongshi/generator/internal/changelog"

// CheckDates says of each commit the earliest time it can have been made,
// whatever date it gives (Commit.NotBefore), and doubts the date of a
// commit that gives an earlier one (Commit.Doubt): a commit is made after
// its parents, so it is no older than any of its ancestors' dates; and a
// commit that the site's last build did not show is no older than that
// build's commit. last is the commit the site was last built from ("" for
// none, or one no longer in the history: then only the parents count).
//
// Signatures are checked at NotBefore as well as at the commit's own date
// (Verify): a key withdrawn or expired before a commit could have been
// made cannot verify it, however far back the commit is dated.
func (ix *Index) CheckDates(last string) {
	var shown map[string]bool // the history of the last build
	var lastBuild *changelog.Commit
	if c := ix.Commit(last); c != nil {
		lastBuild = c
		shown = map[string]bool{}
		stack := []string{last}
		for len(stack) > 0 {
			h := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if shown[h] {
				continue
			}
			shown[h] = true
			if c := ix.Commit(h); c != nil {
				stack = append(stack, c.Parents...)
			}
		}
	}
	// Parents come after their children in Commits: oldest first here.
	for i := len(ix.Commits) - 1; i >= 0; i-- {
		c := ix.Commits[i]
		c.NotBefore, c.Doubt = c.Committer.When, nil
		for _, ph := range c.Parents {
			p := ix.Commit(ph)
			if p == nil || !p.NotBefore.After(c.NotBefore) {
				continue
			}
			c.NotBefore = p.NotBefore
			c.Doubt = &changelog.DateDoubt{Commit: p.Hash, When: p.NotBefore}
			if p.Doubt != nil && p.Doubt.When.Equal(p.NotBefore) {
				c.Doubt = p.Doubt // what its parent was doubted by, the first cause
			}
		}
		if lastBuild != nil && !shown[c.Hash] && lastBuild.Committer.When.After(c.NotBefore) {
			c.NotBefore = lastBuild.Committer.When
			c.Doubt = &changelog.DateDoubt{Commit: lastBuild.Hash, When: lastBuild.Committer.When, Published: true}
		}
	}
}
