"""findings.json's layout: every claim once, findings referring to claims by id.

At 20,000 articles a claim was listed in 3.3 findings on average (122,575 listings of 37,677
claims), each finding repeated its claims' credibility parts (the same publisher, attribution
and corroboration labels, 116,715 times from 4,600 distinct ones), and its reason was also
written whole inside its explanation: 111.5 MB in all. The file is now one document

    {"claims": {claim_id: {...}, ...},            one line per claim
     "credibility_parts": [[name, value], ...],   one line per distinct part
     "findings": [{...}, ...]}                    one line per finding

in which a finding's `claims` are claim ids, each `details.credibility` value that was a
breakdown is `[score, i, j, ...]` (indexes into `credibility_parts`), and a reason found in the
explanation is `details.reason_at: [start, end]`; `groups` and `outdated` give claims by
their position in the finding's `claims`, as `conflicts` do. `read_findings` gives back the
findings with their claims and details whole, as `exports.finding_json` makes them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from crosscheck.report.build import ReportView
from crosscheck.report.exports import findings_json

SCORE = "score"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class _Parts:
    """Distinct credibility parts, each written once and referred to by its index."""

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


# Details that list claim ids: written as positions in the finding's `claims` (an id the
# finding does not hold stays an id), as `conflicts` are; 3.6 MB of ids at 20,000 articles.
ID_LISTS = ("groups", "outdated")


def _positions(value: Any, to: Any) -> Any:
    """A list of ids, or of lists of ids, with each item mapped by `to`."""
    if not isinstance(value, list):
        return value
    return [[to(x) for x in v] if isinstance(v, list) else to(v) for v in value]


def _slim_details(details: dict[str, Any], explanation: str, parts: _Parts,
                  ids: list[str]) -> dict[str, Any]:
    """Details with credibility by part index, claim ids by position and the reason by its
    place in the explanation."""
    out = dict(details)
    position = {cid: i for i, cid in enumerate(ids)}
    for key in ID_LISTS:
        if key in out:
            out[key] = _positions(out[key], lambda x: position.get(x, x))
    reason = out.get("reason")
    if isinstance(reason, str) and reason and reason in explanation:
        start = explanation.index(reason)
        del out["reason"]
        out["reason_at"] = [start, start + len(reason)]
    cred = out.get("credibility")
    if isinstance(cred, Mapping):
        out["credibility"] = {k: parts.breakdown(v) if isinstance(v, Mapping) else v
                              for k, v in cred.items()}
    return out


def findings_document(view: ReportView) -> dict[str, Any]:
    """findings.json as a document: claims once, parts once, findings by reference."""
    claims: dict[str, dict[str, Any]] = {}
    parts = _Parts()
    findings = []
    for f in findings_json(view):
        ids = []
        for record in f["claims"]:
            claims.setdefault(record["claim_id"], record)
            ids.append(record["claim_id"])
        findings.append({**f, "claims": ids,
                         "details": _slim_details(f["details"], f["explanation"], parts, ids)})
    return {"claims": claims, "credibility_parts": parts.rows, "findings": findings}


def _lines(items: list[str]) -> str:
    """A JSON list or object body, one item a line."""
    return "\n" + ",\n".join(items) + "\n" if items else ""


def findings_text(view: ReportView) -> str:
    """findings.json as written: one claim, part or finding a line (grep and diff by line)."""
    doc = findings_document(view)
    claims = [f"{_dumps(cid)}:{_dumps(rec)}" for cid, rec in doc["claims"].items()]
    parts = [_dumps(p) for p in doc["credibility_parts"]]
    findings = [_dumps(f) for f in doc["findings"]]
    return (f'{{"claims":{{{_lines(claims)}}},\n"credibility_parts":[{_lines(parts)}],\n'
            f'"findings":[{_lines(findings)}]}}\n')


def _whole_details(details: dict[str, Any], explanation: str, parts: list[list[Any]],
                   ids: list[str]) -> dict[str, Any]:
    """A finding's details as exports.details_json wrote them."""
    out = dict(details)
    for key in ID_LISTS:
        if key in out:
            out[key] = _positions(out[key], lambda x: ids[x] if isinstance(x, int) else x)
    at = out.pop("reason_at", None)
    if isinstance(at, list) and len(at) == 2:
        out["reason"] = explanation[at[0]:at[1]]
    cred = out.get("credibility")
    if isinstance(cred, Mapping):
        out["credibility"] = {k: _breakdown(v, parts) if isinstance(v, list) else v
                              for k, v in cred.items()}
    return out


def _breakdown(row: list[Any], parts: list[list[Any]]) -> dict[str, Any]:
    """[score, i, j, ...] back to the breakdown mapping (the score last, as it was made)."""
    score, *refs = row
    whole = {parts[i][0]: parts[i][1] for i in refs}
    return {**whole, SCORE: score} if score is not None else whole


def read_findings(text: str) -> list[dict[str, Any]]:
    """The findings of a findings.json text, each with its claims and details whole."""
    doc = json.loads(text)
    claims, parts = doc["claims"], doc["credibility_parts"]
    return [{**f, "claims": [claims[cid] for cid in f["claims"]],
             "details": _whole_details(f["details"], f["explanation"], parts, f["claims"])}
            for f in doc["findings"]]
