package assess

import (
	"fmt"
	"slices"
	"strings"

	"gongshi/generator/internal/record"
)

// scope decides who a scheme assesses in a quarter.
type scope struct {
	set    *record.Set
	scheme *record.AssessScheme
	leave  map[string][]*record.AssessLeave // person id → leave periods
}

// on reports whether the person is in scope on day d. When why is not nil
// and the person is not in scope, *why says why: only then is the reason
// worked out, as most people of the register are out of scope of a scheme
// every quarter and nobody reads why unless a sheet names them.
func (s *scope) on(p *record.Person, d record.Date, why *string) bool {
	var buf [4]*record.Post
	return s.onHolding(p, s.held(p, buf[:0]), d, why)
}

// held looks up p's posts in the set, in the order of p.Posts (nil for
// an unknown one), appended to buf: on asks for them for every day it is
// asked about, and a county's register has thousands of people in every
// quarter of every commit.
func (s *scope) held(p *record.Person, buf []*record.Post) []*record.Post {
	for _, t := range p.Posts {
		buf = append(buf, s.set.Post(t.Post))
	}
	return buf
}

// onHolding is on for a person whose posts are held (see held).
func (s *scope) onHolding(p *record.Person, held []*record.Post, d record.Date, why *string) bool {
	if !p.Joined.IsZero() && d.Before(p.Joined) {
		if why != nil {
			*why = "had not joined by the " + ordinal(d.Day)
		}
		return false
	}
	if !p.Left.IsZero() && d.After(p.Left) {
		if why != nil {
			*why = "had left by the " + ordinal(d.Day)
		}
		return false
	}
	if !slices.Contains(s.scheme.Scope.Staff, p.Staff) {
		if why != nil {
			if p.Staff == "" {
				*why = "has no staff category"
			} else {
				*why = "is of staff category " + p.Staff
			}
		}
		return false
	}
	ranked := false
	for i, t := range p.Posts {
		if !t.Holds(d) {
			continue
		}
		post := held[i]
		if post == nil {
			continue
		}
		if post.Rank == record.RankMain {
			if why != nil {
				*why = fmt.Sprintf("holds %s (%s)", post.Title, record.RankMain)
			}
			return false
		}
		ranked = ranked || slices.Contains(s.scheme.Scope.Ranks, post.Rank)
	}
	if !ranked {
		if why != nil {
			*why = "holds no post of rank " + strings.Join(s.scheme.Scope.Ranks, ", ")
		}
		return false
	}
	for _, l := range s.leave[p.ID] {
		if d.Within(l.From, l.To) {
			if why != nil {
				*why = "is on leave on the " + ordinal(d.Day)
			}
			return false
		}
	}
	return true
}

// months returns which months of the quarter count for the person: those
// on whose count day (the 15th unless the scheme says) the person was in
// scope.
func (s *scope) months(p *record.Person, q record.Quarter) (in [3]bool, n int) {
	if !slices.Contains(s.scheme.Scope.Staff, p.Staff) {
		return in, 0 // out of scope on every day: on says why
	}
	day := CountDay(s.scheme)
	var buf [4]*record.Post
	held := s.held(p, buf[:0])
	for i, m := range q.Months() {
		if s.onHolding(p, held, record.Date{Year: m.Year, Month: m.Month, Day: day}, nil) {
			in[i] = true
			n++
		}
	}
	return in, n
}

// whyNot says why the first month of the quarter that does not count for
// the person does not; "" when every month counts.
func (s *scope) whyNot(p *record.Person, q record.Quarter) string {
	day := CountDay(s.scheme)
	for _, m := range q.Months() {
		var why string
		if !s.on(p, record.Date{Year: m.Year, Month: m.Month, Day: day}, &why) {
			return why
		}
	}
	return ""
}

// posts are the titles of the posts in scope the person held on the last
// day of the quarter they were in scope, in the order of their record.
func (s *scope) posts(p *record.Person, q record.Quarter) []string {
	if !slices.Contains(s.scheme.Scope.Staff, p.Staff) {
		return nil // out of scope on every day
	}
	var buf [4]*record.Post
	held := s.held(p, buf[:0])
	for d := q.Last(); !d.Before(q.First()); d = d.AddDays(-1) {
		if !s.onHolding(p, held, d, nil) {
			continue
		}
		var titles []string
		for i, t := range p.Posts {
			if post := held[i]; post != nil && t.Holds(d) && slices.Contains(s.scheme.Scope.Ranks, post.Rank) {
				titles = append(titles, post.Title)
			}
		}
		return titles
	}
	return nil
}

// ordinal names a day of the month in English messages: 1st, 2nd, 15th.
func ordinal(d int) string {
	suffix := "th"
	if d%100 < 11 || d%100 > 13 {
		switch d % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return fmt.Sprintf("%d%s", d, suffix)
}
