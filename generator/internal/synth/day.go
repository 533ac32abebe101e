package synth

import (
	"fmt"
	"time"
)

// day is a calendar day (midnight UTC stands for it; times of commits are
// given in UTC+8 when written).
type day struct{ t time.Time }

func date(y int, m time.Month, d int) day { return day{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

func (d day) IsZero() bool             { return d.t.IsZero() }
func (d day) String() string           { return d.t.Format("2006-01-02") }
func (d day) add(n int) day            { return day{d.t.AddDate(0, 0, n)} }
func (d day) before(e day) bool        { return d.t.Before(e.t) }
func (d day) after(e day) bool         { return d.t.After(e.t) }
func (d day) year() int                { return d.t.Year() }
func (d day) month() time.Month        { return d.t.Month() }
func (d day) dom() int                 { return d.t.Day() }
func (d day) weekend() bool            { w := d.t.Weekday(); return w == time.Saturday || w == time.Sunday }
func (d day) chinese() string          { return fmt.Sprintf("%d年%d月%d日", d.year(), d.month(), d.dom()) }
func (d day) within(from, to day) bool { return !d.before(from) && (to.IsZero() || !d.after(to)) }

// weekday returns d, or the next Monday when d falls on a weekend.
func (d day) weekday() day {
	for d.weekend() {
		d = d.add(1)
	}
	return d
}

// month is a calendar month.
type month struct {
	y int
	m time.Month
}

func monthOf(d day) month       { return month{d.year(), d.month()} }
func (m month) first() day      { return date(m.y, m.m, 1) }
func (m month) last() day       { return m.next().first().add(-1) }
func (m month) next() month     { return monthOf(day{m.first().t.AddDate(0, 1, 0)}) }
func (m month) prev() month     { return monthOf(m.first().add(-1)) }
func (m month) String() string  { return fmt.Sprintf("%d-%02d", m.y, m.m) }
func (m month) chinese() string { return fmt.Sprintf("%d年%d月", m.y, m.m) }
func (m month) on(dom int) day  { return date(m.y, m.m, min(dom, m.last().dom())) }

// quarter is a calendar quarter.
type quarter struct{ y, q int }

func quarterOf(d day) quarter { return quarter{d.year(), (int(d.month())-1)/3 + 1} }
func (q quarter) first() day  { return date(q.y, time.Month(3*q.q-2), 1) }
func (q quarter) last() day   { return month{q.y, time.Month(3 * q.q)}.last() }
func (q quarter) next() quarter {
	if q.q == 4 {
		return quarter{q.y + 1, 1}
	}
	return quarter{q.y, q.q + 1}
}
func (q quarter) String() string { return fmt.Sprintf("%d-Q%d", q.y, q.q) }
func (q quarter) chinese() string {
	return fmt.Sprintf("%d年第%s季度", q.y, []string{"一", "二", "三", "四"}[q.q-1])
}
func (q quarter) months() [3]month {
	f := monthOf(q.first())
	return [3]month{f, f.next(), f.next().next()}
}
