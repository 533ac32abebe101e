package emit

import (
	"encoding/json"
	"os"
	"os/exec"
	"slices"
	"testing"
)

// TestShellQuoteMakesOneHarmlessWord: every command the site prints can be
// pasted into a shell as it is; a file name holding shell syntax is one
// word that runs nothing.
func TestShellQuoteMakesOneHarmlessWord(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"records/people/机关.yaml", "records/people/机关.yaml"},
		{"records/targets/2026/wsy.yaml", "records/targets/2026/wsy.yaml"},
		{"records/units/$(touch${IFS}PWNED).yaml", "'records/units/$(touch${IFS}PWNED).yaml'"},
		{"records/units/a b.yaml", "'records/units/a b.yaml'"},
		{"records/units/it's.yaml", `'records/units/it'\''s.yaml'`},
		{"records/units/`id`.yaml", "'records/units/`id`.yaml'"},
		{"records/units/a;rm -rf ~.yaml", "'records/units/a;rm -rf ~.yaml'"},
		{"records/units/\n.yaml", "'records/units/\n.yaml'"},
		{"", "''"},
	} {
		if got := ShellQuote(c.in); got != c.want {
			t.Errorf("ShellQuote(%q) = %s; want %s", c.in, got, c.want)
		}
	}
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to run the words in")
	}
	dir := t.TempDir()
	for _, name := range []string{"records/units/$(touch PWNED).yaml", "a'b\"c`d`$e;f|g&h<i>j\\k", "x\ny *"} {
		cmd := exec.Command(sh, "-c", "printf '%s' "+ShellQuote(name))
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil || string(out) != name {
			t.Errorf("sh printed %q (%v) for %s; want %q", out, err, ShellQuote(name), name)
		}
	}
	if made, _ := os.ReadDir(dir); len(made) > 0 {
		t.Errorf("running the quoted words made %s", made[0].Name())
	}
}

// TestTextBlocksKeepLinesAndSplitParagraphs: a text field is shown as
// text, a paragraph at each blank line.
func TestTextBlocksKeepLinesAndSplitParagraphs(t *testing.T) {
	t.Parallel()
	got := textBlocks("  第一行\n第二行\n\n\n<script>x</script>\r\n{{< youtube abc >}}\n")
	want := []string{"第一行\n第二行", "<script>x</script>\n{{< youtube abc >}}"}
	if !slices.Equal(got, want) {
		t.Errorf("textBlocks = %q; want %q", got, want)
	}
	if got := textBlocks(" \n\n"); got != nil {
		t.Errorf("textBlocks of blank text = %q; want none", got)
	}
}

// TestHistoryCommandsShowEachFileAtTheBuildsCommit: a page's history
// gives the commands that show each of its record files at the build's
// commit, a line each, the file quoted as one word; a build with no
// commit (a preview) gives none.
func TestHistoryCommandsShowEachFileAtTheBuildsCommit(t *testing.T) {
	files := []string{"records/assess/2026-Q1.yaml", "records/people/it's $(rm -rf ~) <b>.yaml"}
	p := Page{Path: "content/units/x.md", Front: Front{Title: "x", History: &pageHistory{Files: files}}}
	for _, short := range []string{"0123456789", ""} {
		_, data, err := encodePage(&p, map[string]*commitInfo{}, short)
		if err != nil {
			t.Fatal(err)
		}
		var d struct {
			History map[string]any `json:"record_history"`
		}
		if err := json.Unmarshal(data, &d); err != nil {
			t.Fatal(err)
		}
		want := ""
		if short != "" {
			want = "git show 0123456789:" + ShellQuote(files[0]) + "\ngit show 0123456789:" + ShellQuote(files[1]) + "\n"
		}
		if got, _ := d.History["commands"].(string); got != want {
			t.Errorf("commit %q: commands %q; want %q", short, got, want)
		}
	}
}
