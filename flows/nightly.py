"""The nightly Prefect flow: one thin task per core stage, in stage order.

Read top to bottom it tells the whole run: load sources → ingest → extract (batched, mapped
over the task runner) → select the report window → find copies → plan the night (the blocks
its new, changed and departed articles touch; crosscheck.incremental) → match those blocks
(whole blocks per part, mapped over the task runner) → assess them beside the blocks kept as
stored → gate → store → report.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

for _key, _value in {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
                     "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90"}.items():
    os.environ.setdefault(_key, _value)

from prefect import flow, get_run_logger, task, unmapped  # noqa: E402
from prefect.artifacts import create_markdown_artifact, create_table_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.context import FlowRunContext  # noqa: E402
from prefect.exceptions import TerminationSignal  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from crosscheck import extraction, progress, runs  # noqa: E402
from crosscheck import pipeline as p  # noqa: E402
from crosscheck.config import Source, SourcesConfig  # noqa: E402
from crosscheck.errors import ConfigError, CrosscheckError, TransientError  # noqa: E402
from crosscheck.match import Cluster, in_claim_order, match_claims, match_parts  # noqa: E402
from crosscheck.models import Article, Claim, Finding, SkipRecord  # noqa: E402
from crosscheck.report.model import GateResult, ReportInput  # noqa: E402
from crosscheck.store import DEFAULT_DB_PATH, Store, db_url_for, utcnow  # noqa: E402

# Seconds before the 1st and 2nd retry of a task that met a TransientError (a timeout or HTTP
# 5xx): long enough for a briefly overloaded outlet to recover, short next to a nightly window.
RETRY_DELAYS = [10, 60]


def transient_only(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a failed task only when it failed on a TransientError; anything else fails fast."""
    return isinstance(state.result(raise_on_failure=False), TransientError)


T = TypeVar("T")

# Records are passed between tasks, never cached: a nightly run must always see new input.
TASK: dict[str, Any] = {
    "cache_policy": NO_CACHE, "persist_result": False, "retries": len(RETRY_DELAYS),
    "retry_delay_seconds": RETRY_DELAYS, "retry_condition_fn": transient_only}


@task(**TASK)
def load_sources_task(db_url: str, sources_path: Path) -> SourcesConfig:
    return p.load_stage(Store(db_url), sources_path)


@task(**TASK)
def ingest_task(db_url: str, run_id: str, sources: list[Source]) -> p.IngestOutcome:
    return p.ingest_stage(Store(db_url), run_id, sources)


@task(**TASK)
def extract_task(db_url: str, article_ids: list[str]) -> tuple[int, list[SkipRecord]]:
    return p.extract_stage(db_url, article_ids)


@task(**TASK)
def extract_here_task(db_url: str, batches: list[list[str]], workers: int,
                      on_batch: Callable[[int, list[SkipRecord]], None]) -> None:
    store = Store(db_url)
    try:
        extraction.extract_all(store, db_url, batches, workers, on_batch)
    finally:
        store.close()


@task(**TASK)
def window_task(db_url: str, window_days: int) -> tuple[list[Article], list[Claim]]:
    return p.window_stage(Store(db_url), window_days)


class Records(Generic[T]):
    """Records handed to a task that runs on the task runner, as one opaque object.

    Prefect walks a task's inputs looking for futures (0.95 s for 8,000 claims); quote() stops
    that for tasks called in the flow, but a quoted list submitted to the Dask runner reaches
    the task as a bare tuple (prefect-dask 0.3.7), so records that travel go in this box.
    """

    __slots__ = ("items",)

    def __init__(self, items: Iterable[T]) -> None:
        self.items = list(items)


def quoted(records: T) -> T:
    """Prefect's quote(), typed as what the task receives: the runner unwraps it."""
    return cast(T, quote(records))


def as_runner(runner: object) -> TaskRunner[Any]:
    """A task runner as the flow decorator types it (mypy cannot match their future types)."""
    return cast("TaskRunner[Any]", runner)


@task(**TASK)
def copies_task(db_url: str, articles: list[Article], cold: bool) -> dict[str, str]:
    return p.copies_stage(Store(db_url), articles, cold)


@task(**TASK)
def match_task(claims: Records[Claim]) -> list[Cluster]:
    return match_claims(claims.items)


@task(**TASK)
def plan_task(db_url: str, articles: list[Article], claims: list[Claim], sources: list[Source],
              copies: dict[str, str], cold: bool) -> p.Plan:
    return p.plan_stage(Store(db_url), articles, claims, sources, copies, cold)


@task(**TASK)
def night_task(plan: p.Plan, articles: list[Article], sources: list[Source],
               clusters: list[Cluster], copies: dict[str, str], run_id: str) -> p.Night:
    return p.night_stage(plan, articles, sources, clusters, copies, run_id)


@task(**TASK)
def gate_task(articles: list[Article], claims: list[Claim], findings: list[Finding],
              source_ids: list[str]) -> list[GateResult]:
    claims_df = p.claims_frame(claims, {a.id: a for a in articles})
    return p.gate_stage(claims_df, p.findings_frame(findings), source_ids)


