"""Turn a ReportInput into a view: findings sorted and enriched, copies folded, summary counted.

Every renderer (HTML, Markdown, JSON, CSV, Prefect tables) reads this one view, so the page and
the files never disagree about what is new, reviewed or folded.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from crosscheck.models import (
    FINDING_KINDS,
    SEVERITIES,
    Article,
    Claim,
    Finding,
    Quantity,
    SkipRecord,
    stable_id,
)
from crosscheck.report.model import GateResult, ReportInput, ReviewVerdict, SourceHealth, SourceInfo

SAFE_URL_SCHEMES = ("http://", "https://", "file://")  # never link javascript: or data: URLs
KEY_DIGITS = 6  # significant digits kept in figures_key: float noise below this is not a change


@dataclass(slots=True)
class FigureView:
    """One figure competing in a finding (one row of the number line)."""

    source_id: str
    source_name: str
    display: str
    low: float
    high: float
    unit: str
    credibility: float | None
    copies: int = 0


@dataclass(slots=True)
class ClaimView:
    """A claim with its article and source resolved, and any copies folded under it."""

    claim: Claim
    article: Article | None
    source: SourceInfo
    link: str | None  # article URL when it is safe to link
    span: tuple[int, int] | None  # where the figure sits in the sentence, when known
    copies: list[ClaimView] = field(default_factory=list)
    origin_id: str | None = None  # claim this one copies, when it is a copy


@dataclass(slots=True)
class FindingView:
    """A finding with everything the page shows about it."""

    finding: Finding
    claims: list[ClaimView]  # independent origins, each with its copies
    figures: list[FigureView]
    review: ReviewVerdict | None
    review_stale: bool  # the verdict was given on other figures
    new: bool
    figures_key: str
    credibility: dict[str, object] | None

    @property
    def status(self) -> str:
        """Review status used by the filters: a verdict or 'unreviewed'."""
        return self.review.verdict if self.review else "unreviewed"

    @property
    def source_ids(self) -> list[str]:
        """Every source behind the finding, copies included, in order of appearance."""
        ids = [c.source.id for cv in self.claims for c in [cv, *cv.copies]]
        return list(dict.fromkeys(ids))

    @property
    def countries(self) -> list[str]:
        """Countries of the publishers behind the finding."""
        found = [c.source.country for cv in self.claims for c in [cv, *cv.copies]]
        return sorted({c for c in found if c})

    @property
    def claim_count(self) -> int:
        """Claims behind the finding, copies included."""
        return sum(1 + len(cv.copies) for cv in self.claims)


@dataclass(slots=True)
class HealthRow:
    """One row of the source health table."""

    source: SourceInfo
    health: SourceHealth | None


@dataclass(slots=True)
class ReportView:
    """The whole report, ready for any renderer."""

    inp: ReportInput
    findings: list[FindingView]
    health_rows: list[HealthRow]
    kind_counts: list[tuple[str, int]]
    health_counts: dict[str, int]
    resolved_ids: list[str]
    failed_gates: list[GateResult]
    skips: list[SkipRecord]
    sources_by_id: dict[str, SourceInfo]

    @property
    def first_run(self) -> bool:
        """True when there is no earlier run to compare with."""
        return self.inp.previous_finding_ids is None

    @property
    def new_findings(self) -> list[FindingView]:
        """Findings new since the previous run (dismissed ones stay out)."""
        return [f for f in self.findings if f.new]

    @property
    def duration_seconds(self) -> float:
        """Wall time of the run."""
        return (self.inp.finished_at - self.inp.started_at).total_seconds()

    @property
    def new_articles(self) -> int:
        """Articles first seen in this run, summed over sources."""
        return sum(h.new_articles for h in self.inp.health)


def safe_link(url: str | None) -> str | None:
    """The URL when its scheme is safe to put in an href, else None."""
    if url and url.strip().lower().startswith(SAFE_URL_SCHEMES):
        return url.strip()
    return None


def figure_span(claim: Claim) -> tuple[int, int] | None:
    """Character span of the figure in the sentence: the stored span, else the surface text."""
    q, sentence = claim.quantity, claim.sentence
    if 0 <= q.start < q.end <= len(sentence):
        return (q.start, q.end)
    at = sentence.find(q.surface) if q.surface else -1
    return (at, at + len(q.surface)) if at >= 0 else None


PERCENT_UNITS = ("percent", "percentage", "%")
BIG_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def human_number(value: float) -> str:
    """'1.5 million', '719,549', '0.25'."""
    for size, word in BIG_WORDS:
        if abs(value) >= size:
            return f"{value / size:.3g} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.4g}"


def _with_unit(text: str, unit: str, value: float) -> str:
    if unit in PERCENT_UNITS:
        return f"{text}%"
    if not unit:
        return text
    plural = abs(value) != 1 and not unit.endswith("s")
    return f"{text} {unit}{'s' if plural else ''}"


def _range_text(low: float, high: float) -> str:
    lo_text, hi_text = human_number(low), human_number(high)
    lo_parts, hi_parts = lo_text.split(" "), hi_text.split(" ")
    if len(lo_parts) == 2 and len(hi_parts) == 2 and lo_parts[1] == hi_parts[1]:
        return f"{lo_parts[0]}–{hi_text}"  # '1–3 million'
    return f"{lo_text}–{hi_text}"


def human_interval(low: float, high: float, unit: str) -> str:
    """Readable figure: '1–3 million shells', '55%', 'at least 100,000 troops'."""
    if math.isinf(low) and math.isinf(high):
        return _with_unit("any number of", unit, 2)
    if math.isinf(high):
        return "at least " + _with_unit(human_number(low), unit, low)
    if math.isinf(low):
        return "at most " + _with_unit(human_number(high), unit, high)
    if low == high:
        return _with_unit(human_number(low), unit, low)
    return _with_unit(_range_text(low, high), unit, high)


QUALIFIER_WORDS = {"approx": "about", "more_than": "more than", "less_than": "less than"}


def human_figure(q: Quantity) -> str:
    """Figure as a reader would say it: 'about 5 million shells', 'more than 100,000 troops'."""
    word = QUALIFIER_WORDS.get(q.qualifier)
    if word is None:
        return human_interval(q.low, q.high, q.unit)
    if q.qualifier == "more_than" and math.isfinite(q.low):
        return f"{word} {_with_unit(human_number(q.low), q.unit, q.low)}"
    if q.qualifier == "less_than" and math.isfinite(q.high):
        return f"{word} {_with_unit(human_number(q.high), q.unit, q.high)}"
    return f"{word} {human_interval(q.low, q.high, q.unit)}"


def _key_number(value: float) -> str:
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.{KEY_DIGITS}g}"


def _figure_tokens(finding: Finding, claims_by_id: Mapping[str, Claim]) -> set[str]:
    tokens = set()
    for cid in finding.claim_ids:
        claim = claims_by_id.get(cid)
        if claim is not None:
            q = claim.quantity
            tokens.add(f"{_key_number(q.low)}..{_key_number(q.high)} {q.unit}")
    if not tokens:
        for fig in _detail_figures(finding):
            tokens.add(f"{_key_number(fig.low)}..{_key_number(fig.high)} {fig.unit}")
    return tokens


def figures_key(finding: Finding, claims_by_id: Mapping[str, Claim]) -> str:
    """Stable key of the distinct figures of a finding (intervals and units, not sources).

    Another outlet repeating a figure already there keeps the key; a new or changed figure
    changes it, which is what brings a dismissed finding back.
    """
    return stable_id(finding.kind, *sorted(_figure_tokens(finding, claims_by_id)))


def _bound(value: object, default: float) -> float:
    if value is None:
        return default
    if isinstance(value, int | float | str):
        return float(value)
    raise TypeError(f"figure bound must be a number or null, got {value!r}")


def _detail_figures(finding: Finding) -> list[FigureView]:
    raw = finding.details.get("figures")
    if not isinstance(raw, list):
        return []
    figures = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        cred = item.get("credibility")
        figures.append(FigureView(
            source_id=str(item.get("source_id", "")),
            source_name=str(item.get("source_name") or item.get("source_id", "")),
            display=str(item.get("display", "")),
            low=_bound(item.get("low"), -math.inf),
            high=_bound(item.get("high"), math.inf),
            unit=str(item.get("unit") or ""),
            credibility=float(cred) if isinstance(cred, int | float) else None,
        ))
    return figures


def _source(sources_by_id: Mapping[str, SourceInfo], source_id: str) -> SourceInfo:
    return sources_by_id.get(source_id) or SourceInfo(id=source_id, name=source_id, kind="unknown")


def _origin_map(finding: Finding, claims: list[Claim], articles: Mapping[str, Article]) -> dict:
    """Copy claim id -> origin claim id, from the finding's details or syndicated articles."""
    ids = {c.id for c in claims}
    origin: dict[str, str] = {}
    detail = finding.details.get("origin_of")
    if isinstance(detail, dict):
        origin.update({str(k): str(v) for k, v in detail.items() if k in ids and v in ids})
    first_claim_of_article: dict[str, str] = {}
    for c in claims:
        first_claim_of_article.setdefault(c.article_id, c.id)
    for c in claims:
        art = articles.get(c.article_id)
        src = art.syndicated_from if art else None
        if c.id not in origin and src in first_claim_of_article:
            origin[c.id] = first_claim_of_article[src]
    return {k: _root(k, origin) for k in origin if _root(k, origin) != k}


