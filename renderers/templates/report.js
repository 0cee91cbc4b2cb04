/* policydiff HTML report: filters, sorting, view toggles and j / k. Inlined verbatim and pinned by
   its sha256 in the page's CSP. Everything it works on is already in the HTML; without it the
   page shows every measure, both the redline and the side-by-side table, in document order. */
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  root.classList.add("js");

  function all(selector, scope) {
    return Array.prototype.slice.call((scope || doc).querySelectorAll(selector));
  }
  function norm(s) {
    return s.normalize("NFKC").toLowerCase();
  }

  var measures = all("article.measure");
  var texts = measures.map(function (m) { return norm(m.textContent); });
  var navOf = {};
  all(".tree [data-target]").forEach(function (li) { navOf[li.getAttribute("data-target")] = li; });
  var goals = all("section.goal");

  /* ---- views: redline or 新旧対照表, for all measures or one ---- */
  var viewButtons = all("[data-set-view]");
  function setView(m, view) {
    m.setAttribute("data-view", view);
    var b = m.querySelector(".toggle");
    if (b) {
      b.textContent = b.getAttribute(view === "sbs" ? "data-to-redline" : "data-to-sbs");
      b.setAttribute("aria-pressed", view === "sbs" ? "true" : "false");
    }
  }
  function setAllViews(view) {
    measures.forEach(function (m) { setView(m, view); });
    viewButtons.forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-set-view") === view ? "true" : "false");
    });
  }
  viewButtons.forEach(function (b) {
    b.addEventListener("click", function () { setAllViews(b.getAttribute("data-set-view")); });
  });
  all(".toggle").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var m = b.closest("article.measure");
      setView(m, m.getAttribute("data-view") === "sbs" ? "redline" : "sbs");
    });
  });
  setAllViews(doc.body.getAttribute("data-default-view") || "redline");

  /* ---- filters ---- */
  var toolbar = doc.getElementById("toolbar");
  var onlyChanged = doc.getElementById("f-changed");
  var kind = doc.getElementById("f-kind");
  var ministry = doc.getElementById("f-ministry");
  var search = doc.getElementById("f-search");
  var count = doc.getElementById("f-count");
  if (toolbar) {
    toolbar.hidden = false;
  }

  function applyFilters() {
    if (!toolbar) {
      return;
    }
    var q = norm(search.value.trim());
    var shown = 0;
    measures.forEach(function (m, i) {
      var codes = m.getAttribute("data-ministries").split(" ");
      var ok = (!onlyChanged.checked || m.getAttribute("data-change") === "1") &&
        (!kind.value || (" " + m.getAttribute("data-kinds") + " ").indexOf(" " + kind.value + " ") >= 0) &&
        (!ministry.value || codes.indexOf(ministry.value) >= 0) &&
        (!q || texts[i].indexOf(q) >= 0);
      m.hidden = !ok;
      var li = navOf[m.id];
      if (li) {
        li.hidden = !ok;
      }
      if (ok) {
        shown += 1;
      }
    });
    goals.forEach(function (g) {
      g.hidden = !g.querySelector("article.measure:not([hidden])");
    });
    all(".tree .t-goal, .tree .t-vision").forEach(function (li) {
      li.hidden = !li.querySelector(".t-m:not([hidden])");
    });
    count.textContent = count.getAttribute("data-template")
      .replace("{n}", String(shown)).replace("{total}", String(measures.length));
  }
  if (toolbar) {
    [onlyChanged, kind, ministry].forEach(function (el) { el.addEventListener("change", applyFilters); });
    search.addEventListener("input", applyFilters);
    applyFilters();
  }
  /* a card is the status filter of the same name, with nothing else narrowing it: its number shows */
  all(".card[data-kind]").forEach(function (card) {
    card.addEventListener("click", function () {
      if (kind) {
        kind.value = card.getAttribute("data-kind");
        if (kind.value !== card.getAttribute("data-kind")) {
          kind.value = "";
        }
        onlyChanged.checked = false;
        ministry.value = "";
        search.value = "";
        applyFilters();
      }
    });
  });

  /* ---- j / k: next and previous change ---- */
  var current = null;
  function mark(m) {
    if (current) {
      current.removeAttribute("aria-current");
      if (navOf[current.id]) {
        navOf[current.id].removeAttribute("aria-current");
      }
    }
    current = m;
    m.setAttribute("aria-current", "true");
    var li = navOf[m.id];
    if (li) {
      li.setAttribute("aria-current", "location");
      li.scrollIntoView({ block: "nearest" });
    }
  }
  function go(step) {
    var stops = measures.filter(function (m) {
      return !m.hidden && m.getAttribute("data-change") === "1";
    });
    if (!stops.length) {
      return;
    }
    var i = stops.indexOf(current);
    if (i < 0 && current) {
      /* the current measure is no stop (unchanged or filtered out): continue from where it stands */
      var after = stops.filter(function (m) {
        return current.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      i = step > 0 ? stops.length - after.length - 1 : stops.length - after.length;
    } else if (i < 0) {
      i = step > 0 ? -1 : stops.length;
    }
    var next = stops[Math.max(0, Math.min(stops.length - 1, i + step))];
    mark(next);
    next.focus({ preventScroll: true });
    next.scrollIntoView({ block: "start" });
  }
  doc.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) {
      return;
    }
    var t = e.target;
    var typing = t && (t.isContentEditable || /^(SELECT|TEXTAREA)$/.test(t.tagName) ||
      (t.tagName === "INPUT" && !/^(checkbox|radio|button)$/.test(t.type)));
    if (typing) {
      if (e.key === "Escape" && t === search) {
        search.blur();
      }
      return;
    }
    if (e.key === "j") {
      e.preventDefault();
      go(1);
    } else if (e.key === "k") {
      e.preventDefault();
      go(-1);
    } else if (e.key === "/" && search) {
      e.preventDefault();
      search.focus();
    }
  });
  all(".tree a").forEach(function (a) {
    a.addEventListener("click", function () {
      var m = doc.getElementById(a.getAttribute("href").slice(1));
      if (m) {
        mark(m);
      }
    });
  });

  /* ---- sortable tables: click a column heading ---- */
  all("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    all("tr", body).forEach(function (row, i) { row.setAttribute("data-i", String(i)); });
    all("thead th", table).forEach(function (th, col) {
      var type = th.getAttribute("data-sort-type");
      if (!type) {
        return;
      }
      var button = doc.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      th.appendChild(button);
      button.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        all("thead th", table).forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var sign = dir === "ascending" ? 1 : -1;
        var rows = all("tr", body);
        rows.sort(function (a, b) {
          var x = a.cells[col].getAttribute("data-sort") || "";
          var y = b.cells[col].getAttribute("data-sort") || "";
          var c;
          if (x === "" || y === "") {
            c = x === y ? 0 : (x === "" ? 1 : -1); /* empty cells last either way */
            return c || Number(a.getAttribute("data-i")) - Number(b.getAttribute("data-i"));
          }
          c = type === "num" ? Number(x) - Number(y) : x.localeCompare(y, root.lang);
          return sign * c || Number(a.getAttribute("data-i")) - Number(b.getAttribute("data-i"));
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  /* ---- a table cut off by its box: its hint says to scroll sideways ---- */
  function hintOverflow() {
    all(".scroll-hint").forEach(function (hint) {
      var box = hint.nextElementSibling;
      hint.classList.toggle("on", !!box && box.scrollWidth > box.clientWidth + 1);
    });
  }
  window.addEventListener("resize", hintOverflow);
  window.addEventListener("load", hintOverflow); /* after the marks' editors widened their tables */
  hintOverflow();

  /* ---- printing: open every collapsed text ---- */
  var closedForPrint = [];
  window.addEventListener("beforeprint", function () {
    closedForPrint = all("details:not([open])");
    closedForPrint.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closedForPrint.forEach(function (d) { d.open = false; }); /* the screen as the reader left it */
    closedForPrint = [];
  });
}());
