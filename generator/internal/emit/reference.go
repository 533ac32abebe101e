package emit

import (
	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/record"
)

// emitReference writes the reference page of the record formats, generated
// from the same struct tags as the decoder and the JSON Schemas, with the
// names a notice template may use.
func emitReference(w *writer) {
	w.page("content/reference/_index.md", Front{
		Title:   "记录格式说明",
		Weight:  90,
		Summary: "每一种档案记录文件的位置、字段、含义和示例，供录入人员和审计人员查阅。",
		Params: struct {
			Kinds     []record.KindDoc `json:"kinds"`
			Templates []string         `json:"templates"`
		}{record.Reference(), assess.TemplateNames()},
	}, "")
}
