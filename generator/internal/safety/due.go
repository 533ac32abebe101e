package safety

import "gongshi/generator/internal/record"

// ReportingUnits returns the units that owe a monthly safety report for
// month m under the township's rule (settings.yaml), in the order of the
// units register: what a month's report-register template lists. It is nil
// when no rule is set.
func ReportingUnits(s *record.Set, m record.Month) []*record.Unit {
	st := s.Safety.Settings
	if st == nil {
		return nil
	}
	var us []*record.Unit
	for _, u := range newBook(s, m.Last()).reportingUnits(st.Reports) {
		if reportRequired(st.Reports, u, m) {
			us = append(us, u)
		}
	}
	return us
}
