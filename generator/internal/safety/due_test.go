package safety

import (
	"slices"
	"testing"

	"gongshi/generator/internal/record"
)

func TestReportingUnitsFollowTheRuleAndTheUnitsLife(t *testing.T) {
	s := &record.Set{
		Units: []record.Unit{
			{ID: "zhengfu", Name: "镇政府", Type: record.UnitOrgan},
			{ID: "hexi", Name: "河西村", Type: record.UnitVillage},
			{ID: "brick", Name: "砖厂", Type: record.UnitEnterprise, Closed: record.MustDate("2026-05-10")},
			{ID: "new", Name: "新厂", Type: record.UnitEnterprise, Established: record.MustDate("2026-06-20")},
			{ID: "cgz", Name: "船管站", Type: record.UnitStation},
		},
		Safety: record.Safety{Settings: &record.SafetySettings{Reports: record.ReportRule{
			From: record.Month{Year: 2026, Month: 1}, DueDay: 5,
			UnitTypes: []string{record.UnitVillage, record.UnitEnterprise}, Units: []string{"cgz"},
		}}},
	}
	for _, tc := range []struct {
		month string
		want  []string
	}{
		{"2025-12", nil}, // before the rule began
		{"2026-05", []string{"hexi", "brick", "cgz"}}, // the brick works closed in May: May's report is still owed
		{"2026-06", []string{"hexi", "new", "cgz"}},   // closed before June; the new works opened in June
	} {
		m, _ := record.ParseMonth(tc.month)
		var got []string
		for _, u := range ReportingUnits(s, m) {
			got = append(got, u.ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("ReportingUnits(%s) = %v; want %v", tc.month, got, tc.want)
		}
	}
	if got := ReportingUnits(&record.Set{}, record.Month{Year: 2026, Month: 1}); got != nil {
		t.Errorf("ReportingUnits without settings = %v; want none", got)
	}
}
