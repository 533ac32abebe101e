package calendar

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"gongshi/generator/internal/record"
)

var update = flag.Bool("update", false, "rewrite want/errors.txt in testdata/check")

// township is the least a record set needs besides its calendars.
const township = `name: 朝天镇
organ: 朝天镇人民政府
address: 青江县朝天镇正街1号
objection:
  office: 党政综合办公室
  address: 朝天镇人民政府二楼
  phone: 0736-6621234
`

// cal2026 is the State Council's arrangement for 2026 (国办发明电〔2025〕7号).
const cal2026 = `year: 2026
source: 国务院办公厅关于2026年部分节假日安排的通知
holidays:
  - {name: 元旦, from: 2026-01-01, to: 2026-01-03}
  - {name: 春节, from: 2026-02-15, to: 2026-02-23}
  - {name: 清明节, from: 2026-04-04, to: 2026-04-06}
  - {name: 劳动节, from: 2026-05-01, to: 2026-05-05}
  - {name: 端午节, from: 2026-06-19, to: 2026-06-21}
  - {name: 中秋节, from: 2026-09-25, to: 2026-09-27}
  - {name: 国庆节, from: 2026-10-01, to: 2026-10-07}
workdays:
  - {date: 2026-01-04, for: 元旦}
  - {date: 2026-02-14, for: 春节}
  - {date: 2026-02-28, for: 春节}
  - {date: 2026-05-09, for: 劳动节}
  - {date: 2026-09-20, for: 国庆节}
  - {date: 2026-10-10, for: 国庆节}
`

func decode(t *testing.T, files ...record.File) []record.Calendar {
	t.Helper()
	files = append(files, record.File{Path: "records/township.yaml", Data: []byte(township)})
	set, errs := record.Decode(files)
	if len(errs) > 0 {
		t.Fatalf("fixture records: %v", errs)
	}
	return set.Calendars
}

func cal2026Calendar(t *testing.T) *Calendar {
	t.Helper()
	c, errs := New(decode(t, record.File{Path: "records/calendar/2026.yaml", Data: []byte(cal2026)}))
	if len(errs) > 0 {
		t.Fatalf("New: %v", errs)
	}
	return c
}

var d = record.MustDate

func TestDayKindsFollowTheNotice(t *testing.T) {
	c := cal2026Calendar(t)
	tests := []struct {
		day  string
		want Kind
		name string
	}{
		{"2026-02-13", Workday, ""},    // Friday before the Spring Festival
		{"2026-02-14", MakeUp, "春节"},   // Saturday worked
		{"2026-02-15", Holiday, "春节"},  // Sunday, first day off
		{"2026-02-23", Holiday, "春节"},  // Monday, last day off
		{"2026-02-28", MakeUp, "春节"},   // Saturday worked after
		{"2026-03-01", Weekend, ""},    // an ordinary Sunday
		{"2026-09-20", MakeUp, "国庆节"},  // Sunday worked before National Day
		{"2026-10-07", Holiday, "国庆节"}, // Wednesday off
		{"2026-10-08", Workday, ""},    // Thursday back at work
		{"2027-01-01", Workday, ""},    // unknown year: only weekends rest
		{"2027-01-02", Weekend, ""},    // unknown year, Saturday
		{"2025-12-31", Workday, ""},    // year before, unknown
		{"2026-01-04", MakeUp, "元旦"},   // Sunday worked after New Year
		{"2026-06-19", Holiday, "端午节"}, // Friday off
		{"2026-05-09", MakeUp, "劳动节"},  // Saturday worked
		{"2026-05-06", Workday, ""},    // Wednesday after Labour Day
		{"2026-04-06", Holiday, "清明节"}, // Monday off
		{"2026-04-07", Workday, ""},    // Tuesday
		{"2026-10-10", MakeUp, "国庆节"},  // Saturday worked
		{"2026-10-11", Weekend, ""},    // Sunday after it
		{"2026-09-27", Holiday, "中秋节"}, // Sunday within the holiday
		{"2026-09-28", Workday, ""},    // Monday between the two holidays
		{"2026-12-31", Workday, ""},    // Thursday
		{"2026-01-01", Holiday, "元旦"},  // Thursday
		{"2026-01-03", Holiday, "元旦"},  // Saturday, inside the holiday
		{"2026-01-05", Workday, ""},    // Monday
		{"2026-02-24", Workday, ""},    // Tuesday after the Spring Festival
		{"2026-02-21", Holiday, "春节"},  // Saturday inside the holiday
		{"2026-02-22", Holiday, "春节"},  // Sunday inside the holiday
		{"2026-03-02", Workday, ""},    // Monday
		{"2026-03-07", Weekend, ""},    // Saturday
		{"2026-07-01", Workday, ""},    // Wednesday
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			k, name := c.Day(d(tt.day))
			if k != tt.want || name != tt.name {
				t.Errorf("Day(%s) = %v %q; want %v %q", tt.day, k, name, tt.want, tt.name)
			}
		})
	}
}

