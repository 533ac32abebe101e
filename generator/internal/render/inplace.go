package render

import (
	"sort"
	"strings"
	"text/template/parse"
	"unicode/utf8"

	"gongshi/generator/internal/diag"
)

// CheckInPlace checks the layouts a build reads — gongshi's own overlaid
// by the commit's, by path ("layouts/_partials/link.html") — for a
// partial that returns a value (return) but is executed in place
// (template "_partials/NAME"). gongshi's layouts execute in place the
// partials that print their output, rather than through partial, which
// copies it (baseof.html, _partials/view.html); a commit that replaces
// one of them with a partial that returns fails in Hugo with a message
// naming neither file. The mistake is reported in a file the commit
// holds (own): at the partial's return when the partial is its own,
// else at the template action, which then is.
func CheckInPlace(layouts map[string][]byte, own map[string]bool) diag.List {
	type call struct {
		file string
		pos  parse.Pos
	}
	calls := map[string][]call{} // by the partial's file
	returns := map[string]parse.Pos{}
	texts := map[string]string{}
	for file, data := range layouts {
		if !strings.HasPrefix(file, "layouts/") {
			continue
		}
		text := string(data)
		texts[file] = text
		for _, root := range parseLayout(file, text) {
			eachNode(root, func(n parse.Node) {
				switch x := n.(type) {
				case *parse.TemplateNode:
					if strings.HasPrefix(x.Name, "_partials/") {
						p := "layouts/" + x.Name
						calls[p] = append(calls[p], call{file, x.Pos})
					}
				case *parse.CommandNode:
					if id, ok := x.Args[0].(*parse.IdentifierNode); ok && id.Ident == "return" {
						if _, seen := returns[file]; !seen || id.Pos < returns[file] {
							returns[file] = id.Pos
						}
					}
				}
			})
		}
	}
	var errs diag.List
	for partial, ret := range returns {
		cs := calls[partial]
		if len(cs) == 0 {
			continue
		}
		sort.Slice(cs, func(i, j int) bool {
			if cs[i].file != cs[j].file {
				return cs[i].file < cs[j].file
			}
			return cs[i].pos < cs[j].pos
		})
		name := strings.TrimPrefix(partial, "layouts/")
		if own[partial] {
			c := cs[0]
			errs.Add(position(partial, texts[partial], ret), "expected a partial that prints its output, found return: %s executes %q in place (template, %s), which cannot take a value back; give the partial that returns another name and call it with partial",
				c.file, name, position(c.file, texts[c.file], c.pos))
			continue
		}
		for _, c := range cs {
			if own[c.file] {
				errs.Add(position(c.file, texts[c.file], c.pos), "expected a partial that prints its output, found %q, which returns a value (%s): call it with partial", name, position(partial, texts[partial], ret))
			}
		}
	}
	errs.Sort()
	return errs
}

// position is the file, line and column of pos in a template's text.
func position(file, text string, pos parse.Pos) diag.Pos {
	before := text[:pos]
	line := strings.Count(before, "\n") + 1
	col := utf8.RuneCountInString(before[strings.LastIndexByte(before, '\n')+1:]) + 1
	return diag.Pos{File: file, Line: line, Col: col}
}