@task(**TASK)
def save_results_task(db_url: str, run_id: str, night: p.Night) -> None:
    p.save_night(Store(db_url), run_id, night)


@task(**TASK)
def report_task(inp: ReportInput, out_dir: Path) -> dict[str, Path]:
    return p.report_stage(inp, out_dir)


@task(**TASK)
def artifacts_task(inp: ReportInput, paths: dict[str, Path]) -> None:
    from crosscheck.report import findings_table, summary_markdown

    create_markdown_artifact(summary_markdown(inp), key="crosscheck-summary",
                             description=f"crosscheck run {inp.run_id}")
    rows = findings_table(inp)
    shown = f"the {len(rows)} most severe of {len(inp.findings)} findings" \
        if len(rows) < len(inp.findings) else "findings"
    if rows:
        create_table_artifact(rows, key="crosscheck-findings",
                              description=f"{shown} of run {inp.run_id} (all in report.html)")


def run_name() -> str:
    """'nightly-2026-11-23-sources.yaml': the date and the sources file of the run."""
    params: dict[str, Any] = flow_run.parameters or {}
    sources = Path(str(params.get("sources", "sources.yaml"))).name
    return f"nightly-{datetime.now():%Y-%m-%d}-{sources}"


# Threads of the default runner. Prefect's default is a thread per task: at 20,000 articles
# that was 100 extraction tasks at once, queueing on the GIL (extraction is CPU-bound Python)
# and on SQLite's one writer until writes failed with "database is locked" after the 30 s
# busy timeout (benchmarks/pipeline.py --runners default). One per core; extraction itself
# now runs in worker processes (crosscheck.extraction), the threads run copies and matching.
THREADS = os.cpu_count() or 2


@flow(name="nightly", flow_run_name=run_name, log_prints=False,
      task_runner=as_runner(ThreadPoolTaskRunner(max_workers=THREADS)))
def nightly(sources: str = "sources.yaml", out: str = "data/reports",
            db: str | None = None, window_days: int = p.DEFAULT_WINDOW_DAYS,
            batch_size: int = p.DEFAULT_BATCH_SIZE,
            workers: int | None = None, cold: bool = False) -> dict[str, Any]:
    """One cross-checking run over the sources file; returns the run record's figures.

    `workers`: extraction processes on the default runner (None: one per core when there are
    enough articles; 1: in this process). `cold`: match and assess the whole window again,
    not only the blocks this night's articles touch (crosscheck.incremental).
    """
    options = p.RunOptions(sources_path=Path(sources).resolve(), out_dir=Path(out),
                           db_url=db or db_url_for(DEFAULT_DB_PATH),
                           window_days=window_days, batch_size=batch_size, workers=workers,
                           cold=cold)
    store = Store(options.db_url)
    run_id = p.new_run_id()
    pid, host = runs.this_process()
    for gone in store.close_abandoned(host, runs.process_alive):
        progress.note("start", f"run {gone['id']} was still marked running but its process "
                               f"{gone['pid']} is gone: marked abandoned")
    store.begin_run(run_id, str(options.sources_path), pid, host)
    clock = p.StageClock(on_start=lambda stage: store.set_run_stage(run_id, stage))
    try:
        return _run(store, run_id, options, clock)
    except BaseException as exc:  # record any failure (even Ctrl-C), then let Prefect see it
        _record_stop(store, run_id, clock, exc)
        raise


def stop_signal(exc: BaseException) -> int | None:
    """The signal that stopped the run (SIGTERM through Prefect, Ctrl-C), or None."""
    if isinstance(exc, TerminationSignal):
        return int(exc.signal)
    if isinstance(exc, KeyboardInterrupt):
        return int(signal.SIGINT)
    return None


def _record_stop(store: Store, run_id: str, clock: p.StageClock, exc: BaseException) -> None:
    """Record a run that did not complete; a stopped one then ends its process soon."""
    signum, stage = stop_signal(exc), clock.current or "between stages"
    if isinstance(exc, CrosscheckError) and exc.stage is None and clock.current:
        exc.stage = clock.current  # the CLI leads its one line with the stage that failed
    if signum is None:
        store.finish_run(run_id, "failed", {"stages": clock.stages}, {},
                         error=f"{type(exc).__name__} during {stage}: {exc}")
        return
    name = runs.signal_name(signum)
    store.finish_run(run_id, "interrupted", {"stages": clock.stages}, {},
                     error=f"interrupted by {name} during {stage}")
    progress.note("stopped", f"run {run_id} interrupted by {name} during {stage}; recorded "
                             "in the store, which keeps everything earlier runs stored")
    runs.stop_soon(signum)


