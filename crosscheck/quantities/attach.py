"""What a figure counts or measures: currency prefixes, units, rates and counted nouns."""

from __future__ import annotations

import bisect

from crosscheck.quantities import lexicon as lx
from crosscheck.quantities.ages import read_age
from crosscheck.quantities.lexicon import COLLECTIVE_UNITS, STOP_WORDS
from crosscheck.quantities.numerals import letter_follows, read_number
from crosscheck.quantities.tokens import NUMBER, SYMBOL, WORD, WORD_STARTS, Cand, Tokens
from crosscheck.quantities.units import (
    CURRENCY_ECHOES,
    CURRENCY_PREFIX_MAX_CHARS,
    CURRENCY_PREFIXES,
    RATE_NAMES,
    RATE_NOUNS,
    SPACED_CODES,
    Unit,
    match_unit,
)
from crosscheck.words import MONTH_WORDS, NUMBER_WORDS, looks_plural, singular

_PREFIX_LAST_CHARS = frozenset(sym[-1] for sym in CURRENCY_PREFIXES)

# After "a year", "a month": these words make it a time phrase, not a rate.
_NOT_RATE_AFTER = {"earlier", "ago", "later", "before", "after", "on", "previously", "prior"}

COUNT_PHRASE_MAX = 4  # words after a figure searched for its counted noun
OF_PHRASE_MAX = 3  # words of "of ..." between a unit and its period ("of jet fuel a year")
PERIOD_NOUNS = {"second", "minute", "hour", "day", "night", "week", "month", "year", "annum",
                "decade", "century"}


def attach_unit(t: Tokens, c: Cand) -> None:
    """Currency before the figure, then a unit, rate or counted noun after it."""
    if c.unit:
        return  # read with its unit ("tripled")
    _currency_prefix(t, c)
    if c.currency:
        _after_currency(t, c)
        return
    j = c.num_end
    if j < t.n and t.words[j] == "+" and t.gap(j) == 0:
        c.plus = True  # "20,000+ shells"
        j += 1
        c.end = j
    if (c.vague or c.scale != 1.0) and j + 1 < t.n and t.lows[j] == "of" and t.spaced(j):
        j += 1  # "tens of millions of people", "a million of them"
    elif 0 < c.low < 1 and _fraction_of_unit(t, c, j):
        return
    if _million_m(t, c, j):
        j = c.num_end
    found = _unit_at(t, c, j)
    if found is not None:
        _apply_unit(t, c, *found)
    elif read_age(t, c):
        return
    elif c.integer or c.low >= 1:
        _count_noun(t, c, j)


def read_share(t: Tokens, c: Cand) -> None:
    """"a third of its gas", "half the flats", "one in five": a fraction of a whole is a share,
    33.3 percent of something rather than the bare count 0.333 (a decimal like 0.5 stays)."""
    if c.unit or not 0 < c.low < 1 or c.low != c.high or "." in t.words[c.num]:
        return
    if not _whole_follows(t, c):
        # "a third term", "a quarter final", "a half marathon": ordinals and compounds, where
        # "a two-thirds majority" keeps its fraction
        c.drop = c.words and t.lows[c.first] in ("a", "an")
        return
    c.low = c.high = c.low * 100
    c.unit, c.kind = "percentage", "percent"


# Words after a fraction that name the whole it is a part of ("half the flats", "a third of").
_WHOLE_WORDS = {"of", "the", "its", "their", "his", "her", "our", "my", "your", "all", "these",
                "those", "this", "that", "a", "an"}


def _whole_follows(t: Tokens, c: Cand) -> bool:
    """The fraction is of a whole: "x in y" / "x out of y", or the whole or a clause end next."""
    if any(t.lows[k] in ("in", "out") for k in range(c.num, c.num_end)):
        return True
    e = c.end
    return e >= t.n or t.kinds[e] == SYMBOL or t.lows[e] in _WHOLE_WORDS


def _after_currency(t: Tokens, c: Cand) -> None:
    """After "$5": a glued scale ("$5m"), echoes of the currency ("$76 US"), then a rate."""
    j = _currency_scale(t, c, c.num_end)
    while j < t.n and t.words[j] in CURRENCY_ECHOES and t.spaced(j):
        j += 1
    if j + 3 < t.n and t.words[j:j + 4] == ["U", ".", "S", "."]:
        j += 4
    c.end = j
    _rate(t, c, j)


