"""The process side of a run: who runs it, whether that process still lives, how it stops.

A run records its pid and host when it begins, so the next run on that host can tell one whose
process is gone (killed with SIGKILL, or the machine lost power) and mark it abandoned.

When SIGTERM or Ctrl-C stops a run, the flow records it and the process must then end within
seconds. Unwinding normally is tried first; but a worker thread stuck in one article would hold
the interpreter at exit (the thread pool joins its threads), so a process that asked for it
(`exit_on_interrupt`, the CLI does) ends itself after a short grace. Every store write is one
transaction, so what a stuck thread had not committed is rolled back, and nothing stored is lost.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

RUNNERS = ("default", "dask")  # the nightly flow's task runners (flows/nightly.with_runner)

# Seconds a stopped run gets to unwind before the process ends itself. Unwinding when no thread
# is stuck (Prefect reporting the crashed flow run to its server, the store closing) took 0.07 s
# here: SIGTERM in the report stage of tests/tiny_corpus.py, signal to exit. 5 s leaves ample
# room on a loaded 2-core machine and is still "within seconds" for whoever pressed Ctrl-C.
INTERRUPT_GRACE_SECONDS = 5.0


def this_process() -> tuple[int, str]:
    """The pid and host name a run records when it begins."""
    return os.getpid(), socket.gethostname()


def process_alive(pid: int) -> bool:
    """True while process `pid` exists on this host and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it exists
    stat = Path(f"/proc/{pid}/stat")
    try:
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True  # no /proc (not Linux): existing is all we can tell
    return state not in ("Z", "X")  # zombie or dead: it has exited, nobody reaped it yet


def signal_name(signum: int) -> str:
    """'SIGTERM' for 15."""
    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


class _ExitOnInterrupt:
    """Whether this process ends itself after a stopped run's grace, and the timer doing it."""

    def __init__(self) -> None:
        self.enabled = False
        self.timer: threading.Thread | None = None

    def arm(self, code: int, grace: float) -> None:
        """End the process with `code` in `grace` seconds unless it has ended by then."""
        if not self.enabled or self.timer is not None:
            return
        self.timer = threading.Thread(target=_exit_after, args=(code, grace),
                                      name="crosscheck-exit-after-interrupt", daemon=True)
        self.timer.start()


_EXIT = _ExitOnInterrupt()


def exit_on_interrupt(enabled: bool = True) -> None:
    """Let a run stopped by a signal end this whole process after its grace (the CLI's choice)."""
    _EXIT.enabled = enabled


def stop_soon(signum: int, grace: float = INTERRUPT_GRACE_SECONDS) -> None:
    """A run was stopped by `signum`: if enabled, end the process after `grace` seconds."""
    _EXIT.arm(128 + signum, grace)


def _exit_after(code: int, grace: float) -> None:
    """Sleep through the grace, then end the process at once (threads and atexit skipped)."""
    time.sleep(grace)
    logging.shutdown()  # flush the log file
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
