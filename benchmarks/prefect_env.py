"""Hermetic Prefect settings shared by the benchmarks (../shared/STACK.md)."""

from __future__ import annotations

import os
import tempfile


def hermetic_prefect() -> None:
    """Own Prefect home, no telemetry, a start-up timeout for a loaded 2-core machine.

    Called before Prefect is imported; a home already set is kept.
    """
    if "PREFECT_HOME" not in os.environ:
        os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="crosscheck-bench-prefect-")
    for key, value in {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
                       "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
                       "GX_ANALYTICS_ENABLED": "false"}.items():
        os.environ.setdefault(key, value)
