"""Figures in context: ranges, units shared between partners, qualifiers and changes."""

from __future__ import annotations

import math

from crosscheck.quantities import lexicon as lx
from crosscheck.quantities.tokens import SYMBOL, WORD, Cand, Tokens

# Verbs that take "up"/"down" as a particle, not as a change ("gave up 517 yards").
_PHRASAL_VERBS = {"give", "gave", "given", "gives", "giving", "set", "sets", "put", "puts",
                  "pick", "picked", "picks", "make", "made", "makes", "sign", "signed", "take",
                  "took", "taken", "takes", "shut", "back", "backed", "turn", "turned", "line",
                  "lined", "break", "broke", "bring", "brought", "show", "showed", "call",
                  "called", "add", "adds", "sum", "summed", "round", "rounded", "come", "came",
                  "comes", "go", "went", "goes", "wind", "wound", "shot", "use", "used", "step",
                  "stepped", "stand", "stood", "sit", "sat", "write", "wrote", "written"}

# Words before the low end that make "X to Y" a range whose high end shares X's unit.
RANGE_LEADS = {"from", "between", "aged", "ages"}
UNIT_INHERIT_WINDOW = 6  # tokens between "from X unit" and "to Y" (covers "in 2008", "combined")

# Words that start a new level or clause, so the change before does not carry over.
_COORDINATION_BREAKERS = {"to", "at", "from", "between", "than", "was", "were", "is", "are",
                          "while", "whereas", "but", "of"}
COORDINATION_WINDOW = 6  # tokens between "rose 0.3% m/m and 4.5% y/y": a short elliptical list
CONTEXT_WINDOW = 4  # tokens looked at before a figure for qualifiers and change verbs
BY_OBJECT_WINDOW = 3  # words of a verb's object before "by" ("increased its stake by 5%")


def inherit_units(t: Tokens, cands: list[Cand]) -> None:
    """A bare figure takes the unit of its partner: "from 21 mpg to 23", "150,000 troops, up
    from 100,000", "280 million of the 1.5 billion shekels"."""
    for n, b in enumerate(cands):
        partner = None if b.unit else (_from_partner(t, cands, n) or _level_partner(t, cands, n)
                                       or _of_partner(t, cands, n))
        if partner is not None:
            b.unit, b.kind = partner.unit, partner.kind


def _from_partner(t: Tokens, cands: list[Cand], n: int) -> Cand | None:
    """"from 21 mpg combined to 23": the figure after "to" shares the unit after "from"."""
    b = cands[n]
    if b.first == 0 or t.lows[b.first - 1] != "to":
        return None
    for a in reversed(cands[max(0, n - 3):n]):
        if a.unit and a.first > 0 and t.lows[a.first - 1] == "from" \
                and b.first - a.end <= UNIT_INHERIT_WINDOW:
            return a
    return None


def _level_partner(t: Tokens, cands: list[Cand], n: int) -> Cand | None:
    """"150,000 troops, up from 100,000", "compared with", "versus"."""
    b = cands[n]
    if n == 0 or not cands[n - 1].unit or b.first - cands[n - 1].end > UNIT_INHERIT_WINDOW:
        return None
    lead = t.lows[max(0, b.first - 2):b.first]
    if lead in (["up", "from"], ["down", "from"], ["compared", "with"]) or lead[-1:] in (
            ["versus"], ["vs"]):
        return cands[n - 1]
    return None


def _of_partner(t: Tokens, cands: list[Cand], n: int) -> Cand | None:
    """"280 million of the 1.5 billion shekels"."""
    b = cands[n]
    if n + 1 >= len(cands) or t.lows[b.end:b.end + 1] != ["of"]:
        return None
    nxt = cands[n + 1]
    if nxt.num_end < t.n and t.words[nxt.num_end] == "-" and t.gap(nxt.num_end) == 0:
        return None  # "five of the three-ton satellites": that unit qualifies another noun
    between = t.lows[b.end + 1:nxt.first]
    return nxt if nxt.unit and between in ([], ["the"], ["its"], ["their"], ["a"], ["an"]) else None


def merge_ranges(t: Tokens, cands: list[Cand]) -> list[Cand]:
    """Join "1 million to 3 million", "5-10W", "between $62 and $68" into ranges."""
    for connectors in (("-",), ("to", "and", "or", "through")):
        out: list[Cand] = []
        for c in cands:
            prev = out[-1] if out else None
            if prev is not None and _joinable(t, prev, c, connectors):
                out[-1] = _join(prev, c)
            else:
                out.append(c)
        cands = out
    return cands



