package diag

import (
	"errors"
	"testing"
)

func TestListSortsByPositionAndDropsDuplicates(t *testing.T) {
	var l List
	l.Add(Pos{"records/b.yaml", 1, 1}, "second file")
	l.Add(Pos{"records/a.yaml", 10, 2}, "line ten")
	l.Add(Pos{"records/a.yaml", 2, 7}, "line two")
	l.Add(Pos{"records/a.yaml", 2, 7}, "line two")
	l.Expected(Pos{"records/a.yaml", 2, 3}, "a date like 2026-03-05", `"2026年3月5日"`)
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
		{Pos{"records/t.yaml", 3, 0}, "records/t.yaml:3"},
		{Pos{"records/t.yaml", 3, 9}, "records/t.yaml:3:9"},
	} {
		if got := tc.pos.String(); got != tc.want {
			t.Errorf("%#v.String() = %q; want %q", tc.pos, got, tc.want)
		}
	}
}
