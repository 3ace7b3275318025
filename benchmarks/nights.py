"""K nights of N new articles into one store, each night in a fresh process; then a cold run.

    python benchmarks/pipeline.py --nights K --per-night N [--runners core|default|dask]

Night k's articles are generated as `pipeline.generate` makes them (the same stories every
night), dated that night, and written over the outlets' files, so each night ingests N new
articles into the same SQLite store. Each night runs in its own process, so its peak RSS is
its own; it prints per night the seconds per stage, the peak RSS and the report files'
sizes. Then the store is copied and the last night's window is run again cold (every block
matched and assessed), and the last line says how night K compares with night 1 and whether
the incremental night stored the same findings as the cold run (every column but the time
first seen).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MARK = "NIGHT-RESULT "  # the line a night's process ends with: its figures as JSON


def run_nights(nights: int, per_night: int, runner: str, seed: int, batch_size: int,
               work: Path) -> bool:
    """Every night, then the cold run; prints the figures and returns whether they agree."""
    from pipeline import generate, write_corpus

    db = work / "nights.db"
    done: list[dict[str, Any]] = []
    sources = work / "corpus" / "sources.yaml"
    for night in range(1, nights + 1):
        sources = write_corpus(generate(per_night, seed, night, nights), work / "corpus")
        done.append(_night(runner, sources, db, work / "report", batch_size, cold=False))
        _print(f"night {night}", done[-1])
    cold_db = work / "cold.db"
    with sqlite3.connect(db) as src, sqlite3.connect(cold_db) as dest:
        src.backup(dest)
    cold = _night(runner, sources, cold_db, work / "cold-report", batch_size, cold=True)
    _print(f"cold run over night {nights}'s window", cold)
    same = _stored(db, done[-1]["run_id"]) == _stored(cold_db, cold["run_id"])
    first, last = done[0], done[-1]
    print(f"nights: night {nights} / night 1 = {last['seconds'] / first['seconds']:.2f}x time, "
          f"{last['peak_rss_mb'] / first['peak_rss_mb']:.2f}x peak RSS; "
          f"incremental findings == cold: {'yes' if same else 'no'}")
    return same


def _night(runner: str, sources: Path, db: Path, report: Path, batch_size: int,
           cold: bool) -> dict[str, Any]:
    """One night in a fresh process; its figures."""
    cmd = [sys.executable, str(HERE / "pipeline.py"), "--one-night", "--runners", runner,
           "--sources", str(sources), "--db", str(db), "--report", str(report),
           "--batch-size", str(batch_size)] + (["--cold"] if cold else [])
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith(MARK)]
    if done.returncode or not lines:
        raise SystemExit(f"the night's process failed ({done.returncode}):\n"
                         f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return dict(json.loads(lines[-1][len(MARK):]))


def one_night(runner: str, sources: Path, db: Path, report: Path, batch_size: int,
              cold: bool) -> None:
    """Run one night on `runner` into `db` and print its figures as the MARK line."""
    from crosscheck.pipeline import peak_rss_mb

    if runner == "core":
        from pipeline import run_core

        stages, figures = run_core(sources, db.parent, batch_size, 0, db, report, cold)
    else:
        from flows.nightly import with_runner

        result = with_runner(runner)(sources=str(sources), out=str(report),
                                     db=f"sqlite:///{db}", batch_size=batch_size, cold=cold)
        stats = result["stats"]
        stages, figures = stats["stages"], {"run_id": result["run_id"], **stats}
    sizes = {p.name: p.stat().st_size for p in sorted(report.iterdir())
             if p.is_file() and p.suffix != ".log"}
    print(MARK + json.dumps({
        "run_id": figures["run_id"], "cold": figures["cold"], "blocks": figures["blocks"],
        "claims": figures["claims"],
        "stages": {k: v["seconds"] for k, v in stages.items()},
        "stage_rss_mb": {k: v.get("peak_rss_mb", 0.0) for k, v in stages.items()},
        "seconds": sum(v["seconds"] for v in stages.values()), "peak_rss_mb": peak_rss_mb(),
        "findings": figures["findings"], "report": sizes}))


def _print(title: str, night: dict[str, Any]) -> None:
    stages = ", ".join(f"{k} {v:.1f}" for k, v in night["stages"].items())
    sizes = ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in night["report"].items())
    rss = ", ".join(f"{k} {v:.0f}" for k, v in night.get("stage_rss_mb", {}).items())
    kinds = sum(night["findings"].values())
    print(f"{title}: {night['seconds']:.1f} s, peak RSS {night['peak_rss_mb']:.0f} MB, "
          f"{'cold' if night['cold'] else 'incremental'}: {night['blocks']['touched']:,} "
          f"blocks matched ({night['blocks']['claims']:,} of the window's {night['claims']:,} "
          f"claims), {night['blocks']['kept']:,} kept; {kinds:,} findings\n"
          f"  seconds per stage: {stages}\n  peak RSS (MB) at each stage's end: {rss}\n"
          f"  report files: {sizes}", flush=True)


def _stored(db: Path, run_id: str) -> list[dict[str, Any]]:
    """A run's stored findings, every column but the run and when first seen."""
    from crosscheck.store import Store

    store = Store(f"sqlite:///{db}")
    rows = [{k: v for k, v in r.items() if k not in ("run_id", "first_seen")}
            for r in store.findings(run_id)]
    store.close()
    return rows
