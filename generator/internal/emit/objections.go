package emit

import (
	"slices"
	"strconv"
	"strings"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/record"
)

// The objections page (公示异议): every objection to every notice, how it
// was handled, and where each notice stands; its change history is that of
// the objection records. Each notice shows its own objections too.

type objectionsNotice struct {
	Title  string          `json:"title"`
	Path   string          `json:"path"`
	Status status          `json:"status"`
	Items  []objectionView `json:"items"`
}

type objectionsPage struct {
	Notices []objectionsNotice `json:"notices"`
	Limit   string             `json:"limit"`
	Open    int                `json:"open"`
	Overdue int                `json:"overdue"`
}

func emitObjections(w *writer, in Input) {
	if in.Publicity == nil || w.keep != nil {
		return
	}
	var page objectionsPage
	l := in.Publicity.Limit
	page.Limit = "收到的异议自收到之日起" + strconv.Itoa(l.Days) + "个工作日内办结答复"
	if b := strings.TrimRight(l.Basis, "。"); b != "" {
		page.Limit += "（" + b + "）"
	}
	for _, st := range in.Publicity.States {
		if len(st.Objections) == 0 {
			continue
		}
		s := statusOf(in, st.Notice.ID, st.Notice.Period)
		page.Notices = append(page.Notices, objectionsNotice{Title: st.Notice.Title, Path: "/notices/" + st.Notice.ID, Status: s, Items: s.Objections})
		page.Open += s.Open
		page.Overdue += s.Overdue
	}
	slices.Reverse(page.Notices) // newest notice first
	var sources []Source
	for _, f := range in.Set.Files {
		if k, ok := record.KindOf(f); ok && k.Name == "objections" {
			sources = append(sources, Source{File: f})
		}
	}
	// The register speaks of every notice posted, objected to or not: it
	// is blank only while there is no notice.
	notices := len(in.Publicity.States)
	w.page("content/objections/_index.md", Front{
		Title: "公示异议", Weight: 15, Sources: sources,
		Items: &notices, Origin: diag.Pos{File: record.Dir + "/objections/"},
		Summary: "公示期间收到的每一件异议：反映了什么、由谁办理、核查情况和处理结果。反映人的姓名和联系方式不公开。",
		Params:  page,
	}, "")
}
