"""Clustering: average link over the scored pairs, each cluster with the links that joined it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from crosscheck.match.candidates import candidate_pairs
from crosscheck.match.measures import Features, _same_interval, features, incompatibility
from crosscheck.match.options import _DEFAULT, MatchOptions, _Scores
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
    first), each with its score and reason.
    """
    o = options or _DEFAULT
    copies = _identical(claims)
    reps = sorted(copies)
    rep_claims = [claims[r] for r in reps]
    feats = [features(c) for c in rep_claims]
    # candidate pairs are freed once scored, before clustering builds its own tables
    scores, cannot = _score_pairs(rep_claims, feats,
                                  candidate_pairs(rep_claims, o.prune_cutoff, feats, o), o)
    sizes = [len(copies[r]) for r in reps]
    groups, joins = _average_link(len(reps), scores, cannot, o, sizes)
    group_of = {m: g for g, members in enumerate(groups) for m in members}
    joins_of: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for i, j in joins:
        joins_of[group_of[i]].append((i, j))
    return [_cluster(claims, reps, copies, members, joins_of[g], scores)
            for g, members in enumerate(groups)]


def _score_pairs(claims: Sequence[Claim], feats: Sequence[Features],
                 pairs: dict[tuple[int, int], float], o: MatchOptions
                 ) -> tuple[_Scores, set[tuple[int, int]]]:
    """Score each candidate pair, or mark it cannot-link; equal features are judged once.

    Past the same-article rule, incompatibility and score read only the two claims' features
    (and the frame similarity), so they are memoized on numbered distinct features.
    """
    kinds: dict[Features, int] = {}
    kind = [kinds.setdefault(f, len(kinds)) for f in feats]
    article = [c.article_id for c in claims]
    clash: dict[tuple[int, int], bool] = {}
    scored: dict[tuple[int, int, float], tuple[float, tuple[float, float, float, frozenset[str]]]]
    scored = {}
    scores: _Scores = {}
    cannot: set[tuple[int, int]] = set()
    for (i, j), frame_sim in pairs.items():
        ki, kj = kind[i], kind[j]
        if article[i] == article[j] and _same_article_clash(claims[i], claims[j]):
            cannot.add((i, j))
            continue
        bad = clash.get((ki, kj))
        if bad is None:
            bad = clash[(ki, kj)] = incompatibility(claims[i], claims[j], feats[i],
                                                    feats[j]) is not None
        if bad:
            cannot.add((i, j))
            continue
        value = scored.get((ki, kj, frame_sim))
        if value is None:
            score, measured, entities, shared = _score(feats[i], feats[j], frame_sim, o)
            value = scored[(ki, kj, frame_sim)] = (score, (frame_sim, measured, entities, shared))
        scores[(i, j)] = value
    return scores, cannot


def _same_article_clash(a: Claim, b: Claim) -> bool:
    """The same-article rule of `incompatibility`: two different figures of one text."""
    return not _same_interval(a, b) and a.as_of == b.as_of


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

    def __init__(self, sizes: Sequence[int], scores: _Scores, cannot: set[tuple[int, int]]
                 ) -> None:
        self.group_of = list(range(len(sizes)))
        self.members: dict[int, list[int]] = {i: [i] for i in range(len(sizes))}
        self.size = dict(enumerate(sizes))
        self.sums: dict[int, dict[int, float]] = defaultdict(dict)
        self.blocked: dict[int, set[int]] = defaultdict(set)
        for (i, j), (score, _) in scores.items():
            self.sums[i][j] = self.sums[j][i] = score * sizes[i] * sizes[j]
        for i, j in cannot:
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


def _average_link(n: int, scores: _Scores, cannot: set[tuple[int, int]], o: MatchOptions,
                  sizes: Sequence[int] | None = None
                  ) -> tuple[list[list[int]], list[tuple[int, int]]]:
    """Merge along the best pairs first, only while the clusters' mean pair score holds.

    Group-to-group sums are kept up to date on each merge, so a check costs O(1) and the
    whole pass is linear in the number of scored pairs (no member-by-member rescans).
    """
    groups = _Groups(sizes or [1] * n, scores, cannot)
    joins: list[tuple[int, int]] = []
    links = [(s, ij) for ij, (s, _) in scores.items() if s >= o.threshold]
    for _, (i, j) in sorted(links, key=lambda t: (-t[0], t[1])):
        gi, gj = groups.group_of[i], groups.group_of[j]
        if gi != gj and groups.average(gi, gj) >= o.cluster_average_min:
            groups.merge(gi, gj)
            joins.append((i, j))
    return [sorted(m) for m in groups.members.values()], joins


def _cluster(claims: Sequence[Claim], reps: Sequence[int], copies: dict[int, list[int]],
             members: list[int], joins: list[tuple[int, int]], scores: _Scores) -> Cluster:
    """A cluster of the claims behind some representatives, with the links that joined it."""
    everyone = [k for m in members for k in copies[reps[m]]]
    ids = tuple(sorted(claims[k].id for k in everyone))
    links = [
        Link(claims[reps[i]].id, claims[reps[j]].id, scores[(i, j)][0],
             _reason(claims[reps[i]], claims[reps[j]], *scores[(i, j)][1]))
        for i, j in joins
    ]
    links += [Link(claims[reps[m]].id, claims[k].id, 1.0, IDENTICAL_REASON)
              for m in members for k in copies[reps[m]][1:]]
    return Cluster(id=stable_id("cluster", *ids), claim_ids=ids, links=tuple(links))


def clusters_by_claim(clusters: Iterable[Cluster]) -> dict[str, Cluster]:
    """Claim id → the cluster it belongs to."""
    return {cid: cl for cl in clusters for cid in cl.claim_ids}
