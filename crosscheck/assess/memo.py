"""Pair verdicts kept between nights: a night judges only the pairs of a fact not judged before.

`judge` reads two holders (their claims and independent origins) and two things of their fact:
the revisions whose new figure is in it, and the pairs of event days its articles tell apart
(`events_apart`). So a pair judged on an earlier night between holders that have not changed
since has the same verdict tonight, unless the fact's context changed in a way that reaches the
pair: a revision added whose figures agree with one of its figures, or a pair of event days
told apart (or no longer) that holds one of its events; a revision gone re-judges the fact
whole. The memo of a fact keeps that context, each holder's digest, the verdicts that count (a
NO is never stored), and what was judged: `candidate_pairs` judges each claim against a run of
the claims after it in time order (`partner_runs`) and, for a running total, a few beyond, so
each holder keeps the time key of the last claim of its run and the ids of those few. A pair of
unchanged holders that is a candidate tonight was judged before exactly when its later claim
lies within that run or among those few: then its stored verdict (NO when none is stored) is
used; every other candidate pair is judged. A fact whose claims' windows differ (pairs found by
a scan, not runs) keeps no memo and is judged whole each night.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from crosscheck.assess.holders import AssessContext, Holder
from crosscheck.assess.intervals import agree, agree_key
from crosscheck.assess.pairs import PairVerdict, Revision, judge
from crosscheck.assess.timing import candidate_pairs, partner_runs, time_order
from crosscheck.models import stable_id

Judged = tuple[Holder, Holder, PairVerdict]
Key = tuple[int, str]  # a claim's place in time order: as-of day's ordinal, claim id
CONFLICT, GROWTH, UPDATE = 1, 2, 4  # a stored verdict's flags


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
    fact = _Fact(order, runs, [_digest(h, ctx) for h in order], revisions, apart)
    stored = _Stored(memo.stored[cluster_id]) if cluster_id in memo.stored else None
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


def _revision_key(r: Revision) -> str:
    """What Revision.explains reads of a revision: its two figures as agree() reads them."""
    return repr((agree_key(r.old.quantity), agree_key(r.new.quantity)))


def _key(h: Holder) -> Key:
    return (h.claim.as_of or date.min).toordinal(), h.claim.id


class _Stored:
    """Last night's memo of a fact, read: holders by claim id, their runs' last keys."""

    def __init__(self, memo: Mapping[str, Any]) -> None:
        self.memo = memo
        self.ids: list[str] = memo["ids"]
        self.index = {cid: x for x, cid in enumerate(self.ids)}

    def last_key(self, x: int) -> Key:
        last = self.memo["last"][x]
        return self.memo["days"][last], self.ids[last]

    def few(self, x: int) -> set[str]:
        return {self.ids[y] for y in self.memo["few"].get(str(x), ())}


@dataclass(slots=True)
class _Fact:
    """One fact's holders in time order, their partner runs, digests and context."""

    order: Sequence[Holder]
    runs: Sequence[tuple[int, int, int]]
    digests: Sequence[str]
    revisions: Sequence[Revision]
    apart: frozenset[tuple[str, str]]
    keys: list[Key] = field(init=False)
    position: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self.keys = [_key(h) for h in self.order]
        self.position = {h.claim.id: i for i, h in enumerate(self.order)}

    def span(self, i: int) -> int:
        near, beyond, end = self.runs[i]
        return near - i - 1 + end - beyond

    def unchanged(self, stored: _Stored) -> list[bool]:
        """Per holder: judged last night as it is now, under a context that reads the same
        for each of its pairs."""
        before = set(stored.memo["revisions"])
        now = {_revision_key(r): r for r in self.revisions}
        if not before <= set(now):
            return [False] * len(self.order)  # a revision gone: pairs it explained are open
        added = [r for k, r in now.items() if k not in before]
        told = {" ".join(p) for p in self.apart} ^ set(stored.memo["apart"])
        days = {d for pair in told for d in pair.split()}
        digests = stored.memo["digests"]
        out = []
        for h, d in zip(self.order, self.digests, strict=True):
            x = stored.index.get(h.claim.id)
            ok = x is not None and digests[x] == d
            if ok and added:
                q = h.claim.quantity
                ok = not any(agree(q, r.old.quantity) or agree(q, r.new.quantity) for r in added)
            if ok and days and h.claim.slots is not None:
                ok = h.claim.slots.event.value not in days
            out.append(ok)
        return out

    def reuse(self, stored: _Stored, kept: Sequence[bool]
              ) -> Iterator[tuple[tuple[int, int], PairVerdict]]:
        """The stored verdicts of pairs of unchanged holders that are candidates tonight."""
        found, reasons = stored.memo["found"], stored.memo["reasons"]
        for n in range(0, len(found), 4):
            x, y, flags, reason = found[n:n + 4]
            i, j = self.position.get(stored.ids[x]), self.position.get(stored.ids[y])
            if i is None or j is None or not (kept[i] and kept[j]) or not self._partner(i, j):
                continue
            yield (i, j), PairVerdict(bool(flags & CONFLICT), bool(flags & GROWTH),
                                      reasons[reason], bool(flags & UPDATE))

    def _partner(self, i: int, j: int) -> bool:
        near, beyond, end = self.runs[i]
        return i < j < near or beyond <= j < end

    def fresh(self, stored: _Stored | None, kept: Sequence[bool]) -> Iterator[tuple[int, int]]:
        """Tonight's candidate pairs not judged before, in candidate order."""
        new = [i for i, k in enumerate(kept) if not k]  # ascending
        for i, (near, beyond, end) in enumerate(self.runs):
            if stored is None or not kept[i]:
                yield from ((i, j) for j in range(i + 1, near))
                yield from ((i, j) for j in range(beyond, end))
                continue
            x = stored.index[self.order[i].claim.id]
            judged = bisect_right(self.keys, stored.last_key(x), lo=i + 1)
            few = stored.few(x)
            cut = min(judged, near)
            # within last night's run only changed or new holders; past it every holder
            yield from ((i, j) for j in new[bisect_right(new, i):bisect_left(new, cut)])
            yield from ((i, j) for j in range(cut, near)
                        if not (kept[j] and self.order[j].claim.id in few))
            yield from ((i, j) for j in range(beyond, end)
                        if not (kept[j] and (j < judged or self.order[j].claim.id in few)))

    def memo(self, found: Mapping[tuple[int, int], PairVerdict]) -> dict[str, Any]:
        """Tonight's memo of the fact, as JSON-ready values: holders in time order by index,
        verdicts as flat (i, j, flags, reason index) quadruples, reasons once."""
        last = [near - 1 if near > i + 1 else i for i, (near, _, _) in enumerate(self.runs)]
        few = {str(i): list(range(beyond, end))
               for i, (_, beyond, end) in enumerate(self.runs) if end > beyond}
        reasons: dict[str, int] = {}
        flat: list[int] = []
        for (i, j), v in sorted(found.items()):
            flags = CONFLICT * v.conflict | GROWTH * v.growth | UPDATE * v.update
            flat += [i, j, flags, reasons.setdefault(v.reason, len(reasons))]
        return {"revisions": sorted({_revision_key(r) for r in self.revisions}),
                "apart": sorted(" ".join(p) for p in self.apart),
                "ids": [h.claim.id for h in self.order], "digests": list(self.digests),
                "days": [k[0] for k in self.keys], "last": last, "few": few,
                "found": flat, "reasons": list(reasons)}
