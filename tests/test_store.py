"""The store on real SQLite: idempotent re-runs, atomic replacement, history, infinity."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
import sqlalchemy as sa

from crosscheck.models import Article, Claim, Finding, Quantity
from crosscheck.store import Store, claims_t


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'store.db'}")
    yield s
    s.close()


def article(i: int, text: str = "Some text about 5 tanks.") -> Article:
    return Article(id=f"a{i}", source_id="src", url=f"https://x.example/{i}",
                   canonical_url=f"https://x.example/{i}", title=f"t{i}", text=text,
                   content_hash=f"h-{text}")


def claim(cid: str, article_id: str, high: float = 3e6) -> Claim:
    q = Quantity(1e6, high, "shell", "count", "range", "none", "1 million to 3 million", 5, 27)
    return Claim(cid, article_id, "src", "North Korea sold 1 million to 3 million shells.", q,
                 "artillery shells", ("North Korea", "Russia"), "sold", "Hal Brands, Bloomberg",
                 None, "north korea sold artillery shells russia")


def test_saving_the_same_articles_twice_adds_nothing(store):
    first = store.save_articles([article(1), article(2)])
    second = store.save_articles([article(1), article(2)])
    assert [c.status for c in first] == ["new", "new"]
    assert [c.status for c in second] == ["unchanged", "unchanged"]
    assert store.count("articles") == 2


def test_changed_text_is_reported_as_changed(store):
    store.save_articles([article(1)])
    changes = store.save_articles([article(1, "New text with 7 tanks.")])
    assert changes[0].status == "changed"
    assert store.get_articles(["a1"])[0].text == "New text with 7 tanks."


def test_claims_round_trip_with_open_interval(store):
    store.save_articles([article(1)])
    store.replace_claims(["a1"], [claim("c1", "a1", high=math.inf)])
    (back,) = store.claims_for_articles(["a1"])
    assert back.quantity.high == math.inf
    assert back.entities == ("North Korea", "Russia")
    assert back.attribution == "Hal Brands, Bloomberg"


def test_replace_claims_is_atomic(store):
    store.save_articles([article(1)])
    store.replace_claims(["a1"], [claim("c1", "a1")])
    duplicate = [claim("c2", "a1"), claim("c2", "a1")]  # primary key clash mid-transaction
    with pytest.raises(sa.exc.IntegrityError):
        store.replace_claims(["a1"], duplicate)
    assert [c.id for c in store.claims_for_articles(["a1"])] == ["c1"]


def test_failed_run_keeps_earlier_results(store):
    store.begin_run("r1", "sources.yaml")
    f = Finding("f1", "contradiction", "high", "A says 5, B says 9", ("c1", "c2"), "k1", 2,
                {"figures": [{"low": 1.0, "high": math.inf}]})
    store.save_results("r1", [], [f])
    store.finish_run("r1", "completed", {"claims": 2}, {})
    store.begin_run("r2", "sources.yaml")
    store.finish_run("r2", "failed", {}, {}, error="RuntimeError: boom")
    assert store.finding_ids("r1") == {"f1"}
    assert store.previous_completed_run("r3") == "r1"
    assert store.get_run("r2")["error"] == "RuntimeError: boom"
    stored = store.findings("r1")[0]
    assert stored["details"]["figures"][0]["high"] is None  # JSON has no infinity


def test_first_seen_survives_later_runs(store):
    f = Finding("f1", "unsupported", "medium", "only one outlet", ("c1",), "k1", 1)
    store.save_results("r1", [], [f])
    first = store.first_seen_map(["f1"])["f1"]
    store.save_results("r2", [], [replace(f, severity="low")])
    assert store.first_seen_map(["f1"])["f1"] == first
    severities = {r["severity"] for r in (store.findings("r1") + store.findings("r2"))}
    assert severities == {"medium", "low"}


def test_reviews_keep_the_latest_verdict(store):
    store.add_review("f1", "needs-work", "check the date", "ana", "k1")
    store.add_review("f1", "dismissed", "same figure, other scope", "ana", "k1")
    latest = store.latest_reviews()["f1"]
    assert latest["verdict"] == "dismissed"
    assert latest["at"].tzinfo is not None


def test_window_selects_by_first_seen(store):
    from datetime import timedelta

    from crosscheck.store import utcnow

    store.save_articles([article(1)])
    assert [a.id for a in store.articles_in_window(utcnow() - timedelta(days=1))] == ["a1"]
    assert store.articles_in_window(utcnow() + timedelta(seconds=5)) == []


def test_claims_table_has_one_row_per_claim(store):
    store.save_articles([article(1)])
    store.replace_claims(["a1"], [claim("c1", "a1"), claim("c2", "a1")])
    store.replace_claims(["a1"], [claim("c1", "a1")])
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(claims_t)).scalar() == 1


def test_a_store_from_an_older_version_gains_new_columns(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    Store(url).close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:  # the store as it was before extracted_hash existed
        conn.execute(sa.text("ALTER TABLE articles DROP COLUMN extracted_hash"))
        conn.execute(sa.text(
            "INSERT INTO articles (id, source_id, url, canonical_url, title, text, content_hash,"
            " first_seen, last_seen) VALUES ('a1', 's', 'u', 'u', 't', 'x', 'h',"
            " '2026-01-01 00:00:00', '2026-01-01 00:00:00')"))
    engine.dispose()
    store = Store(url)
    assert store.pending_extraction() == ["a1"]  # kept, and queued for extraction
    assert store.count("articles") == 1


def test_a_store_whose_table_another_process_creates_first_still_opens(tmp_path):
    """Two runs opening one fresh SQLite store at once: the one that finds a table missing and
    then loses the race to create it tries again and finds it there."""
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    rival = sa.create_engine(url)
    raced = []

    def create_first(target, connection, **kw):  # the rival's CREATE lands between check and ours
        if not raced:
            raced.append(target.name)
            with rival.begin() as conn:
                target.create(conn)

    sa.event.listen(claims_t, "before_create", create_first)
    try:
        store = Store(url)
    finally:
        sa.event.remove(claims_t, "before_create", create_first)
        rival.dispose()
    assert raced == ["claims"]
    assert store.count("claims") == 0
    store.close()
