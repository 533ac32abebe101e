package assess

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"gongshi/generator/internal/diag"
	"gongshi/generator/internal/guard"
	"gongshi/generator/internal/record"
)

var hundred = decimal.NewFromInt(100)

// plan is a scheme checked and made ready to apply.
type plan struct {
	rec        *record.AssessScheme
	items      []Item
	bonus      Item
	byCode     map[string]Item // items and the bonus
	indicators map[string]*record.AssessIndicator
	monthly    Fen
	tmpl       *noticeTemplate // nil when the template does not parse
}

// compileSchemes checks every scheme and returns those that can be applied,
// ordered by the day they take effect.
func compileSchemes(set *record.Set, errs *diag.List) []*plan {
	var plans []*plan
	from := map[record.Date]diag.Pos{}
	for i := range set.Assess.Schemes {
		s := &set.Assess.Schemes[i]
		p := compile(s, errs)
		if s.From.IsZero() {
			continue // reported by the decoder
		}
		if first, dup := from[s.From]; dup {
			errs.Add(s.At("from"), "expected one scheme in force from %s, found a second (first at %s)", s.From, first)
			continue
		}
		from[s.From] = s.At("from")
		plans = append(plans, p)
	}
	slices.SortFunc(plans, func(a, b *plan) int { return a.rec.From.Compare(b.rec.From) })
	return plans
}

func compile(s *record.AssessScheme, errs *diag.List) *plan {
	p := &plan{rec: s, byCode: map[string]Item{}, indicators: map[string]*record.AssessIndicator{}}

	if stem := strings.TrimSuffix(path.Base(s.Pos.File), ".yaml"); s.Pos.File != "" && s.ID != "" && stem != s.ID {
		errs.Add(s.At("id"), "expected id %q as in the file name %s, found %q", stem, path.Base(s.Pos.File), s.ID)
	}
	if d := s.From; !d.IsZero() && (d.Day != 1 || (d.Month-1)%3 != 0) {
		errs.Add(s.At("from"), "expected the first day of a quarter (%d-01-01, -04-01, -07-01 or -10-01), found %s; 按季度考核，办法只能从季度第一天起施行", d.Year, d)
	}
	p.monthly = money(s, "monthly", s.Monthly, errs)
	money(s, "point_value", s.PointValue, errs)

	sum := decimal.Zero
	var parts []string
	first := map[string]diag.Pos{}
	for _, it := range s.Items {
		if it.Code == "" {
			continue
		}
		switch {
		case it.Code == Bonus:
			errs.Add(it.At("code"), "expected an item code other than %q (it names the bonus points), found %q", Bonus, it.Code)
			continue
		case first[it.Code].IsValid():
			errs.Add(it.At("code"), "expected each item code once, found %q again (first at line %d)", it.Code, first[it.Code].Line)
			continue
		case !it.Max.IsPositive():
			errs.Add(it.At("max"), "expected a maximum above 0, found %s", it.Max)
		}
		first[it.Code] = it.At("code")
		item := Item{Code: it.Code, Name: it.Name, Max: it.Max, Doc: it.Doc}
		p.items = append(p.items, item)
		p.byCode[it.Code] = item
		sum = sum.Add(it.Max)
		parts = append(parts, it.Max.String())
	}
	if len(p.items) > 0 && !sum.Equal(hundred) {
		errs.Add(s.At("items"), "expected items whose maxima add up to 100, found %s (%s)", sum, strings.Join(parts, " + "))
	}
	p.bonus = Item{Code: Bonus, Name: BonusName, Max: s.BonusCap}
	p.byCode[Bonus] = p.bonus

	for i := range s.Indicators {
		ind := &s.Indicators[i]
		if ind.Code == "" {
			continue
		}
		if prev, dup := p.indicators[ind.Code]; dup {
			errs.Add(ind.At("code"), "expected each indicator code once, found %q again (first at line %d)", ind.Code, prev.At("code").Line)
			continue
		}
		p.indicators[ind.Code] = ind
		if ind.Item == "" {
			continue
		}
		if _, ok := p.byCode[ind.Item]; !ok {
			errs.Add(ind.At("item"), "expected the code of an item (%s) or %s, found %q%s", p.itemCodes(), Bonus, ind.Item, suggest(ind.Item, p.codes()))
			continue
		}
		switch {
		case ind.Points.IsZero():
			if ind.Has("points") {
				errs.Add(ind.At("points"), "expected points other than 0 (negative to deduct, positive to add), found 0")
			}
		case ind.Item == Bonus && ind.Points.IsNegative():
			errs.Add(ind.At("points"), "expected positive points for a bonus indicator, found %s", ind.Points)
		}
		if ind.Item == Bonus && !s.BonusCap.IsPositive() {
			errs.Add(ind.At("item"), "expected a bonus_cap in the scheme for bonus indicators, found none")
		}
	}

	switch {
	case !s.Has("pass_mark"):
	case !s.PassMark.IsPositive():
		errs.Add(s.At("pass_mark"), "expected a pass mark above 0, found %s", s.PassMark)
	case PassOn(s) == BaseScore && s.PassMark.GreaterThan(hundred):
		errs.Add(s.At("pass_mark"), "expected a pass mark of at most 100 (the base score's maximum), found %s", s.PassMark)
	case PassOn(s) == TotalScore && s.PassMark.GreaterThan(hundred.Add(s.BonusCap)):
		errs.Add(s.At("pass_mark"), "expected a pass mark of at most %s (100 plus the bonus cap), found %s", hundred.Add(s.BonusCap), s.PassMark)
	}

	if s.Notice != "" {
		t, err := parseNotice(s.Notice)
		if err != nil {
			noticeError(errs, s, err)
		} else {
			p.tmpl = t
		}
	}
	return p
}

