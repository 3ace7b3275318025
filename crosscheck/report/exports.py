"""Machine-readable outputs: findings.json, claims.csv, and the Prefect findings table.

JSON has no infinity: an open end of an interval ("more than 4,300 km" has no upper bound) is
written as null, in findings.json and as an empty cell in claims.csv. The `qualifier` column
says which kind of open end it is.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from crosscheck.models import Claim
from crosscheck.report.build import ClaimView, FindingView, ReportView, build_view
from crosscheck.report.markdown import figures_line
from crosscheck.report.model import ReportInput, ReviewVerdict

if TYPE_CHECKING:
    import pandas as pd

CLAIM_COLUMNS = (
    "claim_id", "source_id", "source_name", "article_id", "article_url", "article_title",
    "published", "sentence", "surface", "low", "high", "unit", "unit_kind", "qualifier",
    "change", "measured", "entities", "predicate", "attribution", "as_of", "syndicated_from",
    "finding_ids", "base_unit", "base_low", "base_high", "fact", "slot_measure", "slot_subject",
    "slot_partner", "slot_period", "slot_scope", "slot_modality", "slot_revision", "slot_event",
)


def json_safe(value: Any) -> Any:
    """Value with infinities/NaN as None, dates as ISO strings, tuples and sets as lists."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted(json_safe(v) for v in value)
    return value


def _review_json(review: ReviewVerdict | None, stale: bool) -> dict | None:
    """A verdict as JSON, or None when unreviewed."""
    if review is None:
        return None
    return {"verdict": review.verdict, "note": review.note, "reviewer": review.reviewer,
            "at": review.at.isoformat(), "figures_key": review.figures_key,
            "figures_changed": stale}


def _claim_json(cv: ClaimView) -> dict:
    """One claim of a finding in findings.json: its figure and where it was said.

    The sentence, the article's title and the slots are in claims.csv, once per claim (the
    same `claim_id`): at 20,000 articles, writing them (and the details' copies of them)
    with every finding made findings.json 195 MB.
    """
    q = cv.claim.quantity
    return json_safe({
        "claim_id": cv.claim.id, "source_id": cv.claim.source_id,
        "article_url": cv.article.url if cv.article else None,
        "low": q.low, "high": q.high, "unit": q.unit, "qualifier": q.qualifier,
        "attribution": cv.claim.attribution, "copy_of": cv.origin_id, "as_of": cv.claim.as_of,
    })


def _finite(value: float | None) -> float | None:
    return value if isinstance(value, float) and math.isfinite(value) else None


def _slot_cells(c: Claim) -> dict[str, str]:
    """The claim's slots as claims.csv cells ('-' for an unread slot)."""
    names = ("measure", "subject", "partner", "period", "scope", "modality", "revision",
             "event")
    shown = c.slots.describe() if c.slots is not None else {}
    return {f"slot_{n}": shown.get(n, "") for n in names}


def finding_json(fv: FindingView) -> dict:
    """One finding as written to findings.json: its claims once, the details by reference."""
    f = fv.finding
    every = [c for cv in fv.claims for c in [cv, *cv.copies]]
    return {
        "id": f.id, "kind": f.kind, "severity": f.severity, "explanation": f.explanation,
        "independent_origins": f.independent_origins, "cluster_id": f.cluster_id,
        "review": _review_json(fv.review, fv.review_stale), "new": fv.new,
        "figures_key": fv.figures_key, "claims": [_claim_json(c) for c in every],
        "details": details_json(f.details, [c.claim.id for c in every]),
    }


def details_json(details: Mapping[str, Any], claim_ids: list[str]) -> dict[str, Any]:
    """A finding's details without what its claims already say.

    - `figures`: only those of claims the finding does not list (the rest are its claims);
    - `conflicts`: `[i, j, r]`, claims `i` and `j` (positions in the finding's `claims`) cannot
      both hold, for reason `conflict_reasons[r]`: pairs grow with the square of a fact's
      claims (662,685 at 20,000 articles) and the reasons repeat (dates of a few reports);
    - `credibility`: per claim id, the weights once beside them (they are the same for all).
    """
    out = {k: v for k, v in details.items() if k not in ("figures", "conflicts", "credibility")}
    held = set(claim_ids)
    figures = [f for f in _items(details.get("figures")) if f.get("claim_id") not in held]
    if figures:
        out["figures"] = figures
    if "conflicts" in details:
        out.update(_conflicts(details["conflicts"], claim_ids))
    if isinstance(details.get("credibility"), Mapping):
        out.update(_credibility(details["credibility"]))
    return json_safe(out)


