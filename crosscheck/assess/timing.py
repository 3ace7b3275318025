"""Time between two claims of one fact: the same moment, an order in time, or too far apart.

Figures for one named period ("in 2023", "the first half of 2023", "since April") are compared
only with figures for that period. A figure with no period of its own stands for its as-of day
(a date in its sentence, else the article's date), and two such figures are of one moment when
their days are close enough for the measure: counts of people in an event move day by day
(one day), holdings, populations and budgets move slowly (half a year), anything else a month.
A running total (a death toll) is ordered instead: a later, larger figure is growth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from crosscheck.claims.concepts import CUMULATIVE_MEASURES, FAST_MEASURES, SLOW_MEASURES
from crosscheck.models import Claim

EVENT_DAYS = 0  # a count of the dead, missing or displaced is of one day: it moves daily
SLOW_DAYS = 183  # warheads, troops, a population: levels half a year apart are comparable
DEFAULT_DAYS = 31
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
    if measure in FAST_MEASURES:
        return EVENT_DAYS
    if measure in SLOW_MEASURES and claim.quantity.unit_kind == "count":
        return SLOW_DAYS
    return DEFAULT_DAYS


def is_cumulative(claim: Claim) -> bool:
    """A running total: it may only grow, so later figures are ordered, not compared."""
    s = claim.slots
    if s is None or s.change != "level":
        return False
    return (s.measure.value in CUMULATIVE_MEASURES and not s.period.read) or s.running


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
    if gap <= min(window_days(a), window_days(b)):
        return Timing("same", f"as of {a.as_of.isoformat()} and {b.as_of.isoformat()}")
    if is_cumulative(a) and is_cumulative(b):
        earlier = a if a.as_of < b.as_of else b
        return Timing("ordered", f"a running total, {gap} days apart", earlier)
    return Timing("apart", f"{gap} days apart")
