"""One base unit per physical kind, so that figures stated in different units compare.

"2,615 miles" and "4,209 km" both become metres; "$80 a barrel" becomes dollars per cubic
metre. The factors come from pint, a maintained units library, instead of a hand-written
table: the table of every unit the engine knows is built from pint once, the first time a
physical unit is asked for, and nothing calls pint per sentence after that. Temperatures are
affine: a level in °F goes to °C with pint's offset and scale, a change ("rose 9 °F") with the
scale alone. Counts, percentages and currencies keep their own unit (no exchange rates).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from crosscheck.quantities.units import PINT_UNITS

SIGNIFICANT_DIGITS = 12  # beyond what any news figure states, above float scaling noise

# Base units, our name and pint's; a unit takes the first whose dimension is its own.
BASES = (
    ("metre", "meter"), ("square metre", "meter ** 2"), ("cubic metre", "meter ** 3"),
    ("kilogram", "kilogram"), ("second", "second"), ("metre per second", "meter / second"),
    ("joule", "joule"), ("watt", "watt"), ("celsius", "degC"), ("pascal", "pascal"),
    ("hertz", "hertz"), ("coulomb", "coulomb"), ("volt", "volt"),
    ("volt per metre", "volt / meter"),
)
# Bases a row must name ("GB > byte"): pint counts bytes as dimensionless, and ages are kept
# apart from durations (an age never matches a prison term).
NAMED_BASES = {"byte": "byte", "byte per second": "byte / second", "year of age": "year"}
# Every base unit a physical quantity can have (a rate's base joins two: "dollar per metre").
BASE_UNITS = tuple(name for name, _ in BASES) + tuple(NAMED_BASES)
RATE_CACHE_SIZE = 4096  # distinct "X per Y" units remembered (a night's corpus has hundreds)

_table: dict[str, tuple[str, float, float]] = {}


def tidy(value: float) -> float:
    """Drop float noise from scaling ("16.4 million" is 16400000, not 16399999.999999998)."""
    if math.isinf(value) or value == 0 or math.isnan(value):
        return float(value)
    return float(f"{value:.{SIGNIFICANT_DIGITS}g}")


def base_interval(unit: str, low: float, high: float,
                  change: str = "none") -> tuple[str, float, float]:
    """(base unit, low, high) of an interval; the unit itself where no conversion applies."""
    conv = conversion(unit)
    if conv is None:
        return unit, low, high
    base, factor, offset = conv
    if change != "none":
        offset = 0.0  # a change of temperature is a difference: scale only
    return base, tidy(low * factor + offset), tidy(high * factor + offset)


@lru_cache(maxsize=RATE_CACHE_SIZE)
def conversion(unit: str) -> tuple[str, float, float] | None:
    """(base unit, factor, offset) for a unit, or None for counts, percents and currencies."""
    if unit in PINT_UNITS:
        return _factors()[unit]
    head, sep, tail = unit.partition(" per ")
    if not sep:
        return None
    num, den = conversion(head), conversion(tail)
    if num is None and den is None:
        return None
    num_base, num_factor, _ = num or (head, 1.0, 0.0)
    den_base, den_factor, _ = den or (tail, 1.0, 0.0)
    return f"{num_base} per {den_base}", num_factor / den_factor, 0.0


def unit_conversions() -> dict[str, tuple[str, float, float]]:
    """(base unit, factor, offset) of every physical unit the engine reads, by its name."""
    return dict(_factors())


def _factors() -> dict[str, tuple[str, float, float]]:
    """Every known unit's conversion, built from pint on first use."""
    if not _table:
        import pint  # imported here: about 0.2 s, paid once and only when a unit needs it

        ureg: Any = pint.UnitRegistry()
        _table.update({name: _from_pint(ureg, name, expr) for name, expr in PINT_UNITS.items()})
    return _table


def _from_pint(ureg, name: str, expr: str) -> tuple[str, float, float]:
    """Base, factor and offset of one unit from its pint expression ("mile", "GB > byte")."""
    source, _, named = (part.strip() for part in expr.partition(">"))
    q = ureg.Quantity(source)
    if named:
        base, target = named, NAMED_BASES[named]
    else:
        found = [b for b in BASES if ureg.Quantity(1, b[1]).dimensionality == q.dimensionality]
        if not found:
            raise ValueError(f"unit {name!r} ({source}): no base unit of its dimension in BASES; "
                             "add one, or name it with '> base' in the unit table")
        base, target = found[0]
    offset = ureg.Quantity(0, q.units).to(target).magnitude
    factor = q.magnitude * (ureg.Quantity(1, q.units).to(target).magnitude - offset)
    return base, float(factor), float(offset)
