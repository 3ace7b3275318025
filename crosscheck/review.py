"""Reviewer verdicts on findings: stored with time, reviewer and the figures they were given on.

A verdict sticks to a finding id; the report compares the stored figures key with the
finding's current figures, so a dismissed finding comes back as new only if its figures change.
"""

from __future__ import annotations

from typing import Any

from crosscheck.errors import CrosscheckError
from crosscheck.report.model import VERDICTS
from crosscheck.store import Store, finding_from_row


def record(db_url: str, finding_id: str, verdict: str, note: str | None,
           reviewer: str) -> dict[str, Any]:
    """Store a verdict on a reported finding; unknown ids and verdicts are errors."""
    if verdict not in VERDICTS:
        raise CrosscheckError(f"--verdict {verdict!r} is not allowed; use one of "
                              f"{', '.join(VERDICTS)}")
    store = Store(db_url)
    try:
        row = store.latest_finding(finding_id)
        if row is None:
            raise CrosscheckError(f"no finding {finding_id!r} in {db_url}; take the id from "
                                  "findings.json or report.html of a run on this store")
        key = _figures_key(store, row)
        store.add_review(finding_id, verdict, note, reviewer, key)
        return {"finding_id": finding_id, "verdict": verdict, "reviewer": reviewer,
                "note": note, "figures_key": key}
    finally:
        store.close()


def _figures_key(store: Store, row: dict[str, Any]) -> str:
    from crosscheck.report import figures_key

    finding = finding_from_row(row)
    return figures_key(finding, {c.id: c for c in store.claims_by_ids(finding.claim_ids)})


def list_lines(db_url: str) -> list[str]:
    """One line per reviewed finding: id, verdict, reviewer, time, note."""
    store = Store(db_url)
    try:
        reviews = store.latest_reviews()
    finally:
        store.close()
    return [f"{fid}  {r['verdict']:<10} {r['reviewer']:<12} {r['at']:%Y-%m-%d %H:%M}  "
            f"{r['note'] or ''}".rstrip() for fid, r in sorted(reviews.items())]