// money reads an amount in yuan that must be exact to the fen and above 0.
func money(s *record.AssessScheme, field string, yuan decimal.Decimal, errs *diag.List) Fen {
	if !s.Has(field) {
		return 0
	}
	f, ok := fenOf(yuan)
	switch {
	case !ok:
		errs.Add(s.At(field), "expected an amount in yuan to the fen (at most 2 decimals), found %s", yuan)
	case f <= 0:
		errs.Add(s.At(field), "expected an amount above 0, found %s", yuan)
	}
	return f
}

func (p *plan) itemCodes() string {
	var cs []string
	for _, it := range p.items {
		cs = append(cs, it.Code)
	}
	return strings.Join(cs, ", ")
}

func (p *plan) codes() []string {
	var cs []string
	for _, it := range p.items {
		cs = append(cs, it.Code)
	}
	return append(cs, Bonus)
}

func (p *plan) indicatorCodes() []string {
	var cs []string
	for _, ind := range p.rec.Indicators {
		if ind.Code != "" {
			cs = append(cs, ind.Code)
		}
	}
	return cs
}

// assess computes one person's scores from their sheet, reporting the
// sheet's mistakes.
func (p *plan) assess(q *record.AssessQuarter, sheet *record.AssessSheet, errs *diag.List) *Assessee {
	a := &Assessee{Sheet: sheet}
	decided := map[string]*record.AssessScore{}
	for i := range sheet.Scores {
		sc := &sheet.Scores[i]
		if sc.Item == "" {
			continue
		}
		item, ok := p.byCode[sc.Item]
		if !ok {
			errs.Add(sc.At("item"), "expected an item of the scheme (%s, %s), found %q%s", p.itemCodes(), Bonus, sc.Item, suggest(sc.Item, p.codes()))
			continue
		}
		if prev, dup := decided[sc.Item]; dup {
			errs.Add(sc.At("item"), "expected one score for %s, found a second (first at line %d)", item.Name, prev.Pos.Line)
			continue
		}
		decided[sc.Item] = sc
		if sc.Has("score") && (sc.Score.IsNegative() || sc.Score.GreaterThan(item.Max)) {
			errs.Add(sc.At("score"), "expected %s points 0–%s, found %s", item.Name, item.Max, sc.Score)
		}
		if sc.By == "" && q.DecidedBy == "" {
			errs.Add(sc.Pos, "expected who decided the %s score (by, or decided_by for the quarter), found none", item.Name)
		}
	}

	events := map[string][]Event{}
	for i := range sheet.Events {
		ev := &sheet.Events[i]
		if ev.Indicator == "" {
			continue
		}
		ind := p.indicators[ev.Indicator]
		if ind == nil {
			errs.Add(ev.At("indicator"), "expected an indicator code of the scheme, found %q%s", ev.Indicator, suggest(ev.Indicator, p.indicatorCodes()))
			continue
		}
		if !ev.Date.IsZero() && !ev.Date.Within(q.Quarter.First(), q.Quarter.Last()) {
			errs.Add(ev.At("date"), "expected a date in %s (%s to %s), found %s", q.Quarter, q.Quarter.First(), q.Quarter.Last(), ev.Date)
		}
		count := decimal.NewFromInt(1)
		if ev.Has("count") {
			count = ev.Count
			switch {
			case !count.IsPositive():
				errs.Add(ev.At("count"), "expected a count above 0, found %s", count)
			case ind.Unit != "天" && !count.IsInteger():
				errs.Add(ev.At("count"), "expected a whole number of %s for %s, found %s", ind.Unit, ind.Name, count)
			}
		}
		if ind.Evidence && !guard.Visible(ev.Evidence) {
			errs.Add(ev.At("evidence"), "expected evidence for %s (%s), found none; 请写明佐证材料，如考勤表编号、文号或照片文件名", ind.Name, ind.Code)
		}
		if _, ok := p.byCode[ind.Item]; !ok {
			continue // the scheme's mistake, reported there
		}
		events[ind.Item] = append(events[ind.Item], Event{AssessEvent: ev, Indicator: ind, Count: count, Points: ind.Points.Mul(count)})
	}

	score := func(item Item, start decimal.Decimal) Score {
		s := Score{Item: item, Events: events[item.Code]}
		if d := decided[item.Code]; d != nil {
			if len(s.Events) > 0 {
				errs.Add(d.At("score"), "expected either a decided score or events for %s, found both (first event at line %d)", item.Name, s.Events[0].Pos.Line)
			}
			s.Decided, s.By, s.Raw, s.Events = d, firstOf(d.By, q.DecidedBy), d.Score, nil
		} else {
			s.Raw = start
			for _, e := range s.Events {
				s.Raw = s.Raw.Add(e.Points)
			}
		}
		// Clamped to [0, max] as decimal.Min(decimal.Max(raw, 0), max)
		// would, without comparing with decimal.Zero, whose exponent
		// differs and makes every comparison rescale.
		s.Score = s.Raw
		if s.Score.Sign() < 0 {
			s.Score = decimal.Zero
		}
		if item.Max.LessThan(s.Score) {
			s.Score = item.Max
		}
		s.Clamped = !s.Score.Equal(s.Raw)
		return s
	}
	base := decimal.Zero
	if len(p.items) > 0 {
		// A Score is large: growing the slice by appending costs about
		// three times its final size.
		a.Items = make([]Score, 0, len(p.items))
	}
	for _, item := range p.items {
		s := score(item, item.Max)
		a.Items = append(a.Items, s)
		base = base.Add(s.Score)
	}
	a.Base = decimal.Min(base, hundred)
	a.Bonus = score(p.bonus, decimal.Zero)
	a.Total = a.Base.Add(a.Bonus.Score)
	a.Qualified = !PassOn(p.rec).Of(a).LessThan(p.rec.PassMark)
	return a
}

// firstOf returns the first non-empty string.
func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// suggest proposes the closest known code for a mistyped one.
func suggest(code string, known []string) string {
	best, dist := "", 3
	for _, k := range known {
		if d := record.EditDistanceWithin(strings.ToLower(code), strings.ToLower(k), dist); d < dist {
			best, dist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}
