"""The nightly run's stages as plain functions: load → ingest → extract → match → assess → report.

No Prefect here: `flows/nightly.py` wraps each stage in a task. Stages pass records and take
the store by URL, so a task can run in another process (Dask) and open its own connection.
"""

from __future__ import annotations

import resource
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from crosscheck import progress
from crosscheck.config import Source, SourcesConfig, load_sources
from crosscheck.extraction import extract_batch
from crosscheck.increment_store import save_increment
from crosscheck.incremental import Night, Plan, combine, plan_night, rules_fingerprint
from crosscheck.incremental import cluster_rows as cluster_rows
from crosscheck.models import Article, Claim, Finding, NoteRecord, SkipRecord
from crosscheck.report.model import (
    GateResult,
    ReportInput,
    ReviewVerdict,
    RunSummary,
    SourceHealth,
    SourceInfo,
)
from crosscheck.store import Store, utcnow

if TYPE_CHECKING:
    from crosscheck.assess.memo import PairMemo

DEFAULT_WINDOW_DAYS = 30  # the report covers what arrived in the last 30 days (issue 5)
# Articles per extraction task: Prefect costs ~5 ms per task locally and ~110 ms on Dask
# (../shared/STACK.md); extraction runs ~1-3 ms per article, so 200 keeps overhead under 10%.
DEFAULT_BATCH_SIZE = 200
# On Dask a task costs ~190 ms here (benchmarks/overhead.py: 193 ms/task under load against
# 3-4 ms of extraction per article), so 1,000 articles per task keeps overhead near 5%.
DASK_BATCH_SIZE = 1000


@dataclass(frozen=True, slots=True)
class RunOptions:
    """Everything one run needs to know, from the CLI or a deployment's parameters."""

    sources_path: Path
    out_dir: Path
    db_url: str
    window_days: int = DEFAULT_WINDOW_DAYS
    batch_size: int = DEFAULT_BATCH_SIZE
    workers: int | None = None  # extraction processes; None: one per core when it pays
    cold: bool = False  # match and assess the whole window, not only the touched blocks


@dataclass(slots=True)
class IngestOutcome:
    """What ingestion did: the articles whose claims must be (re)extracted, health, skips."""

    changed_ids: list[str] = field(default_factory=list)
    health: list[SourceHealth] = field(default_factory=list)
    skips: list[SkipRecord] = field(default_factory=list)
    notes: list[NoteRecord] = field(default_factory=list)  # warnings on what was still used
    articles_seen: int = 0


@dataclass(slots=True)
class Assessment:
    """The matched and assessed window: clusters, findings and the copies found."""

    clusters: list[Any]
    findings: list[Finding]
    copies: dict[str, str]


def new_run_id(now: datetime | None = None) -> str:
    """Sortable, unique run id: UTC time plus a random suffix."""
    now = now or utcnow()
    return f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


# -- stage 1: sources -----------------------------------------------------------------------
def load_stage(store: Store, sources_path: Path) -> SourcesConfig:
    """Parse sources.yaml (raises ConfigError when the file itself is unusable)."""
    config = load_sources(sources_path)
    store.save_sources(_source_row(s) for s in config.sources)
    return config


def _source_row(source: Source) -> dict[str, Any]:
    return {"id": source.id, "name": source.name, "kind": source.kind,
            "publisher": source.publisher.model_dump(mode="json")}


def source_info(source: Source) -> SourceInfo:
    """Flatten a configured source and its publisher for the report."""
    p = source.publisher
    return SourceInfo(id=source.id, name=source.name, kind=source.kind,
                      publisher_name=p.name, owner=p.owner, country=p.country,
                      language=p.language, media_type=p.media_type,
                      credibility=p.credibility, rating_source=p.rating_source, bias=p.bias)


def config_skips(config: SourcesConfig) -> list[SkipRecord]:
    """Every sources.yaml problem as a skip record, so the report shows it."""
    return [SkipRecord(stage="config", source_id=p.source_id or "?", item=p.key_path,
                       reason=str(p)) for p in config.problems]


