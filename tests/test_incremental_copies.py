"""Copies found night by night equal a cold search over the same window (real SQLite)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from crosscheck.incremental_copies import find_copies_incrementally
from crosscheck.independence import find_copies
from crosscheck.models import Article, stable_id
from crosscheck.store import Store

WORDS = ("ministry figures border troops gas imports share winter deal grain port ships "
         "talks week report army city region capital officials said that about nearly "
         "more than since year month river bridge ceasefire aid convoy toll").split()


def text(rng: random.Random, words: int = 160) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def edited(rng: random.Random, body: str, share: float) -> str:
    """A copy: the same text with some words swapped, and site furniture added."""
    words = [rng.choice(WORDS) if rng.random() < share else w for w in body.split()]
    return "Subscribe to our newsletter. " + " ".join(words) + " Share this story."


def article(i: str, body: str, day: int) -> Article:
    when = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(days=day, hours=int(i[-1:] or 0))
    return Article(id=stable_id("a", i), source_id=f"s{len(i) % 5}", url=f"https://x/{i}",
                   canonical_url=f"https://x/{i}", title=i, text=body,
                   content_hash=stable_id(body), published=when)


def nights(rng: random.Random) -> list[list[Article]]:
    """Three windows: originals and copies arrive, some leave, one text is rewritten."""
    originals = [text(rng) for _ in range(30)]
    night_1 = [article(f"o{k}", body, 0) for k, body in enumerate(originals[:20])]
    night_1 += [article(f"c{k}", edited(rng, originals[k], 0.08), 1) for k in range(6)]
    night_2 = night_1 + [article(f"o{k}", body, 2) for k, body in enumerate(originals[20:], 20)]
    night_2 += [article(f"d{k}", edited(rng, originals[k], 0.05), 3) for k in (3, 4, 21, 22)]
    left = {a.id for a in night_1[:5]}  # o0..o4 leave the window: c0..c4 lose their origin
    rewritten = {stable_id("a", "c5"): text(rng)}  # c5 is no copy any more
    night_3 = [a if a.id not in rewritten else article("c5", rewritten[a.id], 4)
               for a in night_2 if a.id not in left]
    night_3 += [article(f"e{k}", edited(rng, originals[k], 0.1), 5) for k in (0, 6, 25)]
    return [night_1, night_2, night_3]


def test_copies_found_night_by_night_equal_a_cold_search(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    results = []
    for window in nights(random.Random(5)):
        found = find_copies_incrementally(store, window)
        assert found == find_copies(window)
        results.append(found)
    assert all(results) and results[0] != results[1] != results[2]  # copies were found
    last = results[-1]
    assert stable_id("a", "c5") not in last  # its new text copies nothing
    assert last[stable_id("a", "e0")] == stable_id("a", "c0")  # o0 left: c0 is the earliest
    cold = find_copies_incrementally(Store(f"sqlite:///{tmp_path / 'cold.db'}"), nights(
        random.Random(5))[-1])
    assert cold == last
    store.close()
