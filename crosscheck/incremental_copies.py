"""Copies found night by night: new and changed texts against the stored articles' bands.

`independence.find_copies` links two articles when its LSH index makes them candidates (they
share a band of their MinHash signatures) and their shingle containment confirms it; copy
groups are the connected groups of those links. A link depends only on the two texts, so the
store keeps each article's bands (indexed) and the links found, and a night computes
signatures and bands only for the articles whose text (or the copy-finding code) is new to
the store, finds their candidates through the band index (and among themselves), confirms
them, and builds the groups from every stored link within the window
(`independence.copies_from_links`): the same links, so the same copies, as a cold search.
Articles that left the window, or whose text changed, lose their bands and links first.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path

import sqlalchemy as sa

from crosscheck import independence
from crosscheck.independence import (
    COPY_CONTAINMENT,
    containment,
    copies_from_links,
    lsh_bands,
    shingles,
)
from crosscheck.models import Article, stable_id
from crosscheck.store import Store, chunks, copy_bands_t, copy_links_t, copy_texts_t

CHUNK = 500  # ids per IN (...) list


def code_fingerprint() -> str:
    """A digest of the copy-finding code: stored bands and links hold only while it holds."""
    return hashlib.sha1(Path(independence.__file__).read_bytes()).hexdigest()


def find_copies_incrementally(store: Store, articles: Sequence[Article],
                              cold: bool = False) -> dict[str, str]:
    """Copy article id → origin article id over `articles` (the window), as find_copies."""
    fingerprint = code_fingerprint()
    window = {a.id: a for a in articles}
    seen = _seen(store)
    hashes = {a.id: stable_id(a.text) for a in articles}
    todo = [a for a in articles if cold or seen.get(a.id) != (hashes[a.id], fingerprint)]
    stale = sorted({a.id for a in todo if a.id in seen} | (set(seen) - set(window)))
    sets = {a.id: shingles(a.text) for a in todo}
    bands = {aid: lsh_bands(items) for aid, items in sets.items()}
    everything = len(todo) == len(articles)  # a cold search: nothing stored is kept
    pairs = _candidates(store, bands, window, set(stale) | set(bands), not everything)
    links = sorted(_confirmed(pairs, sets, window))
    _save(store, None if everything else stale, bands, links,
          {a.id: hashes[a.id] for a in todo}, fingerprint)
    return copies_from_links(articles, _links(store))


def _seen(store: Store) -> dict[str, tuple[str, str]]:
    """Article id → (text hash, code fingerprint) of every article with stored bands."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(copy_texts_t)).all()
    return {r.article_id: (r.text_hash, r.fingerprint) for r in rows}


def _candidates(store: Store, bands: dict[str, list[str]], window: dict[str, Article],
                fresh: set[str], stored: bool = True) -> set[tuple[str, str]]:
    """Pairs (a, b), a < b, sharing a band: new with new in memory, new with the stored
    window articles through the band index (`fresh`: articles whose stored bands are void;
    `stored` False: every article is fresh, the index is not read)."""
    by_band: dict[str, list[str]] = defaultdict(list)
    for aid, keys in bands.items():
        for key in keys:
            by_band[key].append(aid)
    pairs = {_pair(a, b) for ids in by_band.values() for a, b in combinations(ids, 2)}
    if not stored:
        return pairs
    with store.engine.connect() as conn:
        for chunk in chunks(sorted(by_band), CHUNK):
            rows = conn.execute(sa.select(copy_bands_t.c.band, copy_bands_t.c.article_id)
                                .where(copy_bands_t.c.band.in_(chunk))).all()
            for band, old in rows:
                if old in window and old not in fresh:
                    pairs.update(_pair(new, old) for new in by_band[band])
    return pairs


def _confirmed(pairs: Iterable[tuple[str, str]], sets: dict[str, set[str]],
               window: dict[str, Article]) -> list[tuple[str, str]]:
    """The candidate pairs whose shingle containment confirms a copy. A stored article's
    shingles are made once for all its pairs and dropped after them: when stories run every
    night most of the window shares a band with some new text, and holding the shingles of
    every candidate made the night's memory grow with the window."""
    out, by_stored = [], defaultdict(list)
    for a, b in pairs:
        if a in sets and b in sets:
            if containment(sets[a], sets[b]) >= COPY_CONTAINMENT:
                out.append((a, b))
        else:
            by_stored[b if a in sets else a].append((a, b))
    for old, mine in by_stored.items():
        theirs = shingles(window[old].text)
        for a, b in mine:
            if containment(theirs if a == old else sets[a],
                           theirs if b == old else sets[b]) >= COPY_CONTAINMENT:
                out.append((a, b))
    return out


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _links(store: Store) -> list[tuple[str, str]]:
    with store.engine.connect() as conn:
        return [(a, b) for a, b in conn.execute(sa.select(copy_links_t.c.a, copy_links_t.c.b))]


def _save(store: Store, stale: Sequence[str] | None, bands: dict[str, list[str]],
          links: Iterable[tuple[str, str]], hashes: dict[str, str], fingerprint: str) -> None:
    """Drop what the stale articles held (everything when `stale` is None), then store the
    new bands, links and texts."""
    with store.engine.begin() as conn:
        if stale is None:
            for table in (copy_bands_t, copy_links_t, copy_texts_t):
                conn.execute(table.delete())
        for chunk in chunks(list(stale or ()), CHUNK):
            conn.execute(copy_bands_t.delete().where(copy_bands_t.c.article_id.in_(chunk)))
            conn.execute(copy_links_t.delete().where(sa.or_(copy_links_t.c.a.in_(chunk),
                                                            copy_links_t.c.b.in_(chunk))))
            conn.execute(copy_texts_t.delete().where(copy_texts_t.c.article_id.in_(chunk)))
        rows = [{"band": key, "article_id": aid} for aid, keys in bands.items() for key in keys]
        for part in chunks(rows, 5000):
            conn.execute(copy_bands_t.insert(), part)
        for part in chunks([{"a": a, "b": b} for a, b in links], 5000):
            conn.execute(copy_links_t.insert(), part)
        texts = [{"article_id": aid, "text_hash": h, "fingerprint": fingerprint}
                 for aid, h in hashes.items()]
        for part in chunks(texts, 5000):
            conn.execute(copy_texts_t.insert(), part)
