(function () {
  "use strict";
  document.documentElement.className += " js";
  var form = document.getElementById("filters");
  if (!form) { return; }
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
  // Every finding in report order: the first page's cards are in the page, the others are
  // records of the data block (page_data.py) whose cards are built when first shown.
  var dataNode = document.getElementById("f-data");
  var data = dataNode ? JSON.parse(dataNode.textContent) : {findings: []};
  var items = Array.prototype.slice.call(document.querySelectorAll("article.finding"))
    .map(function (card) {
      var d = card.dataset;
      return {id: card.id.slice(2), kind: d.kind, status: d.status, fresh: d["new"] === "yes",
              sources: d.sources, countries: d.countries, card: card, text: null};
    });
  var EMPTY = {status: "unreviewed", countries: [], measured: "", expl: "", reason: "",
               groups: [], more_groups: 0, claims: [], more: 0, bare: [], notes: [],
               review: null, "new": false};
  var keys = data.keys || {};
  function ids(list) {
    return "|" + list.map(function (i) { return typeof i === "number" ? data.sources[i][0] : i; })
      .join("|") + "|";
  }
  data.findings.forEach(function (r) {  // page_data.py writes short keys and leaves out what is empty
    Object.keys(keys).forEach(function (k) { if (k in r) { r[keys[k]] = r[k]; } });
    Object.keys(EMPTY).forEach(function (k) { if (!(k in r)) { r[k] = EMPTY[k]; } });
    r.sources = ids(r.sources);
    r.countries = ids(r.countries);
    items.push({id: r.id, kind: r.kind, status: r.status, fresh: r["new"], sources: r.sources,
                countries: r.countries, card: null, text: null, record: r});
  });
  var byId = {};
  items.forEach(function (item, i) { byId[item.id] = i; });

  // --- building a card from its record: text only through textContent, never as HTML ---
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function add(parent, child) {
    parent.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    return child;
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function sentence(c) {  // the sentence with its figure marked, as highlight() does
    var text = c[3], start = c[4], end = c[5];
    var quote = el("blockquote", "sentence");
    if (start < 0) { quote.textContent = text; return quote; }
    add(quote, text.slice(0, start));
    add(quote, el("mark", "", text.slice(start, end)));
    add(quote, text.slice(end));
    return quote;
  }

  function articleLine(c, className) {
    var p = el("p", className);
    if (c[7]) {
      var a = add(p, el("a", "", c[8] || c[7]));
      a.href = c[7]; a.rel = "noreferrer"; a.target = "_blank";
    } else if (c[9].indexOf("article ") === 0) {
      add(p, el("span", "nolink", c[9]));
    } else {
      add(p, el("span", "title", c[8]));
      add(p, " ");
      add(p, el("span", "nolink", c[9]));
    }
    if (c[10]) { add(p, el("span", "date", c[10])); }
    return p;
  }

  function copyItem(at) {
    var c = data.claims[at], src = data.sources[c[0]];
    var li = el("li");
    add(li, el("strong", "", src[1]));
    add(li, (src[4] ? " · " + src[4] : "") + " · ");
    if (c[7]) {
      var a = add(li, el("a", "", c[8] || c[7]));
      a.href = c[7]; a.rel = "noreferrer"; a.target = "_blank";
    } else { add(li, el("span", "nolink", c[9])); }
    var quote = add(li, sentence(c));
    quote.className = "sentence small";
    return li;
  }

  function claimCard(shown) {
    var c = data.claims[shown[0]], src = data.sources[c[0]];
    var card = el("div", "claim band-" + src[3]);
    var fig = add(card, el("p", "claim-figure"));
    add(fig, el("span", "surface", c[1]));
    add(fig, " ");
    add(fig, el("span", "norm", c[2]));
    var name = add(card, el("p", "source-name"));
    var link = add(name, el("a", "", src[1]));
    link.href = "#src-" + src[0];
    add(name, " ");
    add(name, el("span", "badge cred", "credibility " + src[2]));
    add(card, sentence(c));
    var attr = add(card, el("p", "attr" + (c[6] ? "" : " none")));
    if (c[6]) { add(attr, "Attributed to "); add(attr, el("strong", "", c[6])); }
    else { attr.textContent = "No attribution: the article names no source"; }
    if (shown[1]) {
      var parts = shown[1].slice(1).map(function (i) { return data.texts[i]; });
      var score = shown[1][0] ? " score " + shown[1][0] : "";
      add(card, el("p", "cred-detail", "Credibility" + score + ": " + parts.join(" \u00b7 ")));
    }
    var line = add(card, articleLine(c, "article"));
    line.className = "article";
    if (shown[2].length) {
      var details = add(card, el("details", "copies"));
      var n = shown[2].length + shown[3];
      add(details, el("summary", "", plural(n, "copy", "copies") + " of this article (not independent)"));
      var ul = add(details, el("ul"));
      shown[2].forEach(function (at) { add(ul, copyItem(at)); });
      if (shown[3]) { add(ul, el("li", "more", "and " + shown[3] + " more")); }
    }
    return card;
  }

  function figuresRow(r) {
    var row = el("div", "figures-row");
    row.setAttribute("aria-label", "Competing figures");
    r.groups.forEach(function (g, i) {
      var box = add(row, el("div", "fig"));
      box.style.borderTopColor = data.texts[g[0]];
      add(box, el("span", "fig-value", g[1]));
      var names = add(box, el("span", "fig-source"));
      g[2].forEach(function (nc, j) {
        add(names, data.texts[nc[0]]);
        if (nc[1]) { add(names, " "); add(names, el("small", "", "+" + plural(nc[1], "copy", "copies"))); }
        if (j < g[2].length - 1) { add(names, ", "); }
      });
      if (g[3]) { add(names, " "); add(names, el("small", "more", "and " + g[3] + " more")); }
      if (i < r.groups.length - 1) {
        var vs = add(row, el("span", "vs", "vs"));
        vs.setAttribute("aria-hidden", "true");
      }
    });
    if (r.more_groups) { add(row, el("span", "vs more", "and " + r.more_groups + " more figures")); }
    return row;
  }

  function header(r) {
    var head = el("header");
    var tags = add(head, el("p", "tags"));
    add(tags, el("span", "tag sev", r.sev));
    add(tags, el("span", "tag kind", r.kind.replace(/_/g, " ")));
    if (r["new"]) { add(tags, el("span", "tag new", "new")); }
    if (r.review) { add(tags, el("span", "tag verdict v-" + r.review[0], r.review[0])); }
    var link = add(tags, el("a", "permalink", "#" + r.id));
    link.href = "#f-" + r.id; link.title = "Link to this finding";
    var h3 = add(head, el("h3"));
    if (r.measured) { add(h3, el("span", "measured", r.measured)); }
    add(h3, r.title);
    if (r.expl) { add(head, el("p", "explanation", r.expl)); }
    var n = r.counts, meta = add(head, el("p", "meta"));
    add(meta, plural(n[0], "claim", "claims") + " from " + plural(n[1], "source", "sources") + " · ");
    add(meta, el("strong", "", String(n[2])));
    add(meta, " independent origin" + (n[2] === 1 ? "" : "s"));
    if (n[3]) {
      add(meta, " · " + plural(n[3], "copy", "copies") + " folded under " +
          (n[3] === 1 ? "its" : "their") + " origin");
    }
    return head;
  }

  function reviewFooter(r) {
    var foot = el("footer", "review");
    var v = r.review;
    if (v) {
      var state = add(foot, el("p", "review-state"));
      add(state, el("span", "tag verdict v-" + v[0], v[0]));
      add(state, " by ");
      add(state, el("strong", "", v[1]));
      add(state, " on " + v[2] + (v[3] ? ": \u201c" + v[3] + "\u201d" : ""));
      if (v[4]) { add(foot, el("p", "stale", "The figures have changed since this verdict; please review again.")); }
    } else { add(foot, el("p", "todo review-state", "Not reviewed yet.")); }
    var form = document.getElementById("verdict-form-template");
    if (form) {  // the review app's note and buttons, as the template renders them
      var copy = add(foot, form.content.firstElementChild.cloneNode(true));
      copy.querySelector(".verdict-note").setAttribute("aria-label", "Note on finding " + r.id);
    }
    return foot;
  }

  function build(r) {
    var card = el("article", "finding later sev-" + r.sev + " status-" + r.status);
    card.id = "f-" + r.id;
    var d = card.dataset;
    d.findingId = r.id; d.kind = r.kind; d.severity = r.sev; d.status = r.status;
    d["new"] = r["new"] ? "yes" : "no"; d.sources = r.sources; d.countries = r.countries;
    add(card, header(r));
    if (r.groups.length) { add(card, figuresRow(r)); }
    if (r.reason) { add(card, el("p", "reason", r.reason)); }
    if (r.svg) {
      var figure = add(card, el("figure", "nl"));
      figure.innerHTML = r.svg;  // made by svg.py from escaped text, as in the page itself
      if (r.caption) { add(figure, el("figcaption", "", r.caption)); }
    }
    if (r.claims.length) {
      var claims = add(card, el("div", "claims"));
      r.claims.forEach(function (shown) { add(claims, claimCard(shown)); });
      if (r.more) {
        add(card, el("p", "more-claims", plural(r.more, "more claim", "more claims") +
                     ": all in findings.json and claims.csv"));
      }
    } else if (r.bare.length) {
      var ul = add(card, el("ul", "bare-figures"));
      r.bare.forEach(function (b) { add(ul, el("li", "", b[0] + ": " + b[1])); });
    }
    if (r.notes.length) {
      var notes = add(card, el("details", "cred-detail"));
      add(notes, el("summary", "", "Credibility notes"));
      var dl = add(notes, el("dl"));
      r.notes.forEach(function (kv) { add(dl, el("dt", "", kv[0])); add(dl, el("dd", "", kv[1])); });
    }
    add(card, reviewFooter(r));
    return card;
  }

  // --- filtering ---
  function recordText(r) {  // what a search reads of a card that is not built yet
    var parts = [r.id, r.kind, r.sev, r.measured, r.title, r.expl, r.reason];
    r.groups.forEach(function (g) {
      parts.push(g[1]);
      g[2].forEach(function (n) { parts.push(data.texts[n[0]]); });
    });
    r.claims.forEach(function (s) {
      var c = data.claims[s[0]];
      parts.push(c[1], c[2], c[3], c[6], c[8], data.sources[c[0]][1]);
    });
    r.bare.forEach(function (b) { parts.push(b[0], b[1]); });
    return parts.join(" ").toLowerCase();
  }

  function itemText(item) {
    if (item.text === null) {
      item.text = item.card && !item.record ? item.card.textContent.toLowerCase()
        : recordText(item.record);
    }
    return item.text;
  }

  function has(list, value) {
    return !value || list.indexOf("|" + value + "|") >= 0;
  }

  function matches(item, want) {
    return (!want.kind || item.kind === want.kind) &&
      has(item.sources, want.source) && has(item.countries, want.country) &&
      (!want.status || item.status === want.status) &&
      (!want.fresh || item.fresh) &&
      (!want.q || itemText(item).indexOf(want.q) >= 0);
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
    var before = empty;  // cards stay in report order: a built card goes after the last one
    items.forEach(function (item) {
      var ok = matches(item, want);
      if (ok) { matched += 1; }
      var show = ok && matched <= limit;
      if (show && !item.card) {
        item.card = build(item.record);
        before.parentNode.insertBefore(item.card, before.nextSibling);
      }
      if (item.card) {
        item.card.hidden = !show;
        before = item.card;
      }
    });
    count.textContent = matched + " of " + items.length + " findings";
    empty.hidden = matched > 0;
    var rest = matched - Math.min(matched, limit);
    more.hidden = rest === 0;
    more.textContent = "Show " + Math.min(rest, PAGE) + " more (" + rest + " not shown)";
    if (save) { saveHash(want); }
  }

  function reveal() {  // a link to one finding (#f-ID) shows it, wherever it is in the list
    var at = location.hash.indexOf("#f-") === 0 ? byId[location.hash.slice(3)] : undefined;
    if (at === undefined) { return; }
    var item = items[at];
    if (!item.card || item.card.hidden) {
      form.reset();
      limit = Math.max(limit, at + 1);
      apply(false);
    }
    item.card.scrollIntoView();
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
    limit = items.length;  // print every finding the filters match
    apply(false);
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) {
      d.setAttribute("open", "");
    });
  });
  restore();
  apply(false);
  reveal();
}());
