"""Extraction spread over spawned worker processes: the same claims as in one process.

Real SQLite, real spawned workers; the demo corpus is split into one-article batches so that
both workers take part.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crosscheck import extraction
from crosscheck.pipeline import batches, ingest_stage, load_stage
from crosscheck.store import Store

from .conftest import REPO
from .tiny_corpus import findings_summary, write_tiny_corpus


def _ingested(folder: Path) -> tuple[Store, str, list[str]]:
    """The demo corpus ingested into a fresh store under `folder`: store, URL, article ids."""
    folder.mkdir()
    db_url = f"sqlite:///{folder / 'store.db'}"
    store = Store(db_url)
    config = load_stage(store, REPO / "sources.yaml")
    outcome = ingest_stage(store, "run-1", list(config.sources))
    return store, db_url, outcome.changed_ids


def _extracted(folder: Path, workers: int) -> tuple[list[tuple], list[tuple], int]:
    """Claims stored and skips reported when the demo is extracted with `workers`."""
    store, db_url, ids = _ingested(folder)
    seen: list[tuple[int, list]] = []
    extraction.extract_all(store, db_url, batches(ids, 1), workers,
                           lambda n, skips: seen.append((n, skips)))
    claims = store.claims_for_articles(ids)
    store.close()
    rows = sorted((c.id, c.article_id, c.sentence, c.quantity.low, c.quantity.high,
                   c.quantity.unit, json.dumps(c.as_row(), sort_keys=True, default=str))
                  for c in claims)
    skips = sorted((s.stage, s.source_id, s.item, s.reason) for _, found in seen for s in found)
    assert sum(n for n, _ in seen) == len(claims)
    return rows, skips, len(seen)


def test_two_workers_store_what_one_process_stores(tmp_path):
    alone, alone_skips, alone_batches = _extracted(tmp_path / "one", workers=1)
    pooled, pooled_skips, pooled_batches = _extracted(tmp_path / "two", workers=2)
    assert len(alone) > 20  # the demo states dozens of figures
    assert pooled == alone
    assert pooled_skips == alone_skips
    assert pooled_batches == alone_batches > 2  # every batch reported once


def test_a_pool_is_started_only_where_it_pays():
    few, many = extraction.MIN_ARTICLES_FOR_PROCESSES - 1, extraction.MIN_ARTICLES_FOR_PROCESSES
    assert extraction.worker_count(few) == 1
    assert extraction.worker_count(many) == max(1, __import__("os").cpu_count() or 1)
    assert extraction.worker_count(few, requested=2) == 2
    assert extraction.worker_count(many, requested=1) == 1
    assert extraction.worker_count(many, requested=0) == 1


@pytest.mark.usefixtures("prefect_harness")
def test_the_flow_finds_the_same_with_two_workers(tmp_path):
    from flows.nightly import nightly

    sources = write_tiny_corpus(tmp_path / "corpus")
    for workers in (1, 2):
        result = nightly(sources=str(sources), out=str(tmp_path / f"out{workers}"),
                         db=f"sqlite:///{tmp_path / f'{workers}.db'}", batch_size=1,
                         workers=workers)
        assert result["stats"]["claims"] > 0
    assert findings_summary(tmp_path / "out2") == findings_summary(tmp_path / "out1") != []
