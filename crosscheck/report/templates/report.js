(function () {
  "use strict";
  document.documentElement.className += " js";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var cards = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var fields = {
    q: document.getElementById("f-search"),
    kind: document.getElementById("f-kind"),
    source: document.getElementById("f-source"),
    country: document.getElementById("f-country"),
    status: document.getElementById("f-status"),
    fresh: document.getElementById("f-new")
  };
  var count = document.getElementById("f-count");
  var empty = document.getElementById("f-empty");
  var more = document.getElementById("f-more");
  // Findings shown at once, more on request: a page of thousands of cards is slow to lay out.
  var PAGE = parseInt(form.getAttribute("data-page"), 10) || 100;
  var limit = PAGE;
  var texts = null;  // each card's text, read at the first search (reading it costs time)

  function cardText(i) {
    if (texts === null) { texts = cards.map(function (c) { return c.textContent.toLowerCase(); }); }
    return texts[i];
  }

  function has(list, value) {
    return !value || list.indexOf("|" + value + "|") >= 0;
  }

  function matches(card, i, want) {
    var d = card.dataset;
    return (!want.kind || d.kind === want.kind) &&
      has(d.sources, want.source) && has(d.countries, want.country) &&
      (!want.status || d.status === want.status) &&
      (!want.fresh || d["new"] === "yes") &&
      (!want.q || cardText(i).indexOf(want.q) >= 0);
  }

  function wanted() {
    return {
      q: fields.q.value.trim().toLowerCase(), kind: fields.kind.value,
      source: fields.source.value, country: fields.country.value,
      status: fields.status.value, fresh: fields.fresh.checked
    };
  }

  function saveHash(want) {
    var parts = [];
    ["q", "kind", "source", "country", "status"].forEach(function (k) {
      if (want[k]) { parts.push(k + "=" + encodeURIComponent(want[k])); }
    });
    if (want.fresh) { parts.push("new=1"); }
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (history.replaceState) {
      history.replaceState(null, "", hash || location.pathname + location.search);
    }
  }

  function apply(save) {
    var want = wanted();
    var matched = 0;
    cards.forEach(function (card, i) {
      var ok = matches(card, i, want);
      if (ok) { matched += 1; }
      card.hidden = !ok || matched > limit;
    });
    count.textContent = matched + " of " + cards.length + " findings";
    empty.hidden = matched > 0;
    var rest = matched - Math.min(matched, limit);
    more.hidden = rest === 0;
    more.textContent = "Show " + Math.min(rest, PAGE) + " more (" + rest + " not shown)";
    if (save) { saveHash(want); }
  }

  function reveal() {  // a link to one finding (#f-ID) shows it, wherever it is in the list
    var card = location.hash.indexOf("#f-") === 0 ?
      document.getElementById(location.hash.slice(1)) : null;
    if (!card || !card.hidden) { return; }
    form.reset();
    limit = Math.max(limit, cards.indexOf(card) + 1);
    apply(false);
    card.scrollIntoView();
  }

  function restore() {
    var hash = location.hash.replace(/^#/, "");
    if (hash.indexOf("=") < 0) { return; }
    hash.split("&").forEach(function (pair) {
      var kv = pair.split("=");
      var value = decodeURIComponent(kv[1] || "");
      if (kv[0] === "new") { fields.fresh.checked = value === "1"; }
      else if (fields[kv[0]]) { fields[kv[0]].value = value; }
    });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("input", function () { limit = PAGE; apply(true); });
  form.addEventListener("change", function () { limit = PAGE; apply(true); });
  document.getElementById("f-reset").addEventListener("click", function () {
    form.reset();
    limit = PAGE;
    apply(true);
  });
  more.addEventListener("click", function () { limit += PAGE; apply(false); });
  window.addEventListener("hashchange", reveal);
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
      d.setAttribute("open", "");
    });
    limit = cards.length;  // print every finding the filters match
    apply(false);
  });
  restore();
  apply(false);
  reveal();
}());