def _joinable(t: Tokens, a: Cand, b: Cand, connectors: tuple[str, ...]) -> bool:
    """True when a and b are the two ends of one range."""
    if a.low != a.high or b.low != b.high or a.vague or b.vague:
        return False
    between = t.lows[a.end:b.first]
    if b.sign == "-" and b.first == b.num - 1 and not between and a.end == b.first:
        between = ["-"]  # "5 -10" read as a negative; a hyphen between figures is a range
    if not between or between[0] not in connectors or len(between) > 2:
        return False
    if len(between) == 2 and between not in (["to", "-"], ["-", "to"]):
        return False  # "5 to -3"; "18- to 34-year-olds" (a suspended hyphen)
    word = between[0]
    lead = t.lows[a.first - 1] if a.first > 0 else ""
    if word == "and" and lead != "between":
        return False
    if word == "or" and (a.unit or not (a.words and b.words)):
        return False
    if a.unit and b.unit and a.unit != b.unit and not _same_base(a.unit, b.unit):
        return False
    if a.unit and not b.unit and word not in ("-",) and lead not in RANGE_LEADS:
        return False
    if word == "to" and lead not in ("from", "between") and _change_before(t, a.first) \
            and (lead != "by" or a.unit):
        return False  # "rose 5% to 7%": a change then a level; "fell by 1 to 1.5 degrees": range
    return True


def _same_base(u: str, v: str) -> bool:
    """"dollar" and "dollar per share" name one range ("between $62 and $68 per share")."""
    return u.startswith(v + " per ") or v.startswith(u + " per ")


def _join(a: Cand, b: Cand) -> Cand:
    """b becomes the range a..b; a bare low end takes the scale and unit of the high end."""
    if b.sign == "-" and b.first == b.num - 1 and a.end == b.first:
        b.low = b.high = -b.low  # the "-" read as b's sign was the range's dash
    if a.scale == 1.0 and b.scale != 1.0 and a.low * b.scale <= b.low:
        a.low = a.high = a.low * b.scale  # "1 to 3 million", "US $89 to $93 billion"
    if not b.unit or len(a.unit) > len(b.unit):
        b.unit, b.kind = a.unit, a.kind
    b.first = a.first
    b.low, b.high = min(a.low, b.low), max(a.low, b.low)
    b.qualifier = "range"
    return b


def qualify(t: Tokens, c: Cand, prev: Cand | None) -> None:
    """Qualifier words and change verbs before the figure, "+" and "or more" after it."""
    k = c.first
    if k > 0 and t.lows[k - 1] in ("from", "between"):
        k -= 1
    else:
        found = _qualifier_before(t, k)
        if found is not None:
            if c.qualifier != "range" or found[0] == "approx":
                c.qualifier = found[0]
            c.first = found[1]
            k = found[1]
        change = _change_before(t, k, counted=c.kind == "count" and bool(c.unit))
        if change:
            c.change = change
    if c.sign == "+" and c.change == "none":
        c.change = "up"
    elif c.sign == "-" and c.change == "none" and _signed_change(t, c):
        c.change = "down"  # "Nikkei -0.8%"
    if c.unit == "count" and c.change == "none" and c.end < t.n \
            and t.lows[c.end] in lx.CHANGE_WORDS and t.spaced(c.end):
        c.change = lx.CHANGE_WORDS[t.lows[c.end]]  # "a fivefold increase", "a 10-fold drop"
    if c.plus and c.qualifier == "exact":
        c.qualifier = "at_least"
    _qualifier_after(t, c)
    _difference_after(t, c)
    if prev is not None and prev.end < t.n and t.words[prev.end] == "(" and c.first == prev.end + 1:
        _inherit(prev, c)  # "dropped by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)"
    elif prev is not None and c.change == "none" and _coordinated(t, prev, c):
        c.change = prev.change  # "Nasdaq rose 0.3% month-on-month and 4.5% year-on-year"
    elif prev is not None and c.change == "none" and t.lows[prev.end:c.first] == [",", "or"]:
        c.change = prev.change  # "lost 475 points, or 1.3%": the same change restated
    if c.qualifier in ("more_than", "at_least"):
        c.high = math.inf
    elif c.qualifier in ("less_than", "at_most"):
        c.low = -math.inf


def _signed_change(t: Tokens, c: Cand) -> bool:
    """A minus-signed percentage or index move that is not stated as a level."""
    before = c.num - 2  # the token before the sign
    return (c.kind == "percent" or c.unit == "point") \
        and (before < 0 or t.lows[before] not in lx.LEVEL_WORDS)


