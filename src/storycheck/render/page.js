/* storycheck report page: select a finding to light up its spans in every report; filter by kind.
   Inlined by storycheck.render.html. Plain ES2017, no dependencies. */
(function () {
  "use strict";

  var RANK = { conflict: 0, partial: 1, single_source: 2, corroborated: 3 };
  var items = Array.prototype.slice.call(document.querySelectorAll("li.finding"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl[data-f]"));  /* not the check table's word lists: no finding */
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".filters input[type=checkbox]"));
  var narrow = window.matchMedia("(max-width: 800px)");
  var kindOf = {};
  var itemOf = {};
  var shown = {};
  var current = null;

  items.forEach(function (li) {
    kindOf[li.dataset.id] = li.dataset.k;
    itemOf[li.dataset.id] = li;
  });

  function idsOf(mark) {
    return mark.dataset.f.split(" ");
  }

  /* each mark shows the most important kind still shown among the findings covering it */
  function paint() {
    boxes.forEach(function (box) { shown[box.value] = box.checked; });
    marks.forEach(function (mark) {
      var best = null;
      idsOf(mark).forEach(function (id) {
        var k = kindOf[id];
        if (shown[k] !== false && (best === null || RANK[k] < RANK[best])) best = k;
      });
      mark.dataset.k = best || "none";
    });
    items.forEach(function (li) { li.hidden = shown[li.dataset.k] === false; });
    document.querySelectorAll(".group, ol.findings").forEach(function (el) {
      el.hidden = shown[el.dataset.k] === false;
    });
    if (current && shown[kindOf[current]] === false) select(null);
  }

  /* centre a mark inside its own scrolling column without moving the page */
  function centreIn(box, mark) {
    var b = box.getBoundingClientRect();
    var m = mark.getBoundingClientRect();
    box.scrollTop += (m.top - b.top) - (box.clientHeight - m.height) / 2;
  }

  /* #F3 in the address selects F3 on load; file:// pages may refuse history changes, which is fine */
  function setHash(id) {
    try {
      if (id) history.replaceState(null, "", "#" + id);
      else if (location.hash) history.replaceState(null, "", location.pathname + location.search);
    } catch (e) { /* not important */ }
  }

  /* a finding chosen in the list: every column brings its first span of it to the centre (on a phone,
     each column scrolls inside itself and the page goes to the first one); a finding chosen by
     clicking text in a column: the other columns follow, without moving the page under the pointer */
  function select(id, opts) {
    opts = opts || {};
    marks.forEach(function (m) {
      m.classList.remove("active");
      delete m.dataset.a;
    });
    items.forEach(function (li) {
      var on = li.dataset.id === id;
      li.classList.toggle("active", on);
      li.setAttribute("aria-pressed", on ? "true" : "false");
    });
    current = id;
    setHash(id);
    if (!id) return;
    var firstPerColumn = new Map();
    marks.forEach(function (m) {
      if (idsOf(m).indexOf(id) < 0) return;
      m.classList.add("active");
      m.dataset.a = kindOf[id];
      var col = m.closest(".doc-text");
      if (col && !firstPerColumn.has(col)) firstPerColumn.set(col, m);
    });
    var first = null;
    firstPerColumn.forEach(function (m, col) {
      if (col === opts.from) return; // the column the reader clicked in stays where it is
      if (narrow.matches || opts.from) centreIn(col, m);
      else m.scrollIntoView({ block: "center", inline: "nearest" });
      if (!first) first = m;
    });
    if (narrow.matches && first && !opts.from) first.scrollIntoView({ block: "center" });
    if (opts.from && itemOf[id]) {
      var panel = itemOf[id].closest(".panel");
      if (panel && !narrow.matches) centreIn(panel, itemOf[id]);
    }
  }

  items.forEach(function (li) {
    li.addEventListener("click", function (ev) {
      if (ev.target.closest("a, summary")) return;
      select(current === li.dataset.id ? null : li.dataset.id);
    });
    li.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        select(current === li.dataset.id ? null : li.dataset.id);
      }
    });
  });

  /* clicking highlighted text selects its finding; clicking again cycles through overlapping ones */
  document.querySelectorAll(".doc-text").forEach(function (col) {
    col.addEventListener("click", function (ev) {
      var mark = ev.target.closest("mark.hl");
      if (!mark || mark.dataset.k === "none") return;
      if (window.getSelection && String(window.getSelection()).length) return; // reader is selecting text
      var ids = idsOf(mark).filter(function (id) { return shown[kindOf[id]] !== false; });
      ids.sort(function (a, b) { return RANK[kindOf[a]] - RANK[kindOf[b]]; });
      var next = ids[(ids.indexOf(current) + 1) % ids.length];
      select(next, { from: col });
    });
  });

  boxes.forEach(function (box) { box.addEventListener("change", paint); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && current) select(null);
  });

  paint();
  var wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted && itemOf[wanted]) select(wanted);

  /* a finding's id in the check table (#F2) selects it and brings it into view in the list: on its click, not only
     on a change of the address, or a second click on the id of the finding already chosen (the reader scrolled away
     to read) did nothing; a hash typed into the address still selects */
  function reveal(id) {
    if (!id || !itemOf[id]) return;
    if (shown[kindOf[id]] === false) {  /* a kind filtered out: show it again, as the reader asked for it */
      boxes.forEach(function (box) { if (box.value === kindOf[id]) box.checked = true; });
      paint();
    }
    select(id);
    var li = itemOf[id];
    var panel = li.closest(".panel");
    if (!panel || narrow.matches) return;
    /* a finding taller than the list (one over 40 sources) shows its start, not its middle: its line was cut off */
    if (li.offsetHeight > panel.clientHeight) panel.scrollTop += li.getBoundingClientRect().top - panel.getBoundingClientRect().top;
    else centreIn(panel, li);
  }
  document.querySelectorAll("#check a.fid").forEach(function (a) {
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      reveal(decodeURIComponent(a.getAttribute("href").slice(1)));
    });
  });
  window.addEventListener("hashchange", function () {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id !== current) reveal(id);
  });
})();
