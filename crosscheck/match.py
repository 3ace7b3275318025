"""Find the same claim across outlets: block, score, cluster — with the reason on every link.

Claims are blocked by what their figures can be compared on (unit kind and unit, a change vs a
level, a rate period); inside a block, frames are compared all-against-all with rapidfuzz
`process.cdist` on every core, pairs below a cheap cut-off are dropped, and the survivors are scored
on frame text, measured thing and entity overlap. Clusters grow by average link over the scored
pairs, so one loose pair cannot chain two different facts together.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils

from crosscheck.models import Claim, stable_id

# Tuned on benchmarks/data/matching_pairs.yaml with benchmarks/matching.py (see that script's
# output in the final report): the thresholds below gave the best pairwise F1 on the dev set.
MATCH_THRESHOLD = 0.55  # combined score a pair needs to be called the same claim
CLUSTER_AVERAGE_MIN = 0.50  # mean score between two clusters (unscored pairs count 0) to merge
PRUNE_CUTOFF = 35  # token_set_ratio on frames below which a pair is not scored at all
FRAME_WEIGHT = 0.40
MEASURED_WEIGHT = 0.35
ENTITY_WEIGHT = 0.25
NO_SHARED_ENTITY_PENALTY = 0.15  # both name entities, none in common: likely another fact
MAX_BLOCK_ALL_PAIRS = 2500  # larger blocks are split by measured head word and entity first

# Measures that share a unit but are different facts ("62 killed" vs "145 injured").
_MEASURE_CLASSES = {
    "deaths": "killed dead death deaths died toll fatalities lives perished",
    "injuries": "injured wounded hurt injuries hospitalized hospitalised",
    "capacity": "capacity produce produces production produced manufacture manufactured output",
    "usage": "used use fired expended consumed consumption",
    "stock": "stockpile stockpiles stock stocks reserve reserves inventory",
    "missing": "missing",
    "arrests": "arrested detained arrests",
}
_CLASS_OF = {w: c for c, words in _MEASURE_CLASSES.items() for w in words.split()}
_RATE_RE = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:(?:a|per|each|every)\s+(day|week|month|year|annum)|"
    r"(daily|weekly|monthly|annually|yearly))\b", re.IGNORECASE)
_RATE_NAMES = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
               "yearly": "year", "annum": "year"}
_PERIOD_RE = re.compile(r"\b(?:in|during|for|of|over)\s+((?:19|20)\d\d)\b")


@dataclass(frozen=True)
class Link:
    """Two claims judged the same, with the score and why."""

    a: str
    b: str
    score: float
    reason: str


@dataclass(frozen=True)
class Cluster:
    """Claims from (usually) different articles stating the same fact."""

    id: str
    claim_ids: tuple[str, ...]
    links: tuple[Link, ...]


# -------------------------------------------------------------------------------------------
# What a figure measures beyond its unit
# -------------------------------------------------------------------------------------------
def rate_period(claim: Claim) -> str | None:
    """'day' for '20,000 shells a day', 'year' for '55 bcm a year', None for a total."""
    unit = claim.quantity.unit.lower()
    if "/" in unit or " per " in unit:
        return unit.split("/")[-1].split(" per ")[-1].strip() or None
    m = _RATE_RE.match(claim.sentence[claim.quantity.end:claim.quantity.end + 40])
    if not m:
        return None
    word = (m.group(1) or m.group(2)).lower()
    return _RATE_NAMES.get(word, word)


def measure_class(claim: Claim) -> str | None:
    """Deaths, injuries, capacity, usage...: what kind of measure the figure is, if said."""
    q = claim.quantity
    near = claim.sentence[max(0, q.start - 40):q.end + 40].lower()
    words = re.findall(r"[a-z]+", f"{claim.measured} {claim.predicate}".lower())
    words += re.findall(r"[a-z]+", near)
    for word in words:
        if word in _CLASS_OF:
            return _CLASS_OF[word]
    return None


def period_year(claim: Claim) -> str | None:
    """Explicit year the figure covers ('12 million shells used in 2022'), if any."""
    q = claim.quantity
    m = _PERIOD_RE.search(claim.sentence[max(0, q.start - 60):q.end + 60])
    return m.group(1) if m else None


def block_key(claim: Claim) -> tuple[str, str, str, str]:
    """Claims can only match inside the same block: kind, unit, change and rate period."""
    q = claim.quantity
    unit = "" if q.unit_kind == "count" else q.unit.lower()  # count nouns vary: troops/soldiers
    rate = rate_period(claim) or ""
    return q.unit_kind, unit, q.change, "" if rate == "year" else rate


def incompatibility(a: Claim, b: Claim) -> str | None:
    """Why two claims in one block still cannot be the same fact, or None."""
    if a.article_id == b.article_id and not _same_interval(a, b):
        return "same article, different figures: two facts of one text"
    ca, cb = measure_class(a), measure_class(b)
    if ca and cb and ca != cb:
        return f"different measures ({ca} vs {cb})"
    ra, rb = rate_period(a), rate_period(b)
    if ra != rb and {ra, rb} != {None, "year"}:
        return f"different rate periods ({ra or 'total'} vs {rb or 'total'})"
    ya, yb = period_year(a), period_year(b)
    if ya and yb and ya != yb:
        return f"different periods ({ya} vs {yb})"
    return None


def _same_interval(a: Claim, b: Claim) -> bool:
    qa, qb = a.quantity, b.quantity
    return (qa.low, qa.high, qa.unit) == (qb.low, qb.high, qb.unit)


# -------------------------------------------------------------------------------------------
# Scoring
# -------------------------------------------------------------------------------------------
def _measured_text(claim: Claim) -> str:
    unit = claim.quantity.unit if claim.quantity.unit_kind == "count" else ""
    return f"{claim.measured} {unit}".strip()


def _entity_overlap(a: Claim, b: Claim) -> tuple[float, set[str]]:
    ea, eb = set(a.entities), set(b.entities)
    if not ea and not eb:
        return 0.5, set()  # nothing to compare: neutral
    shared = ea & eb
    return len(shared) / max(1, min(len(ea), len(eb))), shared


def score_pair(a: Claim, b: Claim, frame_sim: float) -> tuple[float, str]:
    """Combined similarity in 0..1 and the reason a reviewer reads."""
    measured = fuzz.token_set_ratio(_measured_text(a), _measured_text(b),
                                    processor=utils.default_process) / 100
    entities, shared = _entity_overlap(a, b)
    score = FRAME_WEIGHT * frame_sim + MEASURED_WEIGHT * measured + ENTITY_WEIGHT * entities
    if a.entities and b.entities and not shared:
        score -= NO_SHARED_ENTITY_PENALTY
    reason = (f"frame {frame_sim:.2f}, measured {measured:.2f} "
              f"('{_measured_text(a)}' / '{_measured_text(b)}'), "
              f"entities {entities:.2f} (shared: {', '.join(sorted(shared)) or 'none'}), "
              f"unit {a.quantity.unit_kind}/{a.quantity.unit or '-'}")
    return round(max(0.0, score), 4), reason


# -------------------------------------------------------------------------------------------
# Candidate pairs: blocking and pruning
# -------------------------------------------------------------------------------------------
def _blocks(claims: Sequence[Claim]) -> list[list[int]]:
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_key[block_key(c)].append(i)
    out: list[list[int]] = []
    for members in by_key.values():
        out.extend(_split_large(claims, members) if len(members) > MAX_BLOCK_ALL_PAIRS
                   else [members])
    return [b for b in out if len(b) > 1]


def _split_large(claims: Sequence[Claim], members: list[int]) -> list[list[int]]:
    """Split an oversized block by measured head word and by entity (a claim may be in several)."""
    keys: dict[str, list[int]] = defaultdict(list)
    for i in members:
        c = claims[i]
        head = utils.default_process(c.measured).split()[-1:] or [""]
        keys["m:" + head[0]].append(i)
        for e in c.entities:
            keys["e:" + e].append(i)
    return [v[:MAX_BLOCK_ALL_PAIRS] for v in keys.values()]


def candidate_pairs(claims: Sequence[Claim]) -> dict[tuple[int, int], float]:
    """(i, j) → frame similarity for pairs worth scoring, found block by block."""
    pairs: dict[tuple[int, int], float] = {}
    for block in _blocks(claims):
        frames = [claims[i].frame for i in block]
        sims = process.cdist(frames, frames, scorer=fuzz.token_set_ratio,
                             processor=utils.default_process, score_cutoff=PRUNE_CUTOFF,
                             dtype=np.uint8, workers=-1)
        rows, cols = np.nonzero(np.triu(sims, k=1))
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            i, j = sorted((block[r], block[c]))
            pairs[(i, j)] = float(sims[r, c]) / 100
    return pairs


# -------------------------------------------------------------------------------------------
# Clustering
# -------------------------------------------------------------------------------------------
def match_claims(claims: Sequence[Claim]) -> list[Cluster]:
    """Group claims that state the same fact; singletons are clusters of one."""
    scores: dict[tuple[int, int], tuple[float, str]] = {}
    cannot: set[tuple[int, int]] = set()
    for (i, j), frame_sim in candidate_pairs(claims).items():
        if incompatibility(claims[i], claims[j]):
            cannot.add((i, j))
            continue
        scores[(i, j)] = score_pair(claims[i], claims[j], frame_sim)
    groups = _average_link(len(claims), scores, cannot)
    return [_cluster(claims, members, scores) for members in groups]


def _average_link(n: int, scores: dict[tuple[int, int], tuple[float, str]],
                  cannot: set[tuple[int, int]]) -> list[list[int]]:
    """Merge along the best pairs first, only while the clusters' mean pair score holds."""
    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    links = [(s, ij) for ij, (s, _) in scores.items() if s >= MATCH_THRESHOLD]
    for _, (i, j) in sorted(links, key=lambda t: (-t[0], t[1])):
        gi, gj = group_of[i], group_of[j]
        if gi == gj or not _may_merge(members[gi], members[gj], scores, cannot):
            continue
        small, big = sorted((gi, gj), key=lambda g: len(members[g]))
        for k in members[small]:
            group_of[k] = big
        members[big].extend(members.pop(small))
    return [sorted(m) for m in members.values()]


