"""The store: SQLite by default, any SQLAlchemy URL (PostgreSQL when several workers write).

Every write is one transaction, so a crash or Ctrl-C mid-run leaves what earlier runs stored
intact. Articles and claims are keyed by stable ids, so re-running over the same articles adds
nothing twice; findings are kept per run, so history (new / resolved) can be computed.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from crosscheck.database import open_engine, shown_url
from crosscheck.errors import StoreError
from crosscheck.models import (
    EXTRACTOR_VERSION,
    Article,
    Claim,
    ClaimSlots,
    Finding,
    Quantity,
    Slot,
)

DEFAULT_DB_PATH = Path("data") / "crosscheck.db"

metadata = sa.MetaData()

sources_t = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("publisher", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

articles_t = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("source_id", sa.String(200), nullable=False, index=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("canonical_url", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False, index=True),
    sa.Column("published", sa.DateTime(timezone=True)),
    sa.Column("fetched_at", sa.DateTime(timezone=True)),
    sa.Column("author", sa.Text),
    sa.Column("syndicated_from", sa.String(64)),
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
    # content_hash of the text the stored claims were extracted from; NULL = not yet. A run
    # that died between ingest and extraction leaves it stale, and the next run catches up.
    sa.Column("extracted_hash", sa.String(64)),
    # EXTRACTOR_VERSION the stored claims were read with; another version (or NULL) means the
    # claim reading changed since, and the next run reads the article again.
    sa.Column("extracted_version", sa.String(32)),
)

claims_t = sa.Table(
    "claims", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("article_id", sa.String(64), nullable=False, index=True),
    sa.Column("source_id", sa.String(200), nullable=False),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("low", sa.Float, nullable=False),
    sa.Column("high", sa.Float, nullable=False),
    sa.Column("unit", sa.Text, nullable=False),
    sa.Column("unit_kind", sa.String(20), nullable=False),
    sa.Column("qualifier", sa.String(20), nullable=False),
    sa.Column("change", sa.String(10), nullable=False),
    sa.Column("surface", sa.Text, nullable=False),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("measured", sa.Text, nullable=False),
    sa.Column("entities", sa.JSON, nullable=False),
    sa.Column("predicate", sa.Text, nullable=False),
    sa.Column("attribution", sa.Text),
    sa.Column("as_of", sa.Date),
    sa.Column("frame", sa.Text, nullable=False),
    sa.Column("slots", sa.JSON),  # ClaimSlots as a dict; NULL for claims of older versions
    # The block a claim is matched in (crosscheck.incremental.block_of): claims of one block
    # are fetched through this index on the nights they are touched. NULL: not computed yet.
    sa.Column("block", sa.String(32), index=True),
)

runs_t = sa.Table(
    "runs", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True)),
    sa.Column("status", sa.String(20), nullable=False),  # one of RUN_STATUSES
    sa.Column("sources_file", sa.Text, nullable=False),
    sa.Column("stats", sa.JSON, nullable=False),
    sa.Column("problems", sa.JSON, nullable=False),  # skips, config problems, gate failures
    sa.Column("error", sa.Text),
    # The process that runs it, so a later run can tell a run whose process is gone.
    sa.Column("pid", sa.Integer),
    sa.Column("host", sa.String(255)),
    sa.Column("stage", sa.String(40)),  # the stage it is in, or was in when it stopped
)
# running: under way (or its process died unseen); completed; failed: an error stopped it;
# interrupted: SIGTERM or Ctrl-C stopped it; abandoned: found running with its process gone.
RUN_STATUSES = ("running", "completed", "failed", "interrupted", "abandoned")

clusters_t = sa.Table(
    "clusters", metadata,
    sa.Column("run_id", sa.String(64), primary_key=True),
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("claim_ids", sa.JSON, nullable=False),
    sa.Column("links", sa.JSON, nullable=False),
)

findings_t = sa.Table(
    "findings", metadata,
    sa.Column("run_id", sa.String(64), primary_key=True),
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(30), nullable=False),
    sa.Column("severity", sa.String(10), nullable=False),
    sa.Column("explanation", sa.Text, nullable=False),
    sa.Column("claim_ids", sa.JSON, nullable=False),
    sa.Column("cluster_id", sa.String(64), nullable=False),
    sa.Column("independent_origins", sa.Integer, nullable=False),
    sa.Column("details", sa.JSON, nullable=False),
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
)

# The incremental state (crosscheck.incremental): what the last assessed window held, so a
# night recomputes only the blocks its new, changed and departed articles touch.
assessed_articles_t = sa.Table(
    "assessed_articles", metadata,
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("signature", sa.String(64), nullable=False),  # its text, origin and origin's text
    sa.Column("blocks", sa.JSON, nullable=False),  # the blocks its claims were in
)

block_results_t = sa.Table(
    "block_results", metadata,
    sa.Column("block", sa.String(32), primary_key=True),
    sa.Column("clusters", sa.JSON, nullable=False),  # cluster rows, as save_results takes them
    sa.Column("findings", sa.JSON, nullable=False),  # finding rows, as finding_from_row reads
    # cluster id → the pair verdicts its assessment made (crosscheck.assess.memo); NULL: none
    sa.Column("pairs", sa.JSON, nullable=True),
)

increment_state_t = sa.Table(
    "increment_state", metadata,
    sa.Column("id", sa.Integer, primary_key=True),  # one row
    sa.Column("fingerprint", sa.String(64), nullable=False),  # rules and publishers it holds
    sa.Column("run_id", sa.String(64), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

# Copies found night by night (crosscheck.incremental_copies): each article's LSH bands (an
# index finds the stored articles a new one shares a band with), the confirmed copy links,
# and the text and code they were computed from.
copy_bands_t = sa.Table(
    "copy_bands", metadata,
    sa.Column("band", sa.String(40), primary_key=True),
    sa.Column("article_id", sa.String(64), primary_key=True, index=True),
)

copy_links_t = sa.Table(
    "copy_links", metadata,
    sa.Column("a", sa.String(64), primary_key=True),
    sa.Column("b", sa.String(64), primary_key=True, index=True),
)

copy_texts_t = sa.Table(
    "copy_texts", metadata,
    sa.Column("article_id", sa.String(64), primary_key=True),
    sa.Column("text_hash", sa.String(40), nullable=False),
    sa.Column("fingerprint", sa.String(40), nullable=False),  # of the copy-finding code
)

source_health_t = sa.Table(
    "source_health", metadata,
    sa.Column("run_id", sa.String(64), primary_key=True),
    sa.Column("source_id", sa.String(200), primary_key=True),
    sa.Column("status", sa.String(20), nullable=False),  # ok, failed, disabled
    sa.Column("articles_seen", sa.Integer, nullable=False),
    sa.Column("new_articles", sa.Integer, nullable=False),
    sa.Column("error", sa.Text),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
)

http_cache_t = sa.Table(
    "http_cache", metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("source_id", sa.String(200), nullable=False),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)

reviews_t = sa.Table(
    "reviews", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("finding_id", sa.String(64), nullable=False, index=True),
    sa.Column("verdict", sa.String(20), nullable=False),
    sa.Column("note", sa.Text),
    sa.Column("reviewer", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("figures_key", sa.Text, nullable=False),
)


def utcnow() -> datetime:
    """Timezone-aware now, the one clock the store uses."""
    return datetime.now(UTC)


def _aware(value: datetime | None) -> datetime | None:
    """SQLite drops tzinfo: read every stored datetime back as UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _finite(value: float) -> float | None:
    return None if math.isinf(value) or math.isnan(value) else value


