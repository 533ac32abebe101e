// Package export writes what the township files from the records: a
// quarter's payroll for the county finance bureau as XLSX and CSV (number,
// name, amount, and a total row equal to the notice's total paid, to the
// fen), and a work summary filled in with its figures as a Word document.
// It takes computed results and an io.Writer; it does no other I/O.
package export
