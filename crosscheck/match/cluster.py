"""Clustering: average link over the scored pairs, each cluster with the links that joined it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from crosscheck.match.candidates import Pairs, candidate_pairs
from crosscheck.match.measures import Features, block_key, features
from crosscheck.match.options import _DEFAULT, MatchOptions
from crosscheck.match.scoring import _reason, _score
from crosscheck.models import Claim, stable_id

IDENTICAL_REASON = "same sentence, figure, attribution and date (a copy)"


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


def match_claims(claims: Sequence[Claim], options: MatchOptions | None = None) -> list[Cluster]:
    """Group claims that state the same fact; singletons are clusters of one.

    Identical claims (a copied sentence stating the same figure) are scored once through one
    representative. Each cluster keeps the links that joined it (a spanning tree, best pairs
    first), each with its score and reason. Blocks never share a pair, so each is matched on
    its own; clusters come in the order of their first claim.
    """
    parts = [[claims[i] for i in members] for members in _by_block(claims).values()]
    return in_claim_order(claims, [c for part in parts for c in _match_block(part, options)])


def _by_block(claims: Sequence[Claim]) -> dict[tuple[str, ...], list[int]]:
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_key[block_key(c)].append(i)
    return by_key


def match_parts(claims: Sequence[Claim], n: int) -> list[list[Claim]]:
    """The claims in at most `n` parts that can be matched apart (whole blocks in each).

    For running `match_claims` on a task runner: blocks are dealt largest first to the part
    with the least work so far, work counted as the square of a block's size (all-pairs
    within it); `in_claim_order` puts the parts' clusters back together.
    """
    load = [0] * max(1, n)
    parts: list[list[int]] = [[] for _ in load]
    for members in sorted(_by_block(claims).values(), key=len, reverse=True):
        k = load.index(min(load))
        parts[k].extend(members)
        load[k] += len(members) ** 2
    return [[claims[i] for i in sorted(part)] for part in parts if part]


def in_claim_order(claims: Sequence[Claim], clusters: Iterable[Cluster]) -> list[Cluster]:
    """Clusters sorted by where their first claim stands among `claims`."""
    at = {c.id: k for k, c in enumerate(claims)}
    return sorted(clusters, key=lambda cl: min(at[i] for i in cl.claim_ids))


def _match_block(claims: Sequence[Claim], options: MatchOptions | None) -> list[Cluster]:
    """`match_claims` on claims that share one block key, or several whole blocks."""
    o = options or _DEFAULT
    copies = _identical(claims)
    reps = sorted(copies)
    rep_claims = [claims[r] for r in reps]
    feats = [features(c) for c in rep_claims]
    pairs = candidate_pairs(rep_claims, o.prune_cutoff, feats, o)
    sizes = [len(copies[r]) for r in reps]
    groups, joins = _average_link(len(reps), pairs, o, sizes)
    group_of = {m: g for g, members in enumerate(groups) for m in members}
    joins_of: dict[int, list[int]] = defaultdict(list)
    for k in joins:
        joins_of[group_of[int(pairs.i[k])]].append(k)
    found = _Found(claims, reps, copies, feats, pairs, o)
    return [found.cluster(members, joins_of[g]) for g, members in enumerate(groups)]


def _identical(claims: Sequence[Claim]) -> dict[int, list[int]]:
    """Representative index → indices of the claims identical to it (itself first)."""
    first: dict[tuple[object, ...], int] = {}
    out: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        q = c.quantity
        key = (c.sentence, q.start, q.end, q.low, q.high, q.unit, q.qualifier, q.change,
               c.attribution, c.as_of, c.frame)
        rep = first.setdefault(key, i)
        out.setdefault(rep, []).append(i)
    return out


class _Groups:
    """Clusters being merged, with the summed pair scores and cannot-links between them."""

    def __init__(self, sizes: Sequence[int], pairs: Pairs) -> None:
        self.group_of = list(range(len(sizes)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(sizes))}
        self.size = dict(enumerate(sizes))
        self.sums: dict[int, dict[int, float]] = defaultdict(dict)
        self.blocked: dict[int, set[int]] = defaultdict(set)
        ok = ~pairs.cannot
        for i, j, score in zip(pairs.i[ok].tolist(), pairs.j[ok].tolist(),
                               pairs.score[ok].tolist(), strict=True):
            self.sums[i][j] = self.sums[j][i] = score * sizes[i] * sizes[j]
        for i, j in zip(pairs.i[~ok].tolist(), pairs.j[~ok].tolist(), strict=True):
            self.blocked[i].add(j)
            self.blocked[j].add(i)

    def average(self, g: int, h: int) -> float:
        """Mean pair score between two groups (unscored pairs count 0), -1 if cannot-linked."""
        if h in self.blocked[g]:
            return -1.0
        return self.sums[g].get(h, 0.0) / (self.size[g] * self.size[h])

    def merge(self, g: int, h: int) -> None:
        """Fold the smaller group into the larger, adding up its sums and cannot-links."""
        small, big = sorted((g, h), key=lambda x: (len(self.members[x]), x))
        for k in self.members[small]:
            self.group_of[k] = big
        self.members[big].extend(self.members.pop(small))
        self.size[big] += self.size.pop(small)
        for other, total in self.sums.pop(small, {}).items():
            self.sums[other].pop(small, None)
            if other != big:
                self.sums[big][other] = self.sums[big].get(other, 0.0) + total
                self.sums[other][big] = self.sums[big][other]
        for other in self.blocked.pop(small, set()):
            self.blocked[other].discard(small)
            if other != big:
                self.blocked[big].add(other)
                self.blocked[other].add(big)


def _average_link(n: int, pairs: Pairs, o: MatchOptions, sizes: Sequence[int] | None = None
                  ) -> tuple[list[list[int]], list[int]]:
    """Merge along the best pairs first, only while the clusters' mean pair score holds.

    Group-to-group sums are kept up to date on each merge, so a check costs O(1) and the
    whole pass is linear in the number of scored pairs (no member-by-member rescans).
    Returns the groups and, as indices into `pairs`, the links that joined them.
    """
    groups = _Groups(sizes or [1] * n, pairs)
    joins: list[int] = []
    links = np.flatnonzero(~pairs.cannot & (pairs.score >= o.threshold))
    order = links[np.lexsort((pairs.j[links], pairs.i[links], -pairs.score[links]))]
    for k, i, j in zip(order.tolist(), pairs.i[order].tolist(), pairs.j[order].tolist(),
                       strict=True):
        gi, gj = groups.group_of[i], groups.group_of[j]
        if gi != gj and groups.average(gi, gj) >= o.cluster_average_min:
            groups.merge(gi, gj)
            joins.append(k)
    return [sorted(m) for m in groups.members.values()], joins


@dataclass(frozen=True)
class _Found:
    """What turning groups of representatives into clusters reads."""

    claims: Sequence[Claim]
    reps: Sequence[int]
    copies: dict[int, list[int]]
    feats: Sequence[Features]
    pairs: Pairs
    options: MatchOptions

    def cluster(self, members: list[int], joins: list[int]) -> Cluster:
        """A cluster of the claims behind some representatives, with the links that joined it."""
        claims, reps, copies, pairs = self.claims, self.reps, self.copies, self.pairs
        everyone = [k for m in members for k in copies[reps[m]]]
        ids = tuple(sorted(claims[k].id for k in everyone))
        links = [self._link(int(pairs.i[k]), int(pairs.j[k]), k) for k in joins]
        links += [Link(claims[reps[m]].id, claims[k].id, 1.0, IDENTICAL_REASON)
                  for m in members for k in copies[reps[m]][1:]]
        return Cluster(id=stable_id("cluster", *ids), claim_ids=ids, links=tuple(links))

    def _link(self, i: int, j: int, k: int) -> Link:
        a, b = self.claims[self.reps[i]], self.claims[self.reps[j]]
        frame = float(self.pairs.frame[k])
        _, measured, entities, shared = _score(self.feats[i], self.feats[j], frame, self.options)
        return Link(a.id, b.id, float(self.pairs.score[k]),
                    _reason(a, b, frame, measured, entities, shared))


def clusters_by_claim(clusters: Iterable[Cluster]) -> dict[str, Cluster]:
    """Claim id → the cluster it belongs to."""
    return {cid: cl for cl in clusters for cid in cl.claim_ids}
