"""The extract stage spread over processes: workers read and extract, the parent writes.

Extraction is CPU-bound Python, and threads share one interpreter lock: two threads ran no
faster than one (benchmarks/pipeline.py, issue 14). So on one machine the batches go to a
pool of worker processes (spawned, one per core), each reading its batch's articles from the
store and returning the claims; only this process writes them, so SQLite keeps one writer.
A run with few articles is extracted here, in this process: starting a worker costs more
than it saves.

This module stays light (no pandas, no Prefect): a spawned worker imports it first.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from crosscheck.models import Article, Claim, SkipRecord

if TYPE_CHECKING:
    from crosscheck.store import Store

# Articles below which extraction stays in this process. A spawned worker is ready to extract
# after ~0.4 s of imports and extracts ~90 articles a second (benchmarks/pipeline.py at 5,000
# articles, 2026-12-02), so a second core pays for its start from a few hundred articles on;
# below that (the demo, the tests' corpora, a quiet night) one process is as fast.
MIN_ARTICLES_FOR_PROCESSES = 400
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>

BatchResult = tuple[list[Claim], list[SkipRecord]]


def extract_batch(articles: Iterable[Article]) -> BatchResult:
    """Claims of a batch of articles; an article that yields nothing keeps its reason."""
    from crosscheck.claims import extract_claims

    claims: list[Claim] = []
    skips: list[SkipRecord] = []
    for article in articles:
        found, skipped = extract_claims(article)
        claims.extend(found)
        skips.extend(skipped)
    return claims, skips


def worker_count(n_articles: int, requested: int | None = None) -> int:
    """Processes to extract `n_articles` with: `requested`, else one per core when it pays."""
    if requested is not None:
        return max(1, requested)
    if n_articles < MIN_ARTICLES_FOR_PROCESSES:
        return 1
    return os.cpu_count() or 1


# -- in a worker process ------------------------------------------------------------------
_WORKER_STORE: list[Store] = []  # the worker's own connection, opened once by _start_worker


def _start_worker(db_url: str, parent: int) -> None:
    """Open the store; die with the parent (SIGKILL on Linux); leave Ctrl-C to the parent."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from crosscheck.store import Store

    _WORKER_STORE.append(Store(db_url))


def _extract_ids(article_ids: list[str]) -> tuple[list[str], BatchResult]:
    """A worker's job: read one batch from the store and extract it (nothing is written)."""
    articles = _WORKER_STORE[0].get_articles(article_ids)
    return [a.id for a in articles], extract_batch(articles)


# -- in the run's process -----------------------------------------------------------------
def _in_process(store: Store, batches: Sequence[list[str]]) -> Iterator[tuple[list[str],
                                                                             BatchResult]]:
    for ids in batches:
        articles = store.get_articles(ids)
        yield [a.id for a in articles], extract_batch(articles)


@contextlib.contextmanager
def _in_workers(db_url: str, batches: Sequence[list[str]],
                workers: int) -> Iterator[Iterator[tuple[list[str], BatchResult]]]:
    """Results of the batches from a pool of spawned workers, in the order they finish.

    Leaving the block ends the pool at once (terminate, not join): a stopped or failed run
    must not wait for a worker stuck in one article.
    """
    context = multiprocessing.get_context("spawn")  # no fork of a process running threads
    pool = context.Pool(min(workers, len(batches)), initializer=_start_worker,
                        initargs=(db_url, os.getpid()))
    try:
        yield pool.imap_unordered(_extract_ids, batches)
    finally:
        pool.terminate()
        pool.join()


def extract_all(store: Store, db_url: str, batches: Sequence[list[str]], workers: int,
                on_batch: Callable[[int, list[SkipRecord]], None]) -> None:
    """Extract every batch and store its claims here; `on_batch(claims, skips)` after each."""
    if workers <= 1 or len(batches) <= 1:
        results: contextlib.AbstractContextManager[Iterator[tuple[list[str], BatchResult]]] = \
            contextlib.nullcontext(_in_process(store, batches))
    else:
        results = _in_workers(db_url, batches, workers)
    with results as done:
        for article_ids, (claims, skips) in done:
            store.replace_claims(article_ids, claims)
            on_batch(len(claims), skips)
