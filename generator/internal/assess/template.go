package assess

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/Masterminds/sprig/v3"
)

// The clerk's notice template is a program the records carry: it runs in
// every build, so it runs bounded. A notice needs a few hundred steps and
// a few kilobytes; a template that takes more is refused at its line,
// whatever it does: a range over until 1000000000, nested ranges, a
// string doubled in a loop, printf with a width of a billion, a list that
// holds itself.

// templateName names the notice template in its own error messages:
// "公示正文:3: function "x" not defined" is line 3 of the template.
const templateName = "公示正文"

// Limits of one run of a notice template.
const (
	maxSteps  = 50_000   // iterations of range and calls of functions
	maxOutput = 64 << 10 // bytes the notice may have
	maxValue  = 64 << 10 // bytes of a text a function returns
	maxList   = 1_000    // items of a list or dict a function returns, nested ones counted
	maxWidth  = 1_000    // width or precision of a printf verb
	maxWork   = 16 << 20 // bytes of text (items of lists) functions are given and return
)

// stepFunc is called at the start of every iteration of a range: a range
// calls nothing else each time round.
const stepFunc = "gongshi_step"

var (
	errSteps  = fmt.Errorf("more than %d steps; 模板循环次数过多", maxSteps)
	errWork   = fmt.Errorf("more than %d MiB of text handled; 模板运行时间过长", maxWork>>20)
	errOutput = fmt.Errorf("a notice longer than %d KiB; 公示正文过长", maxOutput>>10)
)

// unbounded are sprig's functions a notice template may not call: they
// change dicts in place (a dict can be made to hold itself, and printing
// it never ends) or copy them deeply.
var unbounded = []string{
	"set", "unset", "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite",
	"deepCopy", "mustDeepCopy",
}

// hermetic are sprig's functions that give the same result on every
// build: nothing that reads the clock, the environment, the network or a
// random source, nor time zones (toDate parses in the machine's zone).
var hermetic = func() template.FuncMap {
	m := sprig.HermeticTxtFuncMap()
	for _, name := range append([]string{
		"ago", "toDate", "mustToDate", "shuffle", "randInt",
		"bcrypt", "htpasswd", "encryptAES", "genPrivateKey", "buildCustomCert",
		"genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey",
		"genSignedCert", "genSignedCertWithKey",
	}, unbounded...) {
		delete(m, name)
	}
	// text/template's own printf, whose width is checked like the rest.
	m["printf"] = fmt.Sprintf
	return m
}()

// noticeTemplate is a notice template parsed, ready to run bounded.
type noticeTemplate struct {
	t *template.Template
	b *budget
}

// budget is what one run has spent. Both measures are counted, never
// timed: a template refused on one machine is refused on every other.
type budget struct {
	steps int // iterations and calls
	work  int // bytes of text and items of lists given to and returned by functions
}

func (b *budget) step() {
	b.steps++
	if b.steps > maxSteps {
		panic(errSteps)
	}
}

// spend counts the size of a value a function was given or returned.
func (b *budget) spend(v reflect.Value) {
	for v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.String, reflect.Slice, reflect.Array, reflect.Map:
		b.work += v.Len()
	}
	if b.work > maxWork {
		panic(errWork)
	}
}

// parseNotice parses a notice template and readies it to run bounded.
func parseNotice(text string) (*noticeTemplate, error) {
	b := &budget{}
	funcs := template.FuncMap{stepFunc: func() string { b.step(); return "" }}
	for name, fn := range hermetic {
		funcs[name] = bounded(name, fn, b)
	}
	t, err := template.New(templateName).Funcs(funcs).Option("missingkey=error").Parse(text)
	if err != nil {
		return nil, err
	}
	if len(t.Templates()) > 1 || t.Tree == nil {
		return nil, fmt.Errorf("%s: {{define}} or {{block}}: 公示正文中不能定义模板", templateName)
	}
	if err := instrument(t.Tree, t.Root); err != nil {
		return nil, err
	}
	return &noticeTemplate{t: t, b: b}, nil
}