def _run(store: Store, run_id: str, options: p.RunOptions,
         clock: p.StageClock) -> dict[str, Any]:
    logger = get_run_logger()
    ctx_started = utcnow()
    with clock.stage("load sources") as counts:
        config = load_sources_task(options.db_url, options.sources_path)
        counts.update(sources=len(config.sources), problems=len(config.problems))
    with clock.stage("ingest") as counts:
        outcome = ingest_task(options.db_url, run_id, list(config.sources))
        counts.update(_ingest_counts(outcome))
    skips = p.config_skips(config) + outcome.skips
    with clock.stage("extract") as counts:
        pending = store.pending_extraction()  # new, changed, or left behind by a crashed run
        counts.update(articles=len(pending), claims=0)
        batches = p.batches(pending, options.batch_size)
        done = 0

        def batch_done(found: int, skipped: list[SkipRecord]) -> None:
            nonlocal done
            done += 1
            counts["claims"] += found
            skips.extend(skipped)
            progress.advance("extract", done, len(batches))

        if _on_threads():  # threads share one interpreter lock: extract in processes
            workers = extraction.worker_count(len(pending), options.workers)
            extract_here_task(options.db_url, batches, workers, batch_done)
        else:  # Dask's workers are processes already: one task per batch
            futures = extract_task.map(unmapped(options.db_url), batches)
            for future in as_completed(list(futures)):
                batch_done(*future.result())
    with clock.stage("read window") as counts:
        articles, claims = window_task(options.db_url, options.window_days)
        counts.update(articles=len(articles), claims=len(claims))
    with clock.stage("copies") as counts:
        copies = copies_task(options.db_url, quoted(articles), options.cold)
        counts.update(copies=len(copies))
    with clock.stage("match") as counts:
        # only the blocks that new, changed or departed articles touch (all on a cold night)
        plan = plan_task(options.db_url, quoted(articles), quoted(claims),
                         list(config.sources), copies, options.cold)
        # blocks never share a pair: each part is matched on its own
        parts = match_task.map([Records(part) for part in match_parts(plan.claims, THREADS)])
        clusters = in_claim_order(plan.claims, [c for part in parts.result() for c in part])
        counts.update(blocks=len(plan.touched), claims=len(plan.claims), clusters=len(clusters))
    # quote(): Prefect would otherwise walk every record of these inputs looking for futures
    # (0.95 s for 8,000 claims against 0.012 s quoted, benchmarks/pipeline.py).
    with clock.stage("assess") as counts:
        night = night_task(quoted(plan), quoted(articles), list(config.sources),
                           quoted(clusters), copies, run_id)
        counts.update(findings=len(night.findings), kept_blocks=len(plan.kept))
    with clock.stage("gates") as counts:
        gates = gate_task(quoted(articles), quoted(claims), quoted(night.findings),
                          [s.id for s in config.sources])
        counts.update(checks=len(gates), check_failures=sum(not g.success for g in gates))
    with clock.stage("store results") as counts:
        save_results_task(options.db_url, run_id, quoted(night))
        counts.update(findings=len(night.findings))
    with clock.stage("report") as counts:
        ctx = p.RunContext(run_id, ctx_started, options, config, outcome, skips)
        inp = p.build_report_input(store, ctx, articles, claims, night.findings, gates)
        paths = report_task(quoted(inp), options.out_dir)
        artifacts_task(quoted(inp), paths)
        counts.update(files=len(paths))
    stats = {**p.run_stats(outcome, claims, night.findings, gates, clock),
             "window_days": options.window_days, "cold": plan.cold,
             "blocks": {"touched": len(plan.touched), "kept": len(plan.kept),
                        "claims": len(plan.claims), **{f"pairs_{k}": v
                                                       for k, v in night.pairs.items()}}}
    store.finish_run(run_id, "completed", stats,
                     p.run_problems(skips, gates, p.run_notes(config, outcome)))
    logger.info("run %s completed: %s; report in %s", run_id, stats, options.out_dir)
    return {"run_id": run_id, "stats": stats, "report": {k: str(v) for k, v in paths.items()}}


def _on_threads() -> bool:
    """True when this flow run's tasks run on threads of this process (the default runner)."""
    context = FlowRunContext.get()
    return context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)


def _ingest_counts(outcome: p.IngestOutcome) -> dict[str, int]:
    """Articles read and sources ok or failed, for the ingest stage's progress line."""
    status = [h.status for h in outcome.health]
    return {"articles": outcome.articles_seen, "new": len(outcome.changed_ids),
            "sources_ok": status.count("ok"), "sources_failed": status.count("failed")}


RUNNERS = runs.RUNNERS


def with_runner(runner: str = "default", dask_address: str | None = None) -> Any:
    """The nightly flow on the chosen task runner: threads (default) or Dask."""
    if runner == "default":
        return nightly
    if runner != "dask":
        raise ConfigError(f"runner {runner!r} is unknown; use one of {', '.join(RUNNERS)}",
                          setting="runner")
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return nightly.with_options(task_runner=as_runner(DaskTaskRunner(address=dask_address)))
    # A LocalCluster of processes, one per core: extraction is CPU-bound Python.
    cluster = {"n_workers": os.cpu_count() or 2, "threads_per_worker": 1, "processes": True}
    return nightly.with_options(task_runner=as_runner(DaskTaskRunner(cluster_kwargs=cluster)))
