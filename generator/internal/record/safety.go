package record

// Safety holds the safety-production responsibility (安全生产责任制) records.
type Safety struct{}

func safetyKinds() []Kind { return nil }
