"""A completed run's report input, rebuilt from the store, with today's verdicts.

The nightly run renders its report from the records it has in memory; the review app has only
the store, and must show the verdicts given since. A completed run keeps what that needs: its
findings, its sources' health, the window it covered (`stats.window_days`), every gate result,
skip and note (`problems`); articles and claims are read back by the window.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from crosscheck.models import NoteRecord, SkipRecord
from crosscheck.pipeline import DEFAULT_WINDOW_DAYS, review_verdicts, run_history, with_history
from crosscheck.report.model import GateResult, ReportInput, SourceHealth, SourceInfo
from crosscheck.store import Store, finding_from_row


def latest_report_input(store: Store) -> ReportInput | None:
    """The newest completed run's report input, or None before any run completed."""
    run = store.latest_completed_run()
    return report_input_for(store, run) if run else None


def report_input_for(store: Store, run: dict[str, Any]) -> ReportInput:
    """The report input of one completed run (a row of the runs table)."""
    window_days = int(run["stats"].get("window_days") or DEFAULT_WINDOW_DAYS)
    since = run["started_at"] - timedelta(days=window_days)
    articles = store.articles_in_window(since, until=run["finished_at"])
    health = [_health(r) for r in store.run_health(run["id"])]
    previous = store.previous_completed_run(run["id"], before=run["started_at"])
    return ReportInput(
        run_id=run["id"], started_at=run["started_at"], finished_at=run["finished_at"],
        sources_file=run["sources_file"], sources=_sources(store, health),
        health=with_history(store, health), articles={a.id: a for a in articles},
        claims=store.claims_for_articles([a.id for a in articles]),
        findings=[finding_from_row(r) for r in store.findings(run["id"])],
        gates=[GateResult(**g) for g in run["problems"].get("gates", [])],
        skips=[SkipRecord(**s) for s in run["problems"].get("skipped", [])],
        notes=[NoteRecord(**n) for n in run["problems"].get("notes", [])],
        previous_finding_ids=store.finding_ids(previous) if previous else None,
        reviews=review_verdicts(store), window_days=window_days, runs=run_history(store))


def _health(row: dict[str, Any]) -> SourceHealth:
    """A source's stored health in one run."""
    return SourceHealth(row["source_id"], row["status"], row["articles_seen"],
                        row["new_articles"], row["error"])


def _sources(store: Store, health: list[SourceHealth]) -> list[SourceInfo]:
    """The run's sources (those with health in it), as the store last saw their publishers."""
    ran = {h.source_id for h in health}
    return [_source_info(r) for r in store.source_rows() if r["id"] in ran]


def _source_info(row: dict[str, Any]) -> SourceInfo:
    """A stored source row flattened with its publisher block, as the report shows it."""
    pub = row["publisher"] or {}
    return SourceInfo(id=row["id"], name=row["name"], kind=row["kind"],
                      publisher_name=pub.get("name") or "", owner=pub.get("owner"),
                      country=pub.get("country"), language=pub.get("language"),
                      media_type=pub.get("media_type"), credibility=pub.get("credibility"),
                      rating_source=pub.get("rating_source"), bias=pub.get("bias"))
