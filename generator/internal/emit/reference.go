package emit

import (
	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/figures"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/targets"
)

// emitReference writes the reference page of the record formats, generated
// from the same struct tags as the decoder and the JSON Schemas, with the
// names a notice template may use.
func emitReference(w *writer) {
	kinds := len(record.Kinds())
	w.page("content/reference/_index.md", Front{
		Items:   &kinds,
		Title:   "记录格式说明",
		Weight:  90,
		Summary: "每一种档案记录文件的位置、字段、含义和示例，供录入人员和审计人员查阅。",
		Params: struct {
			Kinds     []record.KindDoc  `json:"kinds"`
			Templates []string          `json:"templates"`
			Figures   figureNames       `json:"figures"`
			Rules     map[string][]rule `json:"rules"`
		}{record.Reference(), assess.TemplateNames(), figureNamesDoc(), map[string][]rule{
			// The rules each kind of notice prints, with each setting
			// named: the same sentences the notices print.
			"assess-schemes": assessRuleDocs(),
			"target-schemes": targetRules(targets.TargetRuleDocs()),
			"annual-grades":  targetRules(targets.GradeRuleDocs()),
		}},
	}, "")
}

func assessRuleDocs() []rule {
	var out []rule
	for _, r := range assess.RuleDocs() {
		out = append(out, rule{r.Name, r.Text})
	}
	return out
}

// figureNames documents the names a summary's text may use, from the
// definitions the figures are computed by.
type figureNames struct {
	AsOf    string          `json:"as_of"`
	Parts   []figureNameDef `json:"parts"`
	Domains []figureDomain  `json:"domains"`
}

type figureDomain struct {
	Name  string          `json:"name"`
	Title string          `json:"title"`
	Doc   string          `json:"doc,omitempty"`
	Names []figureNameDef `json:"names"`
}

type figureNameDef struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
	Unit  string `json:"unit,omitempty"`
	Doc   string `json:"doc,omitempty"`
}

func figureNamesDoc() figureNames {
	n := figureNames{AsOf: figures.AsOfName}
	for _, p := range figures.Parts {
		n.Parts = append(n.Parts, figureNameDef{Name: p.Pattern, Title: p.Title})
	}
	for _, d := range figures.Domains {
		fd := figureDomain{Name: d.Name, Title: d.Title, Doc: d.Doc}
		for _, x := range d.Defs {
			fd.Names = append(fd.Names, figureNameDef{Name: d.Name + "." + x.Pattern, Title: x.Title, Unit: x.Unit, Doc: x.Doc})
		}
		n.Domains = append(n.Domains, fd)
	}
	return n
}
