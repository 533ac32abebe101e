package emit

import (
	"cmp"
	"fmt"
	"slices"

	"gongshi/generator/internal/safety"
)

type reportRow struct {
	Unit     unitRef `json:"unit"`
	Month    string  `json:"month"`
	Due      string  `json:"due"`
	Received string  `json:"received,omitempty"`
	Status   string  `json:"status"`
	Text     string  `json:"text"`
	Late     int     `json:"late,omitempty"`
	Cadre    string  `json:"cadre,omitempty"`
	Note     string  `json:"note,omitempty"`
}

type reportTotal struct {
	Unit    unitRef `json:"unit"`
	OnTime  int     `json:"on_time"`
	Late    int     `json:"late"`
	Missing int     `json:"missing"`
}

func (e *safetyEmitter) reports() {
	c := e.r.Reports
	ss := sourceSet{}
	e.allReportSources(ss)
	type page struct {
		View   string        `json:"view"`
		Year   int           `json:"year"`
		Basis  string        `json:"basis,omitempty"`
		Matrix svgView       `json:"matrix"`
		Lapses []reportRow   `json:"lapses,omitempty"`
		Totals []reportTotal `json:"totals,omitempty"`
	}
	used := links{}
	pg := page{View: "reports", Year: e.r.Year, Matrix: svgView{SVG: string(complianceMatrix(e.r, e.diagramLinks(used)).SVG())}}
	pg.Matrix.Links = used.list()
	if c != nil {
		pg.Basis = c.Rule.Basis
		for _, row := range c.Rows {
			u := e.unitRef(row.Unit.ID)
			ss.add(row.Unit.Pos.File, "unit", row.Unit.ID)
			pg.Totals = append(pg.Totals, reportTotal{Unit: u, OnTime: row.OnTime, Late: row.Late, Missing: row.Missing})
			for _, cell := range row.Cells {
				if cell.Status != safety.Late && cell.Status != safety.Missing {
					continue
				}
				rr := reportRow{Unit: u, Month: cell.Month.Chinese(), Due: cell.Due.String(), Status: cell.Status.Slug(), Text: cell.Status.String(), Late: cell.DaysLate}
				if rep := cell.Report; rep != nil && cell.Status == safety.Late {
					rr.Received = rep.Received.String()
					rr.Note = rep.Note
					if p := e.s.Person(rep.Cadre); p != nil {
						rr.Cadre = p.Name
					}
				}
				pg.Lapses = append(pg.Lapses, rr)
			}
		}
		slices.SortStableFunc(pg.Lapses, func(a, b reportRow) int { return cmp.Compare(a.Due, b.Due) })
	}
	e.w.page("content/safety/reports.md", Front{
		Title:   fmt.Sprintf("%d年安全生产月报报送情况", e.r.Year),
		Weight:  50,
		Summary: "各村（社区）、企业、学校每月安全生产月报是否按时报送，迟报、缺报一览。",
		Sources: ss.list(),
		Params:  pg,
	}, "")
}

func (e *safetyEmitter) allReportSources(ss sourceSet) {
	sf := &e.s.Safety
	if sf.Settings != nil {
		ss.add(sf.Settings.Pos.File, kindSettings, "")
	}
	for i := range sf.Reports {
		ss.files(kindReports, sf.Reports[i].Node)
	}
}
