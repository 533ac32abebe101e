package bench

import (
	"io"
	"testing"

	"github.com/spf13/afero"
)

// TestDiscardKeepsNamesNotContent: a render into Discard finds the
// folders and files it made, and none of what it wrote is kept.
func TestDiscardKeepsNamesNotContent(t *testing.T) {
	fs := Discard()
	if err := fs.MkdirAll("/public/units", 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := fs.Create("/public/units/x.html")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := io.WriteString(f, "<h1>双林村</h1>"); err != nil || n != len("<h1>双林村</h1>") {
		t.Fatalf("WriteString = %d, %v; want every byte taken", n, err)
	}
	if n, err := f.Write(make([]byte, 1<<20)); err != nil || n != 1<<20 {
		t.Fatalf("Write = %d, %v; want every byte taken", n, err)
	}
	f.Close()
	fi, err := fs.Stat("/public/units/x.html")
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() != 0 {
		t.Errorf("the file holds %d bytes; want none kept", fi.Size())
	}
	if _, err := afero.ReadFile(fs, "/public/units/y.html"); err == nil {
		t.Error("a file never written reads")
	}
}
