// Package export writes a quarter's payroll for the county finance bureau
// as XLSX and CSV: number, name, amount, and a total row equal to the
// notice's total paid, to the fen. It takes assess results and an
// io.Writer; it does no other I/O.
package export
