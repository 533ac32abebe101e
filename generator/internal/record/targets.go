package record

// Targets holds the unit target-assessment (目标责任考核) records.
type Targets struct{}

func targetKinds() []Kind { return nil }
