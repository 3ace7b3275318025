"""Time between two claims of one fact: the same moment, an order in time, or too far apart.

Figures for one named period ("in 2023", "the first half of 2023", "since April") are compared
only with figures for that period. A figure with no period of its own stands for its as-of day
(a date in its sentence, else the article's date), and two such figures are of one moment when
their days are close enough for the measure: counts of people in an event move day by day
(one day), holdings, populations and budgets move slowly (half a year), anything else a month.
A running total (a death toll) is ordered instead: a later, larger figure is growth.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol, TypeVar

from crosscheck.claims.concepts import (
    CUMULATIVE_MEASURES,
    RESPONSE_MEASURES,
    SLOW_MEASURES,
    is_damage,
    is_event_count,
    measure_head,
)
from crosscheck.claims.lexicon import ALIASES
from crosscheck.claims.when import DAY_PARTS
from crosscheck.models import Claim

EVENT_DAYS = 0  # a count of the dead, missing or displaced is of one day: it moves daily,
# as the ambulances or rescuers sent to the scene do
# A crowd is of its gathering, estimated that night and the day after ("at least 275,000", the
# counting group said the next morning): two reports this close are of one protest.
GATHERING_DAYS = 1
SLOW_DAYS = 183  # warheads, troops, a population: levels half a year apart are comparable
# A running total's two reports are steps of one count only this close: a toll reported a year
# and a half later in the same country is another event's (a crush in 2025, a crash in 2023).
# Totals both sentences say are running ("since August 1", "so far", "in all") have no limit.
RUNNING_DAYS = 183
DEFAULT_DAYS = 31
# The size of a built thing (a ship's length, a bridge's height) does not move: two reports of
# it years apart are of one fact. Only for a thing named as the subject, not a country's border
# or a queue's length, and not a depth (each quake has its own).
FIXED_DAYS = 3653
FIXED_DIMENSIONS = frozenset({"length", "width", "height"})
_STATES = frozenset(ALIASES.values())  # countries and blocs: what no built thing is named
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_PART = re.compile(r"^(\d{4})-(mid|early|late|end|start|beginning)$")
_PART_MONTHS = {"mid": (5, 8), "early": (1, 4), "late": (9, 12), "end": (11, 12),
                "start": (1, 2), "beginning": (1, 2)}


@dataclass(frozen=True)
class Timing:
    """How two claims of one fact stand in time, and why."""

    relation: str  # "same" (one moment or period), "ordered" (a running total), "apart"
    reason: str
    earlier: Claim | None = None  # for "ordered": the earlier claim


def label_span(label: str) -> tuple[date, date] | None:
    """The days a point-like period label covers ('2023', '2024-01', '2024-mid'), else None."""
    if m := _YEAR.match(label):
        y = int(m.group(1))
        return date(y, 1, 1), date(y, 12, 31)
    if m := _MONTH.match(label):
        y, mo = int(m.group(1)), int(m.group(2))
        end = (date(y + mo // 12, mo % 12 + 1, 1) - timedelta(days=1))
        return date(y, mo, 1), end
    if m := _PART.match(label):
        y = int(m.group(1))
        first, last = _PART_MONTHS[m.group(2)]
        end = date(y + last // 12, last % 12 + 1, 1) - timedelta(days=1)
        return date(y, first, 1), end
    return None


def window_days(claim: Claim) -> int:
    """Days within which two as-of days of this claim's measure are one moment."""
    s = claim.slots
    measure = s.measure.value if s else ""
    if measure == "crowd":
        return GATHERING_DAYS
    if measure in FIXED_DIMENSIONS and claim.quantity.unit_kind == "length" and s is not None \
            and s.subject.read and s.subject.value not in _STATES:
        return FIXED_DAYS
    if is_event_count(measure) or measure_head(measure) in RESPONSE_MEASURES:
        return EVENT_DAYS
    if measure in SLOW_MEASURES and claim.quantity.unit_kind == "count":
        return SLOW_DAYS
    return DEFAULT_DAYS


def is_cumulative(claim: Claim) -> bool:
    """A running total: it may only grow, so later figures are ordered, not compared."""
    s = claim.slots
    if s is None or s.change != "level":
        return False
    measure = s.measure.value
    return ((measure in CUMULATIVE_MEASURES or is_damage(measure)) and not s.period.read) \
        or s.running


def timing(a: Claim, b: Claim) -> Timing:
    """Whether two claims of one fact are of one moment, ordered in time, or apart."""
    la = a.slots.period.value if a.slots and a.slots.period.read else ""
    lb = b.slots.period.value if b.slots and b.slots.period.read else ""
    if la and lb:
        if la == lb and la.startswith("since"):
            return _days(a, b)  # one running total since one start: its days decide
        if la == lb:
            return Timing("same", f"both for {la}")
        return Timing("apart", f"different periods ({la} vs {lb})")
    if la or lb:
        return _labelled_against_day(a, b) if la else _labelled_against_day(b, a)
    return _days(a, b)


def _labelled_against_day(labelled: Claim, other: Claim) -> Timing:
    label = labelled.slots.period.value  # type: ignore[union-attr]
    span = label_span(label)
    day = other.as_of
    if span is None or day is None:
        return Timing("apart", f"a period ({label}) against a figure with none")
    slack = timedelta(days=window_days(labelled) if labelled.quantity.unit_kind == "count"
                      else 0)
    if span[0] - slack <= day <= span[1] + slack:
        return Timing("same", f"{label} covers {day.isoformat()}")
    return Timing("apart", f"{label} does not cover {day.isoformat()}")


