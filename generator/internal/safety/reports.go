package safety

import (
	"slices"
	"time"

	"gongshi/generator/internal/record"
)

// ReportStatus is the state of one unit's report for one month.
type ReportStatus int

const (
	NotRequired ReportStatus = iota // before the rule began, or the unit did not exist
	NotYet                          // the month has not begun by the as-of date
	Pending                         // due day not passed, no report yet
	OnTime                          // received on or before the due day
	Late                            // received after the due day
	Missing                         // due day passed, no report
)

var reportStatusText = [...]struct{ slug, zh string }{
	NotRequired: {"not-required", "无需报送"},
	NotYet:      {"not-yet", "未到月份"},
	Pending:     {"pending", "未到期"},
	OnTime:      {"on-time", "按时"},
	Late:        {"late", "迟报"},
	Missing:     {"missing", "缺报"},
}

// String is the status as the matrix's legend says it.
func (s ReportStatus) String() string { return reportStatusText[s].zh }

// Slug is a stable English name, for CSS classes and JSON.
func (s ReportStatus) Slug() string { return reportStatusText[s].slug }

// MarshalText writes the slug.
func (s ReportStatus) MarshalText() ([]byte, error) { return []byte(s.Slug()), nil }

// Compliance is the monthly-report matrix of a year: a row per reporting
// unit, a cell per month.
type Compliance struct {
	Year   int
	Rule   record.ReportRule
	Months []record.Month // January to December
	Rows   []*ComplianceRow
}

// ComplianceRow is one unit's year.
type ComplianceRow struct {
	Unit                  *record.Unit
	Cells                 []Cell // one per month of Compliance.Months
	OnTime, Late, Missing int
}

// Cell is one unit's report for one month.
type Cell struct {
	Month    record.Month
	Status   ReportStatus
	Due      record.Date
	Report   *record.MonthlyReport // the report received, if any
	DaysLate int                   // Late: days from the due day to receipt
}

// ReportStatusOf classifies a month's report under a rule: due is the last
// on-time day, received the day the report came in (zero if it has not),
// asOf the day of the records.
func ReportStatusOf(due, received, asOf record.Date) (ReportStatus, int) {
	switch {
	case !received.IsZero() && received.After(due):
		return Late, due.DaysUntil(received)
	case !received.IsZero():
		return OnTime, 0
	case asOf.After(due):
		return Missing, 0
	}
	return Pending, 0
}

// reportingUnits lists the units the rule requires reports from, in the
// order of the units register.
func (b *book) reportingUnits(rule record.ReportRule) []*record.Unit {
	var us []*record.Unit
	for i := range b.set.Units {
		u := &b.set.Units[i]
		if b.unitOrder[u.ID] == i && (slices.Contains(rule.UnitTypes, u.Type) || slices.Contains(rule.Units, u.ID)) {
			us = append(us, u)
		}
	}
	return us
}

// required reports whether unit u owes a report for month m: the rule had
// begun, and the unit existed on some day of the month.
func reportRequired(rule record.ReportRule, u *record.Unit, m record.Month) bool {
	if m.Compare(rule.From) < 0 {
		return false
	}
	if !u.Established.IsZero() && u.Established.After(m.Last()) {
		return false
	}
	return u.Closed.IsZero() || !u.Closed.Before(m.First())
}

// ComplianceOf is the monthly-report matrix of a year as known on asOf:
// a year's December reports are due in January, so a year is looked back
// on from a day after it. Months after asOf are not yet due. It is nil
// when the records set no reporting rule.
func ComplianceOf(s *record.Set, year int, asOf record.Date) *Compliance {
	return newBook(s, asOf).compliance(year)
}

func (b *book) compliance(year int) *Compliance {
	st := b.set.Safety.Settings
	if st == nil {
		return nil
	}
	c := &Compliance{Year: year, Rule: st.Reports, Months: make([]record.Month, 0, 12)}
	for mo := time.January; mo <= time.December; mo++ {
		c.Months = append(c.Months, record.Month{Year: c.Year, Month: mo})
	}
	units := b.reportingUnits(st.Reports)
	if len(units) == 0 {
		return c
	}
	// The matrix reads only the year's reports of the reporting units: they
	// are kept in one slice, twelve months per unit, rather than a map per
	// unit over every report of every year.
	rowOf := make(map[string]int, len(units))
	for i, u := range units {
		rowOf[u.ID] = i
	}
	got := make([]*record.MonthlyReport, 12*len(units))
	for _, r := range b.set.Safety.Reports {
		k, ok := rowOf[r.Unit]
		if !ok || r.Month.Year != year || r.Month.Month < time.January || r.Month.Month > time.December {
			continue
		}
		slot := &got[12*k+int(r.Month.Month-time.January)]
		if *slot == nil || r.Received.Before((*slot).Received) {
			*slot = r // a duplicate (Check reports it): the earlier counts
		}
	}
	rows := make([]ComplianceRow, len(units))
	cells := make([]Cell, 12*len(units))
	c.Rows = make([]*ComplianceRow, len(units))
	for k, u := range units {
		row := &rows[k]
		row.Unit = u
		row.Cells = cells[12*k : 12*(k+1) : 12*(k+1)]
		for j, m := range c.Months {
			cell := Cell{Month: m, Due: st.Reports.Due(m), Report: got[12*k+j]}
			switch {
			case !reportRequired(st.Reports, u, m):
				cell.Status = NotRequired
			case m.First().After(b.asOf):
				cell.Status = NotYet
			default:
				var rec record.Date
				if cell.Report != nil && !cell.Report.Received.After(b.asOf) {
					rec = cell.Report.Received
				}
				cell.Status, cell.DaysLate = ReportStatusOf(cell.Due, rec, b.asOf)
			}
			switch cell.Status {
			case OnTime:
				row.OnTime++
			case Late:
				row.Late++
			case Missing:
				row.Missing++
			}
			row.Cells[j] = cell
		}
		c.Rows[k] = row
	}
	return c
}
