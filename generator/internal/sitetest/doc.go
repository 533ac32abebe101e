// Package sitetest checks the sample township's site as people use it:
// what its pages say, that every link leads somewhere, that nothing
// private is published, and, in headless Chromium, what a citizen sees on
// a phone, on a desktop and on paper.
//
// The site is built once per test binary (sample.Site) and every test
// reads it; the browser is started once and each test opens its own tab,
// so the tests run in parallel. It holds tests only.
package sitetest
