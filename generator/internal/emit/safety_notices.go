package emit

import (
	"slices"

	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

type noticeRow struct {
	ID         string    `json:"id"`
	Kind       string    `json:"kind"`
	Number     string    `json:"number,omitempty"`
	To         partyView `json:"to"`
	Issued     string    `json:"issued"`
	Deadline   string    `json:"deadline,omitempty"`
	Subject    string    `json:"subject"`
	Object     *objRef   `json:"object,omitempty"`
	Hazard     string    `json:"hazard,omitempty"`
	Closed     string    `json:"closed,omitempty"`
	Status     string    `json:"status"`
	StatusText string    `json:"status_text"`
	Overdue    int       `json:"overdue,omitempty"`
	Left       int       `json:"left,omitempty"`
}

func (e *safetyEmitter) noticeRow(n *safety.Notice) noticeRow {
	rec := n.Rec
	row := noticeRow{
		ID: rec.ID, Kind: rec.Kind, Number: rec.Number, To: e.party(rec.To, rec.Issued, "负责人", nil),
		Issued: rec.Issued.String(), Deadline: rec.Deadline.String(), Subject: rec.Subject,
		Hazard: rec.Hazard, Status: n.Status.Slug(), StatusText: n.StatusText(),
		Overdue: n.DaysOverdue, Left: n.DaysLeft,
	}
	row.Closed = n.ClosedOn.String()
	if n.Object != nil {
		r := e.objRef(n.Object)
		row.Object = &r
	}
	return row
}

func (e *safetyEmitter) notices() {
	ss := sourceSet{}
	type group struct {
		Kind string      `json:"kind"`
		Rows []noticeRow `json:"rows"`
	}
	groups := []group{{Kind: record.NoticeSupervision, Rows: []noticeRow{}}, {Kind: record.NoticeWarning, Rows: []noticeRow{}}} // [] not null: the page counts them
	for _, n := range e.r.Notices {
		ss.files(kindNotice, n.Rec.Node)
		for i := range groups {
			if groups[i].Kind == n.Rec.Kind {
				groups[i].Rows = append(groups[i].Rows, e.noticeRow(n))
			}
		}
	}
	// Newest first: the list is read for what is current.
	for i := range groups {
		slices.Reverse(groups[i].Rows)
	}
	e.w.page("content/safety/notices.md", Front{
		Title:   "督办通知和安全告诫",
		Weight:  70,
		Summary: "对落实不力的单位和个人下发的督办通知（限期办结）和安全告诫。",
		Sources: ss.list(),
		Params: struct {
			View   string  `json:"view"`
			Groups []group `json:"groups"`
		}{"notices", groups},
	}, "")
}
