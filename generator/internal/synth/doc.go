// Package synth writes synthetic records repositories for measuring
// gongshi: a township's, or a county's publishing for all its townships,
// with three years of history made the way clerks make it.
//
// The records are valid (gongshi check passes on every commit) and
// realistic in shape: people with rotations, transfers and successors;
// quarterly score sheets for everyone the scheme covers, corrected after
// posting; supervised objects with their responsible persons, coming and
// going; monthly reports, some late and some missing; hazards found,
// rectified (or not) and re-inspected, with supervision notices for those
// overdue; yearly responsibility agreements level by level; licences
// renewed; the odd accident. Now and then a commit is made on a branch and
// merged.
//
// A county is one repository whose township.yaml is the county
// government: its townships are units of the register (each with its
// offices, stations, villages, firms and schools below it), their people,
// posts and objects carry the township's id as a prefix, and one scheme
// assesses everyone. The loader reads one publishing organ per repository,
// and this needs no change to it.
//
// Write uses git fast-import: the county's 5,000 commits take seconds. The
// output depends only on the scale, its seed and the site files given:
// the same commits, byte for byte, on every run.
package synth
