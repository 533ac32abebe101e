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

// on reports whether the person is in scope on day d, and if not, why.
func (s *scope) on(p *record.Person, d record.Date) (bool, string) {
	if !p.Joined.IsZero() && d.Before(p.Joined) {
		return false, "had not joined by the " + ordinal(d.Day)
	}
	if !p.Left.IsZero() && d.After(p.Left) {
		return false, "had left by the " + ordinal(d.Day)
	}
	if !slices.Contains(s.scheme.Scope.Staff, p.Staff) {
		if p.Staff == "" {
			return false, "has no staff category"
		}
		return false, "is of staff category " + p.Staff
	}
	ranked := false
	for _, t := range p.Posts {
		if !t.Holds(d) {
			continue
		}
		post := s.set.Post(t.Post)
		if post == nil {
			continue
		}
		if post.Rank == record.RankMain {
			return false, fmt.Sprintf("holds %s (%s)", post.Title, record.RankMain)
		}
		ranked = ranked || slices.Contains(s.scheme.Scope.Ranks, post.Rank)
	}
	if !ranked {
		return false, "holds no post of rank " + strings.Join(s.scheme.Scope.Ranks, ", ")
	}
	for _, l := range s.leave[p.ID] {
		if d.Within(l.From, l.To) {
			return false, "is on leave on the " + ordinal(d.Day)
		}
	}
	return true, ""
}

// months returns which months of the quarter count for the person: those
// on whose count day (the 15th unless the scheme says) the person was in
// scope. why is the reason for the first month that does not count.
func (s *scope) months(p *record.Person, q record.Quarter) (in [3]bool, n int, why string) {
	day := CountDay(s.scheme)
	for i, m := range q.Months() {
		ok, reason := s.on(p, record.Date{Year: m.Year, Month: m.Month, Day: day})
		in[i] = ok
		if ok {
			n++
		} else if why == "" {
			why = reason
		}
	}
	return in, n, why
}

// posts are the titles of the posts in scope the person held on the last
// day of the quarter they were in scope, in the order of their record.
func (s *scope) posts(p *record.Person, q record.Quarter) []string {
	for d := q.Last(); !d.Before(q.First()); d = d.AddDays(-1) {
		if ok, _ := s.on(p, d); !ok {
			continue
		}
		var titles []string
		for _, t := range p.Posts {
			if post := s.set.Post(t.Post); post != nil && t.Holds(d) && slices.Contains(s.scheme.Scope.Ranks, post.Rank) {
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
