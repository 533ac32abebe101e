// Package gongshi holds the files of this project's top level that the
// gongshi binary ships: the site files (hugo.toml, layouts/, assets/,
// content/) and the sample township's holiday calendars (records/calendar/).
//
// It is a package only so that go:embed, which reaches the embedding
// package's folder and below, can embed these files where they live: there
// is no copy to keep in step. It has no code of its own; the site files are
// served by generator/internal/theme and the calendar by
// generator/internal/scaffold (gongshi init).
package gongshi

import (
	"embed"
	"io/fs"
)

// The all: prefix keeps layouts/_partials and _shortcodes, which a plain
// pattern leaves out for their leading underscore; it also takes hidden
// files (an editor's .swp), which theme.Files drops, as gongshi drops them
// from a working tree.
//
//go:embed hugo.toml all:layouts all:content all:assets
var site embed.FS

//go:embed records/calendar/*.yaml
var calendars embed.FS

// Site returns the site files, by their paths from the top level
// ("hugo.toml", "layouts/home.html", …).
func Site() fs.FS { return site }

// Calendars returns the sample township's holiday calendars, by their
// paths from the top level ("records/calendar/2026.yaml", …).
func Calendars() fs.FS { return calendars }
