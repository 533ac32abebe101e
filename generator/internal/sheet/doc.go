// Package sheet is the clerk's spreadsheet path into the records: it
// writes Excel templates from the records (a quarter's score sheet, a
// month's safety-report register, a year's unit-target figures) and reads
// them back filled in.
//
// Templates carry, in the second row of each sheet, a tag naming what they
// are ("〔gongshi assess 2026-Q2 events〕"), so a workbook — or one of its
// sheets saved as CSV — is known when it comes back. Import takes the
// workbook and the records of the commit it builds on, and returns the
// record files it makes (a Plan: the quarter's or the year's register, or
// one per unit for the targets) or every mistake in its cells, each named
// as Excel names a cell (2026-Q2.xlsx!计分记录!E7). Cells are read from the
// raw values the file stores, never from displayed text or through
// float64. The Plan remembers which cell each value came from, so that
// what the checker later finds in the file is reported at the cell, and
// says what changes in the words of the change histories. Writing the
// file and committing it are the caller's.
package sheet
