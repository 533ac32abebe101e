package assess

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/record"
)

// Fen is an amount of money in fen (0.01 yuan).
type Fen int64

// String formats the amount in yuan with thousands separators: 1,702.50.
func (f Fen) String() string { return f.format(true) }

// Plain formats the amount in yuan without separators: 1702.50, as a
// spreadsheet or CSV reads it.
func (f Fen) Plain() string { return f.format(false) }

func (f Fen) format(group bool) string {
	neg := f < 0
	u := uint64(f)
	if neg {
		u = -u
	}
	yuan := strconv.FormatUint(u/100, 10)
	if group {
		var b strings.Builder
		for i, r := range yuan {
			if i > 0 && (len(yuan)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		yuan = b.String()
	}
	s := yuan + "." + strconv.FormatUint(u%100/10, 10) + strconv.FormatUint(u%10, 10)
	if neg {
		return "-" + s
	}
	return s
}

// Decimal is the amount in yuan as an exact decimal.
func (f Fen) Decimal() decimal.Decimal { return decimal.New(int64(f), -2) }

// MarshalText writes the plain form, so JSON front matter carries "1702.50".
func (f Fen) MarshalText() ([]byte, error) { return []byte(f.Plain()), nil }

// fenOf converts an amount in yuan written in the records; ok is false when
// it has fractions of a fen or does not fit.
func fenOf(yuan decimal.Decimal) (Fen, bool) {
	f := yuan.Shift(2)
	if !f.IsInteger() || !f.BigInt().IsInt64() {
		return 0, false
	}
	return Fen(f.IntPart()), true
}

// roundFen rounds a non-negative amount in fen half-up to a whole fen.
func roundFen(x *big.Rat) Fen { return Fen(record.RoundHalfUp(x, 0).IntPart()) }

// floorFen drops the fractions of a fen of a non-negative amount in fen.
func floorFen(x *big.Rat) Fen { return Fen(new(big.Int).Quo(x.Num(), x.Denom()).Int64()) }

// pow10 is 10^e, e ≥ 0.
func pow10(e int32) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(e)), nil) }
