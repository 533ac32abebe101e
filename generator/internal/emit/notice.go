package emit

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
)

// notice is the part of the front matter every notice (公示) carries,
// whatever it announces: the layouts/notices templates print it the same
// way for assessment results, target results and the like, and the notice
// list shows its status. It holds every element of a notice: its number,
// basis, period in working days, where objections go and by when, the
// issuing organ and date (the results are the page's own).
type notice struct {
	ID        string    `json:"id"`
	Kind      string    `json:"kind"`   // what it announces: 绩效考核, 目标考核, …
	Layout    string    `json:"layout"` // the partial that prints its body: notice/assess.html
	Number    string    `json:"number,omitempty"`
	Basis     string    `json:"basis,omitempty"` // what it is made under: 《…办法》（朝委发〔2026〕3号）
	Organ     string    `json:"organ"`
	Issued    string    `json:"issued"`
	IssuedCN  string    `json:"issued_cn"`
	Text      []string  `json:"text,omitempty"` // paragraphs of the wording
	Period    period    `json:"period"`
	Status    status    `json:"status"`
	Objection objection `json:"objection"`
	ReportTo  string    `json:"report_to,omitempty"`
	// Worded says which elements the notice's own wording states (the
	// period's last day; the office objections go to): the page prints
	// the others, so that every notice states them once.
	Worded worded `json:"worded"`
}

type worded struct {
	Period    bool `json:"period,omitempty"`
	Objection bool `json:"objection,omitempty"`
}

// period runs from the day the notice is posted to the end of its last
// working day; whether the posting day itself counts is stated.
type period struct {
	Start       string `json:"start,omitempty"`
	FirstCounts bool   `json:"first_counts,omitempty"`
	End         string `json:"end,omitempty"`
	StartCN     string `json:"start_cn,omitempty"`
	EndCN       string `json:"end_cn,omitempty"`
	WorkingDays int    `json:"working_days,omitempty"`
	Provisional bool   `json:"provisional,omitempty"`
	Missing     []int  `json:"missing,omitempty"` // years without a holiday calendar
}

// status is where the notice stands on the build's as-of day: its period,
// the objections to it, its result (package publicity). It changes with
// the day and not with the notice: versions neither compare nor show it
// (an object with a "phase").
type status struct {
	Phase      string          `json:"phase"` // 未开始, 公示中, 公示期满
	Left       int             `json:"left,omitempty"`
	Text       string          `json:"text"`
	Outcome    string          `json:"outcome,omitempty"` // 公示结果, once the period has ended
	Objections []objectionView `json:"objections,omitempty"`
	Open       int             `json:"open,omitempty"`
	Overdue    int             `json:"overdue,omitempty"`
	Version    int             `json:"version,omitempty"` // the version a correction made
	Limit      string          `json:"limit,omitempty"`   // how long an objection may stay open, and why
}

// objectionView is an objection as the notice publishes it: never who
// objected, nor how to reach them.
type objectionView struct {
	ID       string `json:"id"`
	Anchor   string `json:"anchor"`
	Received string `json:"received"`
	Channel  string `json:"channel"`
	Summary  string `json:"summary"`
	Office   string `json:"office"`
	Finding  string `json:"finding,omitempty"`
	Outcome  string `json:"outcome,omitempty"`
	Version  int    `json:"version,omitempty"`
	Closed   string `json:"closed,omitempty"`
	Days     int    `json:"days"` // working days open, to the day or to its closing
	Overdue  bool   `json:"overdue,omitempty"`
}

// objectionAnchor is where an objection is described on its notice.
func objectionAnchor(id string) string { return "objection-" + id }

// noticeOf is what newNotice needs of a domain's notice.
type noticeOf struct {
	id, kind, layout string
	issued           record.Date
	number, basis    string
	period           calendar.Period
	text             string
}

func newNotice(in Input, d noticeOf) notice {
	t := in.Set.Township
	n := notice{
		ID:       d.id,
		Kind:     d.kind,
		Layout:   d.layout,
		Number:   d.number,
		Basis:    d.basis,
		Organ:    t.Organ,
		Issued:   d.issued.String(),
		IssuedCN: d.issued.Chinese(),
		Text:     paragraphs(d.text),
		Objection: objection{Office: t.Objection.Office, Address: t.Objection.Address,
			Phone: t.Objection.Phone, Email: t.Objection.Email, Hours: t.Objection.Hours},
	}
	p := d.period
	if p.End.IsZero() {
		return n
	}
	n.Period = period{Start: p.Published.String(), End: p.End.String(), StartCN: p.Published.Chinese(), EndCN: p.End.Chinese(),
		FirstCounts: p.Start == p.Published, WorkingDays: p.WorkingDays, Provisional: p.Provisional, Missing: p.Missing}
	all := strings.Join(n.Text, "")
	n.Worded = worded{Period: strings.Contains(all, p.End.Chinese()), Objection: strings.Contains(all, t.Objection.Office)}
	n.Status = statusOf(in, d.id, p)
	return n
}

// statusOf is where the notice stands on the build's day: as package
// publicity says, or from its period alone when it was not asked.
func statusOf(in Input, id string, p calendar.Period) status {
	st := in.Publicity.State(id)
	if st == nil {
		s := in.Calendar.Status(p, in.Build.AsOf)
		return status{Phase: s.Phase.String(), Left: s.Left, Text: s.String()}
	}
	v := status{Phase: st.Phase.String(), Left: st.Left, Text: st.Text(), Outcome: st.Outcome(),
		Open: len(st.Objections) - st.Closed, Overdue: st.Overdue, Version: st.Version}
	if len(st.Objections) > 0 {
		v.Limit = fmt.Sprintf("异议自收到之日起%d个工作日内办结答复", st.Limit.Days)
		if b := strings.TrimRight(st.Limit.Basis, "。"); b != "" {
			v.Limit += "（" + b + "）"
		}
	}
	for _, o := range st.Objections {
		r := o.Rec
		ov := objectionView{ID: r.ID, Anchor: objectionAnchor(r.ID), Received: r.Received.Chinese(), Channel: r.Channel,
			Summary: r.Summary, Office: r.Office, Days: o.Days, Overdue: o.Overdue}
		if o.Closed {
			ov.Finding, ov.Outcome, ov.Version, ov.Closed = r.Finding, r.Outcome, r.Version, r.Closed.Chinese()
		}
		v.Objections = append(v.Objections, ov)
	}
	return v
}

// paragraphs splits a notice's wording at blank lines; line breaks inside
// a paragraph are the template's layout, not the reader's.
func paragraphs(text string) []string {
	var ps []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, joinLines(strings.Split(p, "\n")))
		}
	}
	return ps
}

// joinLines joins the lines of a paragraph the way Chinese text is joined:
// without a space, unless both sides are Latin letters or digits.
func joinLines(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if i > 0 && b.Len() > 0 {
			prev, _ := utf8.DecodeLastRuneInString(b.String())
			next, _ := utf8.DecodeRuneInString(l)
			if prev < utf8.RuneSelf && next < utf8.RuneSelf {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}