def run_notes(config: SourcesConfig, outcome: IngestOutcome) -> list[NoteRecord]:
    """sources.yaml warnings, then every ingest note: what the run record and report show."""
    warnings = [NoteRecord(stage="config", source_id=w.source_id or "?", item=w.key_path,
                           message=str(w)) for w in config.warnings]
    return warnings + list(outcome.notes)


# -- stage 2: ingest ------------------------------------------------------------------------
def ingest_stage(store: Store, run_id: str, sources: Sequence[Source],
                 client: Any = None) -> IngestOutcome:
    """Collect every enabled source; a failing source is recorded and the others go on."""
    from crosscheck.ingest import HttpCacheEntry, ingest_source

    outcome = IngestOutcome()
    for source in sources:
        if not source.enabled:
            _record(store, run_id, outcome, SourceHealth(source.id, "disabled"))
            continue
        cache = {url: HttpCacheEntry(url, etag, modified)
                 for url, (etag, modified) in store.http_cache(source.id).items()}
        result = ingest_source(source, client=client, http_cache=cache)
        outcome.skips.extend(result.skips)
        outcome.notes.extend(result.notes)
        if result.error:
            _record(store, run_id, outcome, SourceHealth(source.id, "failed", error=result.error))
            continue
        changes = store.save_articles(result.articles)
        store.save_http_cache(source.id, {url: (e.etag, e.last_modified)
                                          for url, e in result.http_cache.items()})
        changed = [c.article_id for c in changes if c.status != "unchanged"]
        outcome.changed_ids.extend(changed)
        outcome.articles_seen += len(result.articles)
        _record(store, run_id, outcome, SourceHealth(
            source.id, "ok", articles_seen=len(result.articles), new_articles=len(changed)))
    return outcome


def _record(store: Store, run_id: str, outcome: IngestOutcome, health: SourceHealth) -> None:
    store.record_health(run_id, health.source_id, health.status, health.articles_seen,
                        health.new_articles, health.error)
    outcome.health.append(health)


# -- stage 3: extract -----------------------------------------------------------------------
def batches(items: Sequence[str], size: int) -> list[list[str]]:
    """Split ids into batches of `size` (the unit of work of one extraction task)."""
    return [list(items[i:i + size]) for i in range(0, len(items), max(1, size))]


def extract_stage(db_url: str, article_ids: Sequence[str]) -> tuple[int, list[SkipRecord]]:
    """Extract and store the claims of these articles (one batch); returns count and skips."""
    store = Store(db_url)
    try:
        articles = store.get_articles(article_ids)
        claims, skips = extract_batch(articles)
        store.replace_claims([a.id for a in articles], claims)
        return len(claims), skips
    finally:
        store.close()


# -- stage 4: the window the report covers -------------------------------------------------
def window_stage(store: Store, window_days: int,
                 now: datetime | None = None) -> tuple[list[Article], list[Claim]]:
    """Articles first seen within the window and their claims, whatever night they came."""
    since = (now or utcnow()) - timedelta(days=window_days)
    articles = store.articles_in_window(since)
    claims = store.claims_for_articles([a.id for a in articles])
    return articles, claims


# -- stages 5 and 6: match (crosscheck.match, mapped by the flow) and assess ----------------
def findings_stage(articles: Sequence[Article], claims: Sequence[Claim],
                   sources: Sequence[Source], clusters: list[Any],
                   copies: dict[str, str], memo: PairMemo | None = None) -> Assessment:
    """Assess matched clusters, with the copies found, against the publishers' metadata (with
    a memo, judging only the pairs not judged on an earlier night)."""
    from crosscheck.assess import assess, facts_from_source

    publishers = {s.id: facts_from_source(s) for s in sources}
    by_id = {a.id: a for a in articles}
    findings = assess(list(claims), clusters, by_id, publishers, copies, memo=memo)
    return Assessment(clusters=clusters, findings=findings, copies=copies)


def copies_stage(store: Store, articles: Sequence[Article], cold: bool = False
                 ) -> dict[str, str]:
    """Copy → origin over the window: new and changed texts against the stored ones' bands."""
    from crosscheck.incremental_copies import find_copies_incrementally

    return find_copies_incrementally(store, articles, cold)


