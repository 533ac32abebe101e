package calendar

import (
	"maps"
	"slices"
	"strconv"
)

// What only the tests use.

var kindNames = [...]string{"工作日", "休息日", "法定节假日", "调休上班日"}

// String names the kind in Chinese.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Years lists the years with a calendar record, in order.
func (c *Calendar) Years() []int {
	if c == nil {
		return nil
	}
	return slices.Sorted(maps.Keys(c.years))
}

// Source is the notice a year's calendar cites, or "" for an unknown year.
func (c *Calendar) Source(year int) string {
	if c == nil {
		return ""
	}
	return c.years[year]
}