// instrument has every range call stepFunc each time round, and refuses
// {{template}}, the one way a template could recurse.
func instrument(tree *parse.Tree, n parse.Node) error {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if err := instrument(tree, c); err != nil {
				return err
			}
		}
	case *parse.RangeNode:
		step := &parse.ActionNode{NodeType: parse.NodeAction, Pos: n.Pos, Line: n.Line, Pipe: &parse.PipeNode{
			NodeType: parse.NodePipe, Pos: n.Pos, Line: n.Line,
			Cmds: []*parse.CommandNode{{NodeType: parse.NodeCommand, Pos: n.Pos, Args: []parse.Node{parse.NewIdentifier(stepFunc).SetTree(tree).SetPos(n.Pos)}}},
		}}
		if n.List != nil {
			n.List.Nodes = append([]parse.Node{step}, n.List.Nodes...)
		}
		for _, c := range []parse.Node{n.List, n.ElseList} {
			if c, ok := c.(*parse.ListNode); ok && c != nil {
				if err := instrument(tree, c); err != nil {
					return err
				}
			}
		}
	case *parse.IfNode:
		return instrumentBranch(tree, n.List, n.ElseList)
	case *parse.WithNode:
		return instrumentBranch(tree, n.List, n.ElseList)
	case *parse.TemplateNode:
		at, _ := tree.ErrorContext(n)
		return fmt.Errorf("%s: {{template}}: 公示正文中不能调用模板", at)
	}
	return nil
}

func instrumentBranch(tree *parse.Tree, lists ...*parse.ListNode) error {
	for _, l := range lists {
		if l != nil {
			if err := instrument(tree, l); err != nil {
				return err
			}
		}
	}
	return nil
}

// execute runs the template on data and returns the notice.
func (nt *noticeTemplate) execute(data any) (string, error) {
	*nt.b = budget{}
	var w limitWriter
	err := nt.t.Execute(&w, data)
	return w.b.String(), err
}

// limitWriter keeps what is written, up to maxOutput bytes.
type limitWriter struct{ b strings.Builder }

func (w *limitWriter) Write(p []byte) (int, error) {
	if w.b.Len()+len(p) > maxOutput {
		return 0, errOutput
	}
	return w.b.Write(p)
}

// bounded wraps a template function: each call is a step, its arguments
// may not ask for unbounded work (until 1e9, repeat 1e9, printf "%1000000000d"),
// and what it returns may not be larger than a notice or hold itself.
func bounded(name string, fn any, b *budget) any {
	v := reflect.ValueOf(fn)
	t := v.Type()
	return reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		b.step()
		if err := checkArgs(name, args); err != nil {
			panic(err)
		}
		for _, a := range args {
			b.spend(a)
		}
		var out []reflect.Value
		if t.IsVariadic() {
			out = v.CallSlice(args)
		} else {
			out = v.Call(args)
		}
		if len(out) > 0 && out[0].IsValid() && out[0].CanInterface() {
			if err := checkSize(out[0].Interface()); err != nil {
				panic(err)
			}
			b.spend(out[0])
		}
		return out
	}).Interface()
}

