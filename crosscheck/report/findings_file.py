"""findings.json as written: the list of findings the shared scorer reads, without repeats.

The file stays what the product is judged on (`../shared/crosscheck-dev/score.py`): a JSON
list of findings, one a line, each with `kind`, `explanation` and `claims`, every claim an
object with `article_url`, `low` and `high`. What made it 110.6 MB at 20,000 articles was
written again and again inside the findings, and goes here:

- a claim's sentence, title, source, attribution, slots and fact key: in claims.csv, once
  per claim (a claim was listed by 3.3 findings on average, 122,675 listings of 31.6 MB);
  a finding's claims carry only what identifies the claim and its figure (`CLAIM_KEYS`);
- credibility breakdowns (38.7 MB, from a few thousand distinct parts): each distinct part
  once in credibility.json, `parts`, and a claim's breakdown in a finding is
  `[score, part index, ...]`;
- a reason the explanation holds whole (10 MB): `details.reason_at: [start, end]`;
- claim ids in `groups` and a revision's `outdated`: positions in the finding's `claims`, as
  `conflicts` already are.

`whole_finding` gives back a finding's details as `exports.finding_json` makes them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from crosscheck.report.build import ReportView
from crosscheck.report.exports import finding_json

# What a finding says of each of its claims: which claim, in which article, the figure (an
# open end is null) and its unit; `qualifier` only when the figure is not exact (the kind of
# its open end or range) and `copy_of` only on a copy (a finding counts independent origins).
# The rest is the claim's row of claims.csv: 17.5 of the listings' 31.6 MB at 20,000 articles.
CLAIM_KEYS = ("claim_id", "article_url", "low", "high", "unit")
EXACT = "exact"
SCORE = "score"
# Details that list claim ids: written as positions in the finding's `claims` (an id the
# finding does not hold stays an id); 3.6 MB of ids at 20,000 articles.
ID_LISTS = ("groups", "outdated")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class Parts:
    """The run's distinct credibility parts, each written once and referred to by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.rows: list[list[Any]] = []

    def ref(self, name: str, value: Any) -> int:
        """The index of the part (name, value), added when it is new."""
        key = _dumps([name, value])
        if key not in self.index:
            self.index[key] = len(self.rows)
            self.rows.append([name, value])
        return self.index[key]

    def breakdown(self, parts: Mapping[str, Any]) -> list[Any]:
        """[score, part index, ...]: the score first (None when absent), then its parts."""
        return [parts.get(SCORE), *(self.ref(k, v) for k, v in parts.items() if k != SCORE)]


def _mapped(value: Any, to: Callable[[Any], Any]) -> Any:
    """A list of ids, or of lists of ids, with each id mapped by `to`."""
    if not isinstance(value, list):
        return value
    return [[to(x) for x in v] if isinstance(v, list) else to(v) for v in value]


def _slim_details(f: Mapping[str, Any], parts: Parts) -> dict[str, Any]:
    """A finding's details with ids by position, credibility by part and the reason by place."""
    out = dict(f["details"])
    ids = [c["claim_id"] for c in f["claims"]]
    position = {cid: i for i, cid in enumerate(ids)}
    for key in ID_LISTS:
        if key in out:
            out[key] = _mapped(out[key], lambda x: position.get(x, x))
    reason, explanation = out.get("reason"), f["explanation"]
    if isinstance(reason, str) and reason and reason in explanation:
        start = explanation.index(reason)
        del out["reason"]
        out["reason_at"] = [start, start + len(reason)]
    cred = out.get("credibility")
    if isinstance(cred, Mapping):
        out["credibility"] = {k: parts.breakdown(v) if isinstance(v, Mapping) else v
                              for k, v in cred.items()}
    return out


def claim_ref(c: Mapping[str, Any]) -> dict[str, Any]:
    """A claim as a finding lists it: CLAIM_KEYS, a qualifier other than exact, its origin."""
    ref = {k: c.get(k) for k in CLAIM_KEYS}
    if c.get("qualifier") not in (None, EXACT):
        ref["qualifier"] = c["qualifier"]
    if c.get("copy_of"):
        ref["copy_of"] = c["copy_of"]
    return ref


def slim_finding(f: Mapping[str, Any], parts: Parts) -> dict[str, Any]:
    """One finding of `exports.finding_json` as findings.json writes it."""
    return {**f, "claims": [claim_ref(c) for c in f["claims"]],
            "details": _slim_details(f, parts)}


def report_json(view: ReportView) -> tuple[str, str]:
    """findings.json (a list, one finding a line: grep and diff by finding) and
    credibility.json (`parts`, one a line) as written."""
    parts = Parts()
    lines = [_dumps(slim_finding(finding_json(fv), parts)) for fv in view.findings]
    return _list_text(lines), '{"parts":' + _list_text([_dumps(p) for p in parts.rows]) + "}\n"


def _list_text(lines: Sequence[str]) -> str:
    """A JSON list of already encoded items, one a line."""
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


def whole_finding(f: Mapping[str, Any], parts: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """A finding of findings.json with its details whole (ids, reasons and breakdowns), given
    credibility.json's `parts`."""
    out = dict(f["details"])
    ids = [c["claim_id"] for c in f["claims"]]
    for key in ID_LISTS:
        if key in out:
            out[key] = _mapped(out[key], lambda x: ids[x] if isinstance(x, int) else x)
    at = out.pop("reason_at", None)
    if isinstance(at, list) and len(at) == 2:
        out["reason"] = f["explanation"][at[0]:at[1]]
    cred = out.get("credibility")
    if isinstance(cred, Mapping):
        out["credibility"] = {k: _breakdown(v, parts) if isinstance(v, list) else v
                              for k, v in cred.items()}
    return {**f, "details": out}


def _breakdown(row: list[Any], parts: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """[score, i, j, ...] back to the breakdown mapping (the score last, as it was made)."""
    score, *refs = row
    found = {parts[i][0]: parts[i][1] for i in refs}
    return {**found, SCORE: score} if score is not None else found
