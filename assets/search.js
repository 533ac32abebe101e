// Search over the index built with the site (search-index.js), as people
// type. Chinese has no spaces between words, so what the reader types is
// looked for as a substring of a page's title, keywords and summary, once
// both are normalised the same way (normalize): full-width letters and
// digits as ASCII, capitals as small letters, the middle dot of a plate
// (湘M·A3F21), dots, dashes and spaces left out, and every number without
// the zeros that pad it (朝渡001 is found by 朝渡1). A title that is what
// was typed comes first, then titles that hold it, then pages that are
// also known by it (安监办, the owner named on a placard). The rules live here only: the tests run this file
// in a browser on a table of queries.
//
// Links are relative to this page, which sits at the site's root, so they
// work over HTTP and from disk.
(function () {
  "use strict";
  var index = window.GONGSHI_SEARCH || [];
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var max = 50;

  function normalize(s) {
    return (s || "")
      .replace(/[\uFF01-\uFF5E]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); })
      .toLowerCase()
      .replace(/[\s\u3000\u00B7\u2022\u2027\u2219\u30FB\uFF65.\-]/g, "")
      .replace(/\d+/g, function (n) { return n.replace(/^0+(?=\d)/, ""); });
  }

  var docs = index.map(function (e) {
    var kw = (e.k || "").split(" ").filter(Boolean).map(normalize);
    return { e: e, title: normalize(e.t), kw: kw, keys: kw.join("|"), rest: normalize(e.s + " " + e.d) };
  });

  // score is how well a page matches: 0 for not at all.
  function score(d, whole, terms) {
    if (d.title === whole) { return 1000; }
    if (d.title.indexOf(whole) >= 0) { return 600; }
    if (d.kw.indexOf(whole) >= 0) { return 400; }
    if (d.keys.indexOf(whole) >= 0) { return 200; }
    if (d.rest.indexOf(whole) >= 0) { return 100; }
    if (terms.length < 2) { return 0; }
    var s = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i];
      if (d.title.indexOf(t) >= 0) { s += 4; }
      else if (d.keys.indexOf(t) >= 0) { s += 2; }
      else if (d.rest.indexOf(t) >= 0) { s += 1; }
      else { return 0; }
    }
    return s;
  }

  function search(q) {
    var whole = normalize(q);
    if (!whole) { return []; }
    var terms = q.split(/[\s\u3000]+/).map(normalize).filter(Boolean);
    var hits = [];
    docs.forEach(function (d) {
      var s = score(d, whole, terms);
      if (s > 0) { hits.push({ d: d, score: s }); }
    });
    hits.sort(function (a, b) {
      return b.score - a.score || a.d.e.t.length - b.d.e.t.length || (a.d.e.u < b.d.e.u ? -1 : a.d.e.u > b.d.e.u ? 1 : 0);
    });
    return hits;
  }

  function show(q) {
    list.textContent = "";
    if (!q.trim()) { status.textContent = ""; return; }
    var hits = search(q);
    status.textContent = hits.length ? "找到 " + hits.length + " 项" + (hits.length > max ? "（只列前 " + max + " 项）" : "") : "没有找到“" + q + "”";
    hits.slice(0, max).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.d.e.u;
      a.textContent = h.d.e.t;
      li.appendChild(a);
      if (h.d.e.s) {
        var s = document.createElement("span");
        s.className = "muted";
        s.textContent = " · " + h.d.e.s;
        li.appendChild(s);
      }
      if (h.d.e.d) {
        var p = document.createElement("p");
        p.textContent = h.d.e.d;
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  show(q);
  input.addEventListener("input", function () { show(input.value); });
  document.querySelector("form.search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    show(input.value);
    if (window.history && window.history.replaceState && window.location.protocol !== "file:") {
      window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    }
  });
})();
