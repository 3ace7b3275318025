"""Interval reasoning: what interval a figure stands for, and when two cannot both hold.

"more than 100,000" is everything above 100,000 and "as many as 100,000" everything up to it:
the two cannot both hold. "about 100,000" stands for ±10 %; an exact figure for itself, give or
take the rounding of reporting (0.5 % each side: 719,549 and 721,449 tonnes agree), except a
small exact count, which is exact (a toll of 85 is not a toll of 86); a length, mass or speed
also for half a unit of its last written digit ("6 miles" deep agrees with "10 km").
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import lru_cache

from crosscheck.models import Quantity

# Half the relative difference two exact figures may have and still agree: 719,549 vs 721,449
# tonnes (0.26 %) agree, 12,241 vs 12,815 warheads (4.6 %) or 133 vs 137 dead (3 %) do not.
REL_TOLERANCE = 0.005
SMALL_EXACT = 1000  # exact counts below this are not rounded: 85 and 86 dead disagree
PERCENT_POINTS = 0.5  # exact percentages agree within a point in all ("40%" vs "41%"), not 40/55
APPROX_REL = 0.10  # "about", "nearly", "some": ±10 % ("about 100,000" agrees with 95,000)
APPROX_PERCENT_POINTS = 3.0  # "about 40%" agrees with 42%, not with 55%
APPROX_LAST_DIGITS = 5  # "about 12,190": ±5 of its last digit's place, not ±10 % (1,219)
_VAGUE_RE = re.compile(r"(?:(?:about|some|over|nearly|more than|several)\s+)?"
                       r"(?:dozens|scores|hundreds|thousands|millions|billions|tens|several|"
                       r"a few|many|numerous)\b", re.IGNORECASE)


def widened(q: Quantity) -> tuple[float, float, bool, bool]:
    """(low, high, low open, high open): the interval the figure stands for, in its base unit
    (2,615 miles and 4,209 km are one length).

    Open ends belong to "more than" / "fewer than" (the bound itself is excluded); exact and
    approximate figures are widened by their tolerance, bounds never. Judging a fact reads
    each figure's interval once per pair, so intervals are kept per figure (`_interval`).
    """
    low, high = base_bounds(q)
    return _interval(q.low, q.high, low, high, q.qualifier, q.unit_kind)


@lru_cache(maxsize=1 << 16)
def _interval(stated_low: float, stated_high: float, low: float, high: float, qualifier: str,
              unit_kind: str) -> tuple[float, float, bool, bool]:
    """`widened` of a figure with these bounds (as stated, and in the base unit)."""
    if qualifier in ("more_than", "at_least"):
        return low, math.inf, qualifier == "more_than", False
    if qualifier in ("less_than", "at_most"):
        return -math.inf, high, False, qualifier == "less_than"
    rounding = _rounding_of(stated_low, stated_high, qualifier, unit_kind)
    pad_low, pad_high = _padding_of(low, high, qualifier, unit_kind)
    pad_low, pad_high = max(pad_low, abs(low) * rounding), max(pad_high, abs(high) * rounding)
    return low - pad_low, high + pad_high, False, False


# Kinds whose units convert by a factor, so a rounding keeps its share in the base unit.
# A written digit stands for half a unit either side, the upper end excluded: 12 and 13 tonnes
# touch at 12.5 and do not agree.
ROUNDING_SHARE = 0.5 * (1 - 1e-9)
_SCALED_KINDS = frozenset({"length", "area", "mass", "volume", "speed", "energy", "power"})


def _rounding(q: Quantity) -> float:
    """`_rounding_of` the figure."""
    return _rounding_of(q.low, q.high, q.qualifier, q.unit_kind)


def _rounding_of(low: float, high: float, qualifier: str, unit_kind: str) -> float:
    """The share of its value a stated length, mass or speed may be off by its rounding: half
    a unit of its last digit as written ('6 miles' is 5.5-6.5 miles, '2.6 km' 2.55-2.65 km),
    so '10 km' and '6 miles' deep, or '1.6 miles' and '2.6 km', agree. 0 for counts, money
    and percentages, where an exact figure is exact, and for approximate figures (their own
    padding is wider)."""
    if unit_kind not in _SCALED_KINDS or qualifier == "approx":
        return 0.0
    value = low if math.isfinite(low) else high
    if not math.isfinite(value) or value == 0:
        return 0.0
    return _last_digit(value) / abs(value)


def _padding_of(low: float, high: float, qualifier: str, unit_kind: str
                ) -> tuple[float, float]:
    """The tolerance of the interval [low, high] (in base units) of a figure with this
    qualifier and unit kind."""
    approx = qualifier == "approx"
    if unit_kind == "percent":
        pad = APPROX_PERCENT_POINTS if approx else PERCENT_POINTS
        return pad, pad
    if approx:
        return _approx_pad(low), _approx_pad(high)
    if unit_kind == "count" and high < SMALL_EXACT:
        if low == int(low):
            return 0.0, 0.0
        return _last_digit(low), _last_digit(high)  # "6.14" is 6.135-6.145, "6.2" 6.15-6.25
    return abs(low) * REL_TOLERANCE, abs(high) * REL_TOLERANCE


def _last_digit(value: float) -> float:
    """Half a unit of the last decimal written: what an exact small decimal may be off by (a
    quake's 6.14 and 6.2 are two readings, which a share of the value would join)."""
    if not math.isfinite(value):
        return 0.0
    written = f"{abs(value):.6f}".rstrip("0")
    return ROUNDING_SHARE * 10 ** -len(written.split(".")[1])


def _approx_pad(value: float) -> float:
    """'about 100,000' stands for ±10 %, 'an estimated 12,241' for ±5: half a unit of the place
    above its last significant digit, at most APPROX_REL."""
    if not math.isfinite(value) or value == 0:
        return 0.0
    digits = f"{abs(value):.0f}"
    unit = 10 ** (len(digits) - len(digits.rstrip("0"))) if abs(value) >= 1 else 0.01
    return min(abs(value) * APPROX_REL, APPROX_LAST_DIGITS * unit)


_BOUNDS = frozenset({"more_than", "at_least", "less_than", "at_most"})


def agree(a: Quantity, b: Quantity) -> bool:
    """True when two figures can both be right: their intervals meet.

    "More than 30" against a plain 30 agrees: news writes "more than 30 cruise missiles" for
    the 30 an army announced, so against a stated figure a bound is read as reaching it. Two
    bounds keep their open ends: "more than 100,000" and "as many as 100,000" cannot both hold.
    """
    al, ah, alo, aho = widened(a)
    bl, bh, blo, bho = widened(b)
    if (a.qualifier in _BOUNDS) != (b.qualifier in _BOUNDS):
        alo = aho = blo = bho = False
    return _meets(al, ah, alo, aho, bl, bh, blo, bho)


def _meets(al: float, ah: float, alo: bool, aho: bool, bl: float, bh: float, blo: bool,
           bho: bool) -> bool:
    if ah < bl or bh < al:
        return False
    if ah == bl and (aho or blo):
        return False
    return not (bh == al and (bho or alo))


def base_bounds(q: Quantity) -> tuple[float, float]:
    """The figure's interval in its base unit (its own when it has none), without building a
    Quantity: `replace` would convert the units again, and agree() runs per pair judged."""
    low, high = getattr(q, "base_low", math.nan), getattr(q, "base_high", math.nan)
    if math.isnan(low) or math.isnan(high):
        return q.low, q.high
    return low, high


AgreeKey = tuple[float, float, str, str, float]  # base bounds, qualifier, kind, rounding share


def agree_key(q: Quantity) -> AgreeKey:
    """All that agree() reads of a figure: figures with one key agree with the same others."""
    return (*base_bounds(q), q.qualifier, q.unit_kind, _rounding(q))


def in_base(q: Quantity) -> Quantity:
    """The figure with its interval in its base unit (itself when it has none)."""
    low, high = base_bounds(q)
    if (low, high) == (q.low, q.high):
        return q
    return replace(q, low=low, high=high)


def relative_gap(a: Quantity, b: Quantity) -> float:
    """How far apart two figures are, relative to the larger bound (0 when they overlap)."""
    a, b = in_base(a), in_base(b)
    if a.low > b.high:
        a, b = b, a
    if a.high >= b.low:
        return 0.0
    top = max(abs(b.low), abs(a.high), 1e-12)
    return (b.low - a.high) / top


def is_vague(q: Quantity) -> bool:
    """"Dozens", "hundreds of", "tens of thousands": too loose to contradict anything."""
    return _vague_surface(q.surface)


@lru_cache(maxsize=1 << 16)
def _vague_surface(surface: str) -> bool:
    return bool(_VAGUE_RE.match(surface.strip()))


def at_most(a: Quantity, b: Quantity) -> bool:
    """Figure a can be no larger than figure b (for a count that may only grow)."""
    return base_bounds(a)[0] <= base_bounds(b)[1] * (1 + REL_TOLERANCE)
