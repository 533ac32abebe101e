package synth

import (
	"bytes"
	"crypto/sha1"
	"fmt"
	"os/exec"
	"strings"
	"testing"
)

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).Output()
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

func TestWriteGivesTheSameCommitsOnEveryRun(t *testing.T) {
	var heads []string
	for range 2 {
		dir := t.TempDir()
		st, err := Write(dir, Township)
		if err != nil {
			t.Fatal(err)
		}
		if st.Commits < 100 || st.Merges == 0 || st.RecordFiles < 300 {
			t.Errorf("stats = %+v; want a few hundred files over a hundred commits and more, with merges", st)
		}
		if n := git(t, dir, "rev-list", "--count", "HEAD"); n != fmt.Sprint(st.Commits) {
			t.Errorf("git counts %s commits; Write says %d", n, st.Commits)
		}
		heads = append(heads, git(t, dir, "rev-parse", "HEAD"))
	}
	if heads[0] != heads[1] {
		t.Errorf("two runs wrote heads %s and %s; want the same", heads[0], heads[1])
	}
}

func TestFilesAreTheRepositorysHead(t *testing.T) {
	dir := t.TempDir()
	sc := Townships(2)
	if _, err := Write(dir, sc); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, line := range strings.Split(git(t, dir, "ls-tree", "-r", "HEAD"), "\n") {
		f := strings.Fields(line) // mode type hash path
		if strings.HasPrefix(f[3], "records/") {
			want[f[3]] = f[2]
		}
	}
	got := Files(sc)
	if len(got) != len(want) {
		t.Errorf("Files gives %d files; the head has %d record files", len(got), len(want))
	}
	for _, f := range got {
		h := sha1.New()
		fmt.Fprintf(h, "blob %d\x00", len(f.Data))
		h.Write(f.Data)
		if sum := fmt.Sprintf("%x", h.Sum(nil)); want[f.Path] != sum {
			t.Errorf("%s: blob %s; the head has %q", f.Path, sum, want[f.Path])
		}
	}
}

func TestCountyOrganPublishesForItsTownships(t *testing.T) {
	files := Files(Townships(3))
	var township []byte
	units := 0
	for _, f := range files {
		switch {
		case f.Path == "records/township.yaml":
			township = f.Data
		case strings.HasPrefix(f.Path, "records/units/"):
			units++
		}
	}
	if !bytes.Contains(township, []byte("organ: 青江县人民政府")) {
		t.Errorf("township.yaml of a county:\n%s\nwant the county government as organ", township)
	}
	if units != 3 {
		t.Errorf("%d unit files; want one per township", units)
	}
}