def _items(value: object) -> list[Mapping[str, Any]]:
    """The mappings of a JSON list (anything else: none)."""
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _conflicts(pairs: object, claim_ids: list[str]) -> dict[str, Any]:
    """Conflicting pairs as positions in the claims list with an index into the reasons."""
    position = {cid: i for i, cid in enumerate(claim_ids)}
    reasons: dict[str, int] = {}
    rows: list[list[Any]] = []
    for pair in pairs if isinstance(pairs, list) else []:
        a, b, why = (list(pair) + ["", "", ""])[:3]
        ref = [position.get(str(a), str(a)), position.get(str(b), str(b))]  # unheld: its id
        rows.append([*ref, reasons.setdefault(str(why), len(reasons))])
    return {"conflicts": rows, "conflict_reasons": list(reasons)}


def _credibility(parts: Mapping[str, Any]) -> dict[str, Any]:
    """Per-claim breakdowns with the weights they share written once."""
    weights: object = None
    slim: dict[str, Any] = {}
    for key, value in parts.items():
        if isinstance(value, Mapping) and "weights" in value:
            weights = weights or value["weights"]
            value = {k: v for k, v in value.items() if k != "weights" or v != weights}
        slim[key] = value
    return {"credibility": slim, **({"credibility_weights": weights} if weights else {})}


def _finding_ids_by_claim(view: ReportView) -> dict[str, list[str]]:
    """Claim id -> ids of the findings it appears in."""
    out: dict[str, list[str]] = {}
    for fv in view.findings:
        for cid in fv.finding.claim_ids:
            out.setdefault(cid, []).append(fv.finding.id)
    return out


def claim_rows(view: ReportView) -> list[dict[str, object]]:
    """One flat row per claim with its article and source, open ends as None."""
    by_claim = _finding_ids_by_claim(view)
    rows = []
    for c in view.inp.claims:
        art = view.inp.articles.get(c.article_id)
        src = view.sources_by_id.get(c.source_id)
        q = c.quantity
        rows.append({
            "claim_id": c.id, "source_id": c.source_id, "source_name": src.name if src else "",
            "article_id": c.article_id, "article_url": art.url if art else "",
            "article_title": art.title if art else "",
            "published": art.published.isoformat() if art and art.published else "",
            "sentence": c.sentence, "surface": q.surface,
            "low": q.low if math.isfinite(q.low) else None,
            "high": q.high if math.isfinite(q.high) else None,
            "unit": q.unit, "unit_kind": q.unit_kind, "qualifier": q.qualifier,
            "change": q.change, "measured": c.measured, "entities": "; ".join(c.entities),
            "predicate": c.predicate, "attribution": c.attribution or "",
            "as_of": c.as_of.isoformat() if c.as_of else "",
            "syndicated_from": (art.syndicated_from or "") if art else "",
            "finding_ids": "; ".join(by_claim.get(c.id, [])),
            "base_unit": getattr(q, "base_unit", ""),
            "base_low": _finite(getattr(q, "base_low", None)),
            "base_high": _finite(getattr(q, "base_high", None)),
            "fact": c.frame,
            **_slot_cells(c),
        })
    return rows


def claims_frame(view: ReportView) -> pd.DataFrame:
    """claims.csv as a DataFrame with the columns in CLAIM_COLUMNS order."""
    import pandas as pd  # lazy: keeps `crosscheck review` and other light commands fast

    return pd.DataFrame(claim_rows(view), columns=list(CLAIM_COLUMNS))


# Rows of the Prefect table artifact, most severe first, and the characters kept of each text
# cell; report.html has everything. The artifact's event must fit Prefect's 1.5 MB event limit:
# at 20,000 articles the table of all 1,722 findings was 5.9 MB and its 300 most severe rows
# still 2.4 MB (clusters of hundreds of claims list long figures), so the server refused both.
ARTIFACT_ROWS = 300
ARTIFACT_TEXT = 300


def findings_table(inp: ReportInput, limit: int = ARTIFACT_ROWS) -> list[dict]:
    """Rows for a Prefect table artifact: one short row per finding, the `limit` most severe."""
    view = build_view(inp)
    return [{
        "id": fv.finding.id, "severity": fv.finding.severity, "kind": fv.finding.kind,
        "new": fv.new, "review": fv.status, "figures": _cell(figures_line(fv)),
        "sources": _cell(", ".join(fv.source_ids)),
        "independent_origins": fv.finding.independent_origins,
        "explanation": _cell(fv.finding.explanation),
    } for fv in view.findings[:limit]]


def _cell(text: str) -> str:
    """Text cut to ARTIFACT_TEXT characters, an ellipsis saying so."""
    return text if len(text) <= ARTIFACT_TEXT else text[:ARTIFACT_TEXT - 1] + "…"
