package emit

import (
	"fmt"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/safety"
)

// allSources lists every safety record file whole: the overview derives
// from them all.
func (e *safetyEmitter) allSources(ss sourceSet) {
	sf := &e.s.Safety
	if sf.Settings != nil {
		ss.add(sf.Settings.Pos.File, kindSettings, "")
	}
	for i := range sf.Categories {
		ss.files(kindCategory, sf.Categories[i].Node)
	}
	for i := range sf.Objects {
		ss.files(kindObject, sf.Objects[i].Node)
	}
	for i := range sf.Agreements {
		ss.files(kindAgreement, sf.Agreements[i].Node)
	}
	for i := range sf.Reports {
		ss.files(kindReports, sf.Reports[i].Node)
	}
	for i := range sf.Hazards {
		ss.files(kindHazard, sf.Hazards[i].Node)
	}
	for i := range sf.Notices {
		ss.files(kindNotice, sf.Notices[i].Node)
	}
	for i := range sf.Licences {
		ss.files(kindLicences, sf.Licences[i].Node)
	}
	for i := range sf.Accidents {
		ss.files(kindAccident, sf.Accidents[i].Node)
	}
}

type safetyCount struct {
	Label string `json:"label"`
	Value string `json:"value"`
	Path  string `json:"path"`
	Alert bool   `json:"alert,omitempty"`
}

type safetyHome struct {
	View      string         `json:"view"`
	Year      int            `json:"year"`
	Counts    []safetyCount  `json:"counts"`
	Overdue   []hazardRow    `json:"overdue,omitempty"`
	Notices   []noticeRow    `json:"notices,omitempty"`
	Licences  []licenceRow   `json:"licences,omitempty"`
	Missing   []gapRow       `json:"missing,omitempty"`
	Accidents []accidentRow  `json:"accidents,omitempty"`
	Browse    []safetyBrowse `json:"browse"`
}

type safetyBrowse struct {
	Path string `json:"path"`
	Text string `json:"text"`
}

func (e *safetyEmitter) home() {
	r := e.r
	ss := sourceSet{}
	e.allSources(ss)
	pg := safetyHome{View: "home", Year: r.Year}
	active := 0
	for _, o := range r.Objects {
		if o.Active {
			active++
		}
	}
	open, overdue := 0, 0
	for _, h := range r.Hazards {
		switch h.Status {
		case safety.Open:
			open++
		case safety.Overdue:
			overdue++
			pg.Overdue = append(pg.Overdue, e.hazardRow(h))
		}
	}
	nOverdue := 0
	for _, n := range r.Notices {
		if n.Status == safety.Overdue {
			nOverdue++
			pg.Notices = append(pg.Notices, e.noticeRow(n))
		}
	}
	lic := 0
	for _, l := range r.Licences {
		if l.Status != safety.Valid {
			lic++
			pg.Licences = append(pg.Licences, e.licenceRow(l))
		}
	}
	for _, g := range r.Coverage.Missing {
		pg.Missing = append(pg.Missing, gapRow{Object: e.objRef(g.Object), Kind: g.Kind})
	}
	for _, a := range r.Accidents {
		if a.Date.Year == r.Year {
			pg.Accidents = append(pg.Accidents, e.accidentRow(a))
		}
	}
	late, missing := 0, 0
	if c := r.Reports; c != nil {
		for _, row := range c.Rows {
			late += row.Late
			missing += row.Missing
		}
	}
	pg.Counts = []safetyCount{
		{Label: "监管对象", Value: fmt.Sprintf("%d 个", active), Path: "/safety/objects"},
		{Label: fmt.Sprintf("%d年责任书签订", r.Year), Value: fmt.Sprintf("%d / %d 项", r.Coverage.Covered, r.Coverage.Required), Path: "/safety/agreements", Alert: len(r.Coverage.Missing) > 0},
		{Label: "月报迟报 / 缺报", Value: fmt.Sprintf("%d / %d 次", late, missing), Path: "/safety/reports", Alert: missing > 0},
		{Label: "隐患整改中 / 逾期", Value: fmt.Sprintf("%d / %d 处", open, overdue), Path: "/safety/hazards", Alert: overdue > 0},
		{Label: "督办逾期未办结", Value: fmt.Sprintf("%d 件", nOverdue), Path: "/safety/notices", Alert: nOverdue > 0},
		{Label: "许可证过期 / 即将到期", Value: fmt.Sprintf("%d 个", lic), Path: "/safety/licences", Alert: lic > 0 || len(r.Unlicensed) > 0},
	}
	pg.Browse = []safetyBrowse{
		{"/safety/villages", "按村（社区）查看每个村的监管对象和包保责任人。"},
		{"/safety/objects", "按船舶、客运车辆、企业、学校等类别查看。"},
		{"/safety/people", "每位干部负责的对象（包村、包船、包企……）和签订的责任书。"},
		{"/safety/agreements", "责任书逐级签订图、签订情况和缺签清单。"},
		{"/safety/network", "从镇政府到包保领导、监管站所和每个对象的责任网络图。"},
		{"/safety/reports", "各村、企业、学校每月安全生产月报的报送情况。"},
		{"/safety/hazards", "事故隐患的发现、限期整改和复查销号。"},
		{"/safety/notices", "督办通知和安全告诫的下发与办结。"},
		{"/safety/licences", "非煤矿山、危化品和烟花爆竹经营许可证的有效期。"},
		{"/safety/placards", "每个监管对象的责任公示牌，A4、A3 打印张贴。"},
	}
	objects := len(e.r.Objects)
	e.w.page("content/safety/_index.md", Front{
		Title:     "安全生产责任公示",
		LinkTitle: "责任清单",
		Weight:    15,
		// Its pages are views of the objects: without one it is blank.
		Items:   &objects,
		Origin:  diag.Pos{File: record.Dir + "/safety/objects/"},
		Summary: "每一条船、每一辆客运车、每一家企业、每一个村和学校由谁负责，责任书、月报、隐患整改、督办和许可证情况。",
		Sources: ss.list(),
		Params:  pg,
	}, "")
}
