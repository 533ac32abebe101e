// Search over the index built with the site (search-index.js). Chinese has
// no spaces between words, so each term the reader types is looked for as
// a substring of a page's title, keywords and summary; full-width letters
// and digits count as their ASCII forms. Links are relative to this page,
// which sits at the site's root, so they work over HTTP and from disk.
(function () {
  "use strict";
  var index = window.GONGSHI_SEARCH || [];
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");

  function normalize(s) {
    return (s || "").replace(/[\uFF01-\uFF5E]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xFEE0);
    }).replace(/\u3000/g, " ").toLowerCase();
  }

  var docs = index.map(function (e) {
    return { e: e, title: normalize(e.t), rest: normalize(e.k + " " + e.s + " " + e.d) };
  });

  function search(q) {
    var terms = normalize(q).split(/\s+/).filter(Boolean);
    if (terms.length === 0) { return []; }
    var hits = [];
    docs.forEach(function (d) {
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        if (d.title.indexOf(t) >= 0) { score += d.title === t ? 4 : 2; }
        else if (d.rest.indexOf(t) >= 0) { score += 1; }
        else { return; }
      }
      hits.push({ d: d, score: score });
    });
    hits.sort(function (a, b) {
      return b.score - a.score || a.d.e.t.length - b.d.e.t.length || (a.d.e.u < b.d.e.u ? -1 : 1);
    });
    return hits.slice(0, 50);
  }

  function show(q) {
    list.textContent = "";
    if (!q.trim()) { status.textContent = ""; return; }
    var hits = search(q);
    status.textContent = hits.length ? "找到 " + hits.length + " 项" + (hits.length === 50 ? "（只列前 50 项）" : "") : "没有找到“" + q + "”";
    hits.forEach(function (h) {
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
