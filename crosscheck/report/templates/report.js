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
  var texts = cards.map(function (c) { return c.textContent.toLowerCase(); });

  function has(list, value) {
    return !value || list.indexOf("|" + value + "|") >= 0;
  }

  function matches(card, i, want) {
    var d = card.dataset;
    return (!want.kind || d.kind === want.kind) &&
      has(d.sources, want.source) && has(d.countries, want.country) &&
      (!want.status || d.status === want.status) &&
      (!want.fresh || d["new"] === "yes") &&
      (!want.q || texts[i].indexOf(want.q) >= 0);
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
    var shown = 0;
    cards.forEach(function (card, i) {
      var ok = matches(card, i, want);
      card.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + cards.length + " findings";
    empty.hidden = shown > 0;
    if (save) { saveHash(want); }
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
  form.addEventListener("input", function () { apply(true); });
  form.addEventListener("change", function () { apply(true); });
  document.getElementById("f-reset").addEventListener("click", function () {
    form.reset();
    apply(true);
  });
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
      d.setAttribute("open", "");
    });
  });
  restore();
  apply(false);
}());