def _root(claim_id: str, origin: Mapping[str, str]) -> str:
    seen = {claim_id}
    while claim_id in origin and origin[claim_id] not in seen:
        claim_id = origin[claim_id]
        seen.add(claim_id)
    return claim_id


def _claim_view(claim: Claim, inp: ReportInput, sources: Mapping[str, SourceInfo]) -> ClaimView:
    article = inp.articles.get(claim.article_id)
    return ClaimView(
        claim=claim,
        article=article,
        source=_source(sources, claim.source_id),
        link=safe_link(article.url if article else None),
        span=figure_span(claim),
    )


def _fold(finding: Finding, inp: ReportInput, sources: Mapping[str, SourceInfo],
          claims_by_id: Mapping[str, Claim]) -> list[ClaimView]:
    claims = [claims_by_id[cid] for cid in finding.claim_ids if cid in claims_by_id]
    origin = _origin_map(finding, claims, inp.articles)
    views = {c.id: _claim_view(c, inp, sources) for c in claims}
    for copy_id, origin_id in origin.items():
        views[copy_id].origin_id = origin_id
        views[origin_id].copies.append(views[copy_id])
    return [v for cid, v in views.items() if cid not in origin]


def _claim_figures(claims: Sequence[ClaimView]) -> list[FigureView]:
    return [FigureView(
        source_id=cv.source.id,
        source_name=cv.source.name,
        display=human_figure(cv.claim.quantity),
        low=cv.claim.quantity.low,
        high=cv.claim.quantity.high,
        unit=cv.claim.quantity.unit,
        credibility=cv.source.credibility,
        copies=len(cv.copies),
    ) for cv in claims]


