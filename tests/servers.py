"""Throwaway real servers for tests: a Prefect server and a PostgreSQL cluster.

Each starts on a free port of 127.0.0.1 in its own temporary folder and is always stopped with
every process it started (its process group), even when the test fails.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

VENV_BIN = Path(sys.executable).parent
# A Prefect server is healthy after ~10 s here (../shared/STACK.md); 2 shared cores can triple it.
PREFECT_START_TIMEOUT = 90
# PostgreSQL accepts connections after ~2 s here.
PG_START_TIMEOUT = 30
HERMETIC = {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
            "GX_ANALYTICS_ENABLED": "false",
            "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90"}


def free_port() -> int:
    """A TCP port nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def prefect_env(home: Path, api_url: str | None = None) -> dict[str, str]:
    """Environment for a Prefect process with its own home (and server, when given)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(HERMETIC, PREFECT_HOME=str(home))
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def stop_group(proc: subprocess.Popen, grace: float = 15) -> None:
    """Stop a process started with start_new_session=True and all its children."""
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _log_tail(path: Path, chars: int = 3000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.exists() else "(no log)"


@contextlib.contextmanager
def prefect_server(home: Path) -> Iterator[str]:
    """A real `prefect server start` on a free port; yields its API URL."""
    home.mkdir(parents=True, exist_ok=True)
    env = prefect_env(home)
    # Migrate first: processes sharing a fresh home race on the migrations otherwise.
    subprocess.run([str(VENV_BIN / "prefect"), "server", "database", "upgrade", "-y"],
                   env=env, check=True, capture_output=True, timeout=120)
    port = free_port()
    log = home / "server.log"
    env["PREFECT_SERVER_DATABASE_MIGRATE_ON_START"] = "false"  # done just above
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(VENV_BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
             "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    try:
        wait_healthy(api, proc, log)
        yield api
    finally:
        stop_group(proc)


def wait_healthy(api: str, proc: subprocess.Popen, log: Path) -> None:
    """Poll /api/health until the server answers; fail with its log when it does not."""
    deadline = time.monotonic() + PREFECT_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited with {proc.returncode}:\n{_log_tail(log)}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return
        time.sleep(0.5)
    raise RuntimeError(f"prefect server not healthy after {PREFECT_START_TIMEOUT} s:\n"
                       f"{_log_tail(log)}")


# -- PostgreSQL -------------------------------------------------------------------------------
class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server can be started here (the reason says why)."""


def pg_bin() -> Path:
    """Folder of Debian's PostgreSQL binaries (the newest version installed)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    if not found:
        raise PostgresUnavailable("no /usr/lib/postgresql/*/bin/initdb: install Debian's "
                                  "postgresql package (apt-get install -y postgresql)")
    return Path(found[-1]).parent


def _as_postgres(command: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run a shell command as the postgres user (initdb refuses root)."""
    if os.geteuid() == 0:
        argv = ["su", "postgres", "-s", "/bin/sh", "-c", command]
    else:  # already an unprivileged user: run as ourselves
        argv = ["/bin/sh", "-c", command]
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd="/tmp")
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PostgresUnavailable(f"cannot run {argv[0]} as postgres: {exc}") from exc


def _own_dir(base: Path) -> Path:
    data = base / "pgdata"
    data.mkdir(parents=True)
    if os.geteuid() == 0:
        try:
            shutil.chown(base, "postgres")
            shutil.chown(data, "postgres")
        except LookupError as exc:
            raise PostgresUnavailable("no postgres user: install Debian's postgresql "
                                      "package, which creates it") from exc
    return data


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL cluster on a free port; yields its SQLAlchemy URL."""
    bindir = pg_bin()
    # Directly under /tmp: pytest's own temp folders are 0700 root, closed to the postgres user.
    base = Path(tempfile.mkdtemp(prefix="crosscheck-pg-"))
    try:
        yield from _cluster(bindir, base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _cluster(bindir: Path, base: Path) -> Iterator[str]:
    data = _own_dir(base)
    init = _as_postgres(f"{bindir}/initdb -D {data} -A trust -U postgres")
    if init.returncode != 0:
        raise PostgresUnavailable(f"initdb as postgres failed: {init.stderr.strip()[-500:]}")
    port = free_port()
    opts = f"-p {port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off"
    start = _as_postgres(f"{bindir}/pg_ctl -D {data} -o '{opts}' -l {data}/log -w "
                         f"-t {PG_START_TIMEOUT} start")
    try:
        if start.returncode != 0:
            log = _log_tail(data / "log", 1000)
            raise PostgresUnavailable(f"pg_ctl start failed: {start.stderr.strip()}\n{log}")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        _as_postgres(f"{bindir}/pg_ctl -D {data} -m immediate -w stop")
