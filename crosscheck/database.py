"""Open a database engine from a store URL, with one-line errors that say how to fix it.

The CLI opens the store this way before it starts Prefect, so a mistyped store URL or a server
that is not running costs a second and one line, not a temporary Prefect server and a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from crosscheck.errors import StoreError

# Seconds to wait for a PostgreSQL server to accept a connection: a refused port fails at
# once, a host that drops packets would otherwise hold the run for the OS's TCP timeout (~2 min).
PG_CONNECT_TIMEOUT_SECONDS = 10


def connect_args(url: str) -> dict[str, Any]:
    """Driver options: SQLite's busy timeout, PostgreSQL's connect timeout."""
    # A generous busy timeout: a reviewer's `crosscheck review` may write while a run does.
    if url.startswith("sqlite"):
        return {"timeout": 30}
    if url.startswith("postgresql"):
        return {"connect_timeout": PG_CONNECT_TIMEOUT_SECONDS}
    return {}


def shown_url(url: str) -> str:
    """The URL as it may be printed: any password replaced by ***."""
    try:
        return sa.engine.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def _parse(url: str) -> sa.engine.URL:
    """The parsed URL; StoreError when it is not one."""
    try:
        return sa.engine.make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(f"store URL {url!r} is not a database URL ({exc}); {STORE_URL_FIX}",
                         setting="db") from exc


def _sqlite_path(parsed: sa.engine.URL) -> Path | None:
    """The file of a SQLite URL, None for other databases and in-memory SQLite."""
    if not parsed.drivername.startswith("sqlite"):
        return None
    database = parsed.database
    return Path(database) if database and database != ":memory:" else None


STORE_URL_FIX = "give sqlite:///PATH/crosscheck.db or postgresql+psycopg://USER@HOST:PORT/DB"


def _first_line(exc: BaseException) -> str:
    """The driver's own reason, on one line."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def open_engine(url: str, create: bool) -> Engine:
    """An engine on the store at `url`, checked by connecting; StoreError says what is wrong.

    With create=False a store that does not exist is an error, never made empty.
    """
    parsed = _parse(url)
    path = _sqlite_path(parsed)
    if path is not None and not create and not path.is_file():
        raise StoreError(f"store {shown_url(url)}: no store at {path}; give the store URL "
                         "your runs write (default sqlite:///data/crosscheck.db)", setting="db")
    try:
        engine = sa.create_engine(url, connect_args=connect_args(url), future=True)
    except (sa.exc.ArgumentError, sa.exc.NoSuchModuleError, ImportError) as exc:
        raise StoreError(f"store {shown_url(url)}: not a database crosscheck can use "
                         f"({_first_line(exc)}); {STORE_URL_FIX}", setting="db") from exc
    if parsed.drivername.startswith("sqlite"):
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    try:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        with engine.connect():
            pass
    except (sa.exc.SQLAlchemyError, OSError) as exc:
        engine.dispose()
        raise StoreError(f"store {shown_url(url)}: cannot open the store ({_first_line(exc)}); "
                         f"start the database server or fix the URL: {STORE_URL_FIX}",
                         setting="db") from exc
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    """WAL and normal sync on every new SQLite connection."""
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers (review CLI) never block the nightly writer
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
