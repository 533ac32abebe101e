package figures

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/assess"
	"gongshi/generator/internal/record"
	"gongshi/generator/internal/targets"
)

var day = record.MustDate

// township decodes testdata/township.txtar and adds the files given
// (path, text pairs) on top.
func township(t *testing.T, extra ...string) *record.Set {
	t.Helper()
	a, err := txtar.ParseFile("testdata/township.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var files []record.File
	for _, f := range a.Files {
		files = append(files, record.File{Path: f.Name, Data: f.Data})
	}
	for i := 0; i+1 < len(extra); i += 2 {
		files = append(files, record.File{Path: extra[i], Data: []byte(extra[i+1])})
	}
	s, errs := record.Decode(files)
	if errs.Len() > 0 {
		t.Fatalf("records do not decode:\n%v", errs)
	}
	return s
}

// figure returns a figure of a result, failing the test if it is absent.
func figure(t *testing.T, r *Result, year int, name string) *Figure {
	t.Helper()
	y := r.Year(year)
	if y == nil {
		t.Fatalf("no figures of %d", year)
	}
	f := y.Figure(name)
	if f == nil {
		t.Fatalf("no figure %s of %d", name, year)
	}
	return f
}

type want struct {
	name string
	text string // the value as printed, or (note) when missing
	note string
}

func check(t *testing.T, r *Result, year int, tests []want) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := figure(t, r, year, tt.name)
			if f.Text() != tt.text || f.Note != tt.note {
				t.Errorf("%s = %q (note %q); want %q (note %q)", tt.name, f.Text(), f.Note, tt.text, tt.note)
			}
		})
	}
}

func TestSafetyFiguresOfAYearRunning(t *testing.T) {
	r, errs := Compute(Input{Set: township(t), AsOf: day("2026-11-24")})
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	const asOf = "截至2026年11月24日"
	const reports = asOf + "，11月、12月月报未到报送期限"
	check(t, r, 2026, []want{
		{"安全.责任书.份数", "3", asOf}, // the 2025 agreement is not counted
		{"安全.责任书.综合", "2", asOf},
		{"安全.责任书.专业", "0", asOf},
		{"安全.责任书.专项", "1", asOf},
		{"安全.责任书.第1级", "2", asOf},
		{"安全.责任书.第2级", "1", asOf},
		{"安全.对象.个数", "3", asOf},
		{"安全.对象.应签", "3", asOf},
		{"安全.对象.已签", "2", asOf},
		{"安全.对象.未签", "1", asOf},
		{"安全.对象.签订率", "66.7", asOf},
		{"安全.对象.未覆盖", "1", asOf},
		// h2 was rectified ten days late: rectified, and late.
		{"安全.隐患.发现", "4", asOf},
		{"安全.隐患.已整改", "2", asOf},
		{"安全.隐患.按期整改", "1", asOf},
		{"安全.隐患.逾期整改", "1", asOf},
		{"安全.隐患.已复查", "1", asOf},
		{"安全.隐患.逾期未整改", "1", asOf},
		{"安全.隐患.整改中", "1", asOf},
		{"安全.隐患.整改率", "50.0", asOf},
		{"安全.隐患.一般.发现", "3", asOf},
		{"安全.隐患.重大.发现", "1", asOf},
		{"安全.隐患.重大.已整改", "1", asOf},
		{"安全.隐患.重大.逾期整改", "1", asOf},
		{"安全.隐患.一般.逾期整改", "0", asOf},
		{"安全.督办.下发", "3", asOf},
		{"安全.督办.已办结", "2", asOf},
		{"安全.督办.按期办结", "1", asOf},
		{"安全.督办.逾期办结", "1", asOf},
		{"安全.督办.逾期未办结", "1", asOf},
		{"安全.督办.办理中", "0", asOf},
		{"安全.告诫.下发", "1", asOf},
		{"安全.告诫.已办结", "0", asOf},
		// 龙潭村's October report never came: it counts, as missing.
		{"安全.月报.应报", "17", reports},
		{"安全.月报.按时", "15", reports},
		{"安全.月报.迟报", "1", reports},
		{"安全.月报.缺报", "1", reports},
		{"安全.月报.未到期", "4", reports},
		{"安全.月报.报送率", "94.1", reports},
		{"安全.月报.按时报送率", "88.2", reports},
		{"安全.月报.河西村.应报", "10", reports},
		{"安全.月报.河西村.迟报", "1", reports},
		{"安全.月报.龙潭村.应报", "7", reports}, // established in April
		{"安全.月报.龙潭村.缺报", "1", reports},
		{"安全.许可证.总数", "3", asOf},
		{"安全.许可证.有效", "1", asOf},
		{"安全.许可证.即将到期", "1", asOf},
		{"安全.许可证.已过期", "1", asOf},
		{"安全.事故.起数", "2", asOf},
		{"安全.事故.一般", "2", asOf},
		{"安全.事故.较大", "0", asOf},
		{"安全.事故.死亡", "0", asOf},
		{"安全.事故.重伤", "1", asOf},
		{"安全.事故.轻伤", "1", asOf},
		{"安全.事故.损失", "1.5", asOf},
		{"安全.事故.无事故天数", "102", asOf},  // 2026-08-15 to 2026-11-24
		{"安全.安全运转.红星砖厂", "198", asOf}, // from the day after its accident, 2026-05-11
	})
}

