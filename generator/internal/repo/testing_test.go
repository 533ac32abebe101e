package repo

// What only the tests use.

// Packed reports how many packs are read directly.
func (o *Objects) Packed() int { return len(o.packs) }