def _coordinated(t: Tokens, prev: Cand, c: Cand) -> bool:
    """Two figures of one unit joined by "and" or a comma with no new verb or level between."""
    if prev.change == "none" or prev.unit != c.unit or prev.kind != "percent" \
            or c.first - prev.end > COORDINATION_WINDOW:
        return False
    between = t.lows[prev.end:c.first]
    return ("and" in between or "," in between) \
        and not any(w in _COORDINATION_BREAKERS for w in between)


def _inherit(prev: Cand, c: Cand) -> None:
    """A figure in parentheses restates the one before it: same change and qualifier."""
    if c.change == "none":
        c.change = prev.change
    if c.qualifier == "exact" and prev.qualifier != "range":
        c.qualifier = prev.qualifier


def _qualifier_before(t: Tokens, k: int) -> tuple[str, int] | None:
    """The longest qualifier phrase ending right before token k, skipping "just", "well"."""
    for size in range(lx.QUALIFIER_MAX_WORDS, 0, -1):
        s = k - size
        if s < 0:
            continue
        key = tuple(t.lows[s:k])
        if key in lx.QUALIFIER_PHRASES and all(t.spaced(x) for x in range(s + 1, k + 1)):
            if key == ("up", "to") and s > 0 and t.lows[s - 1] in lx.MOTION_VERBS:
                return None  # "edged up to 3.9%": a verb and its particle, then the level
            return lx.QUALIFIER_PHRASES[key], s
    if k >= 2 and t.words[k - 1] == "-" and t.lows[k - 2] == "sub":
        return "less_than", k - 2
    return None


def _change_before(t: Tokens, k: int, counted: bool = False) -> str:
    """A change verb within a few words before token k ("rose 5%", "fell by about 3%").

    Before counted things a verb that takes them as its object counts them, it does not
    change a level: "lost 2,900 tanks", "added 300 jobs" (but "rose by 200 people")."""
    skipped = 0
    j = k - 1
    while j >= 0 and skipped <= CONTEXT_WINDOW:
        w = t.lows[j]
        if counted and w in lx.COUNTING_VERBS:
            return ""
        if w in lx.CHANGE_WORDS and (w != "+" or t.gap(j + 1) == 0):
            if w in ("higher", "lower") and j + 1 < k and t.lows[j + 1] != "by":
                return ""
            if w in ("up", "down") and j > 0 and t.lows[j - 1] in _PHRASAL_VERBS:
                return ""
            return lx.CHANGE_WORDS[w]
        if w in lx.FILLER_WORDS or (t.kinds[j] == SYMBOL and w in ("$", "€", "£")):
            j -= 1
            skipped += 1
            continue
        return _verb_before_object(t, j) if t.lows[j + 1] == "by" else ""
    return ""


def _verb_before_object(t: Tokens, j: int) -> str:
    """"cut its rate by 25bps", "trimmed spending by 4%": a change verb, its object, "by"."""
    for m in range(j, max(-1, j - BY_OBJECT_WINDOW), -1):
        if t.kinds[m] != WORD:
            return ""
        if t.lows[m] in lx.CHANGE_WORDS and t.lows[m] not in ("up", "down", "higher", "lower"):
            return lx.CHANGE_WORDS[t.lows[m]]
    return ""


def _difference_after(t: Tokens, c: Cand) -> None:
    """"100 more than last year", "2,000 fewer.": a difference stated after the figure."""
    e = c.end
    if c.change != "none" or e >= t.n or t.lows[e] not in lx.DIFFERENCE_WORDS or not t.spaced(e):
        return
    after = t.lows[e + 1] if e + 1 < t.n else "."
    if after == "than" or t.kinds[e + 1 if e + 1 < t.n else e] == SYMBOL or e + 1 >= t.n:
        c.change = lx.DIFFERENCE_WORDS[t.lows[e]]


def _qualifier_after(t: Tokens, c: Cand) -> None:
    """"or more", "or so", "or less" after the figure."""
    e = c.end
    if e + 1 < t.n and t.lows[e] == "or" and c.qualifier == "exact":
        nxt = t.lows[e + 1]
        if nxt in ("more", "above", "higher", "over"):
            c.qualifier, c.end = "at_least", e + 2
        elif nxt in ("less", "fewer", "below", "under"):
            c.qualifier, c.end = "at_most", e + 2
        elif nxt == "so":
            c.qualifier, c.end = "approx", e + 2
