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
    "slot_partner", "slot_period", "slot_scope", "slot_modality", "slot_revision",
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
    """One claim of a finding as written to findings.json."""
    q = cv.claim.quantity
    slots = cv.claim.slots
    return json_safe({
        "claim_id": cv.claim.id, "source_id": cv.claim.source_id,
        "article_url": cv.article.url if cv.article else None,
        "article_title": cv.article.title if cv.article else None,
        "sentence": cv.claim.sentence, "surface": q.surface, "low": q.low, "high": q.high,
        "unit": q.unit, "unit_kind": q.unit_kind, "qualifier": q.qualifier,
        "attribution": cv.claim.attribution, "copy_of": cv.origin_id,
        "as_of": cv.claim.as_of, "fact": cv.claim.frame,
        "slots": slots.describe() if slots is not None else None,
    })


def _finite(value: float | None) -> float | None:
    return value if isinstance(value, float) and math.isfinite(value) else None


def _slot_cells(c: Claim) -> dict[str, str]:
    """The claim's slots as claims.csv cells ('-' for an unread slot)."""
    names = ("measure", "subject", "partner", "period", "scope", "modality", "revision")
    shown = c.slots.describe() if c.slots is not None else {}
    return {f"slot_{n}": shown.get(n, "") for n in names}


def finding_json(fv: FindingView) -> dict:
    """One finding as written to findings.json."""
    f = fv.finding
    every = [c for cv in fv.claims for c in [cv, *cv.copies]]
    return {
        "id": f.id, "kind": f.kind, "severity": f.severity, "explanation": f.explanation,
        "independent_origins": f.independent_origins, "cluster_id": f.cluster_id,
        "review": _review_json(fv.review, fv.review_stale), "new": fv.new,
        "figures_key": fv.figures_key, "claims": [_claim_json(c) for c in every],
        "details": json_safe(f.details),
    }


def findings_json(view: ReportView) -> list[dict]:
    """The findings.json document: findings in report order."""
    return [finding_json(fv) for fv in view.findings]


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
