"""Shared fixtures: a hermetic Prefect home, one session-wide Prefect test server, paths."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytest_httpserver import HTTPServer

# Hermetic Prefect (../shared/STACK.md): own home, no telemetry, a startup timeout that fits here.
os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="crosscheck-prefect-")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "90"
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for every flow test of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture(scope="session")
def cli_prefect_home(tmp_path_factory) -> Path:
    """A Prefect home for `crosscheck run` subprocesses, migrated once (a fresh home per run
    would cost each its migrations, and runs sharing a fresh one race on them)."""
    import subprocess
    import sys

    from .servers import prefect_env

    home = tmp_path_factory.mktemp("cli-prefect-home")
    subprocess.run([sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"],
                   env=prefect_env(home), check=True, capture_output=True, timeout=300)
    return home


@pytest.fixture
def seeds() -> Path:
    """The real seed articles in ../shared; skips when ../shared is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} is absent: the real seed articles live in ../shared")
    return SEEDS


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    """A threaded HTTP server on 127.0.0.1, so a sleeping handler does not block the next one."""
    from pytest_httpserver import HTTPServer

    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()
