// Package assess computes the quarterly performance assessment (绩效考核):
// it takes the records (schemes, score sheets, people, posts, the township,
// a calendar) and returns, per quarter, every person's item scores with the
// events and evidence that moved them, base, bonus, total, whether they
// qualified and their pay, the pool and its balance, statistics, and the
// notice's wording and publicity period. It does no I/O.
//
// The rules, stated once:
//
//   - Points are exact decimals; money is a whole number of fen (Fen).
//     Amounts are rounded once, half-up to the fen unless the scheme says
//     rounding: down (all amounts are non-negative, so half-up and
//     half-away-from-zero agree).
//   - An item is full marks unless the sheet gives it a score decided by
//     the assessment group, or records events against it. Events start the
//     item at its maximum and move it by points × count; the result is
//     clamped to [0, max]. Base is the sum of the items, at most 100.
//   - Bonus is the sum of bonus events (or a decided bonus), clamped to
//     [0, bonus cap]. Total = base + bonus.
//   - Qualified iff base (or total, when the scheme says pass_on: total) is
//     at least the pass mark. Pay is 0 when unqualified.
//   - Proration by whole months: a month of the quarter counts when the
//     person is in scope on its count day, the 15th unless the scheme says
//     (count_day) (employed, of a staff category and
//     holding a post of a rank in the scheme's scope, holding no main-leader
//     post, not on recorded leave). Pool share = monthly amount × months;
//     pay = total × point value × months / 3, rounded once to the fen.
//   - Pool = Σ pool shares; balance = pool − paid. When payouts exceed the
//     pool and the scheme says over_pool: scale, each pay becomes
//     pay × pool / payouts, floored to the fen, and the fen left over go one
//     each to the largest remainders; equal remainders go first to the larger
//     unscaled pay, then to the smaller person id, never by input order.
//   - Statistics: mean, highest and lowest pay are over the people paid;
//     the mean is rounded to the fen as pay is.
//
// Rules gives these rules in the words a notice prints, from the scheme's
// own settings: what a notice says is what was computed.
package assess