def _json_safe(value: Any) -> Any:
    """JSON columns cannot hold inf/NaN or dates: map them to null / ISO strings."""
    if isinstance(value, float):
        return _finite(value)
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_safe(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def db_url_for(path: Path | str) -> str:
    """SQLAlchemy URL of a SQLite file."""
    return f"sqlite:///{Path(path)}"


@dataclass(frozen=True, slots=True)
class ArticleChange:
    """What saving an article did: new, changed (text differs), or unchanged."""

    article_id: str
    status: str


class Store:
    """All reads and writes of the pipeline's tables, each write one transaction."""

    def __init__(self, url: str, create: bool = True):
        """Open the store at `url`; create=False refuses one that does not exist yet."""
        self.url = url
        self.engine: Engine = open_engine(url, create)
        if create:
            _create_tables(self.engine)
        elif not sa.inspect(self.engine).has_table("runs"):
            self.engine.dispose()
            raise StoreError(f"store {shown_url(url)} holds no crosscheck store (no runs table); "
                             "give the store URL your runs write", setting="db")
        else:
            _create_tables(self.engine)  # an older store: add what this version needs

    def close(self) -> None:
        self.engine.dispose()

    # -- runs ---------------------------------------------------------------------------
    def begin_run(self, run_id: str, sources_file: str, pid: int | None = None,
                  host: str | None = None) -> None:
        """Record a run as started (by process `pid` on `host`), before any stage runs."""
        with self.engine.begin() as conn:
            conn.execute(runs_t.insert().values(
                id=run_id, started_at=utcnow(), status="running", sources_file=sources_file,
                stats={}, problems={}, error=None, pid=pid, host=host))

    def set_run_stage(self, run_id: str, stage: str) -> None:
        """Note the stage a run has reached, so a run that dies shows where."""
        with self.engine.begin() as conn:
            conn.execute(runs_t.update().where(runs_t.c.id == run_id).values(stage=stage))

    def finish_run(self, run_id: str, status: str, stats: dict[str, Any],
                   problems: dict[str, Any], error: str | None = None) -> None:
        """Close a run with its outcome, figures and every problem met.

        A run that did not complete keeps no clusters or findings: they would otherwise sit
        beside the completed runs' and count in first-seen times and reviews.
        """
        with self.engine.begin() as conn:
            conn.execute(runs_t.update().where(runs_t.c.id == run_id).values(
                finished_at=utcnow(), status=status, stats=_json_safe(stats),
                problems=_json_safe(problems), error=error))
            if status != "completed":
                _discard_results(conn, [run_id])

    def close_abandoned(self, host: str, alive: Callable[[int], bool]) -> list[dict[str, Any]]:
        """Mark runs of `host` still "running" whose process is gone as abandoned.

        `alive(pid)` says whether that process still runs. Their results are discarded like a
        failed run's, and so are any a failed run of an older version left behind. Returns
        the runs marked.
        """
        query = runs_t.select().where(runs_t.c.status == "running", runs_t.c.host == host,
                                      runs_t.c.pid.is_not(None))
        now = utcnow()
        with self.engine.begin() as conn:
            gone = [dict(r) for r in conn.execute(query).mappings() if not alive(r["pid"])]
            for run in gone:
                conn.execute(runs_t.update().where(runs_t.c.id == run["id"]).values(
                    status="abandoned", finished_at=now,
                    error=f"abandoned: process {run['pid']} on {host} was gone at "
                          f"{now:%Y-%m-%d %H:%M:%S} UTC, during stage {run['stage'] or '?'}"))
            closed = sa.select(runs_t.c.id).where(runs_t.c.status.not_in(("running",
                                                                           "completed")))
            _discard_results(conn, closed)
        return gone

    def get_run(self, run_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(runs_t.select().where(runs_t.c.id == run_id)).mappings().first()
        return dict(row) if row else None

    def list_runs(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(runs_t.select().order_by(runs_t.c.started_at)).mappings().all()
        return [dict(r) for r in rows]

    def recent_runs(self, limit: int) -> list[dict[str, Any]]:
        """The latest `limit` runs, newest first."""
        query = runs_t.select().order_by(runs_t.c.started_at.desc()).limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [{**dict(r), "started_at": _aware(r["started_at"]),
                 "finished_at": _aware(r["finished_at"])} for r in rows]

    def latest_completed_run(self) -> dict[str, Any] | None:
        """The run record of the newest completed run, or None before the first."""
        query = (runs_t.select().where(runs_t.c.status == "completed")
                 .order_by(runs_t.c.started_at.desc()).limit(1))
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            return None
        return {**dict(row), "started_at": _aware(row["started_at"]),
                "finished_at": _aware(row["finished_at"])}

    def previous_completed_run(self, before_run_id: str,
                               before: datetime | None = None) -> str | None:
        """Id of the latest completed run other than this one (started before `before`)."""
        query = (sa.select(runs_t.c.id).where(runs_t.c.status == "completed")
                 .where(runs_t.c.id != before_run_id)
                 .order_by(runs_t.c.started_at.desc()).limit(1))
        if before is not None:
            query = query.where(runs_t.c.started_at < before)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    # -- sources and health -------------------------------------------------------------
    def save_sources(self, rows: Iterable[dict[str, Any]]) -> None:
        """Upsert what sources.yaml says about each source."""
        now = utcnow()
        with self.engine.begin() as conn:
            for row in rows:
                values = {**row, "publisher": _json_safe(row["publisher"]), "updated_at": now}
                _upsert(conn, sources_t, values, ["id"])

    def source_rows(self) -> list[dict[str, Any]]:
        """What the store knows of every source: id, name, kind and publisher."""
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(sources_t.select().order_by(sources_t.c.id))
                    .mappings()]

    def run_health(self, run_id: str) -> list[dict[str, Any]]:
        """Each source's health row of one run."""
        query = source_health_t.select().where(source_health_t.c.run_id == run_id)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query.order_by(source_health_t.c.source_id))
                    .mappings()]

    def record_health(self, run_id: str, source_id: str, status: str, articles_seen: int,
                      new_articles: int, error: str | None) -> None:
        with self.engine.begin() as conn:
            _upsert(conn, source_health_t, {
                "run_id": run_id, "source_id": source_id, "status": status,
                "articles_seen": articles_seen, "new_articles": new_articles,
                "error": error, "at": utcnow()}, ["run_id", "source_id"])

    def health_history(self, source_id: str) -> dict[str, Any]:
        """Last success time and failure count of one source over all runs."""
        t = source_health_t
        with self.engine.connect() as conn:
            last_ok = conn.execute(sa.select(sa.func.max(t.c.at)).where(
                t.c.source_id == source_id, t.c.status == "ok")).scalar()
            failures = conn.execute(sa.select(sa.func.count()).where(
                t.c.source_id == source_id, t.c.status == "failed")).scalar()
        return {"last_success": _aware(last_ok), "failures": int(failures or 0)}

    # -- http cache ---------------------------------------------------------------------
    def http_cache(self, source_id: str) -> dict[str, tuple[str | None, str | None]]:
        with self.engine.connect() as conn:
            rows = conn.execute(http_cache_t.select().where(
                http_cache_t.c.source_id == source_id)).mappings().all()
        return {r["url"]: (r["etag"], r["last_modified"]) for r in rows}

    def save_http_cache(self, source_id: str,
                        entries: dict[str, tuple[str | None, str | None]]) -> None:
        now = utcnow()
        with self.engine.begin() as conn:
            for url, (etag, modified) in entries.items():
                _upsert(conn, http_cache_t, {"url": url, "source_id": source_id, "etag": etag,
                                             "last_modified": modified, "updated_at": now},
                        ["url"])

    # -- articles -----------------------------------------------------------------------
    def save_articles(self, articles: Sequence[Article]) -> list[ArticleChange]:
        """Insert new articles, update changed ones, touch unchanged ones; one transaction."""
        now = utcnow()
        ids = [a.id for a in articles]
        with self.engine.begin() as conn:
            rows = conn.execute(sa.select(articles_t.c.id, articles_t.c.content_hash)
                                .where(articles_t.c.id.in_(ids))).all() if ids else []
            known: dict[str, str] = {row[0]: row[1] for row in rows}
            changes = [self._save_article(conn, a, known.get(a.id), now) for a in articles]
        return changes

    def _save_article(self, conn: Connection, article: Article, old_hash: str | None,
                      now: datetime) -> ArticleChange:
        values = _article_values(article)
        if old_hash is None:
            conn.execute(articles_t.insert().values(**values, first_seen=now, last_seen=now))
            return ArticleChange(article.id, "new")
        status = "unchanged" if old_hash == article.content_hash else "changed"
        update = {"last_seen": now} if status == "unchanged" else {**values, "last_seen": now}
        conn.execute(articles_t.update().where(articles_t.c.id == article.id).values(**update))
        return ArticleChange(article.id, status)

    def articles_in_window(self, since: datetime, until: datetime | None = None) -> list[Article]:
        """Articles first seen at or after `since` (and by `until`): what a report covers."""
        query = articles_t.select().where(articles_t.c.first_seen >= since)
        if until is not None:
            query = query.where(articles_t.c.first_seen <= until)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(articles_t.c.id)).mappings().all()
        return [_article_from_row(r) for r in rows]

    def get_articles(self, ids: Sequence[str]) -> list[Article]:
        with self.engine.connect() as conn:
            rows = conn.execute(articles_t.select().where(articles_t.c.id.in_(list(ids)))
                                ).mappings().all()
        return [_article_from_row(r) for r in rows]

    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(
                metadata.tables[table])).scalar() or 0)

    # -- claims -------------------------------------------------------------------------
    def replace_claims(self, article_ids: Sequence[str], claims: Sequence[Claim]) -> None:
        """Swap the claims of these articles for a fresh extraction, atomically."""
        from crosscheck.incremental import block_of

        # before the write lock: it is one per store
        rows = [{**_claim_values(c), "block": block_of(c)} for c in claims]
        with self.engine.begin() as conn:
            for chunk in chunks(list(article_ids), 500):
                conn.execute(claims_t.delete().where(claims_t.c.article_id.in_(chunk)))
                conn.execute(articles_t.update().where(articles_t.c.id.in_(chunk))
                             .values(extracted_hash=articles_t.c.content_hash,
                                     extracted_version=EXTRACTOR_VERSION))
            for chunk in chunks(rows, 1000):
                conn.execute(claims_t.insert(), chunk)

    def pending_extraction(self) -> list[str]:
        """Ids of articles whose claims are missing or were read from older text."""
        stale = sa.or_(articles_t.c.extracted_hash.is_(None),
                       articles_t.c.extracted_hash != articles_t.c.content_hash,
                       articles_t.c.extracted_version.is_(None),
                       articles_t.c.extracted_version != EXTRACTOR_VERSION)
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(articles_t.c.id).where(stale)
                                     .order_by(articles_t.c.id)).scalars())

    def claims_for_articles(self, article_ids: Sequence[str]) -> list[Claim]:
        out: list[Claim] = []
        with self.engine.connect() as conn:
            for chunk in chunks(list(article_ids), 500):
                rows = conn.execute(claims_t.select().where(claims_t.c.article_id.in_(chunk))
                                    .order_by(claims_t.c.id)).mappings().all()
                out.extend(claim_from_row(r) for r in rows)
        return out

    def claims_by_ids(self, claim_ids: Sequence[str]) -> list[Claim]:
        out: list[Claim] = []
        with self.engine.connect() as conn:
            for chunk in chunks(list(claim_ids), 500):
                rows = conn.execute(claims_t.select().where(claims_t.c.id.in_(chunk))
                                    ).mappings().all()
                out.extend(claim_from_row(r) for r in rows)
        return out

    # -- clusters and findings ----------------------------------------------------------
    def save_results(self, run_id: str, clusters: Sequence[dict[str, Any]],
                     findings: Sequence[Finding]) -> None:
        """Store this run's clusters and findings in one transaction."""
        self.save_result_rows(run_id, clusters, [finding_row(f) for f in findings])

    def save_result_rows(self, run_id: str, clusters: Sequence[dict[str, Any]],
                         findings: Sequence[dict[str, Any]]) -> None:
        """Store this run's clusters and findings, the findings as `finding_row` makes them,
        in one transaction: a night's kept findings are written as they were read, not made
        JSON-safe again (1.5 s of a 4 x 2,000 night 4's 2.7 s store, linear in the window)."""
        first_seen = self.first_seen_map([f["id"] for f in findings])
        now = utcnow()
        with self.engine.begin() as conn:
            if clusters:
                conn.execute(clusters_t.insert(), [
                    {"run_id": run_id, **_json_safe(c)} for c in clusters])
            if findings:
                conn.execute(findings_t.insert(), [
                    {"run_id": run_id, **f, "first_seen": first_seen.get(f["id"], now)}
                    for f in findings])

    def first_seen_map(self, finding_ids: Sequence[str]) -> dict[str, datetime]:
        """When each finding was first reported, over all earlier runs."""
        out: dict[str, datetime] = {}
        with self.engine.connect() as conn:
            for chunk in chunks(list(finding_ids), 500):
                rows = conn.execute(sa.select(findings_t.c.id, sa.func.min(findings_t.c.first_seen))
                                    .where(findings_t.c.id.in_(chunk))
                                    .group_by(findings_t.c.id)).all()
                out.update({fid: _aware(at) for fid, at in rows if at is not None})
        return out

    def finding_ids(self, run_id: str) -> set[str]:
        with self.engine.connect() as conn:
            return set(conn.execute(sa.select(findings_t.c.id).where(
                findings_t.c.run_id == run_id)).scalars())

    def findings(self, run_id: str) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(findings_t.select().where(findings_t.c.run_id == run_id)
                                .order_by(findings_t.c.id)).mappings().all()
        return [dict(r) for r in rows]

    def latest_finding(self, finding_id: str) -> dict[str, Any] | None:
        """The newest version of a finding a completed run reported, or None if none did."""
        query = (sa.select(findings_t).join(runs_t, runs_t.c.id == findings_t.c.run_id)
                 .where(findings_t.c.id == finding_id, runs_t.c.status == "completed")
                 .order_by(runs_t.c.started_at.desc()).limit(1))
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        return dict(row) if row else None

    # -- reviews ------------------------------------------------------------------------
    def add_review(self, finding_id: str, verdict: str, note: str | None, reviewer: str,
                   figures_key: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(reviews_t.insert().values(
                finding_id=finding_id, verdict=verdict, note=note, reviewer=reviewer,
                at=utcnow(), figures_key=figures_key))

    def latest_reviews(self) -> dict[str, dict[str, Any]]:
        """The latest verdict of every reviewed finding."""
        with self.engine.connect() as conn:
            rows = conn.execute(reviews_t.select().order_by(reviews_t.c.at, reviews_t.c.id)
                                ).mappings().all()
        out: dict[str, dict[str, Any]] = {}
        for r in rows:
            out[r["finding_id"]] = {**dict(r), "at": _aware(r["at"])}
        return out


# Any fixed 64-bit number: the key of the PostgreSQL advisory lock that guards table creation.
SCHEMA_LOCK_KEY = 0x63726F7373636B  # "crossck" in ASCII


def _create_tables(engine: Engine) -> None:
    """Create missing tables; on PostgreSQL one process at a time.

    Several workers (Dask processes) opening a fresh PostgreSQL database at once would all see
    the tables missing and all CREATE them; all but one fail with DuplicateTable. A
    transaction-level advisory lock makes the others wait and then find the tables there.
    """
    if engine.dialect.name != "postgresql":
        # SQLite has no advisory lock: a process that finds a table missing and then loses the
        # race to another that creates it fails with "already exists"; the next pass finds it
        for attempt in range(SCHEMA_ATTEMPTS):
            try:
                with engine.begin() as conn:
                    metadata.create_all(conn)
                    _add_missing_columns(conn)
                    _add_missing_indexes(conn)
                return
            except sa.exc.OperationalError as e:
                if not _lost_schema_race(e) or attempt == SCHEMA_ATTEMPTS - 1:
                    raise
        return
    with engine.begin() as conn:
        conn.execute(sa.select(sa.func.pg_advisory_xact_lock(SCHEMA_LOCK_KEY)))
        metadata.create_all(conn)
        _add_missing_columns(conn)
        _add_missing_indexes(conn)


SCHEMA_ATTEMPTS = 5  # passes at creating a fresh SQLite store's tables while others do too


def _lost_schema_race(e: Exception) -> bool:
    """Another process created the table, column or index between our check and our CREATE."""
    text = str(e).lower()
    return "already exists" in text or "duplicate column" in text


def _add_missing_indexes(conn: Connection) -> None:
    """Create the indexes an older store lacks (create_all only indexes the tables it makes)."""
    for table in metadata.sorted_tables:
        for index in table.indexes:
            index.create(conn, checkfirst=True)


def _add_missing_columns(conn: Connection) -> None:
    """Bring a store made by an older version up to date: add its missing nullable columns.

    New columns are always nullable (NULL means "not known yet"), so adding them keeps every
    stored row valid; e.g. `articles.extracted_hash` NULL makes the next run re-extract.
    """
    inspector = sa.inspect(conn)
    for table in metadata.sorted_tables:
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present or not column.nullable:
                continue
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(sa.text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}'))


def _discard_results(conn: Connection, run_ids: Any) -> None:
    """Delete the clusters and findings of these runs (a list or a select of run ids)."""
    conn.execute(findings_t.delete().where(findings_t.c.run_id.in_(run_ids)))
    conn.execute(clusters_t.delete().where(clusters_t.c.run_id.in_(run_ids)))


def _upsert(conn: Connection, table: sa.Table, values: dict[str, Any], keys: list[str]) -> None:
    """Portable upsert (SQLite and PostgreSQL): update by key, insert when nothing matched."""
    where = sa.and_(*(table.c[k] == values[k] for k in keys))
    result = conn.execute(table.update().where(where).values(**values))
    if result.rowcount == 0:
        conn.execute(table.insert().values(**values))


def chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _article_values(a: Article) -> dict[str, Any]:
    return {"id": a.id, "source_id": a.source_id, "url": a.url, "canonical_url": a.canonical_url,
            "title": a.title, "text": a.text, "content_hash": a.content_hash,
            "published": a.published, "fetched_at": a.fetched_at, "author": a.author,
            "syndicated_from": a.syndicated_from}


def _article_from_row(r: Any) -> Article:
    return Article(id=r["id"], source_id=r["source_id"], url=r["url"],
                   canonical_url=r["canonical_url"], title=r["title"], text=r["text"],
                   content_hash=r["content_hash"], published=_aware(r["published"]),
                   fetched_at=_aware(r["fetched_at"]), author=r["author"],
                   syndicated_from=r["syndicated_from"])


def _claim_values(c: Claim) -> dict[str, Any]:
    q = c.quantity
    return {"id": c.id, "article_id": c.article_id, "source_id": c.source_id,
            "sentence": c.sentence, "low": q.low, "high": q.high, "unit": q.unit,
            "unit_kind": q.unit_kind, "qualifier": q.qualifier, "change": q.change,
            "surface": q.surface, "span_start": q.start, "span_end": q.end,
            "measured": c.measured, "entities": list(c.entities), "predicate": c.predicate,
            "attribution": c.attribution, "as_of": c.as_of, "frame": c.frame,
            "slots": asdict(c.slots) if c.slots is not None else None}


def claim_from_row(r: Any) -> Claim:
    q = Quantity(low=r["low"], high=r["high"], unit=r["unit"], unit_kind=r["unit_kind"],
                 qualifier=r["qualifier"], change=r["change"], surface=r["surface"],
                 start=r["span_start"], end=r["span_end"])
    return Claim(id=r["id"], article_id=r["article_id"], source_id=r["source_id"],
                 sentence=r["sentence"], quantity=q, measured=r["measured"],
                 entities=tuple(r["entities"] or ()), predicate=r["predicate"],
                 attribution=r["attribution"], as_of=r["as_of"], frame=r["frame"],
                 slots=slots_from_json(r["slots"]))


def slots_from_json(value: dict[str, Any] | None) -> ClaimSlots | None:
    """ClaimSlots from their stored dict (None stays None)."""
    if not value:
        return None
    fields: dict[str, Any] = {k: Slot(**v) if isinstance(v, dict) else v for k, v in value.items()}
    return ClaimSlots(**fields)


def finding_row(f: Finding) -> dict[str, Any]:
    """A finding as the store keeps it (JSON-safe details), the form finding_from_row reads."""
    return {"id": f.id, "kind": f.kind, "severity": f.severity,
            "explanation": f.explanation, "claim_ids": list(f.claim_ids),
            "cluster_id": f.cluster_id, "independent_origins": f.independent_origins,
            "details": _json_safe(f.details)}


def finding_from_row(r: dict[str, Any]) -> Finding:
    """Rebuild a Finding from a stored row."""
    return Finding(id=r["id"], kind=r["kind"], severity=r["severity"],
                   explanation=r["explanation"], claim_ids=tuple(r["claim_ids"]),
                   cluster_id=r["cluster_id"], independent_origins=r["independent_origins"],
                   details=dict(r["details"] or {}))
