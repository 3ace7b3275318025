"""Turn a ReportInput into a view: findings sorted and enriched, copies folded, summary counted.

Every renderer (HTML, Markdown, JSON, CSV, Prefect tables) reads this one view, so the page and
the files never disagree about what is new, reviewed or folded.
"""

from __future__ import annotations

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
    SkipRecord,
    follow_to_root,
)
from crosscheck.report.figures import (
    FigureGroup,
    FigureView,
    claim_figure,
    detail_figures,
    drawn_figures,
    figures_key,
    group_figures,
    merge_figures,
    one_of_each_first,
)
from crosscheck.report.model import GateResult, ReportInput, ReviewVerdict, SourceHealth, SourceInfo

# Only web pages become links: file:, javascript:, data: and the rest are shown as inert text.
SAFE_URL_SCHEMES = ("http://", "https://")
# What report.html shows of one finding; findings.json and claims.csv have all of it. At
# 20,000 articles a fact gathered up to 1,188 claims and the page that showed them all was
# 75 MB; a reviewer compares a few sentences, and the figures row names every figure group.
MAX_CLAIMS_SHOWN = 2  # claim cards per finding (one of each figure group first)...
MAX_SIDES_SHOWN = 3  # ...or one of each of up to three competing figures
CLAIMS_SHOWN_BY_KIND = {"corroborated": 1}  # all its figures agree: one sentence shows them
MAX_GROUPS_SHOWN = 6  # figures of the side-by-side row (the headline names them all)
MAX_NAMES_SHOWN = 2  # source names under each figure of the side-by-side row
MAX_COPIES_SHOWN = 3  # copies listed under a claim card
# Characters of a finding's explanation report.html and report.md show: for a fact with
# hundreds of claims it names every source (31,000 characters at 5,000 articles).
EXPLANATION_CHARS = 240


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
    credibility: dict[str, object] | None = None  # this claim's credibility breakdown


@dataclass(slots=True)
class FindingView:
    """A finding with everything the page shows about it."""

    finding: Finding
    claims: list[ClaimView]  # independent origins, each with its copies
    figures: list[FigureView]  # one per independent origin: the number line's rows
    groups: list[FigureGroup]  # agreeing figures together: the side-by-side boxes
    review: ReviewVerdict | None
    review_stale: bool  # the verdict was given on other figures
    new: bool
    figures_key: str
    credibility: dict[str, object] | None  # finding-level breakdown not tied to one claim
    reason: str | None  # why the assessment reported it, when it says
    shown: list[ClaimView] = field(default_factory=list)  # the claim cards report.html shows
    drawn: list[FigureView] = field(default_factory=list)  # the number line's rows

    @property
    def claims_not_shown(self) -> int:
        """Claims (copies included) that report.html leaves to findings.json and claims.csv."""
        return self.claim_count - sum(1 + len(cv.copies) for cv in self.shown)

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
    def measured(self) -> str:
        """What the figures count or measure, as most of its claims name it."""
        names = Counter(cv.claim.measured.strip() for cv in self.claims if cv.claim.measured)
        return names.most_common(1)[0][0] if names else ""

    @property
    def headline(self) -> str:
        """The competing figures in a few words: 'about 100,000 troops vs 175,000 troops'."""
        return " vs ".join(g.displays[0] for g in self.groups if g.displays)

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
    def skip_counts(self) -> list[tuple[str, int]]:
        """Skipped inputs per stage, most serious stage first."""
        return list(Counter(s.stage for s in self.skips).items())

    @property
    def serious_skips(self) -> bool:
        """True when whole sources or files were skipped (not just sentences)."""
        return any(s.stage in SKIP_STAGE_ORDER for s in self.skips)

    @property
    def to_review(self) -> int:
        """Findings with no verdict yet, or a verdict given on other figures."""
        return sum(1 for f in self.findings if f.review is None or f.review_stale)

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


def _source(sources_by_id: Mapping[str, SourceInfo], source_id: str) -> SourceInfo:
    """The configured source, or a bare stand-in named by its id."""
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
    folded: dict[str, str] = {}
    for copy_id in origin:
        root = follow_to_root(copy_id, origin)
        if root != copy_id and root not in folded:  # in a cycle, the first one met stays origin
            folded[copy_id] = root
    return folded


def _claim_view(claim: Claim, inp: ReportInput, sources: Mapping[str, SourceInfo]) -> ClaimView:
    """A claim with its article, source, safe link and figure span."""
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
    """The finding's claims as independent origins with their copies under them."""
    claims = [claims_by_id[cid] for cid in finding.claim_ids if cid in claims_by_id]
    origin = _origin_map(finding, claims, inp.articles)
    views = {c.id: _claim_view(c, inp, sources) for c in claims}
    for copy_id, origin_id in origin.items():
        views[copy_id].origin_id = origin_id
        views[origin_id].copies.append(views[copy_id])
    origins = [v for cid, v in views.items() if cid not in origin]
    return sorted(origins, key=lambda v: (v.claim.quantity.low, v.claim.quantity.high))


def is_new(review: ReviewVerdict | None, stale: bool, finding_id: str,
           previous: set[str] | None) -> bool:
    """New since the previous run; a dismissal holds until the figures change."""
    if review is not None and review.verdict == "dismissed" and not stale:
        return False
    if previous is None:
        return True
    return finding_id not in previous or stale


def _figures(finding: Finding, claims: Sequence[ClaimView]) -> list[FigureView]:
    """One figure per origin, plus detail figures for claims not held."""
    from_claims = [claim_figure(cv.claim, cv.source.name, cv.source.credibility, len(cv.copies))
                   for cv in claims]
    copy_ids = [cp.claim.id for cv in claims for cp in cv.copies]
    return merge_figures(from_claims, detail_figures(finding), copy_ids)


