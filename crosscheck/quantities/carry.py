"""Units stated once and carried along a list: "sold 420 flats at auction and 165 by tender"
(165 flats), "C$6 per share, then C$6.50" (per share), "91.5 cents, the low 80.2" (cents).
"""

from __future__ import annotations

from crosscheck.quantities.tokens import Cand, Tokens

# Words that join the items of a list or of two elliptical clauses.
LIST_CONNECTORS = {",", "and", "or", "but", "while", "whereas", "vs", "versus", "against",
                   "then", "nor"}
# After the last connector, these make the next figure a new level or a part of something
# else ("rose 5%, to 120", "40% of 3,000"), so the unit is not carried to it.
CARRY_BREAKERS = {"to", "at", "of", "than", "per", "from", "between", "in", "on", "for",
                  "with", "is", "was", "were", "are", "be"}
CARRY_WINDOW = 8  # tokens between two figures of one list ("3,000 evacuees, the UN nearer 1,800")
# Sentence and clause ends and brackets: a unit is never carried across them ("with 3
# abstentions; turnout 72").
CARRY_STOPS = {".", "!", "?", "(", ")", ":", ";", '"'}
RATE_WINDOW = 4  # tokens between two prices of one list ("C$6 per share, then C$6.50")
# After the bare figure: it opens a clause of its own ("$4.25 and 32 is the quantity") or is
# a list marker ("and 3) predicts"), so it is not an item of the list before it.
NOT_AN_ITEM_AFTER = {"is", "are", "was", "were", "'s", ")"}
CENTS_MAX = 100  # "15 dollars and 50" says cents: no dollars are carried to a whole below this


def carry_units(t: Tokens, cands: list[Cand]) -> None:
    """Give bare figures the unit of the figure before them in a list, and prices the rate
    their neighbours in the list are stated per."""
    for n in range(1, len(cands)):
        a, b = cands[n - 1], cands[n]
        if _carries_unit(t, a, b):
            b.unit, b.kind = a.unit, a.kind
    for n in range(1, len(cands)):
        _share_rate(t, cands[n - 1], cands[n])
    for n in range(len(cands) - 1, 0, -1):
        if "or" not in t.lows[cands[n - 1].end:cands[n].first]:
            _share_rate(t, cands[n], cands[n - 1])  # "$1.5bn, or $300m a year" restates


def _carries_unit(t: Tokens, a: Cand, b: Cand) -> bool:
    """b is a bare figure in the same list as a, after a connector and no new level word."""
    if b.unit or not a.unit or a.unit == "count" or b.vague or b.currency:
        return False
    if 0 < b.low < 1 and "." not in t.words[b.num]:
        return False  # a fraction ("a two-thirds majority") is no item of a list of units
    if b.end < t.n and t.lows[b.end] in NOT_AN_ITEM_AFTER:
        return False
    between = t.lows[a.end:b.first]
    if a.kind == "currency" and between[-1:] == ["and"] and b.integer and b.low < CENTS_MAX:
        return False
    if not between or len(between) > CARRY_WINDOW or any(w in CARRY_STOPS for w in between):
        return False
    last = max((k for k, w in enumerate(between) if w in LIST_CONNECTORS), default=None)
    if last is None:
        return False
    return not any(w in CARRY_BREAKERS for w in between[last + 1:])


def _share_rate(t: Tokens, src: Cand, dst: Cand) -> None:
    """dst, a price in src's currency with no rate, takes src's rate ("RM79 a month, RM99")."""
    head, sep, _ = src.unit.partition(" per ")
    if not sep or not dst.currency or dst.unit != head or src.kind != "rate":
        return
    first, second = (src, dst) if src.first < dst.first else (dst, src)
    between = t.lows[first.end:second.first]
    if len(between) > RATE_WINDOW or any(w in CARRY_STOPS for w in between):
        return
    if all(w in LIST_CONNECTORS for w in between):
        dst.unit, dst.kind = src.unit, src.kind
