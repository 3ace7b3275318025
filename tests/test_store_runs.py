"""Run lifecycle in the store: pid and host, abandoned runs, results of runs that did not
complete, and opening a store without ever creating one by mistake (real SQLite)."""

from __future__ import annotations

import sqlite3

import pytest

from crosscheck.errors import StoreError
from crosscheck.models import Finding
from crosscheck.store import Store

from .servers import free_port

HOST = "night-box"


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'store.db'}")
    yield s
    s.close()


def finding(fid: str) -> Finding:
    return Finding(fid, "unsupported", "medium", "only one outlet", ("c1",), "k1", 1)


def test_a_run_records_its_process_and_stage(store):
    store.begin_run("r1", "sources.yaml", pid=4242, host=HOST)
    store.set_run_stage("r1", "extract")
    run = store.get_run("r1")
    assert (run["pid"], run["host"], run["stage"], run["status"]) == (4242, HOST, "extract",
                                                                      "running")


def test_runs_whose_process_is_gone_are_marked_abandoned(store):
    store.begin_run("dead", "sources.yaml", pid=111, host=HOST)
    store.set_run_stage("dead", "match")
    store.save_results("dead", [], [finding("f-dead")])
    store.begin_run("alive", "sources.yaml", pid=222, host=HOST)
    store.begin_run("elsewhere", "sources.yaml", pid=111, host="other-box")
    store.begin_run("old-version", "sources.yaml")  # no pid: nothing to check it by

    marked = store.close_abandoned(HOST, alive=lambda pid: pid == 222)

    assert [r["id"] for r in marked] == ["dead"]
    dead = store.get_run("dead")
    assert dead["status"] == "abandoned" and dead["finished_at"] is not None
    assert "process 111" in dead["error"] and "match" in dead["error"]
    assert {r["id"]: r["status"] for r in store.list_runs()} == {
        "dead": "abandoned", "alive": "running", "elsewhere": "running",
        "old-version": "running"}
    assert store.finding_ids("dead") == set()  # its findings are not left beside the others


def test_a_run_that_did_not_complete_keeps_no_findings(store):
    store.begin_run("r1", "sources.yaml")
    store.save_results("r1", [{"id": "k1", "claim_ids": ["c1"], "links": []}], [finding("f1")])
    store.finish_run("r1", "completed", {}, {})
    for status in ("failed", "interrupted"):
        store.begin_run(status, "sources.yaml")
        store.save_results(status, [{"id": "k1", "claim_ids": ["c1"], "links": []}],
                           [finding("f1"), finding("f2")])
        store.finish_run(status, status, {}, {}, error="boom")
    assert store.count("findings") == 1 and store.count("clusters") == 1
    assert store.previous_completed_run("next") == "r1"
    assert store.latest_finding("f2") is None  # only a failed run ever reported it


def test_findings_an_older_version_left_from_failed_runs_are_cleaned(store):
    store.begin_run("r1", "sources.yaml")
    store.save_results("r1", [], [finding("f1")])
    store.finish_run("r1", "completed", {}, {})
    store.begin_run("r2", "sources.yaml")
    store.finish_run("r2", "failed", {}, {})
    store.save_results("r2", [], [finding("f1")])  # as the old order left it: results, then fail
    assert store.count("findings") == 2
    store.close_abandoned(HOST, alive=lambda pid: True)
    assert store.count("findings") == 1 and store.finding_ids("r1") == {"f1"}


def test_opening_without_create_refuses_a_missing_store(tmp_path):
    missing = tmp_path / "typo.db"
    with pytest.raises(StoreError, match="no store at .*typo.db"):
        Store(f"sqlite:///{missing}", create=False)
    assert not missing.exists()


def test_opening_without_create_refuses_a_database_that_is_no_store(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()
    with pytest.raises(StoreError, match="holds no crosscheck store"):
        Store(f"sqlite:///{other}", create=False)


def test_opening_without_create_reads_an_existing_store(tmp_path):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    Store(url).close()
    store = Store(url, create=False)
    assert store.list_runs() == []
    store.close()


@pytest.mark.parametrize("url, expected", [
    ("not a url", "is not a database URL"),
    ("nosuchdb://x/y", "not a database crosscheck can use"),
])
def test_a_bad_url_is_one_clear_error(url, expected):
    with pytest.raises(StoreError, match=expected) as info:
        Store(url)
    assert "\n" not in str(info.value) and info.value.setting == "db"


def test_a_postgres_port_with_nothing_listening_names_the_url_and_hides_the_password():
    url = f"postgresql+psycopg://ana:secret@127.0.0.1:{free_port()}/crosscheck"
    with pytest.raises(StoreError, match="cannot open the store") as info:
        Store(url)
    message = str(info.value)
    assert "127.0.0.1" in message and "secret" not in message and "\n" not in message
