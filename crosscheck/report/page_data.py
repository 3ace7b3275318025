"""The findings report.html does not render: a compact data block its script builds cards from.

At 20,000 articles the page listed 6,917 cards of about 6 kB (41 MB, interactive after 3 s):
the first page is HTML, and every later finding is a record here, its shown claims written
once in `claims` (a claim is shown by several findings) with their sources and credibility
breakdowns in tables. report.js builds a card from its record when the filters, the search,
"Show more", a #f-ID link or printing reach it, with the classes the template gives it.

The block is JSON inside <script type="application/json">: `</script>`, `<!--` and the like
in a sentence cannot end it, because every `<`, `>` and `&` is written as a \\u escape.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from crosscheck.report.build import (
    MAX_COPIES_SHOWN,
    MAX_GROUPS_SHOWN,
    MAX_NAMES_SHOWN,
    ClaimView,
    FindingView,
    ReportView,
    fmt_time,
    shorten_text,
)
from crosscheck.report.figures import FigureGroup, exact_interval
from crosscheck.report.model import SourceInfo
from crosscheck.report.svg import credibility_band, number_line

# Characters JSON may leave as they are but HTML would read inside a <script> element.
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                ord("\u2028"): "\\u2028", ord("\u2029"): "\\u2029"}


def script_json(value: Any) -> str:
    """JSON to put inside a <script type="application/json"> element: nothing in it can end
    the element or start markup, whatever the texts from the web hold."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.translate(_SCRIPT_SAFE)


def fmt_cred(value: float | None) -> str:
    """Credibility for a badge: '0.85' or 'unrated' (the template's filter too)."""
    return "unrated" if value is None else f"{value:.2f}"


# Characters of a reason that must be inside the cut explanation for the card to leave the
# reason out: the explanation then shows its start and findings.json has the whole of it.
REASON_SEEN = 40


def page_reason(fv: FindingView) -> str | None:
    """The reason the card shows: none when its cut explanation already starts it (a
    revision's explanation is its reason after a few words), else the reason cut like the
    explanation. At 20,000 articles 4,918 revisions each showed their whole reason beside an
    explanation holding it (a source list, up to 27,000 characters): 10 MB of the page."""
    reason, explanation = fv.reason, fv.finding.explanation
    if not reason:
        return None
    at = explanation.find(reason)
    if 0 <= at and at + min(len(reason), REASON_SEEN) <= len(shorten_text(explanation)):
        return None
    return shorten_text(reason)


def score_text(parts: dict[str, object]) -> str:
    """A claim's credibility score as its card writes it ('0.72'), '' when it has none."""
    score = parts.get("score")
    return f"{score:.2f}" if isinstance(score, int | float) else ""


def part_texts(parts: dict[str, object], cv: ClaimView,
               shared: dict[str, object] | None) -> list[str]:
    """Each part of a claim's credibility in words, as the card's template writes them: the
    weight only when it is not the page's `shared` one."""
    weights = parts.get("weights") if isinstance(parts.get("weights"), dict) else {}
    assert isinstance(weights, dict)
    own = {} if weights == shared else weights
    shown = []
    for key, value in sorted(parts.items()):
        if key in ("weights", "score"):
            continue
        w = own.get(key)
        weight = f" × {w}" if isinstance(w, int | float) else ""
        shown.append(f"{key.replace('_', ' ')}{weight} {part_label(value, cv)}")
    return shown


def part_label(value: object, cv: ClaimView) -> str:
    """A credibility part's label without the names its claim card already shows.

    "named (X)" loses "(X)" when X is the claim's attribution ("Attributed to X" is above it),
    and the publisher's rating loses the source's name (the card starts with it)."""
    if not isinstance(value, dict):
        return str(value)
    if "label" not in value:
        return ", ".join(f"{k}: {v}" for k, v in sorted(value.items()))
    label, name = str(value["label"]), value.get("name")
    attribution = cv.claim.attribution
    if attribution and label.endswith(f" ({attribution})"):
        label = label[:-len(attribution) - 3]
    if name and name not in (cv.source.id, cv.source.name):
        label += f" ({name})"
    return label


