//go:build !unix

package phase

func peakRSS() int64 { return 0 }
