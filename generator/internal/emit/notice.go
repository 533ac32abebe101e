package emit

import (
	"strings"
	"unicode/utf8"

	"gongshi/generator/internal/calendar"
	"gongshi/generator/internal/record"
)

// notice is the part of the front matter every notice (公示) carries,
// whatever it announces: the layouts/notices templates print it the same
// way for assessment results, target results and the like, and the notice
// list shows its status.
type notice struct {
	Kind      string    `json:"kind"`   // what it announces: 绩效考核, 目标考核, …
	Layout    string    `json:"layout"` // the partial that prints its body: notice/assess.html
	Number    string    `json:"number,omitempty"`
	Organ     string    `json:"organ"`
	Issued    string    `json:"issued"`
	IssuedCN  string    `json:"issued_cn"`
	Text      []string  `json:"text,omitempty"` // paragraphs of the wording
	Period    period    `json:"period"`
	Status    status    `json:"status"`
	Objection objection `json:"objection"`
	ReportTo  string    `json:"report_to,omitempty"`
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

// status is where the period stands on the build's as-of day.
type status struct {
	Phase string `json:"phase"` // 未开始, 公示中, 公示期满
	Left  int    `json:"left,omitempty"`
	Text  string `json:"text"`
}

func newNotice(kind, layout string, t record.Township, issued record.Date, number string, p calendar.Period, cal *calendar.Calendar, asOf record.Date, text string) notice {
	n := notice{
		Kind:     kind,
		Layout:   layout,
		Number:   number,
		Organ:    t.Organ,
		Issued:   issued.String(),
		IssuedCN: issued.Chinese(),
		Text:     paragraphs(text),
		Objection: objection{Office: t.Objection.Office, Address: t.Objection.Address,
			Phone: t.Objection.Phone, Email: t.Objection.Email, Hours: t.Objection.Hours},
	}
	if !p.End.IsZero() {
		n.Period = period{Start: p.Published.String(), End: p.End.String(), StartCN: p.Published.Chinese(), EndCN: p.End.Chinese(),
			FirstCounts: p.Start == p.Published, WorkingDays: p.WorkingDays, Provisional: p.Provisional, Missing: p.Missing}
		st := cal.Status(p, asOf)
		n.Status = status{Phase: st.Phase.String(), Left: st.Left, Text: st.String()}
	}
	return n
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
