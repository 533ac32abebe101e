// Package calendar counts working days on the Chinese statutory calendar:
// weekends are rest days, the State Council General Office's yearly notice
// adds holidays and turns some weekend days into make-up working days (调休).
//
// It takes the calendar records (one per year, record.Calendar) and returns a
// Calendar that classifies days, counts publicity periods in working days and
// says where a notice stands on a given day. Counting follows the Civil Code:
// art. 201, the starting day is not counted unless the township's settings say
// the publishing day counts; art. 203, a period whose last day is a rest day
// ends on the next working day. A year without a calendar record has only
// weekends as rest days, and any period whose count runs into such a year is
// marked provisional: its end date may move when that year is announced.
package calendar
