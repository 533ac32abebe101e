package targets

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/record"
)

// How figures are rounded: the places below are those the computation
// rounds to, and the rules a notice prints say them from here.
const (
	pointPlaces   = 2 // an indicator's points, rounded half-up once
	percentPlaces = 1 // a rate shown as a percentage, at least
	scorePlaces   = 2 // a person's annual score as shown
)

// Rule is one rule of a scheme in words: what a reader needs to check a
// figure of an annual notice.
type Rule struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// FigureRules are the rules every unit's figures follow, whatever the
// year's scheme: how rates are compared and shown, how indicators score.
func FigureRules() []Rule {
	return []Rule{
		{"比率", fmt.Sprintf("比率按分子÷分母精确计算并与目标比较，以百分数显示，四舍五入保留%d位小数（如 688÷729 显示为 94.4%%）；%d位小数看不出是否达到目标的，多显示几位。", percentPlaces, percentPlaces)},
		{"计分", fmt.Sprintf("达到目标的得满分；按比例计分的，在保底值和目标值之间按比例得分，保底值及以下不得分；每项得分四舍五入保留%d位小数，总分为各项得分之和。", pointPlaces)},
	}
}

// Rules returns the rules of a year's unit target assessment, from its
// scheme: the figure rules, the ranking, the grade bands and the one-vote
// veto as the scheme sets them.
func Rules(s *record.TargetScheme) []Rule {
	rs := FigureRules()
	rank := "同一类别内按总分从高到低排名，总分相同的名次相同。"
	if s.Veto.Level != "" {
		rank = "同一类别内按总分从高到低排名，总分相同的名次相同；被一票否决的单位保留得分，不排名、不评等次，其他单位名次依次递补。"
	}
	rs = append(rs, Rule{"排名", rank})
	if len(s.Grades) > 0 {
		var gs []string
		for i, g := range s.Grades {
			if i > 0 && i == len(s.Grades)-1 {
				gs = append(gs, fmt.Sprintf("%s（不满%s分）", g.Name, s.Grades[i-1].Min))
			} else {
				gs = append(gs, fmt.Sprintf("%s（%s分及以上）", g.Name, g.Min))
			}
		}
		rs = append(rs, Rule{"等次", strings.Join(gs, "、") + "。"})
	}
	if v := s.Veto; v.Level != "" {
		text := "辖区内当年发生" + v.Level + "及以上生产安全事故"
		if v.Casualties {
			text += "（造成人员死亡或受伤）"
		}
		text += "的，实行一票否决：保留得分，不排名、不评等次。依据：" + v.Basis + "。"
		rs = append(rs, Rule{"一票否决", text})
	}
	return rs
}

// TargetRuleDocs returns the rules of Rules with each setting of the
// scheme named, for the reference page.
func TargetRuleDocs() []Rule {
	rs := FigureRules()
	return append(rs,
		Rule{"排名", "同一类别（groups）内按总分从高到低排名，总分相同的名次相同；设了一票否决的，被否决的单位保留得分，不排名、不评等次，其他单位名次依次递补。"},
		Rule{"等次", "按等次（grades）从高到低：得分不低于某一等次最低分（min）的评为该等次，最后一档为不满上一档最低分的。"},
		Rule{"一票否决", "辖区内当年发生事故等级（veto.level）及以上生产安全事故（veto.casualties 为 true 时限有人员伤亡）的，实行一票否决：保留得分，不排名、不评等次。"},
	)
}

// Rules returns the rules of a year's annual grades as they applied: the
// annual score, the 优秀 quota and who may have a place, the score lines,
// the veto.
func (g *Grades) Rules() []Rule {
	rec, ex := g.Rec, g.Rec.Excellent
	rs := []Rule{
		{"年度得分", fmt.Sprintf("年度得分为参加考核各季度%s%s的平均数，精确计算，显示时四舍五入保留%d位小数。", g.ScoreKind(), scoreIncludes(g.ScoreKind()), scorePlaces)},
		{"优秀名额", fmt.Sprintf("优秀名额为参加考核人数的%s%%，小数部分舍去：%d × %s%% = %s，取 %d 名。依据：%s。",
			ex.Quota, len(g.People), ex.Quota, trimRat(g.Quota), g.Places, ex.QuotaBasis)},
	}
	cond := []string{"优秀名额在称职人员中按年度得分从高到低确定"}
	if ex.Has("min") {
		cond = append(cond, fmt.Sprintf("年度得分须不低于%s分", ex.Min))
	}
	if ex.AllQualified {
		cond = append(cond, "有一个季度考核不合格的不得评为优秀")
	}
	var ties []string
	for _, t := range ex.Ties {
		ties = append(ties, TieWords(t))
	}
	cond = append(cond, "年度得分相同争最后一个名额的，依次比较"+strings.Join(ties, "、")+"，高者优先；仍相同的，由"+rec.Committee+"研究确定")
	rs = append(rs, Rule{"优秀", strings.Join(cond, "；") + "。"})
	rs = append(rs, Rule{"等次分数线", fmt.Sprintf("年度得分%s分及以上为称职，%s分及以上不满%s分为基本称职，不满%s分为不称职。",
		rec.Competent, rec.Basic, rec.Competent, rec.Basic)})
	if len(g.Vetoes) > 0 || rec.Veto.Has("roles") {
		v := "当年发生一票否决生产安全事故的监管对象，其"
		if len(rec.Veto.Roles) > 0 {
			v += strings.Join(rec.Veto.Roles, "、")
		} else {
			v += "各责任人"
		}
		v += "不得评为优秀"
		if rec.Veto.Basis != "" {
			v += "（" + rec.Veto.Basis + "）"
		}
		rs = append(rs, Rule{"一票否决", v + "。"})
	}
	return rs
}

// GradeRuleDocs returns the rules of Grades.Rules with each setting named,
// for the reference page.
func GradeRuleDocs() []Rule {
	return []Rule{
		{"年度得分", "年度得分为参加考核各季度总分或基础分（score）的平均数，精确计算，显示时四舍五入保留" + strconv.Itoa(scorePlaces) + "位小数。"},
		{"优秀名额", "优秀名额为参加考核人数 × 名额比例（excellent.quota）%，小数部分舍去。"},
		{"优秀", "优秀名额在称职人员中按年度得分从高到低确定；设了最低分（excellent.min）的，年度得分须不低于它；季度均须合格（excellent.all_qualified）的，有一个季度不合格的不得评为优秀；年度得分相同争最后一个名额的，按同分比较顺序（excellent.ties）依次比较，仍相同的按委员会确定的顺序（excellent.order）。"},
		{"等次分数线", "年度得分不低于称职分数线（competent）为称职，不低于基本称职分数线（basic）为基本称职，低于它为不称职。"},
		{"一票否决", "当年发生一票否决生产安全事故的监管对象，其责任人（veto.roles，不写为全部责任人）不得评为优秀。"},
	}
}

// scoreIncludes says what a kind of quarterly score counts.
func scoreIncludes(k assess.ScoreKind) string {
	if k == assess.TotalScore {
		return "（含加分）"
	}
	return "（不含加分）"
}

// trimRat shows an exact quota product: 3.9, 3.
func trimRat(x *big.Rat) string {
	s := strings.TrimRight(x.FloatString(4), "0")
	return strings.TrimSuffix(s, ".")
}