func TestSafetyFiguresOfAYearOver(t *testing.T) {
	r, errs := Compute(Input{Set: township(t), AsOf: day("2027-02-01")})
	if errs.Len() > 0 {
		t.Fatal(errs)
	}
	check(t, r, 2026, []want{
		// h4's deadline passed on 31 December without rectification.
		{"安全.隐患.逾期未整改", "2", ""},
		{"安全.隐患.整改中", "0", ""},
		// November and December are due now, and missing from both.
		{"安全.月报.应报", "21", ""},
		{"安全.月报.缺报", "5", ""},
		{"安全.月报.未到期", "0", ""},
		// States are taken on 31 December: the licence expiring on
		// 10 December has expired.
		{"安全.许可证.即将到期", "0", ""},
		{"安全.许可证.已过期", "2", ""},
		{"安全.事故.无事故天数", "139", ""},
		{"安全.安全运转.红星砖厂", "235", ""},
	})
	check(t, r, 2025, []want{
		{"安全.责任书.份数", "1", ""},
		{"安全.事故.起数", "1", ""},
		// The reporting rule began in 2026: nothing was due in 2025.
		{"安全.月报.应报", "0", ""},
		{"安全.月报.报送率", "（无可统计的记录）", "无可统计的记录"},
	})
}

func TestFiguresNameTheRecordsTheyCount(t *testing.T) {
	r, _ := Compute(Input{Set: township(t), AsOf: day("2026-11-24")})
	tests := []struct {
		name string
		want []string // Kind/ID or Kind:Label
	}{
		{"安全.隐患.逾期整改", []string{"hazard/h2"}},
		{"安全.隐患.已整改", []string{"hazard/h1", "hazard/h2"}},
		{"安全.督办.逾期未办结", []string{"notice/n3"}},
		{"安全.对象.未覆盖", []string{"supervised object/longtan-cun"}},
		{"安全.月报.缺报", []string{"safety-reports:龙潭村 2026年10月"}},
		{"安全.责任书.专项", []string{"agreement/a3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, ref := range figure(t, r, 2026, tt.name).Records {
				if ref.ID != "" {
					got = append(got, ref.Kind+"/"+ref.ID)
				} else {
					got = append(got, ref.Kind+":"+ref.Label)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("%s counts %v; want %v", tt.name, got, tt.want)
			}
		})
	}
}

// quarter is an assessed quarter of two people, paid a and b fen.
func quarter(y, q int, a, b assess.Fen) *assess.Result {
	p := func(id string, pay assess.Fen, total string) *assess.Assessee {
		return &assess.Assessee{Person: &record.Person{ID: id}, Pay: pay, Qualified: pay > 0, Total: decimal.RequireFromString(total)}
	}
	r := &assess.Result{
		Quarter: record.Quarter{Year: y, Q: q},
		Record:  &record.AssessQuarter{Issued: record.Quarter{Year: y, Q: q}.Last().AddDays(8)},
		People:  []*assess.Assessee{p("li", a, "92.5"), p("wang", b, "78")},
		Pool:    300000,
		Paid:    a + b,
		Balance: 300000 - a - b,
	}
	r.Stats = assess.Stats{Assessed: 2, Qualified: 1, Unqualified: 1, Paid: 1, Total: a + b, MeanPay: a + b, HighestPay: a, LowestPay: a}
	if b > 0 {
		r.Stats = assess.Stats{Assessed: 2, Qualified: 2, Paid: 2, Total: a + b, MeanPay: (a + b) / 2, HighestPay: max(a, b), LowestPay: min(a, b)}
	}
	return r
}

func TestAssessFiguresMarkAQuarterNotYetAssessed(t *testing.T) {
	results := []*assess.Result{quarter(2026, 1, 138750, 0), quarter(2026, 2, 150000, 120000)}
	r, _ := Compute(Input{Set: township(t), AsOf: day("2026-11-24"), Assess: results})
	const partial = "截至2026年第二季度，三季度、四季度未计入"
	check(t, r, 2026, []want{
		{"考核.一季度.资金池", "3000.00", ""},
		{"考核.一季度.发放", "1387.50", ""},
		{"考核.一季度.结余", "1612.50", ""},
		{"考核.一季度.不合格", "1", ""},
		{"考核.一季度.平均分", "85.25", ""},
		{"考核.一季度.最低分", "78", ""},
		{"考核.二季度.人均", "1350.00", ""},
		{"考核.二季度.最高", "1500.00", ""},
		{"考核.二季度.最低", "1200.00", ""},
		// The third quarter is over and not assessed; the fourth runs.
		{"考核.三季度.发放", "（2026年第三季度尚未考核）", "2026年第三季度尚未考核"},
		{"考核.四季度.发放", "（2026年第四季度尚未结束）", "2026年第四季度尚未结束"},
		{"考核.全年.资金池", "6000.00", partial},
		{"考核.全年.发放", "4087.50", partial},
		{"考核.全年.考核人数", "2", partial},
		{"考核.全年.考核人次", "4", partial},
		{"考核.全年.不合格人次", "1", partial},
		{"考核.全年.最高", "2887.50", partial}, // li: 1387.50 + 1500.00
		{"考核.全年.最低", "1200.00", partial},
		{"考核.全年.人均", "2043.75", partial},
	})
	if f := figure(t, r, 2026, "考核.三季度.发放"); f.IsZero() || !f.Missing {
		t.Errorf("a quarter not assessed: IsZero %v, Missing %v; want no value, not zero", f.IsZero(), f.Missing)
	}
}

