package calendar

import (
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// Kind is what a day is for a government organ.
type Kind int

const (
	Workday Kind = iota // a weekday that is not a holiday
	Weekend             // a Saturday or Sunday that is not a make-up day
	Holiday             // a day off in the State Council's holiday arrangement
	MakeUp              // a Saturday or Sunday worked to make up for a holiday (调休上班)
)

// Working reports whether the organ works on a day of this kind.
func (k Kind) Working() bool { return k == Workday || k == MakeUp }

// Calendar knows the holidays and make-up days of the years it was given.
// The zero value knows no year: only weekends are rest days.
type Calendar struct {
	years map[int]string       // year → the notice it was announced in
	days  map[record.Date]mark // holidays and make-up days
}

type mark struct {
	kind Kind
	name string // the festival: 春节, 国庆节
}

// New builds a calendar from the calendar records, checking each: the year
// matches the file name, the dates lie in the year (a notice may also
// arrange days of the previous December, as the one for 2019 did), a
// make-up day is a Saturday or Sunday and not within a holiday, no day is
// given twice and no year has two records. Mistaken entries are left out of
// the calendar and reported.
func New(cals []record.Calendar) (*Calendar, diag.List) {
	c := &Calendar{years: map[int]string{}, days: map[record.Date]mark{}}
	var errs diag.List
	type origin struct {
		pos  diag.Pos
		name string
	}
	firstYear := map[int]diag.Pos{}
	set := map[record.Date]origin{} // where each day was given
	order := make([]int, len(cals))
	for i := range order {
		order[i] = i
	}
	// Records arrive in file order; sort by position so that "first" and
	// "again" in messages do not depend on the caller.
	slices.SortStableFunc(order, func(a, b int) int { return cals[a].Pos.Compare(cals[b].Pos) })
	for _, i := range order {
		cal := &cals[i]
		if cal.Year == 0 {
			continue // reported by the decoder
		}
		// The file name wins over a mistyped year field: the dates are
		// checked against it, so that one slip gives one message.
		year := yearOf(cal, &errs)
		// A second record for a year is checked but not used.
		c, seen := c, set
		if first, dup := firstYear[year]; dup {
			errs.Add(cal.At("year"), "expected one calendar record for %d, found a second (first at %s)", year, first)
			c = &Calendar{years: map[int]string{}, days: map[record.Date]mark{}}
			seen = map[record.Date]origin{}
		} else {
			firstYear[year] = cal.At("year")
		}
		c.years[year] = cal.Source
		inYear := func(pos diag.Pos, d record.Date) bool {
			if d.IsZero() || d.Year == year || (d.Year == year-1 && d.Month == time.December) {
				return true
			}
			errs.Add(pos, "expected a date in %d or in December %d, found %s", year, year-1, d)
			return false
		}
		ownHoliday := map[record.Date]string{}
		for _, h := range cal.Holidays {
			okFrom, okTo := inYear(h.At("from"), h.From), inYear(h.At("to"), h.To)
			if h.From.IsZero() || h.To.IsZero() || !okFrom || !okTo || h.To.Before(h.From) {
				continue
			}
			if n := h.From.DaysUntil(h.To) + 1; n > maxHoliday {
				errs.Add(h.At("to"), "expected a holiday of at most %d days, found %s to %s (%d days)", maxHoliday, h.From, h.To, n)
				continue
			}
			overlap := false
			for d := h.From; !d.After(h.To); d = d.AddDays(1) {
				if o, dup := seen[d]; dup {
					if !overlap {
						errs.Add(h.At("from"), "expected holidays that do not overlap, found %s in %s and in %s (at %s)", d, h.Name, o.name, o.pos)
					}
					overlap = true
					continue
				}
				seen[d] = origin{h.At("from"), h.Name}
				ownHoliday[d] = h.Name
				c.days[d] = mark{Holiday, h.Name}
			}
		}
		for _, w := range cal.Workdays {
			d := w.Date
			if d.IsZero() || !inYear(w.At("date"), d) {
				continue
			}
			if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
				errs.Add(w.At("date"), "expected a Saturday or Sunday for a make-up working day, found %s (%s)", d, weekday(d))
				continue
			}
			if name, ok := ownHoliday[d]; ok {
				errs.Add(w.At("date"), "expected a make-up working day outside the holidays, found %s within %s", d, name)
				continue
			}
			if o, dup := seen[d]; dup {
				errs.Add(w.At("date"), "expected each day once, found %s again (first at %s)", d, o.pos)
				continue
			}
			seen[d] = origin{w.At("date"), "调休上班"}
			c.days[d] = mark{MakeUp, w.For}
		}
	}
	return c, errs
}

// maxHoliday bounds a run of days off: longer runs are typing mistakes
// (2026-12-23 for 2026-02-23), not arrangements.
const maxHoliday = 31

