package safety

import "gongshi/generator/internal/record"

// What only the tests use.

// Days is the number of days in the span.
func (s Span) Days() int { return s.From.DaysUntil(s.To) + 1 }

// Vacant reports whether nobody answers for the role on the as-of date.
func (r *Role) Vacant() bool { return len(r.Now) == 0 }

// HoldersOn returns who answers, on day, for a role held by h: the
// holders of h.Post that day (tenures include both their from and to
// days), the person h.Person while in the unit, or h.Name. Holders of a
// post are in order of appointment, then person id. It indexes the records
// on every call: for many look-ups use Result.HoldersOn.
func HoldersOn(s *record.Set, h record.Holder, day record.Date) []Incumbent {
	return newBook(s, day).holdersOn(h, day)
}

// MarshalText writes the slug.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.Slug()), nil }