def _fraction_of_unit(t: Tokens, c: Cand, j: int) -> bool:
    """"1/16 of a US pint": a fraction takes the unit after "of"."""
    if j + 2 >= t.n or t.lows[j] != "of":
        return False
    k = j + 2 if t.lows[j + 1] in ("a", "an", "the") else j + 1
    k += 1 if t.words[k] in CURRENCY_ECHOES else 0
    found = _unit_at(t, c, k)
    if found is None or found[0].kind == "currency":
        return False
    c.unit, c.kind, c.end = found[0].name, found[0].kind, found[1]
    return True


def _apply_unit(t: Tokens, c: Cand, unit: Unit, e: int) -> None:
    """Set a unit read after the figure, with its factor, cents and rate."""
    c.unit, c.kind = unit.name, unit.kind
    c.low, c.high = c.low * unit.factor, c.high * unit.factor
    c.end = e
    if unit.name == "pound-mass" and c.scale >= 1e6:
        c.unit, c.kind = "pound sterling", "currency"  # "361 million pounds" is money
    if c.kind == "currency" and unit.name not in lx.CENT_WORDS:
        _cents(t, c, e)
    _rate(t, c, c.end)
    if " per " not in c.unit:
        _rate_after_of(t, c)


def _rate_after_of(t: Tokens, c: Cand) -> None:
    """"2.4 billion gallons of jet fuel a year", "9 hours of sleep a night": the period comes
    after what is measured."""
    e = c.end
    if e >= t.n or t.lows[e] != "of":
        return
    for k in range(e + 1, min(t.n, e + 2 + OF_PHRASE_MAX)):
        if t.lows[k] in ("a", "an", "per", "each", "every") and k + 1 < t.n \
                and t.lows[k + 1] in PERIOD_NOUNS:
            _rate(t, c, k)
            return
        if t.kinds[k] != WORD or t.lows[k] in STOP_WORDS:
            return


def _cents(t: Tokens, c: Cand, e: int) -> None:
    """"3 dollars 50 cents", "thirteen dollars and forty-five cents" as one amount."""
    k = e + 1 if e < t.n and t.lows[e] == "and" else e
    if k >= t.n or not (t.kinds[k] == NUMBER or t.lows[k] in WORD_STARTS) or not t.spaced(k):
        return
    sub = read_number(t, k, -1)
    if sub is None or sub.low != sub.high or not 0 < sub.low < 100:
        return
    m = sub.num_end
    if m < t.n and t.lows[m] in lx.CENT_WORDS and t.spaced(m):
        c.low, c.high = c.low + sub.low / 100, c.high + sub.low / 100
        c.end = m + 1


def _million_m(t: Tokens, c: Cand, j: int) -> bool:
    """"3m shells", "2.3m barrels", "between 1m and 3m shells": a glued "m" before a count or
    a non-length unit is a million; before "long", "sprint" or a singular noun it is metres."""
    if j >= t.n or t.words[j] != "m" or t.gap(j) != 0 or c.scale != 1.0:
        return False
    k = j + 1
    while k < t.n and t.lows[k] in ("and", "to", "-", "or") or (k < t.n and t.kinds[k] == NUMBER):
        if t.kinds[k] == NUMBER and not (k + 1 < t.n and t.words[k + 1] == "m"):
            return False
        k += 2 if t.kinds[k] == NUMBER else 1
    if k >= t.n or not t.spaced(k) or not _counts_after_m(t, k):
        return False
    c.low, c.high, c.scale = c.low * 1e6, c.high * 1e6, 1e6
    c.num_end = c.end = j + 1
    return True


def _counts_after_m(t: Tokens, k: int) -> bool:
    """What follows "4.1m" makes it millions: "of", a plural, or a unit that is not a length."""
    if t.lows[k] == "of":
        return True
    if t.lows[k] in lx.DIMENSION_WORDS:
        return False
    found = match_unit(t.words, t.lows, k, min(t.n, k + 3))
    if found is not None:
        return found[0].kind not in ("length", "area", "speed")
    for m in range(k, min(t.n, k + lx.SCALE_PHRASE_MAX)):
        if t.kinds[m] != WORD or t.lows[m] in STOP_WORDS or not t.spaced(m):
            return False
        if looks_plural(t.words[m]):
            return True
    return False


