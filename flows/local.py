"""`crosscheck run`: the nightly flow once, locally, started as fast as two cores allow.

The fixed cost of a local run is start-up, not work (issue 15: the demo's stages take about
1 s of a run's wall time). So, in order:

1. the temporary Prefect server is started first (flows.temporary_server), and starts on one
   core while this process imports Prefect, great-expectations and the stages on the other;
2. Prefect's and great-expectations' logs are routed to the run's log file, off the terminal;
3. once the server answers, the flow runs against it, with no heartbeats (nobody watches a
   one-off run for crashes: its own process reports one);
4. the server is stopped; it also dies with this process if that is killed.

Prefect is imported here only inside `run_locally`, after the server has been started.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosscheck import console, runs
from flows.temporary_server import TemporaryServer

# Imported while the temporary server starts, so the flow does not wait for them later:
# great-expectations alone takes about 3 s (STACK.md), the stages' own modules about 1 s.
WARM_MODULES = ("great_expectations", "great_expectations.expectations", "crosscheck.claims",
                "crosscheck.assess", "crosscheck.report", "crosscheck.ingest")

# Seconds to let Prefect send its queued logs and events before the server stops: a local
# server takes them in milliseconds; the bound keeps a wedged one from holding the exit.
DRAIN_SECONDS = 10.0


@dataclass(frozen=True, slots=True)
class LocalRun:
    """What `crosscheck run` asks for."""

    sources: Path
    out: Path
    db: str
    window_days: int
    batch_size: int | None  # None: the runner's default (crosscheck.pipeline)
    runner: str = "default"
    dask_address: str | None = None
    verbose: bool = False
    cold: bool = False  # match and assess the whole window (crosscheck.incremental)


def run_locally(run: LocalRun, log_path: Path) -> dict[str, Any]:
    """Run the nightly flow once; Prefect and GX log to `log_path` (and the terminal if verbose)."""
    runs.exit_on_interrupt()
    with log_path.open("ab") as log:
        server = None
        if not os.environ.get("PREFECT_API_URL"):  # the user's own server, when set
            server = TemporaryServer.start(log, log_path)
        try:
            return _run_flow(run, log_path, server)
        finally:
            if server is not None:
                server.stop()


def _run_flow(run: LocalRun, log_path: Path, server: TemporaryServer | None) -> dict[str, Any]:
    """Import Prefect and the stages while the server starts, then run the flow on it."""
    from crosscheck.pipeline import DASK_BATCH_SIZE, DEFAULT_BATCH_SIZE
    from flows.nightly import with_runner

    flow_fn = with_runner(run.runner, run.dask_address)
    batch_size = run.batch_size or (DASK_BATCH_SIZE if run.runner == "dask"
                                    else DEFAULT_BATCH_SIZE)
    routing = console.LogRouting(log_path, run.verbose)
    routing.apply()
    try:
        for module in WARM_MODULES:
            importlib.import_module(module)
        if server is not None:
            server.wait_ready()
        with _pointed_at(server.api_url if server else None), _quiet_workers(run):
            try:
                return flow_fn(sources=str(run.sources), out=str(run.out), db=run.db,
                               window_days=run.window_days, batch_size=batch_size,
                               cold=run.cold)
            finally:
                _drain_prefect()
    finally:
        routing.restore()


# Prefect's override of its console handler's level (logging.yml: handlers.console.level):
# Dask worker processes configure Prefect's logging themselves and print to the terminal they
# inherited, so routing this process's handlers does not reach them.
WORKER_CONSOLE_LEVEL = "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"


@contextmanager
def _quiet_workers(run: LocalRun) -> Iterator[None]:
    """Dask workers print only warnings and errors, unless the user asked for --verbose."""
    if run.verbose or run.runner != "dask" or WORKER_CONSOLE_LEVEL in os.environ:
        yield
        return
    os.environ[WORKER_CONSOLE_LEVEL] = "WARNING"
    try:
        yield
    finally:
        os.environ.pop(WORKER_CONSOLE_LEVEL, None)


def _drain_prefect() -> None:
    """Send Prefect's last queued logs and events while the server is still there to take them."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=DRAIN_SECONDS)


@contextmanager
def _pointed_at(api_url: str | None) -> Iterator[None]:
    """Prefect (and the environment, for Dask workers) aimed at the temporary server.

    Flow heartbeats are off there: they let a server mark a run whose process vanished as
    crashed, and this server vanishes with the run. With the user's own server (api_url None)
    nothing changes.
    """
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        temporary_settings,
    )

    if api_url is None:
        yield
        return
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: api_url,
                                         PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
