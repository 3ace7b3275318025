"""The store on a real PostgreSQL server: every store test of test_store.py, a full flow run,
and several processes opening and writing one fresh database at once.

The server is a throwaway cluster (tests/servers.py); each test gets its own database. Skipped,
with the reason, when Debian's PostgreSQL is not installed or cannot be started here.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from crosscheck.store import Store
from tests import test_store
from tests.servers import PostgresUnavailable, postgres_server
from tests.tiny_corpus import findings_summary, write_tiny_corpus

pytestmark = pytest.mark.server

# Every test of the SQLite store suite runs here again, against PostgreSQL.
for _name in dir(test_store):
    if _name.startswith("test_"):
        globals()[_name] = getattr(test_store, _name)
article, claim = test_store.article, test_store.claim

WRITERS = 4  # concurrent processes in the many-writers test: 2 per core of the CI machine


@pytest.fixture(scope="module")
def pg_server() -> Iterator[str]:
    """URL of the throwaway server's maintenance database."""
    try:
        with postgres_server() as url:
            yield url
    except PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL server for the store tests: {exc}")


@pytest.fixture
def pg_url(pg_server: str, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, empty database for one test; dropped afterwards."""
    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    admin = sa.create_engine(pg_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield pg_server.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def store(pg_url: str) -> Iterator[Store]:
    """The store suite's fixture, on PostgreSQL."""
    s = Store(pg_url)
    yield s
    s.close()


def test_store_really_is_postgresql(store):
    assert store.engine.dialect.name == "postgresql"
    with store.engine.connect() as conn:
        assert "PostgreSQL" in conn.execute(sa.text("select version()")).scalar()


def _write_batch(url: str, worker: int) -> int:
    """One worker process: open the store (creating tables if needed) and write a batch."""
    store = Store(url)
    numbers = range(worker * 100, worker * 100 + 20)
    ids = [f"a{i}" for i in numbers]
    store.save_articles([article(i) for i in numbers])
    store.replace_claims(ids, [claim(f"c-{cid}", cid) for cid in ids])
    store.close()
    return worker


def test_several_processes_open_and_write_one_fresh_database(pg_url):
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(WRITERS) as pool:
        done = pool.starmap(_write_batch, [(pg_url, w) for w in range(WRITERS)])
    assert sorted(done) == list(range(WRITERS))
    store = Store(pg_url)
    assert store.count("articles") == 20 * WRITERS
    assert store.count("claims") == 20 * WRITERS
    store.close()


@pytest.mark.slow
def test_a_full_flow_run_on_postgresql(prefect_harness, pg_url, tmp_path):
    from flows.nightly import nightly

    sources = write_tiny_corpus(tmp_path / "corpus")
    result = nightly(sources=str(sources), out=str(tmp_path / "out"), db=pg_url, batch_size=1)
    assert result["stats"]["articles_seen"] == 4
    assert "contradiction" in {kind for _, kind in findings_summary(tmp_path / "out")}
    store = Store(pg_url)
    (run,) = store.list_runs()
    assert run["status"] == "completed" and run["id"] == result["run_id"]
    assert store.count("claims") == result["stats"]["claims"] > 0
    assert {f["id"] for f in store.findings(run["id"])} == {
        fid for fid, _ in findings_summary(tmp_path / "out")}
    store.close()


def test_a_missing_postgresql_install_is_a_skip_reason(monkeypatch):
    import tests.servers as servers

    monkeypatch.setattr(servers.glob, "glob", lambda pattern: [])
    with pytest.raises(PostgresUnavailable, match="apt-get install -y postgresql"), \
            servers.postgres_server():
        pass
