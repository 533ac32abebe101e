package pipeline

import (
	"strings"
	"unicode/utf8"

	"github.com/go-git/go-git/v5/plumbing/object"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/guard"
	"gongshi/generator/internal/record"
)

// A commit's message and its author's name are published (更新日志, the
// feeds, ledger.json) and stay in the history for good: what the gate
// would have to mask there is refused before the commit is made, by
// gongshi import and by the commit-msg hook (gongshi check --message).

// checkText reports what of text may not be published, at its line and
// column in file (where the text came from: --message, the hook's file);
// what says what the text is, zh the same to the clerk.
func checkText(g *guard.Guard, file, text, what, zh string) diag.List {
	var errs diag.List
	at := func(off int) diag.Pos {
		before := text[:off]
		line := strings.Count(before, "\n") + 1
		col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
		return diag.Pos{File: file, Line: line, Col: col}
	}
	for _, p := range guard.Hygiene(text) {
		errs.Add(at(p.Offset), "expected visible text in %s, found %s; 请删去这个看不见的字符", what, p.What)
	}
	for _, f := range g.Find(text) {
		if f.Kind == guard.Address {
			errs.Add(at(f.Start), "expected no home address in %s, which is published, found %q; %s地址只写到乡镇、村或街道", what, f.Value, zh)
			continue
		}
		errs.Add(at(f.Start), "expected no %s in %s, which is published, found one; %s不得写%s，如确需写明，写作 %s", f.Kind, what, zh, f.Kind.Chinese(), f.Masked)
	}
	return errs
}

// CheckCommit checks what a commit will publish besides its records:
// the message (named file in positions) and the author, "Name <email>"
// or git's ident ("Name <email> 1700000000 +0800"; "" for none). The
// phones and addresses the records of set publish are let pass.
func CheckCommit(set *record.Set, file, message, author string) diag.List {
	g := noPublic
	if set != nil {
		g = record.Guard(set)
	}
	errs := checkText(g, file, message, "the commit message", "提交说明会在网站上公开，")
	if author != "" {
		errs.Append(checkText(g, "--author", author, "the author", "作者姓名会在网站上公开，"))
	}
	errs.Sort()
	return errs
}

// CheckMessageFile checks a commit message as git's commit-msg hook gets
// it: the lines git drops (comments, and all below the scissors line of
// git commit --verbose) are not checked. dir is a folder of the
// repository, whose staged records say which phones and addresses are
// public.
func CheckMessageFile(dir, file string, data []byte, author string) diag.List {
	var set *record.Set
	if r, snap, err := open(Source{Dir: dir, Staged: true, Today: record.Date{Year: 2000, Month: 1, Day: 1}}, nil); err == nil {
		set, _ = record.Decode(snap.Records) // mistakes are the pre-commit hook's
		r.Close()
	}
	var kept []string
	for _, line := range strings.SplitAfter(string(data), "\n") {
		if strings.HasPrefix(line, "# ------------------------ >8 ------------------------") {
			break
		}
		if strings.HasPrefix(line, "#") {
			line = "\n" // a comment, dropped by git; its line is kept for the positions
		}
		kept = append(kept, line)
	}
	if i := strings.LastIndexByte(author, '>'); i >= 0 {
		author = author[:i+1] // git's ident ends with the time
	}
	return CheckCommit(set, file, strings.Join(kept, ""), author)
}

// checkImportCommit checks the message and names of the commit an import
// is to make (see CheckCommit); the committer is checked when it is not
// the author.
func checkImportCommit(set *record.Set, c Commit) diag.List {
	if strings.TrimSpace(c.Message) == "" {
		return nil
	}
	errs := CheckCommit(set, "--message", strings.TrimSpace(c.Message), ident(c.Author))
	if c.Committer.Name != c.Author.Name || c.Committer.Email != c.Author.Email {
		who := CheckCommit(set, "--message", "", ident(c.Committer))
		for i := range who {
			who[i].Pos.File = "--committer"
		}
		errs.Append(who)
	}
	return errs
}

// ident is "Name <email>", as --author is written.
func ident(s object.Signature) string {
	who := s.Name
	if s.Email != "" {
		who += " <" + s.Email + ">"
	}
	return who
}