func TestWorkingDaysPeriod(t *testing.T) {
	c := cal2026Calendar(t)
	tests := []struct {
		name       string
		published  string
		n          int
		countFirst bool
		start, end string
		missing    []int
	}{
		{"ordinary week, publishing day not counted", "2026-04-08", 5, false, "2026-04-09", "2026-04-15", nil},
		{"ordinary week, publishing day counted", "2026-04-08", 5, true, "2026-04-08", "2026-04-14", nil},
		{"crosses the Spring Festival and its Saturday make-up day before", "2026-02-12", 5, false, "2026-02-13", "2026-02-26", nil},
		{"counts the Saturday make-up day after the Spring Festival", "2026-02-24", 5, false, "2026-02-25", "2026-03-02", nil},
		{"counts the Sunday make-up day before National Day", "2026-09-18", 5, false, "2026-09-20", "2026-09-24", nil},
		{"crosses Mid-Autumn and National Day", "2026-09-24", 5, false, "2026-09-28", "2026-10-09", nil},
		{"crosses National Day and counts its Saturday make-up day", "2026-09-29", 5, false, "2026-09-30", "2026-10-12", nil},
		{"published on a holiday, publishing day counted, holiday skipped", "2026-10-01", 5, true, "2026-10-08", "2026-10-13", nil},
		{"published on a Saturday, publishing day counted, weekend skipped", "2026-04-11", 5, true, "2026-04-13", "2026-04-17", nil},
		{"published on a make-up Saturday that counts", "2026-02-14", 1, true, "2026-02-14", "2026-02-14", nil},
		{"crosses Qingming", "2026-04-02", 3, false, "2026-04-03", "2026-04-08", nil},
		{"runs into a year without a calendar record", "2026-12-28", 5, false, "2026-12-29", "2027-01-04", []int{2027}},
		{"ends on the last day of a known year", "2026-12-24", 5, false, "2026-12-25", "2026-12-31", nil},
		{"ten working days across Labour Day and its make-up Saturday", "2026-04-28", 10, false, "2026-04-29", "2026-05-14", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := c.WorkingDays(d(tt.published), tt.n, tt.countFirst)
			if p.Start != d(tt.start) || p.End != d(tt.end) {
				t.Errorf("WorkingDays(%s, %d, %v) = %s to %s; want %s to %s", tt.published, tt.n, tt.countFirst, p.Start, p.End, tt.start, tt.end)
			}
			if p.Provisional != (len(tt.missing) > 0) || !slices.Equal(p.Missing, tt.missing) {
				t.Errorf("WorkingDays(%s, %d, %v) provisional %v missing %v; want missing %v", tt.published, tt.n, tt.countFirst, p.Provisional, p.Missing, tt.missing)
			}
			if !c.IsWorking(p.End) {
				t.Errorf("period ends on %s, which is not a working day", p.End)
			}
		})
	}
}

