"""Prefect's per-task overhead, and the extraction batch size it implies.

    python benchmarks/overhead.py [--n 200] [--dask-n 60] [--share 0.05]

Measures the cost of one task run for a plain task call, `task.map`, and `task.map` on the
DaskTaskRunner (LocalCluster, one process per core), each as the slope between K and N tasks
run inside one flow (so flow start-up and Dask cluster start-up are left out). Then times claim
extraction per article on the demo corpus and prints the smallest batch for which Prefect's
overhead stays under `--share` of the batch's work. Uses a temporary PREFECT_HOME.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from prefect_env import hermetic_prefect  # noqa: E402  (benchmarks/ is the script's folder)

SMALL = 10  # tasks in the reference flow the slope is measured from
OVERHEAD_SHARE = 0.05  # Prefect may cost at most 5% of a batch's own work
EXTRACT_REPEATS = 3  # passes over the demo articles when timing extraction


def _noop(x: int) -> int:
    return x


def _flows(dask_workers: int) -> dict[str, Callable[[int], float]]:
    """Flows returning ms per task: n no-op tasks called one by one, mapped, mapped on Dask.

    Each flow times a batch of SMALL tasks and then one of n inside the same flow run, so flow
    start-up and the Dask cluster's start-up are outside the slope between the two.
    """
    from prefect import flow, task
    from prefect_dask import DaskTaskRunner

    from flows.nightly import TASK

    noop = task(**TASK)(_noop)

    def called(n: int) -> None:
        for i in range(n):
            noop(i)

    def mapped(n: int) -> None:
        noop.map(range(n)).result()

    @flow
    def plain(n: int) -> float:
        return _slope(called, n)

    @flow
    def mapping(n: int) -> float:
        return _slope(mapped, n)

    dask = mapping.with_options(task_runner=DaskTaskRunner(cluster_kwargs={
        "n_workers": dask_workers, "threads_per_worker": 1, "processes": True}))
    return {"plain task call": plain, "task.map": mapping, "task.map on Dask": dask}


def _timed(fn: Callable[[int], object], n: int) -> float:
    start = time.perf_counter()
    fn(n)
    return time.perf_counter() - start


def _slope(fn: Callable[[int], object], n: int) -> float:
    """Milliseconds one more task adds: warm up, then the slope between SMALL and n tasks."""
    fn(SMALL)
    small = _timed(fn, SMALL)
    large = _timed(fn, n)
    return 1000 * (large - small) / (n - SMALL)


def extract_ms_per_article() -> float:
    """Claim extraction time per article over the demo corpus."""
    from crosscheck.config import load_sources
    from crosscheck.ingest import ingest_source
    from crosscheck.pipeline import extract_batch

    config = load_sources(REPO / "sources.yaml")
    articles = [a for s in config.sources if s.enabled for a in ingest_source(s).articles]
    extract_batch(articles[:2])  # warm the lexicons and regexes
    start = time.perf_counter()
    for _ in range(EXTRACT_REPEATS):
        extract_batch(articles)
    return 1000 * (time.perf_counter() - start) / (EXTRACT_REPEATS * len(articles))


def batch_for(overhead_ms: float, work_ms: float, share: float) -> int:
    """Smallest batch whose Prefect overhead is at most `share` of its work."""
    return max(1, math.ceil(overhead_ms / (share * work_ms)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200, help="tasks per local flow")
    parser.add_argument("--dask-n", type=int, default=60, help="tasks per Dask flow")
    parser.add_argument("--dask-workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--share", type=float, default=OVERHEAD_SHARE)
    args = parser.parse_args(argv)
    hermetic_prefect()
    flows = _flows(args.dask_workers)
    flows["plain task call"](SMALL + 1)  # start the temporary Prefect server once
    work = extract_ms_per_article()
    print(f"claim extraction: {work:.2f} ms/article (demo corpus, {EXTRACT_REPEATS} passes)")
    print(f"{'runner':<20} {'ms/task':>8} {'batch for <=' + format(args.share, '.0%'):>16}")
    for name, fn in flows.items():
        ms = fn(args.dask_n if "Dask" in name else args.n)
        print(f"{name:<20} {ms:>8.1f} {batch_for(ms, work, args.share):>16}")


if __name__ == "__main__":
    main()
