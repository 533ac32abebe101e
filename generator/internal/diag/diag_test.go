package diag

import (
	"errors"
	"testing"
)

func TestListSortsByPositionAndDropsDuplicates(t *testing.T) {
	var l List
	l.Add(Pos{File: "records/b.yaml", Line: 1, Col: 1}, "second file")
	l.Add(Pos{File: "records/a.yaml", Line: 10, Col: 2}, "line ten")
	l.Add(Pos{File: "records/a.yaml", Line: 2, Col: 7}, "line two")
	l.Add(Pos{File: "records/a.yaml", Line: 2, Col: 7}, "line two")
	l.Expected(Pos{File: "records/a.yaml", Line: 2, Col: 3}, "a date like 2026-03-05", `"2026年3月5日"`)
	err := l.Err()
	want := `records/a.yaml:2:3: expected a date like 2026-03-05, found "2026年3月5日"
records/a.yaml:2:7: line two
records/a.yaml:10:2: line ten
records/b.yaml:1:1: second file`
	if err == nil || err.Error() != want {
		t.Fatalf("Err() =\n%v\nwant\n%s", err, want)
	}
	var list List
	if !errors.As(err, &list) || list.Len() != 4 {
		t.Errorf("errors.As(List) = %v, len %d; want a List of 4", err, list.Len())
	}
}

func TestEmptyListIsNoError(t *testing.T) {
	var l List
	if err := l.Err(); err != nil {
		t.Errorf("empty List.Err() = %v; want nil", err)
	}
}

func TestPosString(t *testing.T) {
	for _, tc := range []struct {
		pos  Pos
		want string
	}{
		{Pos{}, "-"},
		{Pos{File: "records/t.yaml"}, "records/t.yaml"},
		{Pos{File: "records/t.yaml", Line: 3, Col: 0}, "records/t.yaml:3"},
		{Pos{File: "records/t.yaml", Line: 3, Col: 9}, "records/t.yaml:3:9"},
		{Pos{File: "2026-Q2.xlsx", Sheet: "计分记录", Line: 7, Col: 5}, "2026-Q2.xlsx!计分记录!E7"},
		{Pos{File: "2026-Q2.xlsx", Sheet: "计分记录", Line: 12, Col: 28}, "2026-Q2.xlsx!计分记录!AB12"},
		{Pos{File: "2026-Q2.xlsx", Sheet: "评分"}, "2026-Q2.xlsx!评分"},
	} {
		if got := tc.pos.String(); got != tc.want {
			t.Errorf("%#v.String() = %q; want %q", tc.pos, got, tc.want)
		}
	}
}

func TestCellsSortByRowThenColumn(t *testing.T) {
	var l List
	cell := func(row, col int) Pos { return Pos{File: "q.xlsx", Sheet: "评分", Line: row, Col: col} }
	l.Add(cell(10, 1), "row ten")
	l.Add(cell(7, 27), "row seven, AA")
	l.Add(cell(7, 5), "row seven, E")
	l.Add(Pos{File: "q.xlsx", Sheet: "评分"}, "the sheet")
	want := `q.xlsx!评分: the sheet
q.xlsx!评分!E7: row seven, E
q.xlsx!评分!AA7: row seven, AA
q.xlsx!评分!A10: row ten`
	if err := l.Err(); err == nil || err.Error() != want {
		t.Errorf("Err() =\n%v\nwant\n%s", err, want)
	}
}
