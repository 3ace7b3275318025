"""Reviewer verdicts on findings: stored with time, reviewer and the figures they were given on.

A verdict sticks to a finding id; the report compares the stored figures key with the
finding's current figures, so a dismissed finding comes back as new only if its figures change.
The CLI (`crosscheck review`) and the review app (`crosscheck review --serve`) both record
verdicts through `record`, on a store opened with `open_existing` (never created by a typo).
"""

from __future__ import annotations

import os
from typing import Any

from crosscheck.errors import VerdictError
from crosscheck.report.model import VERDICTS
from crosscheck.store import Store, finding_from_row

MAX_NOTE_CHARS = 2000  # a note is a sentence or two; a pasted article is refused, not stored


def open_existing(db_url: str) -> Store:
    """The store at `db_url`; StoreError when there is none (review never creates one)."""
    return Store(db_url, create=False)


def default_reviewer() -> str:
    """$CROSSCHECK_REVIEWER, else $USER, else 'unknown'."""
    return os.environ.get("CROSSCHECK_REVIEWER") or os.environ.get("USER") or "unknown"


def record(store: Store, finding_id: str, verdict: str, note: str | None,
           reviewer: str) -> dict[str, Any]:
    """Store a verdict on a reported finding; unknown ids and verdicts are errors."""
    if verdict not in VERDICTS:
        raise VerdictError(f"verdict {verdict!r} is not allowed; use one of "
                           f"{', '.join(VERDICTS)}", setting="verdict")
    if note is not None and len(note) > MAX_NOTE_CHARS:
        raise VerdictError(f"the note has {len(note)} characters; keep it under "
                           f"{MAX_NOTE_CHARS}")
    row = store.latest_finding(finding_id)
    if row is None:
        raise VerdictError(f"no finding {finding_id!r} in {store.url}; take the id from "
                           "findings.json or report.html of a run on this store")
    key = _figures_key(store, row)
    store.add_review(finding_id, verdict, note, reviewer, key)
    return {"finding_id": finding_id, "verdict": verdict, "reviewer": reviewer,
            "note": note, "figures_key": key}


def _figures_key(store: Store, row: dict[str, Any]) -> str:
    """The figures the finding states now, which the verdict is tied to."""
    from crosscheck.report import figures_key

    finding = finding_from_row(row)
    return figures_key(finding, {c.id: c for c in store.claims_by_ids(finding.claim_ids)})


def list_lines(store: Store) -> list[str]:
    """One line per reviewed finding: id, verdict, reviewer, time, note."""
    reviews = store.latest_reviews()
    return [f"{fid}  {r['verdict']:<10} {r['reviewer']:<12} {r['at']:%Y-%m-%d %H:%M}  "
            f"{r['note'] or ''}".rstrip() for fid, r in sorted(reviews.items())]
