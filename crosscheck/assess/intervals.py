"""Interval reasoning: figures widened by qualifier and tolerance, agreement, running counts."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from crosscheck.match import measure_class
from crosscheck.models import Claim, Quantity

# Relative difference two exact figures of a kind may have and still agree (each side is widened
# by half). Reported figures are rounded and revised by a percent or so: 719,549 vs 721,449
# tonnes differ by 0.26 % and agree; a toll of 133 vs 137 (3 %) or 31.9 vs 33 million tonnes
# (3.4 %) do not, so their dates must explain them (trajectory) or they contradict.
REL_TOLERANCE = {"count": 0.02, "mass": 0.02, "volume": 0.02, "currency": 0.02, "length": 0.02,
                 "area": 0.02, "energy": 0.02, "power": 0.02, "speed": 0.02, "rate": 0.02}
DEFAULT_REL_TOLERANCE = 0.02
PERCENT_POINTS = 1.0  # exact percentages agree within one point ("40%" vs "41%"), not 40 vs 55
APPROX_REL = 0.10  # "about", "nearly", "some": ±10 % ("about 100,000" agrees with 95,000)
APPROX_PERCENT_POINTS = 3.0  # "about 40%" agrees with 42%, not with 55%

_CUMULATIVE_RE = re.compile(
    r"\b(since|so far|to date|in total|in all|a total of|cumulative|risen|rose|climbed|"
    r"increased to|"
    r"and counting|has reached|have reached|now stands|death toll|toll)\b", re.IGNORECASE)
_NOT_CUMULATIVE_KINDS = frozenset({"percent", "rate", "speed", "temperature"})  # shares, levels
_CUMULATIVE_CLASSES = frozenset({"deaths", "injuries", "arrests", "missing"})
_VAGUE_RE = re.compile(r"(?:(?:about|some|over|nearly|more than|several)\s+)?"
                       r"(?:dozens|scores|hundreds|thousands|millions|billions|tens|several|"
                       r"a few|many|numerous)\b", re.IGNORECASE)


def widened(q: Quantity) -> tuple[float, float]:
    """The interval a figure stands for, widened by its qualifier and its kind's tolerance."""
    approx = q.qualifier == "approx"
    if q.unit_kind == "percent":
        pad = APPROX_PERCENT_POINTS if approx else PERCENT_POINTS / 2
        return q.low - pad, q.high + pad
    rel = max(REL_TOLERANCE.get(q.unit_kind, DEFAULT_REL_TOLERANCE) / 2,
              APPROX_REL if approx else 0)
    low = q.low - abs(q.low) * rel if math.isfinite(q.low) else q.low
    high = q.high + abs(q.high) * rel if math.isfinite(q.high) else q.high
    return low, high


def agree(a: Quantity, b: Quantity) -> bool:
    """True when two figures can both be right: their widened intervals overlap."""
    al, ah = widened(a)
    bl, bh = widened(b)
    return al <= bh and bl <= ah


def relative_gap(a: Quantity, b: Quantity) -> float:
    """How far apart two figures are, relative to the larger bound (0 when they overlap)."""
    if a.low > b.high:
        a, b = b, a
    if a.high >= b.low:
        return 0.0
    top = max(abs(b.low), abs(a.high), 1e-12)
    return (b.low - a.high) / top


def is_cumulative(claims: Sequence[Claim]) -> bool:
    """A running count (a toll, exports since a date): it may only grow over time."""
    if any(c.quantity.unit_kind in _NOT_CUMULATIVE_KINDS for c in claims):
        return False
    return any(_CUMULATIVE_RE.search(c.sentence) or measure_class(c) in _CUMULATIVE_CLASSES
               for c in claims)


def is_vague(q: Quantity) -> bool:
    """"Dozens", "hundreds of", "tens of thousands": too loose to contradict anything."""
    return bool(_VAGUE_RE.match(q.surface.strip()))
