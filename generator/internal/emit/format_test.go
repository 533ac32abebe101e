package emit

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/shopspring/decimal"
)

func TestIndentLaysOutAsJSONIndent(t *testing.T) {
	for _, v := range []any{
		nil, 0, "x", []int{}, map[string]any{},
		map[string]any{"a": []any{}, "b": map[string]any{}, "c": []any{map[string]any{}, []any{}}},
		[]any{1, "two", 3.5, true, nil, []any{[]any{}}},
		map[string]any{"quote\"d": "back\\\\slash \\\" and \"quote\", {brace} [bracket] : colon", "<html>&": "朝天镇：第一季度，公示", "tab\t": "line\nbreak"},
		Front{Title: "张三", Sources: []Source{{File: "records/people/x.yaml", Kind: "person", ID: "x"}}, Params: map[string]any{"rows": [][]string{{"1", "2"}, {}}}},
	} {
		var compact bytes.Buffer
		e := json.NewEncoder(&compact)
		e.SetEscapeHTML(false)
		if err := e.Encode(v); err != nil {
			t.Fatal(err)
		}
		src := bytes.TrimRight(compact.Bytes(), "\n")
		var want bytes.Buffer
		if err := json.Indent(&want, src, "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indent(src); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("indent(%s) =\n%s\nwant\n%s", src, got, want.Bytes())
		}
	}
}

func BenchmarkIndent(b *testing.B) {
	in, err := benchInput()
	if err != nil {
		b.Fatal(err)
	}
	files, err := Site(in)
	if err != nil {
		b.Fatal(err)
	}
	var srcs [][]byte
	var size int64
	for _, f := range files {
		var v any
		front, _, _ := bytes.Cut(f.Data, []byte("\n}\n"))
		if json.Unmarshal(append(front, '}'), &v) != nil {
			continue
		}
		src, _ := json.Marshal(v)
		srcs = append(srcs, src)
		size += int64(len(src))
	}
	b.SetBytes(size)
	for b.Loop() {
		for _, s := range srcs {
			indent(s)
		}
	}
}

func TestNumFormatsAsDecimalString(t *testing.T) {
	var cases []decimal.Decimal
	for _, s := range []string{"0", "0.0", "0.00", "30", "30.0", "28.50", "-0.5", "-2", "100", "0.000", "-0.05", "1e3", "12.345678901", "99999999999999999999.5", "0.1234567890123"} {
		cases = append(cases, decimal.RequireFromString(s))
	}
	for c := int64(-2000); c <= 2000; c += 7 {
		for e := int32(-4); e <= 2; e++ {
			cases = append(cases, decimal.New(c, e))
		}
	}
	for _, d := range cases {
		if got, want := num(d), d.String(); got != want {
			t.Errorf("num(%s) = %q; want %q", want, got, want)
		}
	}
}
