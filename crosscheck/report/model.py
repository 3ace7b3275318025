"""What the report stage is given: one run's records plus source metadata, health and gates.

The pipeline builds a `ReportInput` from the store; the report never reads the store itself,
so it can be rendered (and tested) from hand-built records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from crosscheck.models import Article, Claim, Finding, NoteRecord, SkipRecord

HEALTH_STATUSES = ("ok", "failed", "disabled")
VERDICTS = ("confirmed", "dismissed", "needs-work")


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A source as configured in sources.yaml, flattened with its publisher block."""

    id: str
    name: str
    kind: str
    publisher_name: str = ""
    owner: str | None = None
    country: str | None = None
    language: str | None = None
    media_type: str | None = None
    credibility: float | None = None  # 0..1
    rating_source: str | None = None
    bias: str | None = None


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """How one source fared in this run."""

    source_id: str
    status: str  # one of HEALTH_STATUSES
    articles_seen: int = 0
    new_articles: int = 0
    error: str | None = None
    last_success: datetime | None = None
    failures: int = 0  # consecutive failed runs


@dataclass(frozen=True, slots=True)
class GateResult:
    """One great-expectations expectation evaluated on a stage's table."""

    suite: str
    expectation: str
    column: str
    success: bool
    unexpected_count: int = 0
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReviewVerdict:
    """A reviewer's decision on a finding, tied to the figures it was made on."""

    finding_id: str
    verdict: str  # one of VERDICTS
    note: str
    reviewer: str
    at: datetime
    figures_key: str  # figures_key() of the finding when the verdict was given


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One run in the report's run history: when, how it ended, which process ran it."""

    run_id: str
    started_at: datetime
    finished_at: datetime | None
    status: str  # one of crosscheck.store.RUN_STATUSES
    stage: str | None = None  # the stage it was in when it stopped
    error: str | None = None
    pid: int | None = None
    host: str | None = None


@dataclass(slots=True)
class ReportInput:
    """Everything one report is rendered from."""

    run_id: str
    started_at: datetime
    finished_at: datetime
    sources_file: str
    sources: list[SourceInfo]
    health: list[SourceHealth]
    articles: dict[str, Article]
    claims: list[Claim]
    findings: list[Finding]
    gates: list[GateResult] = field(default_factory=list)
    skips: list[SkipRecord] = field(default_factory=list)
    notes: list[NoteRecord] = field(default_factory=list)  # warnings on inputs still used
    previous_finding_ids: set[str] | None = None  # None: no earlier run to compare with
    reviews: dict[str, ReviewVerdict] = field(default_factory=dict)
    window_days: int = 7
    runs: list[RunSummary] = field(default_factory=list)  # recent runs, newest first
