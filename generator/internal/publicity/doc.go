// Package publicity follows a notice (公示) through its life once posted:
// its period runs in working days, objections come in and are answered,
// and once the period has ended its result goes on (the assessment's pay
// to the county finance bureau, the grades into the files).
//
// It takes the notices the domains computed (assess, targets: each with
// its period) and the objection records, and says where each notice
// stands on a day — the day of the commit the site is built from, never
// the wall clock — in the words the notice board uses: 公示中（还剩3个
// 工作日）, 公示期满，无异议, 收到异议2件（已办结1件）, 已更正（见第2版）,
// and, once the period has ended, the notice's result. An objection open
// longer than the township's stated limit is flagged. It checks the
// objection records against the notices. It does no I/O.
//
// The rules, stated once:
//
//   - The period is the notice's (calendar.Period): before the publishing
//     day the notice has not started; from it to the period's last day,
//     inclusive, it runs; after that it has ended.
//   - An objection counts from its received day, if that is on or before
//     the day; it is closed from its closed day, if that is on or before
//     the day. Working days open are counted from the day after it was
//     received (Civil Code art. 201) to the day, or to its closing day.
//   - An open objection is overdue when it has been open more working days
//     than the limit: Publicity.AnswerDays of the township (15 unless it
//     says), with its stated basis.
//   - A notice is corrected when an objection closed with the outcome 更正
//     names the version that corrected it; the latest such version is the
//     one the state points to.
package publicity