// yearOf checks that a calendar file is named after its year and returns
// the year its dates are checked against: the file name's, when it is one.
func yearOf(cal *record.Calendar, errs *diag.List) int {
	if cal.Pos.File == "" {
		return cal.Year
	}
	base := path.Base(cal.Pos.File)
	stem := strings.TrimSuffix(strings.TrimSuffix(base, ".yaml"), ".yml")
	y, err := strconv.Atoi(stem)
	switch {
	case err != nil || len(stem) != 4:
		errs.Add(cal.At("year"), "expected a file named after its year (%d.yaml), found %s", cal.Year, base)
	case y != cal.Year:
		errs.Add(cal.At("year"), "expected year %d as in the file name %s, found %d", y, base, cal.Year)
		return y
	}
	return cal.Year
}

var weekdayNames = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

func weekday(d record.Date) string { return weekdayNames[d.Weekday()] }

// Known reports whether a calendar record covers the year.
func (c *Calendar) Known(year int) bool {
	if c == nil {
		return false
	}
	_, ok := c.years[year]
	return ok
}

// Day says what a day is and, for holidays and make-up days, which
// festival it belongs to.
func (c *Calendar) Day(d record.Date) (Kind, string) {
	if c != nil {
		if m, ok := c.days[d]; ok {
			return m.kind, m.name
		}
	}
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return Weekend, ""
	}
	return Workday, ""
}

// IsWorking reports whether the organ works on the day.
func (c *Calendar) IsWorking(d record.Date) bool {
	k, _ := c.Day(d)
	return k.Working()
}

// certain reports whether what the calendar says of a day is announced,
// not assumed: its year has a record, or a record names the day itself.
func (c *Calendar) certain(d record.Date) bool {
	if c.Known(d.Year) {
		return true
	}
	if c != nil {
		_, ok := c.days[d]
		return ok
	}
	return false
}

// Period is a publicity period counted in working days.
type Period struct {
	Published     record.Date // the day the notice was posted
	Start         record.Date // the first working day counted
	End           record.Date // the last day of the period: objections are taken until its close
	WorkingDays   int         // how many working days the period lasts
	CountFirstDay bool        // whether the publishing day counted, when it was a working day
	// Provisional is set when the count ran through days of a year with no
	// calendar record: the end date may move once that year is announced.
	Provisional bool
	Missing     []int // the years without a calendar record, ascending
}

// WorkingDays counts a period of n working days from the publishing day.
// By the Civil Code art. 201 the publishing day is not counted and the count
// starts on the next day; when countFirstDay is set (the township's
// Publicity.CountFirstDay) the publishing day is day one if it is a working
// day. The period ends on its n-th working day, so by construction its last
// day is never a rest day (art. 203). n below 1 gives a period that ends on
// the publishing day.
func (c *Calendar) WorkingDays(published record.Date, n int, countFirstDay bool) Period {
	p := Period{Published: published, WorkingDays: max(n, 0), CountFirstDay: countFirstDay, End: published}
	var missing []int
	note := func(d record.Date) {
		if !c.certain(d) && !slices.Contains(missing, d.Year) {
			missing = append(missing, d.Year)
		}
	}
	d := published
	if !countFirstDay || n < 1 {
		if n < 1 {
			return p
		}
		d = d.AddDays(1)
	}
	for left := n; ; d = d.AddDays(1) {
		note(d)
		if !c.IsWorking(d) {
			continue
		}
		if p.Start.IsZero() {
			p.Start = d
		}
		if left--; left == 0 {
			p.End = d
			break
		}
	}
	slices.Sort(missing)
	p.Missing, p.Provisional = missing, len(missing) > 0
	return p
}

// Phase is where a notice stands in its publicity period.
type Phase int

const (
	NotStarted Phase = iota // 未开始: before the publishing day
	Running                 // 公示中: from the publishing day to the end, inclusive
	Ended                   // 公示期满: after the last day
)

var phaseNames = [...]string{"未开始", "公示中", "公示期满"}

// String names the phase as a notice board does.
func (ph Phase) String() string {
	if ph < 0 || int(ph) >= len(phaseNames) {
		return "Phase(" + strconv.Itoa(int(ph)) + ")"
	}
	return phaseNames[ph]
}

// Status is a notice's phase on a day and, while it runs, how many working
// days of the period remain, the day itself included when it is one of
// them: on the publishing day of a five-day period (not counted) 5 remain,
// on its last day 1.
type Status struct {
	Phase Phase
	Left  int
}

func (s Status) String() string {
	if s.Phase == Running {
		return fmt.Sprintf("%s（剩余%d个工作日）", s.Phase, s.Left)
	}
	return s.Phase.String()
}

// Status says where the period stands on the day on.
func (c *Calendar) Status(p Period, on record.Date) Status {
	switch {
	case on.Before(p.Published):
		return Status{Phase: NotStarted}
	case on.After(p.End):
		return Status{Phase: Ended}
	}
	left := 0
	if !p.Start.IsZero() {
		d := p.Start
		if on.After(d) {
			d = on
		}
		for ; !d.After(p.End); d = d.AddDays(1) {
			if c.IsWorking(d) {
				left++
			}
		}
	}
	return Status{Phase: Running, Left: left}
}
