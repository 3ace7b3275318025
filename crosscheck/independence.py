"""Which articles are copies of which, and which outlets are one origin.

A republished or syndicated article is found from its text: MinHash signatures over word
shingles, candidates from datasketch's LSH index (so the work is not quadratic), each candidate
confirmed by the exact shingle containment. A copy maps to its origin: the earliest published
article of its group. A text that credits another outlet ("Originally published by X",
"[Epoch Times, December 23, 2021]", "KYIV (Reuters) -") counts under that outlet, and outlets with
the same publisher owner are one origin too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Protocol

from datasketch import MinHash, MinHashLSH

from crosscheck.models import Article, follow_to_root

SHINGLE_WORDS = 5  # word 5-grams: long enough that two articles on one topic rarely share many
NUM_PERM = 128  # MinHash permutations: Jaccard estimate error about 1/sqrt(128) ≈ 0.09
# LSH recall threshold, kept well below COPY_CONTAINMENT: a copy wrapped in other site
# furniture has a lower Jaccard than its containment, and LSH only proposes candidates
# (each one is then checked exactly).
LSH_THRESHOLD = 0.2
# Share of the shorter article's shingles found in the other. Measured with
# `python benchmarks/matching.py --copies`: copies with site furniture and 10 % of words edited
# scored 0.51–0.67 (verbatim copies 1.0); distinct articles — the two seeds and the dev-set
# topics, several on one story — scored 0.00–0.26. 0.4 sits between the two.
COPY_CONTAINMENT = 0.4
MIN_SHINGLES = 8  # texts shorter than this are too short to call copies from text alone
_WORD_RE = re.compile(r"\w+", re.UNICODE)
_EPOCH = datetime(1, 1, 1, tzinfo=UTC)


class _HasOwner(Protocol):
    """What independence reads about a publisher (assess.PublisherFacts has it)."""

    @property
    def name(self) -> str: ...

    @property
    def owner(self) -> str | None: ...


_NAME = r"[A-Z][\w&'’-]*(?:\.[A-Z][\w&'’-]*)*"  # a capitalised word; "U.S." keeps its dots
# Credit lines that say another outlet wrote the text: "[Epoch Times, December 23, 2021]",
# "Originally published by The Meridian Ledger", "(Reuters) -", "This story first appeared in X".
_CREDIT_RES = (
    re.compile(r"^\W{0,3}\[(?P<o>[A-Z][\w .&'’-]{2,40}?),\s*[A-Z][a-z]+\.? \d{1,2},? \d{4}\]",
               re.MULTILINE),
    re.compile(r"\b(?i:originally|first)\s+(?i:published|appeared)\s+(?i:by|in|on|at)\s+"
               r"(?P<o>(?:[Tt]he[ \t]+)?" + _NAME + r"(?:[ \t]+" + _NAME + r"){0,4})"),
    re.compile(r"\b(?i:republished|reprinted|syndicated)\s+(?i:with permission\s+)?(?i:from)\s+"
               r"(?P<o>(?:[Tt]he[ \t]+)?" + _NAME + r"(?:[ \t]+" + _NAME + r"){0,4})"),
    re.compile(r"^[A-Z][A-Z .,'’-]{2,40}\((?P<o>Reuters|AP|AFP|Associated Press|Bloomberg|dpa|"
               r"Xinhua|TASS|RIA Novosti|Interfax|UNIAN|Ukrinform|Anadolu|Yonhap|Kyodo)\)\s*[-—–]",
               re.MULTILINE),
)
CREDIT_SCAN_CHARS = 600  # credit lines sit at the top or the bottom of a text


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased word n-grams of a text."""
    words = _WORD_RE.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


@cache
def _template() -> MinHash:
    """One MinHash whose permutations every signature reuses (drawing them costs more than
    hashing a short article)."""
    return MinHash(num_perm=NUM_PERM)


def _minhash(items: Iterable[str]) -> MinHash:
    """Signature of a shingle set, hashed in one vectorized batch (same values as `update`)."""
    t = _template()
    m = MinHash(num_perm=NUM_PERM, permutations=t.permutations, scheme=t.scheme)
    m.update_batch([item.encode("utf-8") for item in items])
    return m