def _named(figures: list[FigureView], sources: Mapping[str, SourceInfo]) -> list[FigureView]:
    """Fill source names and credibility that detail figures left out."""
    for fig in figures:
        src = sources.get(fig.source_id)
        if src is not None and fig.source_name == fig.source_id:
            fig.source_name = src.name
        if fig.credibility is None and src is not None:
            fig.credibility = src.credibility
    return figures


def _attach_credibility(finding: Finding, claims: Sequence[ClaimView]) -> dict | None:
    """Give each claim its breakdown; return what is left for the finding as a whole."""
    cred = finding.details.get("credibility")
    if not isinstance(cred, dict) or not cred:
        return None
    for cv in (c for origin in claims for c in [origin, *origin.copies]):
        part = cred.get(cv.claim.id)
        cv.credibility = part if isinstance(part, dict) else None
    rest = {k: v for k, v in cred.items() if k not in finding.claim_ids}
    return rest or None


def _groups(finding: Finding, figures: Sequence[FigureView]) -> list[FigureGroup]:
    """Agreeing figures grouped, using the finding's own groups when given."""
    raw = finding.details.get("groups")
    groups = [[str(x) for x in g] for g in raw if isinstance(g, list)] \
        if isinstance(raw, list) else None
    return group_figures(figures, groups)


def _shown(kind: str, claims: list[ClaimView],
           groups: Sequence[FigureGroup]) -> list[ClaimView]:
    """The claim cards to show: one per figure group first, in the claims' order."""
    by_id = {cv.claim.id: cv for cv in claims}
    grouped = [[by_id[f.claim_id] for f in g.figures if f.claim_id in by_id] for g in groups]
    most = max(CLAIMS_SHOWN_BY_KIND.get(kind, MAX_CLAIMS_SHOWN),
               min(len([g for g in grouped if g]), MAX_SIDES_SHOWN))
    picked = {cv.claim.id for cv in one_of_each_first(grouped, most)}
    extra = [cv for cv in claims if cv.claim.id not in picked]
    chosen = picked | {cv.claim.id for cv in extra[:most - len(picked)]}
    return [cv for cv in claims if cv.claim.id in chosen]


def _finding_view(finding: Finding, inp: ReportInput, sources: Mapping[str, SourceInfo],
                  claims_by_id: Mapping[str, Claim]) -> FindingView:
    """Everything the page shows about one finding."""
    claims = _fold(finding, inp, sources, claims_by_id)
    figures = _named(_figures(finding, claims), sources)
    groups = _groups(finding, figures)
    key = figures_key(finding, claims_by_id)
    review = inp.reviews.get(finding.id)
    stale = review is not None and review.figures_key != key
    reason = finding.details.get("reason")
    return FindingView(
        finding=finding, claims=claims, figures=figures, groups=groups,
        shown=_shown(finding.kind, claims, groups), drawn=drawn_figures(figures, groups),
        review=review, review_stale=stale,
        new=is_new(review, stale, finding.id, inp.previous_finding_ids), figures_key=key,
        credibility=_attach_credibility(finding, claims),
        reason=reason if isinstance(reason, str) and reason else None,
    )


def shorten_text(text: str, most: int = EXPLANATION_CHARS) -> str:
    """The text cut at a word before `most` characters, an ellipsis saying so."""
    if len(text) <= most:
        return text
    return text[:most].rsplit(" ", 1)[0] + " …"


def sort_key(view: FindingView) -> tuple:
    """Severity first, then kind, then the most claims, then id for a stable order."""
    f = view.finding
    sev = SEVERITIES.index(f.severity) if f.severity in SEVERITIES else len(SEVERITIES)
    kind = FINDING_KINDS.index(f.kind) if f.kind in FINDING_KINDS else len(FINDING_KINDS)
    return (sev, kind, view.status == "dismissed", -view.claim_count, f.id)


def _kind_counts(findings: Sequence[Finding]) -> list[tuple[str, int]]:
    """Findings per kind, known kinds in their canonical order."""
    counts = Counter(f.kind for f in findings)
    order = [k for k in FINDING_KINDS if k in counts] + sorted(set(counts) - set(FINDING_KINDS))
    return [(k, counts[k]) for k in order]


def _health_rows(inp: ReportInput, sources: Mapping[str, SourceInfo]) -> list[HealthRow]:
    """One row per configured source, plus any health for unknown ones."""
    by_id = {h.source_id: h for h in inp.health}
    ids = list(dict.fromkeys([s.id for s in inp.sources] + list(by_id)))
    return [HealthRow(source=_source(sources, sid), health=by_id.get(sid)) for sid in ids]


SKIP_STAGE_ORDER = ("config", "ingest")  # whole sources or files lost: shown before the rest


def _skip_rank(skip: SkipRecord) -> tuple[int, str]:
    """Sort key putting whole-source and file skips first."""
    rank = SKIP_STAGE_ORDER.index(skip.stage) if skip.stage in SKIP_STAGE_ORDER \
        else len(SKIP_STAGE_ORDER)
    return (rank, skip.stage)


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
        skips=sorted(inp.skips, key=_skip_rank), sources_by_id=sources,
    )


def fmt_time(value: datetime | None) -> str:
    """UTC-ish timestamp for people: '2026-11-23 02:00 UTC' (naive times shown as given)."""
    if value is None:
        return "never"
    suffix = " UTC" if value.utcoffset() is not None and not value.utcoffset() else ""
    return value.strftime("%Y-%m-%d %H:%M") + suffix
