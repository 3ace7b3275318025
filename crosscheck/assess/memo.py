"""Pair verdicts kept between nights: a night judges only the pairs of a fact not judged before.

`judge` reads two holders (their claims and independent origins) and two things of their fact:
the revisions whose new figure is in it, and the pairs of event days its articles tell apart
(`events_apart`). So a pair judged on an earlier night, under the same fact context, between
holders that have not changed since, has the same verdict tonight. The memo of a fact keeps
that context's digest, each holder's digest, the non-NO verdicts (a NO is never stored), and
what was judged: `candidate_pairs` judges each claim against a run of the claims after it in
time order (`partner_runs`) and, for a running total, a few beyond, so each holder keeps the
time key of the last claim of its run and the ids of those few. A pair of unchanged holders
that is a candidate tonight was judged before exactly when its later claim lies within that
run or among those few: then its stored verdict (NO when none is stored) is used; every other
candidate pair is judged. A fact whose claims' windows differ (pairs found by a scan, not
runs) keeps no memo and is judged whole each night.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crosscheck.assess.holders import AssessContext, Holder
from crosscheck.assess.pairs import PairVerdict, Revision, judge
from crosscheck.assess.timing import candidate_pairs, partner_runs, time_order
from crosscheck.models import stable_id

Judged = tuple[Holder, Holder, PairVerdict]
Key = tuple[int, str]  # a claim's place in time order: as-of day's ordinal, claim id


@dataclass(slots=True)
class PairMemo:
    """The facts' memos from the last night (cluster id → memo) and the ones this run makes."""

    stored: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    made: dict[str, dict[str, Any]] = field(default_factory=dict)
    judged: int = 0  # pairs judged this run
    reused: int = 0  # candidate pairs whose verdict came from a memo


def verdicts(cluster_id: str, holders: Sequence[Holder], revisions: list[Revision],
             apart: frozenset[tuple[str, str]], ctx: AssessContext,
             memo: PairMemo | None = None) -> list[Judged]:
    """The fact's candidate pairs that count (a conflict, a growth or an update), with their
    verdicts, in candidate order; with a memo, only the pairs not judged before are judged."""
    if memo is None:
        return [(a, b, v) for a, b in candidate_pairs(holders)
                if counts(v := judge(a, b, revisions, apart))]
    order = time_order(holders)
    runs = partner_runs(order)
    if runs is None:  # windows differ: scanned pairs are no runs to keep
        found = verdicts(cluster_id, holders, revisions, apart, ctx)
        memo.judged += sum(1 for _ in candidate_pairs(holders))
        return found
    fact = _Fact(order, runs, [_digest(h, ctx) for h in order], _context(revisions, apart))
    stored = memo.stored.get(cluster_id)
    kept = fact.unchanged(stored) if stored else [False] * len(order)
    known = dict(fact.reuse(stored, kept)) if stored else {}
    fresh = list(fact.fresh(stored, kept))
    for i, j in fresh:
        verdict = judge(order[i], order[j], revisions, apart)
        if counts(verdict):
            known[(i, j)] = verdict
    memo.judged += len(fresh)
    memo.reused += sum(fact.span(i) for i in range(len(order))) - len(fresh)
    memo.made[cluster_id] = fact.memo(known)
    return [(order[i], order[j], known[(i, j)]) for i, j in sorted(known)]


def counts(v: PairVerdict) -> bool:
    """A verdict assess_fact acts on: every other one is as good as NO."""
    return v.conflict or v.growth or v.update


def _digest(h: Holder, ctx: AssessContext) -> str:
    """What judge reads of a holder: its claim (the text it was read from) and its origin."""
    article = ctx.articles.get(h.claim.article_id)
    return stable_id(h.claim.id, article.content_hash if article else None, h.origin_key)


def _context(revisions: Sequence[Revision], apart: frozenset[tuple[str, str]]) -> str:
    """What judge reads of the fact: the revisions' figures and the event days told apart."""
    figures = sorted(repr((r.old.quantity, r.new.quantity)) for r in revisions)
    return stable_id(*figures, "|", *sorted(" ".join(p) for p in apart))


def _key(h: Holder) -> Key:
    return (h.claim.as_of or date.min).toordinal(), h.claim.id


@dataclass(slots=True)
class _Fact:
    """One fact's holders in time order, their partner runs, digests and context."""

    order: Sequence[Holder]
    runs: Sequence[tuple[int, int, int]]
    digests: Sequence[str]
    context: str
    keys: list[Key] = field(init=False)
    position: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.keys = [_key(h) for h in self.order]
        self.position = {h.claim.id: i for i, h in enumerate(self.order)}

    def span(self, i: int) -> int:
        near, beyond, end = self.runs[i]
        return near - i - 1 + end - beyond

    def unchanged(self, stored: Mapping[str, Any]) -> list[bool]:
        """Per holder: judged last night as it is now, under the same fact context."""
        if stored.get("context") != self.context:
            return [False] * len(self.order)
        held = stored["holders"]
        return [h.claim.id in held and held[h.claim.id][0] == d
                for h, d in zip(self.order, self.digests, strict=True)]

    def reuse(self, stored: Mapping[str, Any], kept: Sequence[bool]
              ) -> Iterator[tuple[tuple[int, int], PairVerdict]]:
        """The stored verdicts of pairs of unchanged holders that are candidates tonight."""
        for a_id, b_id, conflict, growth, update, reason in stored["found"]:
            i, j = self.position.get(a_id), self.position.get(b_id)
            if i is None or j is None or not (kept[i] and kept[j]) or not self._partner(i, j):
                continue
            yield (i, j), PairVerdict(conflict, growth, reason, update)

    def _partner(self, i: int, j: int) -> bool:
        near, beyond, end = self.runs[i]
        return i < j < near or beyond <= j < end

    def fresh(self, stored: Mapping[str, Any] | None, kept: Sequence[bool]
              ) -> Iterator[tuple[int, int]]:
        """Tonight's candidate pairs not judged before, in candidate order."""
        new = [i for i, k in enumerate(kept) if not k]  # ascending
        held = stored["holders"] if stored else {}
        for i, (near, beyond, end) in enumerate(self.runs):
            if not kept[i]:
                yield from ((i, j) for j in range(i + 1, near))
                yield from ((i, j) for j in range(beyond, end))
                continue
            _, last_day, last_id, few = held[self.order[i].claim.id]
            judged = bisect_right(self.keys, (last_day, last_id), lo=i + 1)
            cut = min(judged, near)
            # within last night's run only changed or new holders; past it every holder
            yield from ((i, j) for j in new[bisect_right(new, i):bisect_left(new, cut)])
            yield from ((i, j) for j in range(cut, near)
                        if not (kept[j] and self.order[j].claim.id in few))
            yield from ((i, j) for j in range(beyond, end)
                        if not (kept[j] and (j < judged or self.order[j].claim.id in few)))

    def memo(self, found: Mapping[tuple[int, int], PairVerdict]) -> dict[str, Any]:
        """Tonight's memo of the fact, as JSON-ready values."""
        holders = {}
        for i, (near, beyond, end) in enumerate(self.runs):
            last = self.keys[near - 1] if near > i + 1 else self.keys[i]
            holders[self.order[i].claim.id] = [self.digests[i], last[0], last[1],
                                               [self.order[j].claim.id
                                                for j in range(beyond, end)]]
        pairs = [[self.order[i].claim.id, self.order[j].claim.id, v.conflict, v.growth,
                  v.update, v.reason] for (i, j), v in sorted(found.items())]
        return {"context": self.context, "holders": holders, "found": pairs}
