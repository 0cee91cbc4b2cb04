// policydiff site: the search box (index page). Pinned by its sha256 in the page's CSP; the page is
// complete without it (every entry listed), the box only filters the list, offline.
(function () {
  "use strict";
  var box = document.getElementById("search");
  var list = document.getElementById("entries");
  if (!box || !list) { return; }
  document.getElementById("search-box").hidden = false;
  var items = Array.prototype.slice.call(list.querySelectorAll("li"));
  var count = document.getElementById("search-count");
  function norm(s) { return (s.normalize ? s.normalize("NFKC") : s).toLowerCase(); }
  var texts = items.map(function (li) { return norm(li.getAttribute("data-text") || li.textContent); });
  function run() {
    var terms = norm(box.value).split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (li, i) {
      var hit = terms.every(function (t) { return texts[i].indexOf(t) >= 0; });
      li.hidden = !hit;
      if (hit) { shown += 1; }
    });
    count.textContent = terms.length ? shown + " / " + items.length : String(items.length);
  }
  box.addEventListener("input", run);
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== box && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      box.focus();
    }
  });
  var m = /^#q=(.*)$/.exec(location.hash);
  if (m) { box.value = decodeURIComponent(m[1]); }
  run();
}());
