package publicity

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// Notice is a posted notice as the domain that computed it gives it.
type Notice struct {
	// ID is what objections name the notice by, and the last part of its
	// address: assess-2026-q1, targets-2025, grades-2025.
	ID     string
	Title  string
	Period calendar.Period // zero when the notice is not posted
	// Result is what was done with the result once the period ended; nil
	// when not recorded. ReportTo is where it goes when Result does not
	// say (the assessment scheme's report_to).
	Result   *record.NoticeResult
	ReportTo string
}

// Limit is how long an objection may stay open, in working days, and the
// source of that rule.
type Limit struct {
	Days  int
	Basis string
}

// Objection is an objection record as it stands on a day.
type Objection struct {
	Rec    *record.Objection
	Closed bool // closed on or before the day
	// Days is how many working days it has been open: to the day, or to
	// its closing day.
	Days    int
	Overdue bool // open longer than the limit
}

// State is where a notice stands on a day.
type State struct {
	Notice *Notice
	Phase  calendar.Phase
	Left   int // working days left while it runs, the day included
	// Objections are those received by the day, in the order received.
	Objections []*Objection
	Closed     int
	Upheld     int // closed with the notice maintained
	Corrected  int // closed with the notice corrected
	Overdue    int
	// Version is the latest version an objection's correction made; 0
	// when none.
	Version int
	Limit   Limit
}

// Result is every notice's state on a day.
type Result struct {
	AsOf   record.Date
	Limit  Limit
	States []*State // in the order of the notices given
	byID   map[string]*State
}

// State returns the state of the notice with the id, or nil.
func (r *Result) State(id string) *State {
	if r == nil {
		return nil
	}
	return r.byID[id]
}

// LimitOf is the township's limit for answering an objection.
func LimitOf(t record.Township) Limit {
	l := Limit{Days: t.Publicity.AnswerDays, Basis: t.Publicity.AnswerBasis}
	if l.Days <= 0 {
		l.Days = record.DefaultAnswerDays
	}
	return l
}

// Compute checks the objection records against the notices and says where
// each notice stands on the day asOf. Objections to a notice that does
// not exist are reported and left out.
func Compute(set *record.Set, cal *calendar.Calendar, notices []Notice, asOf record.Date) (*Result, diag.List) {
	var errs diag.List
	r := &Result{AsOf: asOf, Limit: LimitOf(set.Township), byID: map[string]*State{}}
	var ids []string
	for i := range notices {
		n := &notices[i]
		st := &State{Notice: n, Limit: r.Limit}
		if !n.Period.Published.IsZero() {
			s := cal.Status(n.Period, asOf)
			st.Phase, st.Left = s.Phase, s.Left
			checkResult(n, &errs)
		}
		r.States = append(r.States, st)
		r.byID[n.ID] = st
		ids = append(ids, n.ID)
	}
	for i := range set.Objections {
		o := &set.Objections[i]
		if !checkObjection(o, &errs) || o.Notice == "" {
			continue
		}
		st := r.byID[o.Notice]
		if st == nil {
			errs.Add(o.At("notice"), "expected the name of a notice (%s), found %q%s", examples(ids), o.Notice, suggest(o.Notice, ids))
			continue
		}
		p := st.Notice.Period
		if p.Published.IsZero() {
			errs.Add(o.At("notice"), "expected a notice that has been posted, found %s, which has no publishing day", o.Notice)
			continue
		}
		if !o.Received.IsZero() && o.Received.Before(p.Published) {
			errs.Add(o.At("received"), "expected received on or after the notice was posted on %s, found %s", p.Published, o.Received)
			continue
		}
		if o.Received.IsZero() || o.Received.After(asOf) {
			continue // not yet received on the day
		}
		st.add(o, cal, asOf)
	}
	for _, st := range r.States {
		slices.SortStableFunc(st.Objections, func(a, b *Objection) int { return a.Rec.Received.Compare(b.Rec.Received) })
	}
	errs.Sort()
	return r, errs
}

func (st *State) add(o *record.Objection, cal *calendar.Calendar, asOf record.Date) {
	x := &Objection{Rec: o, Closed: o.IsClosed(asOf)}
	until := asOf
	if x.Closed {
		until = o.Closed
	}
	x.Days = workingDaysBetween(cal, o.Received, until)
	x.Overdue = !x.Closed && x.Days > st.Limit.Days
	st.Objections = append(st.Objections, x)
	switch {
	case x.Overdue:
		st.Overdue++
	case !x.Closed:
	case o.Outcome == record.OutcomeCorrected:
		st.Closed++
		st.Corrected++
		st.Version = max(st.Version, o.Version)
	default:
		st.Closed++
		st.Upheld++
	}
}

