"""A temporary Prefect server for one local run, which cannot outlive the process that made it.

Without a configured server Prefect starts one itself: a uvicorn child of the run's process,
started when the flow first calls the API, which keeps running when that process is killed
with SIGKILL (issue 17, case 8). `crosscheck run` starts this one instead, first thing, so
the server's own start (importing Prefect's server, migrating its database: 8-17 s here) goes
on beside the CLI's imports on the other core, and then points Prefect at it.

The server process ties its life to its parent's: on Linux the kernel sends it SIGKILL when
the parent dies (PR_SET_PDEATHSIG), and everywhere a watchdog thread ends it once its parent
has changed. It listens on a socket the parent bound to a free port of 127.0.0.1 and handed
over, so no other process can take the port in between.

This module must not import Prefect: the CLI imports it before Prefect, to start the server
while Prefect itself is still being imported.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO

from crosscheck.errors import CrosscheckError

# Seconds to wait for the server to answer /api/health. It answered after 8-17 s here
# (STACK.md); Prefect's own 20 s default was too tight on 2 shared cores, 90 s is what the
# project's tests and flows already give it (PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS).
START_TIMEOUT_SECONDS = 90.0
POLL_SECONDS = 0.1  # between health checks while it starts; a check costs ~1 ms
STOP_GRACE_SECONDS = 5.0  # after SIGTERM, before SIGKILL, when the run is over
PARENT_CHECK_SECONDS = 1.0  # how often the watchdog looks whether the parent is still there
PR_SET_PDEATHSIG = 1  # from <sys/prctl.h>

# What a server of one local run needs: no telemetry lookups (the network is closed here),
# and no block types registered, since the flow uses no blocks: registering them cost 0.6-1.1 s
# of CPU per start on a fresh home (8.0-9.3 s against 7.3-8.2 s, three starts each, measured
# alternately on 2026-12-02). A full `prefect server start` on the same home registers them.
SERVER_ENV = {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
              "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "false"}


class ServerError(CrosscheckError):
    """The temporary Prefect server did not start."""


class TemporaryServer:
    """A Prefect API server in a child process that dies with this one."""

    def __init__(self, proc: subprocess.Popen[bytes], port: int, log_path: Path):
        self.proc, self.port, self.log_path = proc, port, log_path

    @property
    def api_url(self) -> str:
        """The URL to give Prefect as PREFECT_API_URL."""
        return f"http://127.0.0.1:{self.port}/api"

    @classmethod
    def start(cls, log: IO[bytes], log_path: Path) -> TemporaryServer:
        """Start the server (it is not ready yet: call wait_ready); its output goes to `log`."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        try:
            env = {**os.environ, **SERVER_ENV}
            env.pop("PREFECT_API_URL", None)
            proc = subprocess.Popen(
                [sys.executable, "-m", "flows.temporary_server", "--fd", str(sock.fileno()),
                 "--parent", str(os.getpid())],
                pass_fds=[sock.fileno()], stdin=subprocess.DEVNULL, stdout=log,
                stderr=subprocess.STDOUT, env=env, start_new_session=True)
            return cls(proc, int(sock.getsockname()[1]), log_path)
        finally:
            sock.close()  # the child has its own copy

    def wait_ready(self, timeout: float = START_TIMEOUT_SECONDS) -> None:
        """Return once the server answers; ServerError when it exits or takes too long."""
        import httpx

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerError(f"the temporary Prefect server exited with code "
                                  f"{self.proc.returncode}; its output is in {self.log_path}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.api_url}/health", timeout=2).status_code == 200:
                    return
            time.sleep(POLL_SECONDS)
        self.stop()
        raise ServerError(f"the temporary Prefect server did not answer within {timeout:.0f} s; "
                          f"its output is in {self.log_path}; on a busy machine run again, or "
                          "start one (`prefect server start`) and set PREFECT_API_URL")

    def stop(self) -> None:
        """Stop the server: SIGTERM, then SIGKILL if it lingers."""
        if self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# -- the server process ------------------------------------------------------------------------
def die_with_parent(parent: int) -> None:
    """End this process when `parent` is gone: kernel signal on Linux, a watchdog everywhere."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(0)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True,
                     name="crosscheck-parent-watch").start()


def _watch_parent(parent: int) -> None:
    """Exit at once when this process has been handed to another parent."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


def serve(fd: int) -> None:
    """Run Prefect's API (no UI, the services of a temporary server) on the inherited socket."""
    import uvicorn
    from prefect.server.api.server import create_app

    sock = socket.socket(fileno=fd)
    app = create_app(ephemeral=True, final=True)
    uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="on")).run(sockets=[sock])


def main(argv: list[str] | None = None) -> None:
    """`python -m flows.temporary_server --fd N --parent PID` (started by TemporaryServer)."""
    parser = argparse.ArgumentParser(prog="python -m flows.temporary_server")
    parser.add_argument("--fd", type=int, required=True, help="bound listening socket")
    parser.add_argument("--parent", type=int, required=True, help="pid to live no longer than")
    args = parser.parse_args(argv)
    die_with_parent(args.parent)
    serve(args.fd)


if __name__ == "__main__":
    main()
