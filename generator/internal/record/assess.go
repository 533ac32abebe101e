package record

// Assess holds the performance-assessment (绩效考核) records: schemes and
// quarterly score sheets.
type Assess struct{}

func assessKinds() []Kind { return nil }
