"""The quantity engine: tokens → number expressions → units → filters → ranges → qualifiers.

Everything works on one token list per sentence and looks at a bounded window around each
figure, so the cost is linear in the length of the text.
"""

from __future__ import annotations

import math

from crosscheck.models import Quantity
from crosscheck.quantities.attach import attach_unit, read_share
from crosscheck.quantities.base import tidy
from crosscheck.quantities.carry import carry_units
from crosscheck.quantities.combine import inherit_units, merge_ranges, qualify
from crosscheck.quantities.filters import mark_dropped
from crosscheck.quantities.numerals import read_number, read_out_of
from crosscheck.quantities.tokens import (
    CANDIDATE_RE,
    TRANSLATE,
    Cand,
    Tokens,
    blocked_tokens,
    start_tokens,
)


def parse(text: str) -> list[Quantity]:
    """Every quantity stated in text (see crosscheck.quantities.parse_quantities)."""
    if not isinstance(text, str) or not text:
        return []
    norm = text.translate(TRANSLATE)
    hits = [m.start() for m in CANDIDATE_RE.finditer(norm)]
    if not hits:
        return []
    t = Tokens(norm)
    blocked = blocked_tokens(t)
    cands = _read_all(t, blocked, hits)
    cands = [c for c in cands if not c.drop]
    cands = merge_ranges(t, cands)
    inherit_units(t, cands)
    carry_units(t, cands)
    out = []
    prev = None
    for c in cands:
        if not (math.isfinite(c.low) and math.isfinite(c.high)):
            continue  # beyond float range: no usable value
        qualify(t, c, prev)
        out.append(_to_quantity(text, t, c))
        prev = c
    return out


def _read_all(t: Tokens, blocked: set[int], hits: list[int]) -> list[Cand]:
    """Scan the tokens left to right, reading every figure with its unit."""
    cands: list[Cand] = []
    last_end = -1
    for i in start_tokens(t, hits):
        if i < last_end or i in blocked:
            continue
        c = read_number(t, i, last_end)
        if c is None:
            continue
        read_out_of(t, c)
        attach_unit(t, c)
        read_share(t, c)
        mark_dropped(t, c, blocked)
        cands.append(c)
        last_end = c.end
    return cands


def _to_quantity(text: str, t: Tokens, c: Cand) -> Quantity:
    start, end = t.starts[c.first], t.ends[c.end - 1]
    kind = c.kind if c.unit else "count"
    if c.unit in ("percentage", "percentage point", "basis point"):
        kind = "percent"
    return Quantity(low=tidy(c.low), high=tidy(c.high), unit=c.unit, unit_kind=kind,
                    qualifier=c.qualifier, change=c.change, surface=text[start:end],
                    start=start, end=end)
