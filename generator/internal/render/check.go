package render

import (
	"errors"
	"io/fs"
	"path"
	"strings"
	"text/template/parse"

	"github.com/spf13/afero"

	"gongshi/generator/internal/diag"
)

// Check checks one of the site files a commit holds, by its path in the
// project ("hugo.toml", "layouts/home.html"), for what would let the site
// depend on something other than the commit: settings gongshi decides
// itself (see checkSettings), and templates that call Hugo's random
// functions, whose output differs from one build of the same commit to the
// next. Every mistake is listed at its file, line and column.
func Check(name string, data []byte) diag.List {
	switch {
	case name == ConfigFile:
		var l diag.List
		if errors.As(checkSettings(name, data), &l) {
			return l
		}
	case strings.HasPrefix(name, "layouts/"):
		return checkTemplate(name, data)
	}
	return nil
}

// randomFuncs are the template functions and namespace members whose
// results are random (collections.Shuffle, aliased shuffle; math.Rand):
// Hugo v0.165.0 offers no way to seed or switch them off.
var randomFuncs = map[string]bool{"shuffle": true, "Shuffle": true, "Rand": true}

// checkTemplate refuses a layout that names a random function, however it
// is reached: called by name, as a member of its namespace
// (math.Rand, collections.Shuffle), or of a variable holding the
// namespace ($m.Rand). A layout Go's template parser cannot read is left
// to Hugo, which reports it with its position.
func checkTemplate(name string, data []byte) diag.List {
	text := string(data)
	var errs diag.List
	report := func(pos parse.Pos, what string) {
		errs.Add(position(name, text, pos), "expected no random function in a template (a site is the same on every build of its commit), found %q", what)
	}
	for _, root := range parseLayout(name, text) {
		walkTemplate(root, report)
	}
	errs.Sort()
	return errs
}

func walkTemplate(n parse.Node, report func(parse.Pos, string)) {
	// idents reports a name written at pos as text when one of its parts
	// is random.
	idents := func(pos parse.Pos, ids []string, text string) {
		for _, id := range ids {
			if randomFuncs[id] {
				report(pos, text)
				return
			}
		}
	}
	eachNode(n, func(n parse.Node) {
		switch x := n.(type) {
		case *parse.IdentifierNode:
			idents(x.Pos, []string{x.Ident}, x.Ident)
		case *parse.FieldNode:
			// .Params.Rand is placed at its last field: back up to the first.
			last := x.Ident[len(x.Ident)-1]
			idents(x.Pos-parse.Pos(len(x.String())-len(last)-1), x.Ident, x.String())
		case *parse.VariableNode:
			// $m.Rand is placed at its first field: back up to the $.
			idents(x.Pos-parse.Pos(len(x.Ident[0])), x.Ident, x.String())
		case *parse.ChainNode:
			idents(x.Node.Position(), x.Field, x.String())
		}
	})
}

// parseLayout parses a layout as Go's template parser reads it, without
// Hugo's functions, and returns the root of each template it defines;
// none when it cannot be read (Hugo reports that, with its position).
func parseLayout(name, text string) []*parse.ListNode {
	trees := map[string]*parse.Tree{}
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck | parse.ParseComments
	if _, err := t.Parse(text, "{{", "}}", trees); err != nil {
		return nil
	}
	var roots []*parse.ListNode
	for _, tree := range trees {
		if tree.Root != nil {
			roots = append(roots, tree.Root)
		}
	}
	return roots
}

// eachNode calls f for n and for every node of a template below it,
// parents first.
func eachNode(n parse.Node, f func(parse.Node)) {
	f(n)
	switch x := n.(type) {
	case *parse.ListNode:
		for _, c := range x.Nodes {
			eachNode(c, f)
		}
	case *parse.ActionNode:
		eachNode(x.Pipe, f)
	case *parse.PipeNode:
		for _, d := range x.Decl {
			eachNode(d, f)
		}
		for _, c := range x.Cmds {
			eachNode(c, f)
		}
	case *parse.CommandNode:
		for _, a := range x.Args {
			eachNode(a, f)
		}
	case *parse.ChainNode:
		eachNode(x.Node, f)
	case *parse.IfNode:
		eachBranch(&x.BranchNode, f)
	case *parse.RangeNode:
		eachBranch(&x.BranchNode, f)
	case *parse.WithNode:
		eachBranch(&x.BranchNode, f)
	case *parse.TemplateNode:
		if x.Pipe != nil {
			eachNode(x.Pipe, f)
		}
	}
}

func eachBranch(b *parse.BranchNode, f func(parse.Node)) {
	eachNode(b.Pipe, f)
	eachNode(b.List, f)
	if b.ElseList != nil {
		eachNode(b.ElseList, f)
	}
}

// checkLayouts checks every layout of the project in src under root.
func checkLayouts(src afero.Fs, root string) error {
	var errs diag.List
	dir := path.Join(root, "layouts")
	err := afero.Walk(src, dir, func(p string, fi fs.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		data, err := afero.ReadFile(src, p)
		if err != nil {
			return err
		}
		errs.Append(checkTemplate(strings.TrimPrefix(p, root+"/"), data))
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	errs.Sort()
	return errs.Err()
}