func TestTargetFiguresGiveEachIndicator(t *testing.T) {
	set := township(t)
	wsy := &record.Unit{ID: "wsy", Name: "朝天镇卫生院"}
	hexi := set.Unit("hexi")
	rate := &record.TargetIndicator{Code: "W01", Name: "65岁以上老年人健康管理率", Kind: record.IndicatorRate, NumeratorName: "体检人数", DenominatorName: "65岁以上老年人数",
		Numerator: decimal.NewFromInt(688), Denominator: decimal.NewFromInt(729)}
	count := &record.TargetIndicator{Code: "W08", Name: "医疗安全事故", Kind: record.IndicatorCount, Unit: "起", Value: decimal.Zero}
	ty := &targets.Year{Year: 2026, Scheme: &record.TargetScheme{Title: "2026年度目标管理责任考核办法", Year: 2026}, Final: true}
	g := &targets.Group{Name: "卫生院"}
	g.Units = []*targets.Unit{
		{Unit: wsy, Rec: &record.UnitTargets{Unit: "wsy", Year: 2026}, Reported: true, Score: decimal.RequireFromString("96.5"), Rank: 1, Of: 1, Grade: "优秀",
			Indicators: []*targets.Indicator{
				{Rec: rate, Figures: true, Value: decimal.NewFromInt(688).Rat().Quo(decimal.NewFromInt(688).Rat(), decimal.NewFromInt(729).Rat()), Shown: "94.4%", TargetShown: "≥80%", Points: decimal.NewFromInt(20), Weight: decimal.NewFromInt(20), Achieved: true},
				{Rec: count, Figures: true, Shown: "0起", TargetShown: "≤0起", Points: decimal.NewFromInt(5), Weight: decimal.NewFromInt(5)},
			}},
		{Unit: &record.Unit{ID: "fy", Name: "分院"}, Rec: &record.UnitTargets{Unit: "fy", Year: 2026}, Reported: true, Score: decimal.NewFromInt(20),
			Indicators: []*targets.Indicator{{Rec: &record.TargetIndicator{Code: "W01", Kind: record.IndicatorRate, Numerator: decimal.NewFromInt(100), Denominator: decimal.NewFromInt(200)}, Figures: true, Shown: "50.0%"}}},
		{Unit: hexi, Rec: &record.UnitTargets{Unit: "hexi", Year: 2026}, Reported: false,
			Indicators: []*targets.Indicator{{Rec: count, TargetShown: "≤0起", Weight: decimal.NewFromInt(10)}}},
	}
	ty.Groups = []*targets.Group{g}
	r, _ := Compute(Input{Set: set, AsOf: day("2027-02-01"), Targets: &targets.Result{Years: []*targets.Year{ty}}})
	check(t, r, 2026, []want{
		{"目标.参评单位", "3", ""},
		{"目标.已报送", "2", ""},
		// W01 over the two units that reported it: 788 / 929.
		{"目标.全镇.W01.分子", "788", ""},
		{"目标.全镇.W01.分母", "929", ""},
		{"目标.全镇.W01.比率", "84.8", ""},
		{"目标.朝天镇卫生院.W01.分子", "688", ""},
		{"目标.朝天镇卫生院.W01.分母", "729", ""},
		{"目标.朝天镇卫生院.W01.比率", "94.4", ""},
		{"目标.朝天镇卫生院.W01.目标", "≥80%", ""},
		{"目标.朝天镇卫生院.W01.得分", "20", ""},
		{"目标.朝天镇卫生院.W08.完成数", "0", ""},
		{"目标.朝天镇卫生院.得分", "96.5", ""},
		{"目标.朝天镇卫生院.名次", "1", ""},
		{"目标.朝天镇卫生院.等次", "优秀", ""},
		{"目标.朝天镇卫生院.否决", "否", ""},
		// 河西村 has not reported: no value, not zero.
		{"目标.河西村.得分", "（尚未报送完成情况）", "尚未报送完成情况"},
		{"目标.河西村.W08.完成数", "（尚未报送完成情况）", "尚未报送完成情况"},
	})
	if f := figure(t, r, 2026, "目标.朝天镇卫生院.W08.完成数"); f.Unit != "起" {
		t.Errorf("W08 完成数 unit = %q; want the indicator's 起", f.Unit)
	}
}
