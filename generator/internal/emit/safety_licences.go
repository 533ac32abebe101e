package emit

import (
	"fmt"

	"gongshi/generator/internal/safety"
)

type licenceRow struct {
	Holder     objRef `json:"holder"`
	Kind       string `json:"kind"`
	Number     string `json:"number"`
	Issuer     string `json:"issuer,omitempty"`
	Issued     string `json:"issued,omitempty"`
	Expiry     string `json:"expiry"`
	Status     string `json:"status"`
	StatusText string `json:"status_text"`
	Left       int    `json:"left"`
}

func (e *safetyEmitter) licenceRow(l *safety.Licence) licenceRow {
	rec := l.Rec
	row := licenceRow{
		Kind: rec.Kind, Number: rec.Number, Issuer: rec.Issuer, Issued: rec.Issued.String(),
		Expiry: rec.Expiry.String(), Status: l.Status.Slug(), StatusText: l.Status.String(), Left: l.DaysLeft,
	}
	if l.Holder != nil {
		row.Holder = e.objRef(l.Holder)
	} else {
		row.Holder = objRef{ID: rec.Holder, Name: rec.Holder}
	}
	return row
}

func (e *safetyEmitter) licences() {
	ss := sourceSet{}
	var rows []licenceRow
	for _, l := range e.r.Licences {
		rows = append(rows, e.licenceRow(l))
		ss.files(kindLicences, l.Rec.Node)
		if l.Holder != nil {
			e.addObject(ss, l.Holder)
		}
	}
	var gaps []gapRow
	for _, g := range e.r.Unlicensed {
		gaps = append(gaps, gapRow{Object: e.objRef(g.Object), Kind: g.Kind})
		e.addObject(ss, g.Object)
	}
	warn := e.s.Safety.Settings.WarnDays()
	e.w.page("content/safety/licences.md", Front{
		Title:   "安全生产许可证",
		Weight:  80,
		Summary: fmt.Sprintf("非煤矿山、危险化学品和烟花爆竹经营单位持有的许可证；%d天内到期的列为即将到期。", warn),
		Sources: ss.list(),
		Params: struct {
			View       string       `json:"view"`
			Warn       int          `json:"warn"`
			Rows       []licenceRow `json:"rows"`
			Unlicensed []gapRow     `json:"unlicensed,omitempty"`
		}{"licences", warn, rows, gaps},
	}, "")
}