def _unit_at(t: Tokens, c: Cand, j: int) -> tuple[Unit, int] | None:
    """The unit written at token j (after an optional glued hyphen), if any."""
    if j >= t.n:
        return None
    if t.words[j] == "-" and t.gap(j) == 0 and j + 1 < t.n and t.gap(j + 1) == 0:
        j += 1
    elif not t.spaced(j):
        return None
    limit = j + 1
    while limit < min(t.n, j + 6) and t.gap(limit) <= 1 and not (
            t.kinds[limit] == NUMBER and t.gap(limit) != 0):
        limit += 1  # a unit never spans a spaced digit: "12 m 2 dm" is not "12 m2"
    found = match_unit(t.words, t.lows, j, limit)
    if found is None:
        return None
    unit, e = found
    if unit.tight and t.gap(j) != 0:
        return None
    if t.words[j] == '"' and t.quotes_before(t.starts[j]) % 2 == 1:
        return None  # 'rises to 133"': the closing quote of a headline, not inches
    if e < t.n and t.gap(e) == 0 and t.kinds[e] in (WORD, NUMBER):
        return None  # "5 min" yes; "5 minx", "24703L202", "5 $10 bills" no
    if len(t.words[j]) == 1 and t.kinds[j] == WORD and e == j + 1 and t.gap(j) != 0 \
            and e < t.n and t.kinds[e] == WORD and t.words[j] not in ("W", "C", "F", "V", "p") \
            and t.lows[e] not in lx.DIMENSION_WORDS:
        return None  # "5 m people" is no unit; "4.1 m long", "3 L of wine" are
    return unit, e


def _currency_prefix(t: Tokens, c: Cand) -> None:
    """A currency symbol or code written before the digits ("$", "US$", "€", "HK $", "PS")."""
    start = t.starts[c.first]
    head = t.text[max(0, start - CURRENCY_PREFIX_MAX_CHARS):start]
    for cut in (head, head[:-1] if head.endswith(" ") else None):
        if not cut or cut[-1] not in _PREFIX_LAST_CHARS:
            continue
        for size in range(min(len(cut), CURRENCY_PREFIX_MAX_CHARS), 0, -1):
            sym = cut[-size:]
            if sym in CURRENCY_PREFIXES and _prefix_ok(t, c, sym, start - (len(head) - len(cut))):
                c.currency = True
                c.unit, c.kind = CURRENCY_PREFIXES[sym], "currency"
                c.first = bisect.bisect_left(t.starts, start - (len(head) - len(cut)) - size)
                return


def _prefix_ok(t: Tokens, c: Cand, sym: str, sym_end: int) -> bool:
    """A currency prefix must not be the tail of a longer word ("CHRs 5", "TOPS2")."""
    before = sym_end - len(sym) - 1
    if sym[0].isalpha() and before >= 0 and t.text[before].isalnum():
        return False
    if sym == "PS":
        return t.starts[c.num] == sym_end and ("," in t.words[c.num] or "." in t.words[c.num]
                                              or c.scale != 1.0 or _glued_scale(t, c))
    if sym[-1] == " " or (sym_end < t.starts[c.first] and sym[-1].isalpha()
                          and sym not in SPACED_CODES):
        return False
    return not (c.words and sym.isalpha())


def _glued_scale(t: Tokens, c: Cand) -> bool:
    j = c.num_end
    return j < t.n and t.gap(j) == 0 and t.words[j] in lx.CURRENCY_ONLY_SCALES


def _currency_scale(t: Tokens, c: Cand, j: int) -> int:
    """"m" and "b" glued to a currency amount are scales ("$5m", "PS2.7m", "USD10m")."""
    if j < t.n and t.gap(j) == 0 and t.words[j] in lx.CURRENCY_ONLY_SCALES \
            and not letter_follows(t, j) and c.scale == 1.0:
        f = lx.CURRENCY_ONLY_SCALES[t.words[j]]
        c.low, c.high, c.scale = c.low * f, c.high * f, f
        c.num_end = j + 1
        return j + 1
    return j


def _rate(t: Tokens, c: Cand, e: int, glued_only: bool = False) -> None:
    """"per barrel", "a month", "/h" after a unit make a rate ("dollar per barrel")."""
    if e >= t.n or not c.unit:
        return
    k = e
    if t.words[k] == "-" and k + 2 < t.n and t.lows[k + 1] in ("a", "an", "per") \
            and t.words[k + 2] == "-":
        k, glued = k + 3, True
    elif t.lows[k] in ("per", "a", "an", "/", "every", "each") and k + 1 < t.n and t.spaced(k):
        k, glued = k + 1, t.lows[k] == "per" or t.words[k] == "/"
    else:
        return
    if k >= t.n or not t.spaced(k) or (glued_only and not glued):
        return
    found = match_unit(t.words, t.lows, k, min(t.n, k + 4))
    if found is not None and found[0].kind not in ("currency", "percent"):
        name, end = found[0].name, found[1]
    elif t.kinds[k] == WORD and t.lows[k] not in STOP_WORDS and (glued or t.lows[k] in RATE_NOUNS):
        name, end = singular(t.words[k]), k + 1
    else:
        return
    name = RATE_NAMES.get(name, name)
    if not glued and (name not in RATE_NOUNS or (end < t.n and t.lows[end] in _NOT_RATE_AFTER)):
        return
    speed = c.kind == "length" and found is not None and found[0].kind == "duration"
    c.unit = f"{c.unit} per {name}"
    c.kind = "speed" if speed else "rate"
    c.end = end