def shared_weights(view: ReportView) -> dict[str, object] | None:
    """The credibility weights every shown breakdown uses, when they are one set: the page
    names them once under the filters instead of on each of its claims."""
    seen = [cv.credibility.get("weights") for fv in view.findings for cv in fv.shown
            if cv.credibility]
    first = seen[0] if seen else None
    return first if isinstance(first, dict) and all(w == first for w in seen) else None


class _Tables:
    """Sources, claims and repeated texts (credibility parts, names, colours) written once
    and referred to by index."""

    def __init__(self, known: dict[str, SourceInfo], weights: dict[str, object] | None) -> None:
        self.known, self.weights = known, weights
        self.sources: dict[str, int] = {}
        self.source_rows: list[list[Any]] = []
        self.claims: dict[str, int] = {}
        self.claim_rows: list[list[Any]] = []
        self.texts: dict[str, int] = {}
        self.text_rows: list[str] = []

    def source(self, source_id: str) -> int:
        """The source's row: [id, name, credibility badge, band, country]."""
        if source_id not in self.sources:
            s = self.known.get(source_id) or SourceInfo(source_id, source_id, "unknown")
            self.sources[s.id] = len(self.source_rows)
            self.source_rows.append([s.id, s.name, fmt_cred(s.credibility),
                                     credibility_band(s.credibility)[1], s.country or ""])
        return self.sources[source_id]

    def text(self, value: str) -> int:
        if value not in self.texts:
            self.texts[value] = len(self.text_rows)
            self.text_rows.append(value)
        return self.texts[value]

    def claim(self, cv: ClaimView) -> int:
        """The claim's index, its record added when it is new."""
        cid = cv.claim.id
        if cid not in self.claims:
            self.claims[cid] = len(self.claim_rows)
            self.claim_rows.append(_claim_record(cv, self.source(cv.source.id)))
        return self.claims[cid]


def _claim_record(cv: ClaimView, source: int) -> list[Any]:
    """[source, surface, interval line, sentence, mark start, mark end, attribution, link,
    title, article line, dates]: what a claim card shows of one claim."""
    q, art, c = cv.claim.quantity, cv.article, cv.claim
    norm = f"{exact_interval(q)} · {q.qualifier.replace('_', ' ')}" + \
        (f" · change {q.change}" if q.change != "none" else "")
    start, end = cv.span if cv.span else (-1, -1)
    if art is None:
        nolink = f"article {c.article_id} not in this run"
    else:
        nolink = "" if cv.link else f"({art.url or 'no URL'})"
    dates = ""
    if art and art.published:
        dates += f" · {art.published.strftime('%Y-%m-%d')}"
    if c.as_of and (not art or not art.published or c.as_of != art.published.date()):
        dates += f" · as of {c.as_of.isoformat()}"
    title = (art.title if art and art.title else cv.link) or ""
    return [source, q.surface or exact_interval(q), norm, c.sentence, start, end,
            c.attribution or "", cv.link or "", title, nolink, dates]


def _groups(groups: Sequence[FigureGroup], t: _Tables) -> list[list[Any]]:
    """The side-by-side row: [colour, figures text, [[name, copies], ...], more names], the
    colour and the names as indexes into `texts`."""
    out = []
    for g in groups[:MAX_GROUPS_SHOWN]:
        shown = g.displays[:2]
        text = " / ".join(shown) + (" …" if len(g.displays) > 2 else "")
        names = [[t.text(f.source_name), f.copies] for f in g.figures[:MAX_NAMES_SHOWN]]
        out.append([t.text(credibility_band(g.best_credibility)[0]), text, names,
                    max(0, len(g.figures) - MAX_NAMES_SHOWN)])
    return out


def _review(fv: FindingView) -> list[Any] | None:
    r = fv.review
    return None if r is None else [r.verdict, r.reviewer, fmt_time(r.at), r.note,
                                   fv.review_stale]