def plan_stage(store: Store, articles: Sequence[Article], claims: Sequence[Claim],
               sources: Sequence[Source], copies: dict[str, str], cold: bool = False) -> Plan:
    """Which blocks this night matches and assesses again (all of them on a cold night)."""
    from crosscheck.assess import facts_from_source

    fingerprint = rules_fingerprint({s.id: facts_from_source(s) for s in sources})
    return plan_night(store, articles, claims, copies, fingerprint, cold)


def night_stage(plan: Plan, articles: Sequence[Article], sources: Sequence[Source],
                clusters: list[Any], copies: dict[str, str], run_id: str) -> Night:
    """Assess the touched blocks' clusters and put them beside the blocks kept as stored."""
    from crosscheck.assess.memo import PairMemo

    memo = PairMemo(plan.pairs)
    assessment = findings_stage(articles, plan.context, sources, clusters, copies, memo)
    night = combine(plan, clusters, assessment.findings, run_id, memo.made)
    night.pairs.update(judged=memo.judged, reused=memo.reused)
    return night


def save_night(store: Store, run_id: str, night: Night) -> None:
    """Store the run's clusters and findings, then the incremental state they leave."""
    store.save_result_rows(run_id, night.cluster_rows, night.finding_rows)
    save_increment(store, night.increment)


# -- stage 7: gates -------------------------------------------------------------------------
def claims_frame(claims: Sequence[Claim], articles: dict[str, Article]) -> pd.DataFrame:
    """One row per claim with its article's title, URL and date."""
    rows = []
    for claim in claims:
        row = claim.as_row()
        article = articles.get(claim.article_id)
        row["article_title"] = article.title if article else ""
        row["article_url"] = article.url if article else ""
        row["published"] = article.published.isoformat() if article and article.published else None
        rows.append(row)
    return pd.DataFrame(rows)


def findings_frame(findings: Sequence[Finding]) -> pd.DataFrame:
    """One row per finding, the columns the findings suite checks."""
    return pd.DataFrame([{"id": f.id, "kind": f.kind, "severity": f.severity,
                          "explanation": f.explanation, "n_claims": len(f.claim_ids),
                          "independent_origins": f.independent_origins} for f in findings])


def gate_stage(claims_df: pd.DataFrame, findings_df: pd.DataFrame,
               source_ids: Iterable[str]) -> list[GateResult]:
    """Run the great-expectations suites on this run's claims and findings."""
    from checks.gates import check_run

    return check_run(claims_df, findings_df, source_ids)


# -- stage 8: report ------------------------------------------------------------------------
def review_verdicts(store: Store) -> dict[str, ReviewVerdict]:
    """The latest stored verdict of each finding."""
    return {fid: ReviewVerdict(finding_id=fid, verdict=r["verdict"], note=r["note"] or "",
                               reviewer=r["reviewer"], at=r["at"], figures_key=r["figures_key"])
            for fid, r in store.latest_reviews().items()}


# Runs the report's history lists: enough to see a pattern of failed or abandoned nights,
# few enough to read at a glance.
RUN_HISTORY_LIMIT = 10


def run_history(store: Store, limit: int = RUN_HISTORY_LIMIT) -> list[RunSummary]:
    """The latest runs, newest first, as the report's run history shows them."""
    return [RunSummary(run_id=r["id"], started_at=r["started_at"],
                       finished_at=r["finished_at"], status=r["status"], stage=r["stage"],
                       error=r["error"], pid=r["pid"], host=r["host"])
            for r in store.recent_runs(limit)]


def with_history(store: Store, health: Iterable[SourceHealth]) -> list[SourceHealth]:
    """Add each source's last success and failure count over all runs."""
    out = []
    for h in health:
        hist = store.health_history(h.source_id)
        out.append(SourceHealth(h.source_id, h.status, h.articles_seen, h.new_articles, h.error,
                                hist["last_success"], hist["failures"]))
    return out


