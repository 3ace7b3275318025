"""`crosscheck` command line: a thin shell over the library.

Library errors become one-line messages and exit codes (0 done, 1 the run failed, 2 bad input
or usage). Prefect and great-expectations are imported only by the commands that need them, so
`crosscheck sources validate` starts in a fraction of a second.
"""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from crosscheck.errors import CrosscheckError

app = typer.Typer(help="Cross-check the figures news outlets publish.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
sources_app = typer.Typer(help="List, validate and add sources in sources.yaml.",
                          no_args_is_help=True)
app.add_typer(sources_app, name="sources")

DEFAULT_SOURCES = Path("sources.yaml")
DEFAULT_OUT = Path("data") / "reports"
DEFAULT_DB = "sqlite:///data/crosscheck.db"


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one clear line to stderr and exit."""
    typer.echo(f"crosscheck: {message}", err=True)
    raise typer.Exit(code)


# The option that sets each run setting an error may concern (CrosscheckError.setting): the
# library's messages say what to change, the command line leads with the flag that changes it.
SETTING_FLAGS = {"db": "--db", "out": "--out", "sources": "--sources", "verdict": "--verdict",
                 "runner": "--runner", "cron": "--cron", "timezone": "--timezone"}


def error_line(exc: CrosscheckError, what: str = "") -> str:
    """The error's one line, led by the stage it stopped in and the flag to change."""
    lead = [f"{what} in {exc.stage}" if exc.stage else what] if what else []
    if exc.setting in SETTING_FLAGS:
        lead.append(SETTING_FLAGS[exc.setting])
    return ": ".join([*lead, str(exc)])


def fail_on(exc: CrosscheckError, what: str = "", code: int = 2) -> NoReturn:
    """Fail with the error's one line (error_line)."""
    fail(error_line(exc, what), code)


# -- run ----------------------------------------------------------------------------------
class Runner(StrEnum):
    """The nightly flow's task runners (crosscheck.runs.RUNNERS)."""

    default = "default"
    dask = "dask"


LOG_FILE = "run.log"  # in the report folder: Prefect's and great-expectations' log of a run


@app.command()
def run(
    sources: Annotated[Path, typer.Option(help="sources.yaml to read")] = DEFAULT_SOURCES,
    out: Annotated[Path, typer.Option(help="folder for report.html, report.md, findings.json, "
                                           "claims.csv, credibility.json and run.log")
                   ] = DEFAULT_OUT,
    db: Annotated[str, typer.Option(help="SQLAlchemy URL of the store")] = DEFAULT_DB,
    window_days: Annotated[int, typer.Option(help="days of articles the report covers")] = 30,
    batch_size: Annotated[int | None, typer.Option(
        help="articles per extraction task (default 200; 1000 with --runner dask)")] = None,
    runner: Annotated[Runner, typer.Option(help="task runner")] = Runner.default,
    dask_address: Annotated[str | None, typer.Option(
        help="scheduler address of an existing Dask cluster (with --runner dask)")] = None,
    verbose: Annotated[bool, typer.Option(
        "--verbose", help="show Prefect's and great-expectations' logs too")] = False,
    cold: Annotated[bool, typer.Option(
        "--cold", help="match and assess the whole window again, not only what the new "
                       "articles touch")] = False,
) -> None:
    """Run the nightly flow once, locally, and write the report.

    Example: crosscheck run --sources sources.yaml --out data/reports
    """
    if not sources.is_file():
        fail(f"{sources}: no such sources file; pass --sources PATH or create sources.yaml "
             "(see README.md)")
    _check_out(out)
    _check_store(db, create=True)
    log_path = _start_log(out)
    _quiet_known_errors()
    from flows.local import LocalRun

    result = _run_locally(LocalRun(sources, out, db, window_days, batch_size, runner.value,
                                   dask_address, verbose, cold), log_path)
    _print_run(result)
    typer.echo(f"  log: {log_path}")


def _check_store(db: str, create: bool) -> None:
    """Open the store once before anything slow starts; a bad --db is one line, exit 2."""
    from crosscheck.errors import StoreError
    from crosscheck.store import Store

    try:
        Store(db, create=create).close()
    except StoreError as exc:
        fail_on(exc)


def _start_log(out: Path) -> Path:
    """Create the report folder and an empty run.log in it; exit 2 if it cannot be written."""
    path = out / LOG_FILE
    try:
        out.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")
    except OSError as exc:
        fail(f"--out {out}: cannot write {LOG_FILE} there ({exc.strerror or exc}); pass --out "
             "of a folder you can write to")
    return path


def _run_locally(local: Any, log_path: Path) -> dict[str, Any]:
    """Run the flow with progress on stdout; a failure is one line naming the log."""
    from crosscheck import console
    from crosscheck.errors import ConfigError
    from flows.local import run_locally

    handler = console.attach_progress()
    try:
        return run_locally(local, log_path)
    except ConfigError as exc:
        fail_on(exc)
    except CrosscheckError as exc:
        fail_on(exc, "the run failed", code=1)
    except Exception as exc:  # not hidden: the traceback goes to the log named here
        _log_traceback(log_path)
        fail(f"the run failed: {type(exc).__name__}: {exc}; the traceback is in {log_path}",
             code=1)
    finally:
        console.detach_progress(handler)


def _log_traceback(log_path: Path) -> None:
    """Append the exception being handled to the run's log file (not to the terminal)."""
    import traceback

    try:
        with log_path.open("a", encoding="utf-8") as log:
            log.write("crosscheck run failed:\n" + traceback.format_exc())
    except OSError:
        pass  # a full disk: the one line on the terminal still says what failed


class OneLineErrors(logging.Filter):
    """Drop the traceback from log records of crosscheck's own errors: the message says it all.

    Prefect logs a failed task or flow with its traceback; for a CrosscheckError (a full disk,
    a broken sources file) that is dozens of lines around one sentence. Other errors keep
    their traceback: those are bugs.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], CrosscheckError):
            record.exc_info, record.exc_text = None, None
        return True


# Prefect's loggers for flow and task runs, which log a failed run with its traceback.
PREFECT_RUN_LOGGERS = ("prefect.flow_runs", "prefect.task_runs")


def _quiet_known_errors() -> None:
    """Keep Prefect's failure lines for crosscheck's own errors to one line each."""
    for name in PREFECT_RUN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, OneLineErrors) for f in logger.filters):
            logger.addFilter(OneLineErrors())


def _check_out(out: Path) -> None:
    """Refuse, before the run starts, a report folder that cannot be written."""
    from crosscheck.errors import ReportError
    from crosscheck.report.write import check_out_dir

    try:
        check_out_dir(out)
    except ReportError as exc:
        fail_on(exc)


def _print_run(result: dict[str, Any]) -> None:
    stats = result["stats"]
    typer.echo(f"run {result['run_id']} completed")
    typer.echo(f"  sources ok {stats['sources_ok']}, failed {stats['sources_failed']}; "
               f"articles {stats['articles_seen']} ({stats['articles_new_or_changed']} new or "
               f"changed); claims {stats['claims']}")
    findings = ", ".join(f"{k} {v}" for k, v in sorted(stats["findings"].items())) or "none"
    typer.echo(f"  findings: {findings}; gate failures {stats['gate_failures']}")
    for name, path in result["report"].items():
        typer.echo(f"  {name}: {path}")


# -- serve --------------------------------------------------------------------------------
@app.command()
def serve(
    cron: Annotated[str, typer.Option(help="cron schedule, five fields")] = "0 2 * * *",
    timezone: Annotated[str, typer.Option(help="IANA timezone of the schedule")] = "UTC",
    sources: Annotated[Path, typer.Option(help="sources.yaml to read")] = DEFAULT_SOURCES,
    out: Annotated[Path, typer.Option(help="report folder")] = DEFAULT_OUT,
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL of the store")] = None,
    name: Annotated[str, typer.Option(help="deployment name")] = "nightly",
) -> None:
    """Serve the nightly flow on a cron schedule against a Prefect server (PREFECT_API_URL)."""
    from flows.serve import serve_nightly

    try:
        serve_nightly(cron, timezone, str(sources), str(out), db, name)
    except CrosscheckError as exc:
        fail_on(exc)


# -- sources ------------------------------------------------------------------------------
def _load(path: Path) -> Any:
    from crosscheck.config import load_sources
    from crosscheck.errors import ConfigError

    try:
        return load_sources(path)
    except ConfigError as exc:
        fail_on(exc)


@sources_app.command("validate")
def sources_validate(path: Annotated[Path, typer.Argument(help="sources.yaml to check")]
                     = DEFAULT_SOURCES) -> None:
    """Check sources.yaml; print every problem with its key path; exit 2 if any."""
    config = _load(path)
    for problem in config.problems:
        typer.echo(str(problem), err=True)
    for warning in config.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if config.problems:
        fail(f"{path}: {len(config.problems)} problem(s); fix them and run validate again")
    warned = f", {len(config.warnings)} warning(s)" if config.warnings else ""
    typer.echo(f"{path}: {len(config.sources)} source(s), no problems{warned}")


@sources_app.command("list")
def sources_list(path: Annotated[Path, typer.Argument(help="sources.yaml to list")]
                 = DEFAULT_SOURCES) -> None:
    """List the configured sources with kind, publisher and credibility."""
    config = _load(path)
    for s in config.sources:
        cred = "-" if s.publisher.credibility is None else f"{s.publisher.credibility:.2f}"
        state = "" if s.enabled else "  (disabled)"
        where = s.url or (str(s.path) if s.path else "") or f"{len(s.urls or [])} urls"
        typer.echo(f"{s.id:<24} {s.kind:<8} cred {cred:<5} {s.publisher.name}  {where}{state}")
    for problem in config.problems:
        typer.echo(f"invalid: {problem}", err=True)


@sources_app.command("add")
def sources_add(
    id: Annotated[str, typer.Option("--id", help="unique source id (lower_snake)")],
    name: Annotated[str, typer.Option(help="display name")],
    kind: Annotated[str, typer.Option(help="rss, html, sitemap, files or jsonl")],
    publisher: Annotated[str, typer.Option(help="publisher name")],
    url: Annotated[str | None, typer.Option(help="feed, sitemap or index URL")] = None,
    path: Annotated[str | None, typer.Option(help="folder (files) or file (jsonl)")] = None,
    owner: Annotated[str | None, typer.Option(
        help="who owns the publisher (one owner's outlets do not back each other up)")] = None,
    country: Annotated[str | None, typer.Option(help="publisher's country (GB, US, ...)")] = None,
    language: Annotated[str | None, typer.Option(
        help="language code of the articles (en, de, pt-BR)")] = None,
    media_type: Annotated[str | None, typer.Option(
        help="kind of outlet: news, opinion, state_media, wire, ...")] = None,
    credibility: Annotated[float | None, typer.Option(help="0..1")] = None,
    rating_source: Annotated[str | None, typer.Option(help="who rated the credibility")] = None,
    urls: Annotated[list[str] | None, typer.Option(
        "--urls", help="article URL for kind html (repeat the option)")] = None,
    link_pattern: Annotated[str | None, typer.Option(
        help="regex of article links on the index page `--url` (kind html)")] = None,
    max_articles: Annotated[int | None, typer.Option(help="articles read per run at most")] = None,
    timeout: Annotated[float | None, typer.Option(help="seconds per request")] = None,
    rate_limit: Annotated[float | None, typer.Option(help="requests per second")] = None,
    include: Annotated[list[str] | None, typer.Option(help="URL regex to keep (repeat)")] = None,
    exclude: Annotated[list[str] | None, typer.Option(help="URL regex to drop (repeat)")] = None,
    disabled: Annotated[bool, typer.Option("--disabled", help="add it switched off")] = False,
    file: Annotated[Path, typer.Option("--file", help="sources.yaml to edit")] = DEFAULT_SOURCES,
) -> None:
    """Append a well-formed source to sources.yaml, keeping its comments."""
    from crosscheck.config import add_source

    pub = _present({"name": publisher, "owner": owner, "country": country,
                    "language": language, "media_type": media_type,
                    "credibility": credibility, "rating_source": rating_source})
    entry = _present({"id": id, "name": name, "kind": kind, "url": url, "urls": urls,
                      "link_pattern": link_pattern, "path": path,
                      "enabled": False if disabled else None, "max_articles": max_articles,
                      "timeout": timeout, "rate_limit": rate_limit, "include": include,
                      "exclude": exclude, "publisher": pub})
    try:
        source = add_source(file, entry)
    except CrosscheckError as exc:
        fail_on(exc)
    typer.echo(f"added source {source.id} ({source.kind}) to {file}")


def _present(values: dict[str, Any]) -> dict[str, Any]:
    """Only the options the user gave (None and empty lists left out)."""
    return {k: v for k, v in values.items() if v is not None and v != []}


# -- quantities ---------------------------------------------------------------------------
@app.command()
def quantities(
    in_path: Annotated[Path, typer.Argument(metavar="IN.json",
                                            help="JSON list of {\"text\": ...} objects")],
    out: Annotated[Path | None, typer.Option("-o", "--out", help="prediction file")] = None,
) -> None:
    """Read the figures in a JSON list of {text} objects (NewsQuant scorer format out)."""
    from crosscheck.quantities import QuantityInputError, convert_file

    try:
        count = convert_file(in_path, out)
    except QuantityInputError as exc:
        fail_on(exc)
    if out is not None:
        typer.echo(f"{count} sentence(s) read; predictions in {out}", err=True)


# -- review -------------------------------------------------------------------------------
DEFAULT_REVIEW_PORT = 8765


@app.command()
def review(
    finding_id: Annotated[str | None, typer.Argument(help="id from findings.json")] = None,
    verdict: Annotated[str | None, typer.Option(
        help="confirmed, dismissed or needs-work")] = None,
    note: Annotated[str | None, typer.Option(help="free text kept with the verdict")] = None,
    reviewer: Annotated[str | None, typer.Option(
        help="your name (default: $CROSSCHECK_REVIEWER or $USER)")] = None,
    list_: Annotated[bool, typer.Option("--list", help="list stored verdicts")] = False,
    serve: Annotated[bool, typer.Option(
        "--serve", help="open the latest report in a local web app with verdict buttons")] = False,
    port: Annotated[int, typer.Option(help="port of the review app")] = DEFAULT_REVIEW_PORT,
    host: Annotated[str, typer.Option(
        help="address the review app listens on (other than 127.0.0.1 lets others in)")]
        = "127.0.0.1",
    out: Annotated[Path, typer.Option(help="report folder the app links to")] = DEFAULT_OUT,
    db: Annotated[str, typer.Option(help="SQLAlchemy URL of the store")] = DEFAULT_DB,
) -> None:
    """Record a verdict, list verdicts (--list), or review in the browser (--serve).

    Example: crosscheck review --serve   (then open http://127.0.0.1:8765/)
    """
    from crosscheck import review as rv
    from crosscheck.errors import StoreError

    if not (list_ or serve) and (not finding_id or not verdict):
        fail("give a FINDING_ID and --verdict confirmed|dismissed|needs-work, --list or --serve")
    try:
        store = rv.open_existing(db)
    except StoreError as exc:
        fail_on(exc)
    name = reviewer or rv.default_reviewer()
    try:
        if serve:
            _serve_review(store, db, out, name, host, port)
        elif list_:
            for line in rv.list_lines(store):
                typer.echo(line)
        else:
            stored = rv.record(store, finding_id or "", verdict or "", note, name)
            typer.echo(json.dumps(stored, default=str))
    except CrosscheckError as exc:
        fail_on(exc)
    finally:
        store.close()


def _serve_review(store: Any, db: str, out: Path, reviewer: str, host: str, port: int) -> None:
    """Run the review app until Ctrl-C; a port in use is one line, exit 2."""
    import socket

    import uvicorn

    from crosscheck.review_app import ReviewSettings, create_app, is_loopback

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        fail(f"--host {host} --port {port}: cannot listen there ({exc.strerror or exc}); "
             "pass another --port")
    port = sock.getsockname()[1]
    settings = ReviewSettings(db_url=db, out_dir=out, reviewer=reviewer, host=host, port=port)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"review app: http://{shown}:{port}/  (verdicts by {reviewer} go to {db}; "
               "Ctrl-C stops it)")
    if not is_loopback(host):
        typer.echo(f"crosscheck: warning: --host {host} lets anyone who reaches this machine "
                   "record verdicts", err=True)
    config = uvicorn.Config(create_app(settings, store), log_level="warning", access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("crosscheck: interrupted; the store keeps what completed runs wrote", err=True)
        sys.exit(130)
