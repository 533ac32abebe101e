// Package guard decides whether a text may leave a build. It finds
// personal information — ID-card, mobile, landline and bank-card numbers,
// home addresses down to the house — through the disguises a careless or
// hostile hand gives it (full-width digits and letters, Chinese numerals,
// spaces, dots, dashes and invisible characters between the digits, a
// country code in front), and it checks text hygiene: valid UTF-8, no
// control characters, no bidi overrides, nothing invisible.
//
// It holds no policy of where text comes from. The stages decide what to
// do with what it finds: record refuses it in the records of the commit
// being built, at file:line:col, with the masked form to write instead;
// the pipeline masks it in what git history holds (which cannot change
// without a rewrite) and scans the rendered site for the values the
// records keep private.
package guard
