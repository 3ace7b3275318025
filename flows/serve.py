"""Serve the nightly flow on a cron schedule against a Prefect server.

`serve_nightly` registers the deployment `nightly/<name>` with a timezone-aware cron schedule and
the run's parameters (sources file, report folder, store URL), then runs its flow runs in this
process until stopped; stopping it pauses the deployment. Paths are made absolute when the
deployment is registered, so a run does not depend on the folder the runner happens to be in.

    PREFECT_API_URL=http://127.0.0.1:4200/api python -m flows.serve --cron "0 2 * * *"

Teams that run work pools use `prefect.yaml` at the repository root instead.
"""

from __future__ import annotations

import argparse
import zoneinfo
from pathlib import Path
from typing import Any

from crosscheck.errors import ConfigError
from crosscheck.store import db_url_for

DEFAULT_CRON = "0 2 * * *"  # 02:00 every night: outlets have published the day's articles
DEFAULT_TIMEZONE = "UTC"
DEFAULT_SOURCES = "sources.yaml"
DEFAULT_OUT = "data/reports"
DEFAULT_DB_FILE = Path("data") / "crosscheck.db"


def deployment_parameters(sources: str = DEFAULT_SOURCES, out: str = DEFAULT_OUT,
                          db: str | None = None) -> dict[str, Any]:
    """The nightly flow's parameters with paths made absolute from the current folder."""
    return {"sources": str(Path(sources).resolve()), "out": str(Path(out).resolve()),
            "db": db or db_url_for(DEFAULT_DB_FILE.resolve())}


def nightly_schedule(cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE) -> Any:
    """A Prefect cron schedule in this timezone; a bad cron or timezone is a ConfigError."""
    from prefect.schedules import Cron

    _check_timezone(timezone)
    try:
        return Cron(cron, timezone=timezone)
    except ValueError as exc:
        raise ConfigError(f"{cron!r} is not a valid cron string ({exc}); use five fields, "
                          "e.g. '0 2 * * *' for 02:00 every day", setting="cron") from exc


def _check_timezone(timezone: str) -> None:
    try:
        zoneinfo.ZoneInfo(timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"{timezone!r} is not an IANA timezone; use a name like 'UTC' or "
                          "'Europe/Berlin'", setting="timezone") from exc


def require_server() -> str:
    """The configured Prefect API URL; a ConfigError when none is set.

    Without one, Prefect would serve against a temporary server that vanishes with this
    process, and no schedule would survive it.
    """
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url:
        raise ConfigError("no Prefect server configured: start one with `prefect server start` "
                          "and set PREFECT_API_URL=http://127.0.0.1:4200/api (or run "
                          "`prefect config set PREFECT_API_URL=...`)")
    return str(url)


def serve_nightly(cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE,
                  sources: str = DEFAULT_SOURCES, out: str = DEFAULT_OUT,
                  db: str | None = None, name: str = "nightly") -> None:
    """Register `nightly/<name>` on the configured Prefect server and serve it (blocks)."""
    if not Path(sources).is_file():
        raise ConfigError(f"{sources}: no such sources file; give the path of an existing "
                          "sources.yaml (the deployment keeps its absolute path)",
                          setting="sources")
    schedule = nightly_schedule(cron, timezone)
    require_server()
    from flows.nightly import nightly

    nightly.serve(name=name, schedule=schedule,
                  parameters=deployment_parameters(sources, out, db),
                  description=f"crosscheck nightly run of {Path(sources).name}",
                  tags=["crosscheck", "nightly"])


def main(argv: list[str] | None = None) -> None:
    """`python -m flows.serve [--cron] [--timezone] [--sources] [--out] [--db] [--name]`."""
    parser = argparse.ArgumentParser(prog="python -m flows.serve",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--cron", default=DEFAULT_CRON)
    parser.add_argument("--timezone", default=DEFAULT_TIMEZONE)
    parser.add_argument("--sources", default=DEFAULT_SOURCES)
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--db", default=None)
    parser.add_argument("--name", default="nightly")
    args = parser.parse_args(argv)
    try:
        serve_nightly(args.cron, args.timezone, args.sources, args.out, args.db, args.name)
    except ConfigError as exc:
        from crosscheck.cli import error_line  # it leads with the flag of the error's setting

        parser.exit(2, f"crosscheck serve: {error_line(exc)}\n")


if __name__ == "__main__":
    main()
