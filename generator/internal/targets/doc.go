// Package targets computes the unit target assessment (目标责任考核) with
// its one-vote veto (一票否决), and the annual grades (年度考核) of the staff
// assessed quarterly. It takes the records, the quarterly assessment
// results (package assess) and the safety-responsibility result (package
// safety: who answered for which object on which day) and returns, per
// year, every unit's indicators, score, rank and grade, and every person's
// annual score and grade with the reasons, and the two notices' periods. It
// does no I/O and reads no clock.
//
// The rules, stated once:
//
//   - Values are exact: a rate is the fraction numerator / denominator
//     (big.Rat), compared with its target exactly. It is shown as a
//     percentage rounded half-up to one decimal (688 / 729 → 94.4%); when
//     one decimal would hide which side of the target the value lies on
//     (79.96% against 80%), more decimals are shown, up to four.
//   - An achieved indicator earns its full weight. One that is not earns 0
//     under all-or-nothing scoring (达标); under linear scoring (比例) it
//     earns weight × (value − floor) / (target − floor), 0 at or beyond the
//     floor (for an "at most" target the same with the sides swapped).
//     Points are rounded half-up to 0.01 once, per indicator; a unit's
//     score is the exact sum of its indicators' points, so the table adds
//     up.
//   - Units are ranked within their group by score, highest first; equal
//     scores share a rank and the next rank is skipped (1, 2, 2, 4). A unit
//     vetoed (一票否决) keeps its score but has no rank and no grade; the
//     others close up. Ranks and grades exist only for a year whose results
//     are posted (the scheme has an issued date).
//   - An accident vetoes the units whose area it happened in: the unit the
//     accident record names, and the unit and village of the object it
//     names; when it is of the scheme's veto level or above and, if the
//     scheme says so, caused a death or injury.
//   - The people answerable for a vetoing accident are those holding, on the
//     accident's day, a role (per the safety records) of its object, or of
//     every object of its unit when it names none; the grades record may
//     limit this to some roles. They cannot be graded 优秀 that year.
//   - A person's annual score is the mean of their quarterly totals (or
//     base scores, as the grades record says) over the quarters of the year
//     they were assessed in, exact; it is shown rounded half-up to two
//     decimals. 称职 from the competent line up, 基本称职 from the basic line
//     up, 不称职 below.
//   - 优秀 places = people graded × quota %, rounded down. They go to the
//     highest annual scores among those eligible (称职 by score, at least the
//     minimum if one is set, every quarter qualified if the rule says so, not
//     answerable for a vetoing accident). Equal scores at the cut-off are
//     compared by the stated criteria in order, then by the committee's
//     recorded order; a tie none of these resolves is a mistake in the
//     records, never settled by input order.
//   - 不称职 in two consecutive years is flagged (公务员法: grounds for
//     dismissal); the year before comes from its own grades record or, for
//     years before these records, from the list in this year's.
//
// Rules and Grades.Rules give these rules in the words the notices print,
// from the scheme's settings and the places the computation rounds to.
package targets
