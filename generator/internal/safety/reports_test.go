package safety

import (
	"testing"

	"gongshi/generator/internal/record"
)

// TestComplianceReadsTheYearsFirstReceivedReportOfEachUnit pins which
// report a cell shows: of duplicates the earliest received wherever it
// stands in the file, only the matrix's year, only the first of units
// sharing an id, and nothing for units outside the rule.
func TestComplianceReadsTheYearsFirstReceivedReportOfEachUnit(t *testing.T) {
	month := func(s string) record.Month {
		m, err := record.ParseMonth(s)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	s := &record.Set{
		Units: []record.Unit{
			{ID: "hexi", Name: "河西村", Type: record.UnitVillage},
			{ID: "cgz", Name: "船舶管理站", Type: "站所"},
			{ID: "dongpo", Name: "东坡村", Type: record.UnitVillage},
			{ID: "hexi", Name: "河西村（重复）", Type: record.UnitVillage},
		},
	}
	s.Safety.Settings = &record.SafetySettings{Reports: record.ReportRule{
		From: month("2025-01"), DueDay: 5, UnitTypes: []string{record.UnitVillage},
	}}
	s.Safety.Reports = []*record.MonthlyReport{
		{Unit: "hexi", Month: month("2026-02"), Received: day("2026-03-07")},
		{Unit: "hexi", Month: month("2026-02"), Received: day("2026-03-04")}, // earlier, later in the file: counts
		{Unit: "hexi", Month: month("2026-02"), Received: day("2026-03-05")},
		{Unit: "hexi", Month: month("2025-03"), Received: day("2025-04-02")}, // another year
		{Unit: "cgz", Month: month("2026-01"), Received: day("2026-02-01")},  // not a reporting unit
		{Unit: "dongpo", Month: month("2026-12"), Received: day("2027-01-09")},
		{Unit: "nowhere", Month: month("2026-01"), Received: day("2026-02-01")},
	}
	c := ComplianceOf(s, 2026, day("2027-02-01"))
	if len(c.Rows) != 2 || c.Rows[0].Unit != &s.Units[0] || c.Rows[1].Unit != &s.Units[2] {
		t.Fatalf("rows are not hexi and dongpo, each once: %+v", c.Rows)
	}
	tests := []struct {
		row, month int
		received   string // "" for no report
		want       ReportStatus
	}{
		{0, 1, "", Missing},
		{0, 2, "2026-03-04", OnTime},
		{0, 3, "", Missing},
		{1, 11, "", Missing},
		{1, 12, "2027-01-09", Late},
	}
	for _, tt := range tests {
		cell := c.Rows[tt.row].Cells[tt.month-1]
		var got string
		if cell.Report != nil {
			got = cell.Report.Received.String()
		}
		if got != tt.received || cell.Status != tt.want {
			t.Errorf("%s 2026-%02d: report received %q, %v; want %q, %v", c.Rows[tt.row].Unit.ID, tt.month, got, cell.Status, tt.received, tt.want)
		}
	}
	if c25 := ComplianceOf(s, 2025, day("2027-02-01")); c25.Rows[0].Cells[2].Report != s.Safety.Reports[3] {
		t.Errorf("hexi 2025-03 = %+v; want the report of 2025-03", c25.Rows[0].Cells[2].Report)
	}
	s.Safety.Settings.Reports.UnitTypes = []string{"学校"}
	if c := ComplianceOf(s, 2026, day("2027-02-01")); c.Rows != nil {
		t.Errorf("rows with no reporting unit = %v; want nil", c.Rows)
	}
}