def containment(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other (1.0 when one text contains the other)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _published_key(article: Article) -> tuple[datetime, str]:
    when = article.published or _EPOCH
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when, article.id


def find_copies(articles: Sequence[Article]) -> dict[str, str]:
    """Copy article id → origin article id (the earliest published of its copy group)."""
    return copies_from_links(articles, copy_links(articles))


def copy_links(articles: Sequence[Article]) -> list[tuple[str, str]]:
    """Pairs of articles whose texts are copies: LSH candidates, confirmed by containment."""
    sets = {a.id: shingles(a.text) for a in articles}
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    links: list[tuple[str, str]] = []
    for a in articles:
        if len(sets[a.id]) < MIN_SHINGLES:
            continue
        sig = _minhash(sets[a.id])
        links.extend((a.id, other) for other in lsh.query(sig)
                     if containment(sets[a.id], sets[other]) >= COPY_CONTAINMENT)
        lsh.insert(a.id, sig)
    return links


def copies_from_links(articles: Sequence[Article], links: Iterable[tuple[str, str]]
                      ) -> dict[str, str]:
    """Copy → origin from the copy links among `articles` (links to others are ignored) and
    the syndication they declare: each connected group maps to its earliest published."""
    parent = {a.id: a.id for a in articles}
    for a_id, b_id in links:
        if a_id in parent and b_id in parent:
            _union(parent, a_id, b_id)
    for a in articles:  # declared syndication counts too
        if a.syndicated_from and a.syndicated_from in parent:
            _union(parent, a.id, a.syndicated_from)
    return _origins(articles, parent)


def lsh_bands(items: set[str]) -> list[str]:
    """The LSH bands of a shingle set, as keys: two sets share a key exactly when
    `copy_links`' LSH index makes them candidates ([] for a set too short to compare)."""
    if len(items) < MIN_SHINGLES:
        return []
    values = _minhash(items).hashvalues
    return [f"{k:02d}{values[start:end].tobytes().hex()}"
            for k, (start, end) in enumerate(_lsh_ranges())]


@cache
def _lsh_ranges() -> tuple[tuple[int, int], ...]:
    """The hash-value ranges of the LSH index's bands (datasketch picks them for the threshold)."""
    return tuple(MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM).hashranges)


def _find(parent: dict[str, str], x: str) -> str:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _union(parent: dict[str, str], a: str, b: str) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def _origins(articles: Sequence[Article], parent: dict[str, str]) -> dict[str, str]:
    groups: dict[str, list[Article]] = {}
    for a in articles:
        groups.setdefault(_find(parent, a.id), []).append(a)
    copies: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        origin = min(members, key=_published_key)
        copies.update({m.id: origin.id for m in members if m.id != origin.id})
    return copies


@dataclass(frozen=True)
class Origin:
    """An independent origin: the article a text comes from and the owner behind its outlet."""

    article_id: str
    key: str  # "owner:<name>" or "source:<id>": equal keys are one origin


def origin_article(article_id: str, copies: Mapping[str, str]) -> str:
    """The article a copy comes from (itself when it is no copy)."""
    return follow_to_root(article_id, copies)


def owner_key(source_id: str, publishers: Mapping[str, _HasOwner]) -> str:
    """Outlets with the same owner share a key; otherwise the source is its own origin."""
    facts = publishers.get(source_id)
    owner = getattr(facts, "owner", None) if facts is not None else None
    key = re.sub(r"\s+", " ", (owner or "").strip().lower())
    if key and key not in UNKNOWN_OWNERS:
        return "owner:" + key
    return "source:" + source_id


# Owner values that say the owner is not known: outlets marked so are not one owner.
UNKNOWN_OWNERS = frozenset({"unknown", "n/a", "na", "none", "-", "?", "unknown owner",
                            "not known", "tbd", "independent"})


def declared_origin(text: str) -> str | None:
    """The outlet a text credits as its author ("Originally published by X"), if any."""
    for part in (text[:CREDIT_SCAN_CHARS], text[-CREDIT_SCAN_CHARS:]):
        for rx in _CREDIT_RES:
            if m := rx.search(part):
                return re.sub(r"^the\s+", "", m.group("o").strip(" .,"), flags=re.IGNORECASE)
    return None


def _name_key(name: str) -> str:
    return re.sub(r"^the\s+|\W+", " ", name.lower()).strip()


def credited_key(article: Article, publishers: Mapping[str, _HasOwner]) -> str | None:
    """Origin key of the outlet the text credits, when it is not the publishing source itself."""
    credit = declared_origin(article.text)
    if not credit:
        return None
    wanted = _name_key(credit)
    own = publishers.get(article.source_id)
    if own is not None and (wanted in _name_key(own.name) or _name_key(own.name) in wanted):
        return None  # its own dateline or byline
    for sid, facts in publishers.items():
        if _name_key(facts.name) == wanted:
            return owner_key(sid, publishers)
    return "outlet:" + wanted


def independent_origin(article_id: str, articles: Mapping[str, Article],
                       copies: Mapping[str, str], publishers: Mapping[str, _HasOwner]) -> Origin:
    """Origin of an article: follow copies to the earliest, honour a credit line to another
    outlet ("Originally published by X", "[Epoch Times, ...]"), then fold outlets by owner."""
    origin_id = origin_article(article_id, copies)
    origin = articles.get(origin_id) or articles.get(article_id)
    if origin is None:
        return Origin(article_id=origin_id, key="source:?")
    key = credited_key(origin, publishers) or owner_key(origin.source_id, publishers)
    return Origin(article_id=origin_id, key=key)


def count_origins(article_ids: Iterable[str], articles: Mapping[str, Article],
                  copies: Mapping[str, str], publishers: Mapping[str, _HasOwner]) -> int:
    """Number of independent origins behind a set of articles."""
    return len({independent_origin(a, articles, copies, publishers).key for a in article_ids})


__all__ = ["COPY_CONTAINMENT", "Origin", "containment", "copies_from_links", "copy_links",
           "count_origins", "credited_key", "declared_origin", "find_copies",
           "independent_origin", "lsh_bands", "origin_article", "owner_key", "shingles"]
