// Package schema holds the JSON Schema (draft-07) of every kind of record
// file, for editors: with the YAML extension of VS Code, a record file that
// starts with
//
//	# yaml-language-server: $schema=../../generator/schema/people.json
//
// is checked as it is typed. The files are generated from the record types'
// struct tags (record.Schema); a test keeps them in step, and
// `go test ./generator/schema -update` rewrites them.
package schema

import "embed"

// Files are the schema files, one per kind, named KIND.json.
//
//go:embed *.json
var Files embed.FS
