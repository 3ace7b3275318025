"""Incremental nights equal a cold run: several real flow runs into one SQLite store.

The demo corpus arrives over three nights: articles age out of the 30-day window (their
first-seen time is moved back, as if they had been seen that long ago), one article is
re-published with another figure, and a cold run over the same window must then store the same
findings, ids, kinds, claim sets and all, and the same clusters. On SQLite, and on PostgreSQL
when a throwaway server can be started (tests/servers.py; skipped otherwise).
"""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import yaml

from crosscheck.store import Store, articles_t
from tests.test_postgres import pg_server, pg_url  # noqa: F401  (fixtures: a fresh database)

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "data" / "demo"
CROCUS = "ironvale_gazette/2024-03-23-moscow-massacre-150.txt"
NIGHT_1 = ["meridian_ledger/2021-12-02-russian-buildup-ukraine-border.md",
           "meridian_ledger/2023-07-18-eu-condemns-end-of-grain-deal.md",
           "meridian_ledger/2024-03-24-crocus-toll-rises.md",
           "baltic_lantern_daily/2022-01-20-germany-russian-gas-dependence.txt",
           "baltic_lantern_daily/2022-08-23-grain-corridor-first-weeks.txt"]
NIGHT_2 = ["meridian_ledger/2024-05-15-sino-russian-axis.md",
           "baltic_lantern_daily/2024-03-23-crocus-toll-133.txt",
           "eastern_frontier_review/2021-12-23-moscow-winter-gamble.md", CROCUS,
           "ironvale_gazette/2024-05-16-putin-beijing-new-axis.txt"]


def write_sources(dest: Path) -> Path:
    """The demo's sources.yaml with every path under `dest` (files appear there night by night)."""
    config = yaml.safe_load((REPO / "sources.yaml").read_text())
    for source in config["sources"]:
        source["path"] = source["path"].replace("data/demo/", "")
        target = dest / source["path"]
        if source["kind"] == "jsonl":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("")
        else:
            target.mkdir(parents=True, exist_ok=True)
    path = dest / "sources.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def publish(dest: Path, names: list[str]) -> None:
    for name in names:
        shutil.copy(DEMO / name, dest / name)


def wire_lines(dest: Path, count: int) -> None:
    lines = (DEMO / "northgate_wire" / "articles.jsonl").read_text().splitlines()
    (dest / "northgate_wire" / "articles.jsonl").write_text("\n".join(lines[:count]) + "\n")


def age(db: str, days: float, article_ids: set[str] | None = None) -> None:
    """Move articles' first-seen time back by `days`, as if seen that long ago."""
    store = Store(db)
    query = articles_t.update().values(first_seen=articles_t.c.first_seen - timedelta(days=days))
    if article_ids is not None:
        query = query.where(articles_t.c.id.in_(sorted(article_ids)))
    with store.engine.begin() as conn:
        if store.engine.dialect.name == "sqlite":  # no interval arithmetic: rewrite each row
            for aid, seen in conn.execute(sa.select(articles_t.c.id, articles_t.c.first_seen)):
                if article_ids is None or aid in article_ids:
                    conn.execute(articles_t.update().where(articles_t.c.id == aid)
                                 .values(first_seen=seen - timedelta(days=days)))
        else:
            conn.execute(query)
    store.close()


def article_ids(db: str) -> set[str]:
    store = Store(db)
    with store.engine.connect() as conn:
        ids = set(conn.execute(sa.select(articles_t.c.id)).scalars())
    store.close()
    return ids


def stored(db: str, run_id: str) -> tuple[list[dict[str, Any]], list[tuple[str, tuple[str, ...]]]]:
    """A run's stored findings (every column but when first seen) and its clusters."""
    store = Store(db)
    findings = [{k: v for k, v in r.items() if k not in ("run_id", "first_seen")}
                for r in store.findings(run_id)]
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, claim_ids FROM clusters WHERE run_id = :r"),
                            {"r": run_id}).all()
    store.close()
    clusters = sorted((cid, tuple(sorted(_json(ids)))) for cid, ids in rows)
    return findings, clusters


def _json(value: Any) -> list[str]:
    import json

    return json.loads(value) if isinstance(value, str) else list(value)


def run(sources: Path, out: Path, db: str, cold: bool = False) -> dict[str, Any]:
    from flows.nightly import nightly

    return nightly(sources=str(sources), out=str(out), db=db, cold=cold)


def three_nights(tmp_path: Path, db: str) -> tuple[Path, dict[str, Any], set[str]]:
    """Three nights into one store; returns the sources, the last night's result and the ids
    of the articles that left the window."""
    corpus = tmp_path / "corpus"
    sources = write_sources(corpus)
    publish(corpus, NIGHT_1)
    wire_lines(corpus, 3)
    first = run(sources, tmp_path / "out", db)
    assert first["stats"]["cold"] is True  # an empty store: nothing to keep
    night_1 = article_ids(db)
    age(db, 20)
    publish(corpus, NIGHT_2)
    wire_lines(corpus, 5)
    second = run(sources, tmp_path / "out", db)
    assert second["stats"]["cold"] is False
    age(db, 15)  # night 1's articles are now 35 days old: out of the window
    text = (corpus / CROCUS).read_text()
    assert "increased to 150" in text
    (corpus / CROCUS).write_text(text.replace("increased to 150", "increased to 165"))
    third = run(sources, tmp_path / "out", db)
    return sources, third, night_1


def nights_then_cold(tmp_path: Path, db: str) -> None:
    """Three nights, then a cold run on the same store: both store the same findings."""
    sources, third, left = three_nights(tmp_path, db)
    stats = third["stats"]
    assert stats["cold"] is False
    assert 0 < stats["blocks"]["touched"] and stats["blocks"]["kept"] > 0  # some kept as stored
    incremental = stored(db, third["run_id"])
    cold = run(sources, tmp_path / "cold-out", db, cold=True)
    assert cold["stats"]["cold"] is True
    assert cold["stats"]["articles_new_or_changed"] == 0  # the same window, nothing new
    # a cold run judges every pair; a night says how many it judged and how many it reused
    assert cold["stats"]["blocks"]["pairs_reused"] == 0 < cold["stats"]["blocks"]["pairs_judged"]
    assert {"pairs_judged", "pairs_reused"} <= set(stats["blocks"])
    assert stored(db, cold["run_id"]) == incremental
    findings, _ = incremental
    assert "contradiction" in {f["kind"] for f in findings}
    # the window moved: no finding holds a claim of an article that left it, and the
    # re-published article's new figure is in the findings, its old one in none
    claims = {cid for f in findings for cid in f["claim_ids"]}
    store = Store(db)
    by_id = {c.id: c for c in store.claims_by_ids(sorted(claims))}
    store.close()
    assert not {c.article_id for c in by_id.values()} & left
    shown = {c.quantity.surface for c in by_id.values() if "Crocus" in c.sentence}
    assert any("165" in s for s in shown) and not any("150" in s for s in shown)


@pytest.mark.usefixtures("prefect_harness")
def test_incremental_nights_store_the_findings_of_a_cold_run(tmp_path: Path):
    nights_then_cold(tmp_path, f"sqlite:///{tmp_path / 'store.db'}")


@pytest.mark.server
@pytest.mark.usefixtures("prefect_harness")
def test_incremental_nights_equal_a_cold_run_on_postgresql(request: pytest.FixtureRequest,
                                                            tmp_path: Path):
    nights_then_cold(tmp_path, request.getfixturevalue("pg_url"))