def run_stats(outcome: IngestOutcome, claims: Sequence[Claim], findings: Sequence[Finding],
              gates: Sequence[GateResult], clock: StageClock | None = None) -> dict[str, Any]:
    """Headline figures of a run, kept in the run record (with each stage's time if clocked)."""
    status = Counter(h.status for h in outcome.health)
    return {"sources_ok": status["ok"], "sources_failed": status["failed"],
            "sources_disabled": status["disabled"], "articles_seen": outcome.articles_seen,
            "articles_new_or_changed": len(outcome.changed_ids), "claims": len(claims),
            "findings": dict(Counter(f.kind for f in findings)),
            "gate_failures": sum(1 for g in gates if not g.success),
            "stages": dict(clock.stages) if clock else {}}


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@dataclass(slots=True)
class StageClock:
    """Seconds and this process's peak memory at the end of each stage, in the order run.

    Each stage is announced on the progress logger (crosscheck.progress) when it starts and
    when it ends, with the counts the block put in the dict it is given; `current` names the
    stage under way, so a run that is stopped can say where.
    """

    stages: dict[str, dict[str, float]] = field(default_factory=dict)
    current: str | None = None
    on_start: Callable[[str], None] | None = None  # told each stage's name as it begins

    @contextmanager
    def stage(self, name: str) -> Iterator[dict[str, int]]:
        """Time the block as stage `name`; the block fills the yielded dict with its counts."""
        start, counts = time.perf_counter(), dict[str, int]()
        self.current = name
        if self.on_start is not None:
            self.on_start(name)
        progress.emit(progress.StageEvent(name, progress.START))
        yield counts
        seconds = round(time.perf_counter() - start, 3)
        self.stages[name] = {"seconds": seconds, "peak_rss_mb": round(peak_rss_mb(), 1)}
        self.current = None
        progress.emit(progress.StageEvent(name, progress.END, dict(counts), seconds))


def run_problems(skips: Sequence[SkipRecord], gates: Sequence[GateResult],
                 notes: Sequence[NoteRecord] = ()) -> dict[str, Any]:
    """Everything skipped, failed or warned about in a run, with reasons, for the run record."""
    return {"skipped": [{"stage": s.stage, "source_id": s.source_id, "item": s.item,
                         "reason": s.reason} for s in skips],
            "notes": [{"stage": n.stage, "source_id": n.source_id, "item": n.item,
                       "message": n.message} for n in notes],
            "gate_failures": [{"suite": g.suite, "expectation": g.expectation,
                               "column": g.column, "unexpected_count": g.unexpected_count,
                               "detail": g.detail} for g in gates if not g.success],
            # every check with its outcome, so the review app can show the report again
            "gates": [asdict(g) for g in gates]}



@dataclass(slots=True)
class RunContext:
    """What the report needs from the earlier stages of one run."""

    run_id: str
    started_at: datetime
    options: RunOptions
    config: SourcesConfig
    outcome: IngestOutcome
    skips: list[SkipRecord]


def build_report_input(store: Store, ctx: RunContext, articles: Sequence[Article],
                       claims: Sequence[Claim], findings: Sequence[Finding],
                       gates: Sequence[GateResult]) -> ReportInput:
    """Gather this run's records, history and verdicts into the report's input."""
    previous = store.previous_completed_run(ctx.run_id)
    return ReportInput(
        run_id=ctx.run_id, started_at=ctx.started_at, finished_at=utcnow(),
        sources_file=str(ctx.options.sources_path),
        sources=[source_info(s) for s in ctx.config.sources],
        health=with_history(store, ctx.outcome.health),
        articles={a.id: a for a in articles}, claims=list(claims), findings=list(findings),
        gates=list(gates), skips=list(ctx.skips), notes=run_notes(ctx.config, ctx.outcome),
        previous_finding_ids=store.finding_ids(previous) if previous else None,
        reviews=review_verdicts(store), window_days=ctx.options.window_days,
        runs=run_history(store))


def report_stage(inp: ReportInput, out_dir: Path) -> dict[str, Path]:
    """Write report.html, report.md, findings.json and claims.csv."""
    from crosscheck.report import write_report

    return write_report(inp, out_dir)