def _may_merge(left: list[int], right: list[int], scores: dict[tuple[int, int], tuple[float, str]],
               cannot: set[tuple[int, int]]) -> bool:
    """Average link with cannot-link: no incompatible pair may end up in one cluster."""
    total = 0.0
    for i in left:
        for j in right:
            key = (min(i, j), max(i, j))
            if key in cannot:
                return False
            total += scores.get(key, (0.0, ""))[0]
    return total / (len(left) * len(right)) >= CLUSTER_AVERAGE_MIN


def _cluster(claims: Sequence[Claim], members: list[int],
             scored: dict[tuple[int, int], tuple[float, str]]) -> Cluster:
    ids = tuple(sorted(claims[i].id for i in members))
    inside = set(members)
    links = tuple(
        Link(claims[i].id, claims[j].id, score, reason)
        for (i, j), (score, reason) in sorted(scored.items())
        if i in inside and j in inside and score >= MATCH_THRESHOLD
    )
    return Cluster(id=stable_id("cluster", *ids), claim_ids=ids, links=links)


def clusters_by_claim(clusters: Iterable[Cluster]) -> dict[str, Cluster]:
    """Claim id → the cluster it belongs to."""
    return {cid: cl for cl in clusters for cid in cl.claim_ids}


__all__ = ["Cluster", "Link", "block_key", "candidate_pairs", "clusters_by_claim",
           "incompatibility", "match_claims", "measure_class", "period_year", "rate_period",
           "score_pair"]