def _days(a: Claim, b: Claim) -> Timing:
    if a.as_of is None and b.as_of is None:
        return Timing("same", "neither is dated")
    if a.as_of is None or b.as_of is None:
        return Timing("apart", "one is not dated")
    gap = abs((a.as_of - b.as_of).days)
    if gap == 0 and (order := _day_order(a, b)) is not None:
        return order
    if gap <= min(window_days(a), window_days(b)):
        return Timing("same", f"as of {a.as_of.isoformat()} and {b.as_of.isoformat()}")
    if is_cumulative(a) and is_cumulative(b) and (gap <= RUNNING_DAYS or _said_running(a, b)):
        earlier = a if a.as_of < b.as_of else b
        return Timing("ordered", f"a running total, {gap} days apart", earlier)
    return Timing("apart", f"{gap} days apart")


def _said_running(a: Claim, b: Claim) -> bool:
    """Both sentences say their figure is a running total ('since August 1', 'so far')."""
    return bool(a.slots and a.slots.running and b.slots and b.slots.running)


def _day_order(a: Claim, b: Claim) -> Timing | None:
    """Two reports of a running total on one day, at parts of it their sentences name
    ('on Sunday morning ... 43', 'on Sunday afternoon ... 48'): ordered, not one moment."""
    part_a = a.slots.day_part if a.slots else ""
    part_b = b.slots.day_part if b.slots else ""
    if part_a not in DAY_PARTS or part_b not in DAY_PARTS or part_a == part_b or not (
            is_cumulative(a) and is_cumulative(b)):
        return None
    first, parts = (a, (part_a, part_b)) if DAY_PARTS[part_a] < DAY_PARTS[part_b] else \
        (b, (part_b, part_a))
    return Timing("ordered", f"a running total, {parts[0]} and {parts[1]} of one day", first)


# Partners each claim is judged against within its time window, nearest first: a fact stated
# thousands of times (a story running for months) costs claims x MAX_PARTNERS judgements, not
# claims squared. No fact of the development data has more than 30 claims, so none is capped;
# the 20,000-article benchmark's largest fact has about 3,000.
MAX_PARTNERS = 200
# Later reports of a running total judged beyond the window: enough to see it grow.
ORDERED_PARTNERS = 3


class HasClaim(Protocol):
    """Anything that holds one claim (an assessment Holder)."""

    @property
    def claim(self) -> Claim: ...


H = TypeVar("H", bound=HasClaim)


def time_order(holders: Sequence[H]) -> list[H]:
    """The holders of one fact by as-of day, then claim id: the order pairs are judged in."""
    return sorted(holders, key=lambda h: (h.claim.as_of or date.min, h.claim.id))


def candidate_pairs(holders: Sequence[H]) -> Iterator[tuple[H, H]]:
    """The pairs of one fact worth judging, in time order: those within the time window a
    comparison could use (the longest labelled period of the fact included), and a few later
    reports of a running total. Deterministic: the order is by as-of day, then claim id, the
    earlier claim of a pair first and the pairs of one earlier claim before the next one's.

    The claims of one fact share their measure and unit, so their window is one number: the
    claims within it are a run that a binary search finds, and a claim is judged against at
    most MAX_PARTNERS + ORDERED_PARTNERS others without looking at the rest of the fact."""
    order = time_order(holders)
    runs = partner_runs(order)
    if runs is None:
        yield from pairs_by_scan(order, max((_label_days(h.claim) for h in order), default=0))
        return
    for i, (a, (near, beyond, end)) in enumerate(zip(order, runs, strict=True)):
        for b in order[i + 1:near]:
            yield a, b
        for b in order[beyond:end]:
            yield a, b


def partner_runs(order: Sequence[HasClaim]) -> list[tuple[int, int, int]] | None:
    """Where each claim's partners lie in the time order of its fact: claim i is judged
    against order[i + 1:near] (within its window, at most MAX_PARTNERS) and order[beyond:end]
    (later reports of a running total); None when the claims' windows differ (they are
    scanned, `pairs_by_scan`)."""
    reach = max((_label_days(h.claim) for h in order), default=0)
    windows = {window_days(h.claim) for h in order}
    if len(windows) > 1:
        return None
    limit = max(windows.pop() if windows else 0, reach)
    days = [h.claim.as_of.toordinal() if h.claim.as_of else -math.inf for h in order]
    runs = []
    for i, a in enumerate(order):
        k = bisect_right(days, days[i] + limit, lo=i + 1)  # the first claim beyond the window
        end = min(k + ORDERED_PARTNERS, len(order)) if is_cumulative(a.claim) else k
        runs.append((min(k, i + 1 + MAX_PARTNERS), k, end))
    return runs


def pairs_by_scan(order: Sequence[H], reach: int) -> Iterator[tuple[H, H]]:
    """candidate_pairs for claims whose windows differ: each claim's later ones in turn."""
    for i, a in enumerate(order):
        near = beyond = 0
        limit = max(window_days(a.claim), reach)
        for b in order[i + 1:]:
            gap = _gap(a.claim, b.claim)
            if gap <= max(limit, window_days(b.claim)):
                if near < MAX_PARTNERS:
                    near += 1
                    yield a, b
            elif is_cumulative(a.claim) and beyond < ORDERED_PARTNERS:
                beyond += 1
                yield a, b
            else:
                break


def _gap(a: Claim, b: Claim) -> int:
    if a.as_of is None or b.as_of is None:
        return 0 if a.as_of is b.as_of else 10 ** 6
    return abs((b.as_of - a.as_of).days)


def _label_days(claim: Claim) -> int:
    """Days a claim's labelled period spans, plus its slack (0 without a period)."""
    s = claim.slots
    span = label_span(s.period.value) if s and s.period.read else None
    if span is None:
        return 0
    return (span[1] - span[0]).days + window_days(claim)