// checkArgs refuses the arguments that would make a function do
// unbounded work before it is called.
func checkArgs(name string, args []reflect.Value) error {
	i := func(k int) float64 {
		if k < len(args) && args[k].CanInt() {
			return float64(args[k].Int())
		}
		return 0
	}
	s := func(k int) string {
		if k < len(args) && args[k].Kind() == reflect.String {
			return args[k].String()
		}
		return ""
	}
	var n float64 // the size asked for
	switch name {
	case "until":
		n = math.Abs(i(0))
	case "untilStep":
		if step := i(2); step != 0 {
			n = math.Abs((i(1) - i(0)) / step)
		}
	case "seq":
		var ps []float64
		if len(args) == 1 && args[0].Kind() == reflect.Slice {
			for k := range args[0].Len() {
				if args[0].Index(k).CanInt() {
					ps = append(ps, float64(args[0].Index(k).Int()))
				}
			}
		}
		switch len(ps) {
		case 1:
			n = math.Abs(ps[0] - 1)
		case 2:
			n = math.Abs(ps[1] - ps[0])
		case 3:
			if ps[1] != 0 {
				n = math.Abs((ps[2] - ps[0]) / ps[1])
			}
		}
		if n > maxList {
			return fmt.Errorf("expected at most %d numbers, found %.0f; 模板循环次数过多", maxList, n)
		}
		return nil
	case "repeat":
		n = i(0) * float64(len(s(1)))
	case "indent", "nindent":
		n = math.Abs(i(0))*float64(strings.Count(s(1), "\n")+2) + float64(len(s(1)))
	case "replace":
		if old := s(0); old == "" {
			n = float64(len(s(2))+1)*float64(len(s(1))) + float64(len(s(2)))
		} else {
			n = float64(strings.Count(s(2), old))*float64(len(s(1))) + float64(len(s(2)))
		}
	case "regexReplaceAll", "regexReplaceAllLiteral", "mustRegexReplaceAll", "mustRegexReplaceAllLiteral":
		n = float64(len(s(1))+1)*float64(len(s(2))) + float64(len(s(1)))
	case "wrap", "wrapWith":
		if i(0) < 1 && len(s(len(args)-1)) > 0 {
			return errors.New("expected a width of at least 1")
		}
	case "printf":
		return checkFormat(s(0))
	}
	switch name {
	case "until", "untilStep":
		if n > maxList {
			return fmt.Errorf("expected at most %d numbers, found %.0f; 模板循环次数过多", maxList, n)
		}
	default:
		if n > maxValue {
			return fmt.Errorf("expected a text of at most %d KiB, found one of %.0f KiB; 公示正文过长", maxValue>>10, n/1024)
		}
	}
	return nil
}

// verb is a printf verb with its flags, width and precision.
var verb = regexp.MustCompile(`%[-+# 0]*(\[\d+\])?(\*|\d+)?(?:\.(\[\d+\])?(\*|\d+)?)?`)

// checkFormat refuses a printf width or precision beyond maxWidth, or
// one taken from the arguments (*).
func checkFormat(format string) error {
	for _, m := range verb.FindAllStringSubmatch(format, -1) {
		for _, w := range []string{m[2], m[4]} {
			if w == "*" {
				return errors.New("expected a printf width written as a number, found *")
			}
			if n, err := strconv.Atoi(w); w != "" && (err != nil || n > maxWidth) {
				return fmt.Errorf("expected a printf width of at most %d, found %s", maxWidth, w)
			}
		}
	}
	return nil
}

// checkSize refuses a text longer than maxValue, and lists and dicts
// with more than maxList items, nested ones counted, or holding
// themselves.
func checkSize(v any) error {
	if s, ok := v.(string); ok {
		if len(s) > maxValue {
			return fmt.Errorf("expected a text of at most %d KiB, found a longer one; 公示正文过长", maxValue>>10)
		}
		return nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map, reflect.Pointer, reflect.Interface:
	default:
		return nil
	}
	items := 0
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value, depth int) error
	walk = func(v reflect.Value, depth int) error {
		for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return nil
			}
			v = v.Elem()
		}
		if depth > maxList {
			return errors.New("expected a list nested less deep; 列表嵌套过深")
		}
		switch v.Kind() {
		case reflect.Slice, reflect.Map:
			if v.Len() == 0 {
				return nil
			}
			p := v.Pointer()
			if seen[p] {
				return errors.New("expected a list or dict that does not hold itself")
			}
			seen[p] = true
			defer delete(seen, p)
		case reflect.Array:
		case reflect.String:
			if v.Len() > maxValue {
				return fmt.Errorf("expected a text of at most %d KiB, found a longer one", maxValue>>10)
			}
			return nil
		default:
			return nil
		}
		if items += v.Len(); items > maxList {
			return fmt.Errorf("expected at most %d items, found more; 列表过长", maxList)
		}
		if v.Kind() == reflect.Map {
			for it := v.MapRange(); it.Next(); {
				if err := walk(it.Value(), depth+1); err != nil {
					return err
				}
			}
			return nil
		}
		for k := range v.Len() {
			if err := walk(v.Index(k), depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return walk(rv, 0)
}
