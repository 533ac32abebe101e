// Package safety computes what the township publishes about
// safety-production responsibility (安全生产责任制), as of one day: who
// answers for each role of each supervised object, which objects lack the
// agreements their category requires, the agreement pyramid and the
// supervision network, monthly-report compliance, and the state of
// hazards, supervision notices, warnings and licences.
//
// It is pure: records in, results out. The build passes the day of the
// records commit as the as-of date; nothing here reads the clock, and every
// list is sorted by a stated key.
//
// Rules, stated once:
//   - Dates are days. A tenure, a deadline, a due day and an expiry count
//     their own day: a hazard due on the 31st is overdue on the 1st, by one
//     day. Overdue days are calendar days.
//   - An object is supervised from its from date to its to date, both
//     included (Object.StateOn). A holder answers for it only within that
//     span (Object.Tenure); an object out of supervision is shown with who
//     answered for it on its last day, or, before it begins, its first.
//   - A role is resolved on a day: a post through the tenures in the people
//     register (record.Tenure.Holds, both ends inclusive), a person while
//     in the unit (joined to left), a name always.
//   - A monthly report is on time when received on or before the due day
//     the records state (settings.yaml), late when after, missing when the
//     due day has passed without one, pending until then. Months before the
//     reporting rule began, before the unit was established or after it
//     closed need no report; months after the as-of date are not yet due.
//   - A licence is expiring when it expires within the warning window
//     (30 days unless settings.yaml says otherwise) of the as-of date,
//     expired from the day after its expiry date.
package safety
