// Package figures computes every number a year-end report cites — the
// safety-production work summary, the health centre's annual report, the
// assessment report — from the records of one commit, each with the
// records it counts, and fills them into the summaries the clerk writes as
// templates (records/summaries/*.yaml).
//
// It is pure: the records and the results of assess, safety and targets
// in, figures out; no I/O, no clock. Values are exact: counts are whole
// numbers, money is in fen, a rate is the fraction it is (shown as a
// percentage rounded half-up to one decimal).
//
// The rules, stated once:
//
//   - A figure has a name, the path a template writes it by
//     (安全.隐患.发现), a unit, a value and the records it counts.
//   - A year's figures count what happened in the year — agreements of
//     the year signed, hazards found, notices issued, accidents, the
//     year's monthly reports and quarters — and what became of it as known
//     on the as-of day, the day of the build's commit: a hazard found in
//     December and rectified in January counts, in a build of February,
//     as rectified (and as late, if after its deadline). What is a state
//     at a time — objects under supervision, licences, days without an
//     accident — is taken on the year's last day, or on the as-of day
//     while the year runs.
//   - A figure of a period whose records are incomplete says so (Note,
//     截至…), and one whose period has no records yet has no value
//     (Missing): a year not over, a month whose report is not yet due, a
//     quarter not yet assessed, a unit that has not reported. Nothing
//     missing is counted as zero; a report due and not received is
//     counted, as missing, against compliance.
//   - A summary's template may name figures, test them with {{if}} and
//     the functions 为零 and 非零, and nothing else: no loops, no
//     variables, no other templates, so it runs in time linear in its
//     length. A name that does not exist is a mistake at its place in the
//     record file, listing the names that do.
package figures