def _count_noun(t: Tokens, c: Cand, j: int) -> None:
    """The counted noun after a bare figure: first plural within a few words ("shells")."""
    k, phrase = j, list[str]()
    if k + 1 < t.n and t.words[k] == "-" and t.gap(k) == 0 and t.gap(k + 1) == 0 \
            and t.kinds[k + 1] == WORD and t.lows[k + 1] not in STOP_WORDS:
        word, end = _compound_word(t, k + 1)
        if word.lower() == "strong" and end < t.n and t.kinds[end] == WORD and t.spaced(end):
            word, end = _compound_word(t, end)  # "a 1,000-strong force"
        _set_count(t, c, word, end)  # "six-cylinder engines", "a 5-door car": the unit is glued
        return
    if k < t.n and t.gap(k) == 0:
        return  # "5G", "3D": glued letters are a name, not a noun
    if c.words and t.lows[c.num] == "one" and _one_of_superlative(t, c, k):
        return
    if k + 1 < t.n and t.lows[k] in lx.DIFFERENCE_WORDS and t.spaced(k) \
            and _noun_like(t, k + 1, False):
        c.change = lx.DIFFERENCE_WORDS[t.lows[k]]  # "3,000 fewer patients", "100 more troops"
        k += 1
    while k < t.n and len(phrase) < COUNT_PHRASE_MAX and _noun_like(t, k, bool(phrase)):
        word, k = _compound_word(t, k)
        phrase.append(word)
        if looks_plural(word.rpartition("-")[2]):
            _set_count(t, c, word, k)
            return
        if c.low == 1 and c.high == 1:
            _set_count(t, c, word, k)
            return
    if not phrase:
        return
    stop = k >= t.n or t.kinds[k] != WORD or t.lows[k] in STOP_WORDS
    if phrase[-1].lower() in COLLECTIVE_UNITS or (
            stop and len(phrase) > 1 and all(w.islower() for w in phrase)):
        _set_count(t, c, phrase[-1], k)


def _one_of_superlative(t: Tokens, c: Cand, k: int) -> bool:
    """"one of the best screens": NewsQuant counts it as 1 of that noun."""
    if k + 3 >= t.n or t.lows[k] != "of" or t.lows[k + 1] not in ("the", "its", "his", "her",
                                                                   "their", "our", "my", "your"):
        return False
    sup = t.lows[k + 2]
    if not (sup in ("most", "best", "worst", "least") or (sup.endswith("est") and len(sup) > 4)):
        return False
    m = k + 3
    while m < t.n and m < k + 3 + COUNT_PHRASE_MAX and t.kinds[m] == WORD:
        if looks_plural(t.words[m]):
            _set_count(t, c, t.words[m], m + 1)
            return True
        m += 1
    return False


def _noun_like(t: Tokens, k: int, inside: bool) -> bool:
    """Token k can belong to a counted-noun phrase."""
    low = t.lows[k]
    return t.kinds[k] == WORD and len(low) > 1 and t.spaced(k) and low not in STOP_WORDS \
        and low not in NUMBER_WORDS and not low.endswith("ly") and t.words[k] not in MONTH_WORDS


def _compound_word(t: Tokens, k: int) -> tuple[str, int]:
    """The word at k, joined with a glued hyphenated tail ("first-team")."""
    if k + 2 < t.n and t.words[k + 1] == "-" and t.gap(k + 1) == 0 and t.gap(k + 2) == 0 \
            and t.kinds[k + 2] == WORD:
        return t.words[k] + "-" + t.words[k + 2], k + 3
    return t.words[k], k + 1


def _set_count(t: Tokens, c: Cand, head: str, end: int) -> None:
    """Set a counted noun as the unit, or the unit it names ("50 previous years")."""
    low = head.lower()
    found = match_unit([head], [low], 0, 1)
    if found is not None and found[0].kind == "duration" and head.islower():
        c.unit, c.kind = found[0].name, found[0].kind
    else:
        c.unit = COLLECTIVE_UNITS.get(low) or singular(head)
        c.kind = "count"
    c.end = end
    _rate(t, c, end, glued_only=True)