def _shown(fv: FindingView, t: _Tables) -> list[list[Any]]:
    """The claim cards: [claim index, credibility ([score text, part text indexes...], or 0),
    copy claim indexes, more copies]; a breakdown's parts repeat from claim to claim."""
    out = []
    for cv in fv.shown:
        c = cv.credibility
        cred = [score_text(c), *(t.text(p) for p in part_texts(c, cv, t.weights))] if c else 0
        copies = [t.claim(cp) for cp in cv.copies[:MAX_COPIES_SHOWN]]
        out.append([t.claim(cv), cred, copies, max(0, len(cv.copies) - MAX_COPIES_SHOWN)])
    return out


def _notes(fv: FindingView) -> list[list[str]]:
    """The finding's own credibility notes, key and text."""
    out = []
    for key, value in sorted((fv.credibility or {}).items()):
        text = ", ".join(f"{k2}: {v2}" for k2, v2 in sorted(value.items())) \
            if isinstance(value, dict) else str(value)
        out.append([str(key), text])
    return out


# Keys every record has; the others are left out when empty, false or zero (report.js reads
# them so): 6,817 records at 20,000 articles, most with no notes, review or bare figures.
ALWAYS = ("id", "kind", "sev", "sources", "title", "counts")
UNREVIEWED = "unreviewed"  # a status left out
# Short names of the record's keys (report.js reads `keys` to give the long ones back):
# written 6,817 times at 20,000 articles.
SHORT = {"kind": "k", "sev": "v", "status": "st", "new": "n", "sources": "s",
         "countries": "co", "measured": "m", "title": "t", "expl": "x", "counts": "nc",
         "groups": "g", "more_groups": "gm", "reason": "r", "claims": "c", "more": "cm",
         "bare": "b", "notes": "cn", "review": "rv", "caption": "cp"}


def finding_record(fv: FindingView, t: _Tables) -> dict[str, Any]:
    """What report.js needs to build one finding's card."""
    f = fv.finding
    record: dict[str, Any] = {
        "id": f.id, "kind": f.kind, "sev": f.severity,
        "status": "" if fv.status == UNREVIEWED else fv.status, "new": fv.new,
        "sources": [t.source(sid) for sid in fv.source_ids], "countries": fv.countries,
        "measured": fv.measured,
        "title": fv.headline or shorten_text(f.explanation),
        "expl": shorten_text(f.explanation) if fv.headline else "",
        "counts": [fv.claim_count, len(fv.source_ids), f.independent_origins,
                   fv.claim_count - len(fv.claims)],
        "groups": _groups(fv.groups, t) if len(fv.groups) > 1 else [],
        "more_groups": max(0, len(fv.groups) - MAX_GROUPS_SHOWN) if len(fv.groups) > 1 else 0,
        "reason": page_reason(fv) or "", "claims": _shown(fv, t), "more": fv.claims_not_shown,
        "bare": [] if fv.shown else [[g.source_name, g.display] for g in fv.figures],
        "notes": _notes(fv), "review": _review(fv),
    }
    if f.kind == "contradiction":
        svg = number_line(fv.drawn, "nl", shared=True)
        if svg:
            record["svg"] = str(svg)
            if len(fv.drawn) < len(fv.figures):
                record["caption"] = f"{len(fv.drawn)} of {len(fv.figures)} figures drawn, " \
                    "one of each group first"
    return {SHORT.get(k, k): v for k, v in record.items() if v or k in ALWAYS}


def page_data(view: ReportView, first: int, weights: dict[str, object] | None
              ) -> dict[str, Any]:
    """The data block: every finding after the first `first`, with the tables they use
    (`weights`: the credibility weights the page names once)."""
    t = _Tables(view.sources_by_id, weights)
    findings = [finding_record(fv, t) for fv in view.findings[first:]]
    return {"keys": {v: k for k, v in SHORT.items()}, "findings": findings,
            "claims": t.claim_rows, "sources": t.source_rows, "texts": t.text_rows}