func TestPeriodIsProvisionalWhenNoCalendarIsKnown(t *testing.T) {
	var c *Calendar
	p := c.WorkingDays(d("2026-04-08"), 5, false)
	if p.End != d("2026-04-15") || !p.Provisional || !slices.Equal(p.Missing, []int{2026}) {
		t.Errorf("WorkingDays without calendars = %s provisional %v missing %v; want 2026-04-15 provisional [2026]", p.End, p.Provisional, p.Missing)
	}
}

func TestStatusOfANotice(t *testing.T) {
	c := cal2026Calendar(t)
	// Published Thursday 2026-02-12, five working days: 2-13, 2-14 (make-up),
	// 2-24, 2-25, 2-26.
	p := c.WorkingDays(d("2026-02-12"), 5, false)
	tests := []struct {
		on   string
		want Status
		text string
	}{
		{"2026-02-11", Status{NotStarted, 0}, "未开始"},
		{"2026-02-12", Status{Running, 5}, "公示中（剩余5个工作日）"},
		{"2026-02-13", Status{Running, 5}, "公示中（剩余5个工作日）"},
		{"2026-02-14", Status{Running, 4}, "公示中（剩余4个工作日）"},
		{"2026-02-18", Status{Running, 3}, "公示中（剩余3个工作日）"},
		{"2026-02-26", Status{Running, 1}, "公示中（剩余1个工作日）"},
		{"2026-02-27", Status{Ended, 0}, "公示期满"},
	}
	for _, tt := range tests {
		t.Run(tt.on, func(t *testing.T) {
			got := c.Status(p, d(tt.on))
			if got != tt.want || got.String() != tt.text {
				t.Errorf("Status(%s) = %v %q; want %v %q", tt.on, got, got, tt.want, tt.text)
			}
		})
	}
}

// TestCheckReportsEveryMistake decodes each archive in testdata/check,
// builds the calendar and compares every message with want/errors.txt.
func TestCheckReportsEveryMistake(t *testing.T) {
	paths, _ := filepath.Glob("testdata/check/*.txtar")
	if len(paths) == 0 {
		t.Fatal("no archives in testdata/check")
	}
	for _, p := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(p), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files := []record.File{{Path: "records/township.yaml", Data: []byte(township)}}
			want := -1
			for i, f := range a.Files {
				if f.Name == "want/errors.txt" {
					want = i
					continue
				}
				files = append(files, record.File{Path: f.Name, Data: f.Data})
			}
			set, errs := record.Decode(files)
			_, more := New(set.Calendars)
			errs.Append(more)
			errs.Sort()
			got := errs.Error()
			if got != "" {
				got += "\n"
			}
			if *update {
				if want < 0 {
					a.Files = append(a.Files, txtar.File{Name: "want/errors.txt"})
					want = len(a.Files) - 1
				}
				a.Files[want].Data = []byte(got)
				if err := os.WriteFile(p, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want < 0 {
				t.Fatal("archive has no want/errors.txt")
			}
			if w := string(a.Files[want].Data); got != w {
				t.Errorf("errors:\n%s\nwant:\n%s", got, w)
			}
		})
	}
}

func TestEmptyCalendarKnowsNoYear(t *testing.T) {
	c, errs := New(nil)
	if len(errs) > 0 || c.Known(2026) || c.Source(2026) != "" {
		t.Errorf("New(nil) = known %v, errors %v; want no year known and no errors", c.Known(2026), errs)
	}
}

func TestYearsListsTheRecordsInOrder(t *testing.T) {
	cals := decode(t,
		record.File{Path: "records/calendar/2026.yaml", Data: []byte(cal2026)},
		record.File{Path: "records/calendar/2025.yaml", Data: []byte("year: 2025\nsource: 国务院办公厅关于2025年部分节假日安排的通知\nholidays:\n  - {name: 元旦, from: 2025-01-01, to: 2025-01-01}\n")},
	)
	c, errs := New(cals)
	if got := c.Years(); len(errs) > 0 || !slices.Equal(got, []int{2025, 2026}) || c.Source(2025) != "国务院办公厅关于2025年部分节假日安排的通知" {
		t.Errorf("Years() = %v, errors %v; want [2025 2026]", got, errs)
	}
}