// workingDaysBetween counts the working days after from, up to and
// including to.
func workingDaysBetween(cal *calendar.Calendar, from, to record.Date) int {
	n := 0
	for d := from.AddDays(1); !d.After(to); d = d.AddDays(1) {
		if cal.IsWorking(d) {
			n++
		}
	}
	return n
}

// checkObjection reports an objection's mistakes that need no notice; it
// returns false when the record cannot be followed.
func checkObjection(o *record.Objection, errs *diag.List) bool {
	ok := true
	if !o.Closed.IsZero() {
		if o.Outcome == "" {
			errs.Add(o.Pos, "expected the outcome (outcome: 维持 or 更正) of the objection closed on %s, found none", o.Closed)
			ok = false
		}
		if strings.TrimSpace(o.Finding) == "" {
			errs.Add(o.Pos, "expected what was found (finding) for the objection closed on %s, found none; 办结的异议要写明核查情况", o.Closed)
			ok = false
		}
	} else if o.Outcome != "" {
		errs.Add(o.At("outcome"), "expected the day the objection was closed (closed) with its outcome %s, found none", o.Outcome)
		ok = false
	}
	switch {
	case o.Outcome == record.OutcomeCorrected && o.Version == 0:
		errs.Add(o.At("outcome"), "expected the version that corrected the notice (version) for the outcome 更正, found none; 写更正后公示是第几版，见公示页的“历次版本”")
		ok = false
	case o.Outcome != record.OutcomeCorrected && o.Has("version"):
		errs.Add(o.At("version"), "expected no version for an objection whose outcome is not 更正, found %d", o.Version)
		ok = false
	}
	return ok
}

// checkResult reports a result recorded before the notice's period ended.
func checkResult(n *Notice, errs *diag.List) {
	r := n.Result
	if r == nil || r.Date.IsZero() || r.Date.After(n.Period.End) {
		return
	}
	errs.Add(r.At("date"), "expected the result after the notice's period ends on %s, found %s; 公示期满后才能报送结果", n.Period.End, r.Date)
}

// Text is the state in the words of the notice board.
func (st *State) Text() string {
	var parts []string
	switch st.Phase {
	case calendar.NotStarted:
		parts = append(parts, "未开始")
	case calendar.Running:
		parts = append(parts, fmt.Sprintf("公示中（还剩%d个工作日）", st.Left))
	case calendar.Ended:
		if len(st.Objections) == 0 {
			return "公示期满，无异议"
		}
		parts = append(parts, "公示期满")
	}
	if n := len(st.Objections); n > 0 {
		parts = append(parts, fmt.Sprintf("收到异议%d件（已办结%d件）", n, st.Closed))
	}
	if st.Version > 0 {
		parts = append(parts, fmt.Sprintf("已更正（见第%d版）", st.Version))
	}
	return strings.Join(parts, "，")
}

// Outcome is the notice's result line once its period has ended (公示结果):
// how the objections were settled and what was done with the result; ""
// while the period runs.
func (st *State) Outcome() string {
	if st.Phase != calendar.Ended {
		return ""
	}
	var s string
	open := len(st.Objections) - st.Closed
	switch {
	case len(st.Objections) == 0:
		s = "公示期满无异议"
	case open == 0:
		s = fmt.Sprintf("公示期满，收到的%d件异议均已办结（%s）", len(st.Objections), settled(st.Corrected, st.Upheld))
	default:
		s = fmt.Sprintf("公示期满，收到异议%d件，已办结%d件，尚有%d件正在办理", len(st.Objections), st.Closed, open)
	}
	n := st.Notice
	if r := n.Result; r != nil && !r.Date.IsZero() {
		action := r.Action
		if action == "" && n.ReportTo != "" {
			action = "报" + n.ReportTo
		}
		if action != "" {
			s += "，已于" + r.Date.Chinese() + action
		}
	}
	return s + "。"
}

func settled(corrected, upheld int) string {
	var parts []string
	if corrected > 0 {
		parts = append(parts, fmt.Sprintf("更正%d件", corrected))
	}
	if upheld > 0 {
		parts = append(parts, fmt.Sprintf("维持原结果%d件", upheld))
	}
	return strings.Join(parts, "，")
}

// examples lists a few notice ids for a message.
func examples(ids []string) string {
	if len(ids) <= 5 {
		return strings.Join(ids, ", ")
	}
	return strings.Join(ids[len(ids)-5:], ", ") + ", …"
}

// suggest proposes the closest notice id for a mistyped one.
func suggest(id string, known []string) string {
	best, dist := "", 4
	for _, k := range known {
		if d := record.EditDistanceWithin(strings.ToLower(id), k, dist); d < dist || (d == dist && cmp.Less(k, best)) {
			best, dist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}
