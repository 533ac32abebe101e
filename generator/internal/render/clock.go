package render

import (
	"os"
	"sync"
	"time"

	"github.com/bep/clocks"
	"github.com/gohugoio/hugo/common/htime"
	"github.com/spf13/afero"
)

// hugoClock guards Hugo's clock, htime.Clock. Every date decision Hugo
// makes reads it: the `now` function, which pages are in the future or
// expired, a section's publish date (the latest of its pages' that is not
// in the future), the modification time of the folders Hugo makes up.
// It is a process global, and Hugo's `clock` setting sets it only in
// Hugo's own commands, never in a build made with Hugo as a library.
//
// So Build holds this lock for its whole length, and sets the global to a
// clock fixed at Options.Clock: builds in one process (tests in parallel,
// a preview rebuilding while a build runs) each see their own time, one
// build after another. Fixed, not a clock that starts at Options.Clock and
// ticks, so that the output does not depend on how long a build takes.
var hugoClock sync.Mutex

// setClock sets Hugo's clock to t and returns what puts it back. The
// caller holds hugoClock.
func setClock(t time.Time) (restore func()) {
	prev := htime.Clock
	htime.Clock = clocks.Fixed(t)
	return func() { htime.Clock = prev }
}

// stampTimes sets the modification time of every file and folder at or
// under root in fs to t. Hugo dates a page by its file's time when front
// matter says :fileModTime, a layout can read it with os.Stat or
// os.ReadDir, and a file system in memory stamps a file with the machine's
// clock when it is written.
func stampTimes(fs afero.Fs, root string, t time.Time) error {
	return afero.Walk(fs, root, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return fs.Chtimes(p, t, t)
	})
}