def _named(figures: list[FigureView], sources: Mapping[str, SourceInfo]) -> list[FigureView]:
    for fig in figures:
        src = sources.get(fig.source_id)
        if src is not None and fig.source_name == fig.source_id:
            fig.source_name = src.name
        if fig.credibility is None and src is not None:
            fig.credibility = src.credibility
        if not fig.display:
            fig.display = human_interval(fig.low, fig.high, fig.unit)
    return figures


def is_new(review: ReviewVerdict | None, stale: bool, finding_id: str,
           previous: set[str] | None) -> bool:
    """New since the previous run; a dismissal holds until the figures change."""
    if review is not None and review.verdict == "dismissed" and not stale:
        return False
    if previous is None:
        return True
    return finding_id not in previous or stale


def _finding_view(finding: Finding, inp: ReportInput, sources: Mapping[str, SourceInfo],
                  claims_by_id: Mapping[str, Claim]) -> FindingView:
    claims = _fold(finding, inp, sources, claims_by_id)
    figures = _named(_detail_figures(finding), sources) or _claim_figures(claims)
    key = figures_key(finding, claims_by_id)
    review = inp.reviews.get(finding.id)
    stale = review is not None and review.figures_key != key
    cred = finding.details.get("credibility")
    return FindingView(
        finding=finding, claims=claims, figures=figures, review=review, review_stale=stale,
        new=is_new(review, stale, finding.id, inp.previous_finding_ids),
        figures_key=key, credibility=cred if isinstance(cred, dict) and cred else None,
    )


def sort_key(view: FindingView) -> tuple:
    """Severity first, then kind, then the most claims, then id for a stable order."""
    f = view.finding
    sev = SEVERITIES.index(f.severity) if f.severity in SEVERITIES else len(SEVERITIES)
    kind = FINDING_KINDS.index(f.kind) if f.kind in FINDING_KINDS else len(FINDING_KINDS)
    return (sev, kind, view.status == "dismissed", -view.claim_count, f.id)


def _kind_counts(findings: Sequence[Finding]) -> list[tuple[str, int]]:
    counts = Counter(f.kind for f in findings)
    order = [k for k in FINDING_KINDS if k in counts] + sorted(set(counts) - set(FINDING_KINDS))
    return [(k, counts[k]) for k in order]


def _health_rows(inp: ReportInput, sources: Mapping[str, SourceInfo]) -> list[HealthRow]:
    by_id = {h.source_id: h for h in inp.health}
    ids = list(dict.fromkeys([s.id for s in inp.sources] + list(by_id)))
    return [HealthRow(source=_source(sources, sid), health=by_id.get(sid)) for sid in ids]


def build_view(inp: ReportInput) -> ReportView:
    """Everything the renderers need, computed once."""
    sources = {s.id: s for s in inp.sources}
    claims_by_id = {c.id: c for c in inp.claims}
    views = sorted((_finding_view(f, inp, sources, claims_by_id) for f in inp.findings),
                   key=sort_key)
    current = {f.id for f in inp.findings}
    resolved = sorted((inp.previous_finding_ids or set()) - current)
    health_counts = Counter(h.status for h in inp.health)
    return ReportView(
        inp=inp, findings=views, health_rows=_health_rows(inp, sources),
        kind_counts=_kind_counts(inp.findings),
        health_counts={s: health_counts.get(s, 0) for s in ("ok", "failed", "disabled")},
        resolved_ids=resolved, failed_gates=[g for g in inp.gates if not g.success],
        skips=list(inp.skips), sources_by_id=sources,
    )


def fmt_time(value: datetime | None) -> str:
    """UTC-ish timestamp for people: '2026-11-23 02:00 UTC' (naive times shown as given)."""
    if value is None:
        return "never"
    suffix = " UTC" if value.utcoffset() is not None and not value.utcoffset() else ""
    return value.strftime("%Y-%m-%d %H:%M") + suffix
