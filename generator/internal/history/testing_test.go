package history

import (
	"fmt"
	"slices"

	"gongshi/generator/internal/changelog"
)

// What only the tests use.

// File returns the changes of the file at path, newest first: the commits
// `git log -- path` lists.
func (ix *Index) File(path string) []*changelog.FileChange { return ix.files[path] }

// Paths returns every path under records/ that some commit changed, sorted,
// including files deleted since.
func (ix *Index) Paths() []string {
	ps := make([]string, 0, len(ix.files))
	for p := range ix.files {
		ps = append(ps, p)
	}
	slices.Sort(ps)
	return ps
}

// ParseTrust makes a trust root from the contents of an allowed_signers
// file and armored OpenPGP keys (for tests and for roots kept elsewhere).
func ParseTrust(allowedSigners []byte, armoredKeys ...[]byte) (*Trust, error) {
	t := &Trust{}
	var err error
	if t.ssh, err = parseAllowedSigners(allowedSigners); err != nil {
		return nil, fmt.Errorf("history: allowed_signers: %w", err)
	}
	for _, k := range armoredKeys {
		if err := t.AddOpenPGP(k); err != nil {
			return nil, fmt.Errorf("history: %w", err)
		}
	}
	return t, nil
}
