"""The quantity engine: tokens → number expressions → units → filters → ranges → qualifiers.

Everything works on one token list per sentence and looks at a bounded window around each
figure, so the cost is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import math
import re

from crosscheck.models import Quantity
from crosscheck.quantities import _lexicon as lx
from crosscheck.quantities._units import (
    CURRENCY_ECHOES, CURRENCY_PREFIX_MAX_CHARS, CURRENCY_PREFIXES, RATE_NAMES, RATE_NOUNS,
    SPACED_CODES, Unit, match_unit,
)
from crosscheck.quantities._words import COLLECTIVE_UNITS, STOP_WORDS, looks_plural, singular

# One-to-one character map (spans stay valid): odd spaces, dashes, minus and full-width digits.
_TRANSLATE = {ord(c): " " for c in "\u00a0\u2007\u2009\u200a\u202f\u2002\u2003\u2004\u2005\u2006\u3000\t"}
_TRANSLATE.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d"})
_TRANSLATE.update({0xFF10 + d: str(d) for d in range(10)})
_TRANSLATE.update({ord("\u2044"): "/", ord("\u2019"): "'", ord("\u2032"): "'", ord("\uff05"): "%",
                   ord("\uff0c"): ",", ord("\uff0e"): "."})

_NUMBER_WORD_RE = "|".join(sorted(
    set(lx.SMALL_NUMBERS) | set(lx.TENS) | set(lx.SCALE_WORDS) | set(lx.VAGUE_PLURALS)
    | set(lx.FRACTION_WORDS) | {"hundred", "dozen", "tens"}, key=len, reverse=True))
_CANDIDATE_RE = re.compile(rf"[0-9][0-9.,]*|[½¼¾⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]|\b(?:{_NUMBER_WORD_RE})\b", re.IGNORECASE)
_BLOCKED_RE = re.compile(
    r"(?=[0-9(+])(?:"  # every alternative starts here: positions elsewhere fail at once
    r"(?:\+[0-9]{1,3}[ .-]?)?\(?[0-9]{2,4}\)?[ .-][0-9]{3,4}[.-][0-9]{3,4}(?![0-9])"  # phones
    r"|\+[0-9]{1,3}(?:[ .-][0-9]{2,5}){2,4}"                                          # +44 20 ...
    r"|\b[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}\b|\b[0-9]{4}-[0-9]{2}-[0-9]{2}\b"          # dates
    r"|\b0[0-9]{2,4}[ -][0-9]{3,4}[ -][0-9]{3,4}\b"                                 # 020 7946 0958
    r"|\b[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])|\b24/7\b)")                       # times
_PREFIX_LAST_CHARS = frozenset(sym[-1] for sym in CURRENCY_PREFIXES)
_SCALE_AFTER_SPACE = {"bn", "bln", "mn", "mln", "tn", "trn"}
_WORD_STARTS = (set(lx.SMALL_NUMBERS) | set(lx.TENS) | set(lx.SCALE_WORDS) | set(lx.VAGUE_PLURALS)
                | {"a", "an", "hundred", "dozen", "half", "tens"})
_A_FOLLOWERS = {"hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "third",
                "quarter"}
_HALF_BLOCKERS = {"the", "first", "second", "other", "latter", "former", "this", "that", "each",
                  "its", "their", "his", "her", "one", "last", "next", "a", "an", "upper", "lower"}
_ONE_BLOCKERS = {"no", "any", "each", "every", "the", "this", "that", "which", "some",
                 "someone", "anyone", "everyone", "no-one", "another", "a", "like"}
_HYPHEN_PREFIXES = {"minus", "sub", "to", "mid", "over", "under", "up", "pre", "post", "than",
                    "and", "or", "from", "about", "around", "nearly", "now", "then", "age",
                    "aged", "top", "all", "early", "late", "just", "some", "almost", "over"}
_ID_AFTER_DOT = {"no", "nos", "art", "sec", "vol", "fig", "ch", "pp", "p", "op", "ref"}
NUMBER_WORDS = frozenset(_WORD_STARTS | set(lx.FRACTION_WORDS) | {"hundred"}) - {"a", "an"}
# Verbs that take "up"/"down" as a particle, not as a change ("gave up 517 yards").
_PHRASAL_VERBS = {"give", "gave", "given", "gives", "giving", "set", "sets", "put", "puts",
                  "pick", "picked", "picks", "make", "made", "makes", "sign", "signed", "take",
                  "took", "taken", "takes", "shut", "back", "backed", "turn", "turned", "line",
                  "lined", "break", "broke", "bring", "brought", "show", "showed", "call",
                  "called", "add", "adds", "sum", "summed", "round", "rounded", "come", "came",
                  "comes", "go", "went", "goes", "wind", "wound", "shot", "use", "used", "step",
                  "stepped", "stand", "stood", "sit", "sat", "write", "wrote", "written"}
# After "a year", "a month": these words make it a time phrase, not a rate.
_NOT_RATE_AFTER = {"earlier", "ago", "later", "before", "after", "on", "previously", "prior"}
# Determiners before a bare number word that make it a name or rank ("the bottom three").
_BARE_WORD_BLOCKERS = {"the", "top", "bottom", "big", "all", "those", "these", "first", "last",
                       "'s", "s", "of", "several", "few", "many", "couple"}
MAX_EXPONENT_DIGITS = 3  # 10^999 at most: beyond that the float is inf and is skipped
# Denominators that make "a/b" a fraction; "9/11", "24/7", "7/7" are names and dates.
FRACTION_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 64, 100, 128, 1000}
SIGNIFICANT_DIGITS = 12  # beyond what any news figure states, above float scaling noise
UNIT_INHERIT_WINDOW = 6  # tokens between "from X unit" and "to Y" (covers "in 2008", "combined")
CONTEXT_WINDOW = 4  # tokens looked at before a figure for qualifiers and change verbs
COUNT_PHRASE_MAX = 4  # words after a figure searched for its counted noun


_GROUPED_TOKEN_RE = re.compile(r"([0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?|(?<![0-9])\.[0-9]+)"
                               r"|([^\W\d_]+)|(\S)")
_KIND_NAMES = (None, "n", "w", "s")


class _Tokens:
    """Parallel token lists of one normalized sentence."""

    __slots__ = ("text", "words", "lows", "starts", "ends", "kinds", "n")

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(_GROUPED_TOKEN_RE.finditer(text))
        self.words = [m.group() for m in found]
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]
        self.kinds = [_KIND_NAMES[m.lastindex] for m in found]
        self.lows = [w.lower() for w in self.words]
        self.n = len(self.words)

    def gap(self, i: int) -> int:
        """Characters between token i-1 and token i (large when i is the first token)."""
        return self.starts[i] - self.ends[i - 1] if i > 0 else 99

    def spaced(self, i: int) -> bool:
        """True when token i follows token i-1 after at most one plain space."""
        g = self.gap(i)
        return g == 0 or (g == 1 and self.text[self.starts[i] - 1] == " ")

    def newline_before(self, i: int) -> bool:
        """True when token i starts a line."""
        return i == 0 or "\n" in self.text[self.ends[i - 1]:self.starts[i]]


class _Cand:
    """A figure being assembled: token extent, interval, unit and flags."""

    __slots__ = ("first", "num", "num_end", "end", "low", "high", "unit", "kind", "scale",
                 "currency", "words", "vague", "int4", "integer", "qualifier", "change", "sign",
                 "drop", "plus")

    def __init__(self, num: int, num_end: int, value: float) -> None:
        self.first, self.num, self.num_end, self.end = num, num, num_end, num_end
        self.low = self.high = value
        self.unit, self.kind, self.scale = "", "count", 1.0
        self.currency = self.words = self.vague = self.int4 = self.plus = False
        self.integer = True
        self.qualifier, self.change, self.sign, self.drop = "exact", "none", "", False


def parse(text: str) -> list[Quantity]:
    """Every quantity stated in text (see crosscheck.quantities.parse_quantities)."""
    if not isinstance(text, str) or not text:
        return []
    norm = text.translate(_TRANSLATE)
    hits = [m.start() for m in _CANDIDATE_RE.finditer(norm)]
    if not hits:
        return []
    t = _Tokens(norm)
    blocked = _blocked_tokens(t)
    cands = _read_all(t, blocked, hits)
    cands = [c for c in cands if not c.drop]
    cands = _merge_ranges(t, cands)
    _inherit_units(t, cands)
    out = []
    prev = None
    for c in cands:
        if not (math.isfinite(c.low) and math.isfinite(c.high)):
            continue  # beyond float range: no usable value
        _qualify(t, c, prev)
        out.append(_to_quantity(text, t, c))
        prev = c
    return out


def _blocked_tokens(t: _Tokens) -> set[int]:
    """Indices of tokens inside phone numbers, numeric dates and clock times."""
    blocked: set[int] = set()
    for m in _BLOCKED_RE.finditer(t.text):
        k = bisect.bisect_left(t.starts, m.start())
        while k < t.n and t.starts[k] < m.end():
            blocked.add(k)
            k += 1
    return blocked


def _read_all(t: _Tokens, blocked: set[int], hits: list[int]) -> list[_Cand]:
    """Scan the tokens left to right, reading every figure with its unit."""
    cands: list[_Cand] = []
    last_end = -1
    for i in _start_tokens(t, hits):
        if i < last_end or i in blocked:
            continue
        c = _read_number(t, i, last_end)
        if c is None:
            continue
        _out_of(t, c)
        _attach_unit(t, c)
        _filter(t, c, blocked)
        cands.append(c)
        last_end = c.end
    return cands


def _start_tokens(t: _Tokens, hits: list[int]) -> list[int]:
    """Tokens where a figure may start: digits, number words and "a"/"an" before them."""
    found: list[int] = []
    for pos in hits:
        i = bisect.bisect_right(t.starts, pos) - 1  # the token holding the match
        if i < 0 or t.ends[i] <= pos:
            continue
        if i > 0 and t.lows[i - 1] in ("a", "an") and (not found or found[-1] < i - 1):
            found.append(i - 1)
        if not found or found[-1] < i:
            found.append(i)
    return found


def _out_of(t: _Tokens, c: _Cand) -> None:
    """"one out of three", "1 in 5" as a fraction."""
    j = c.num_end
    if j + 2 < t.n and t.lows[j] == "out" and t.lows[j + 1] == "of":
        k = j + 2
    elif j + 1 < t.n and t.lows[j] == "in" and (c.low == 1 or _plural_after(t, j + 2)):
        k = j + 1  # "one in five", "two in five adults"
    else:
        return
    if t.kinds[k] == "n" and t.words[k].isdigit():
        den = float(t.words[k])
    elif t.lows[k] in lx.SMALL_NUMBERS or t.lows[k] in lx.TENS:
        den = float(lx.SMALL_NUMBERS.get(t.lows[k]) or lx.TENS[t.lows[k]])
    else:
        return
    if den > c.low:
        c.low = c.high = c.low / den
        c.num_end = c.end = k + 1
        c.integer = c.int4 = False


def _plural_after(t: _Tokens, k: int) -> bool:
    return k < t.n and t.kinds[k] == "w" and looks_plural(t.words[k])


def _read_number(t: _Tokens, i: int, last_end: int) -> _Cand | None:
    """Read the number expression starting at token i, digits or words."""
    if t.kinds[i] == "n":
        return _read_digits(t, i, last_end)
    if t.words[i] in lx.VULGAR_FRACTIONS:
        c = _Cand(i, i + 1, lx.VULGAR_FRACTIONS[t.words[i]])
        c.integer = False
        return c
    return _read_words(t, i)


def _parse_digits(word: str) -> float:
    if word.startswith("."):
        return float("0" + word)
    return float(word.replace(",", ""))


def _read_digits(t: _Tokens, i: int, last_end: int) -> _Cand:
    """Digits with separators, space-grouped thousands, fractions, sign and scale words."""
    w = t.words[i]
    value = _parse_digits(w)
    j = i + 1
    if w.isdigit() and len(w) <= 3:
        while (j < t.n and t.kinds[j] == "n" and len(t.words[j]) == 3 and t.words[j].isdigit()
               and t.gap(j) == 1 and t.text[t.starts[j] - 1] == " "
               and not (j + 1 < t.n and t.kinds[j + 1] == "n" and t.gap(j + 1) == 1
                        and len(t.words[j + 1]) != 3)):
            value = value * 1000 + int(t.words[j])
            j += 1
    c = _Cand(i, j, value)
    c.integer = "." not in w
    c.int4 = w.isdigit() and len(w) == 4 and j == i + 1
    if c.integer and j < t.n:
        _mixed_fraction(t, c)
    _exponent(t, c)
    _and_a_half(t, c)
    if j + 1 < t.n and t.words[j] == "/" and t.gap(j) == 0 and t.gap(j + 1) == 0 \
            and t.kinds[j + 1] == "n" and t.words[j + 1].isdigit() and c.integer:
        den = float(t.words[j + 1])
        if den in FRACTION_DENOMINATORS and not (j + 2 < t.n and t.words[j + 2] == "/"):
            c.low = c.high = value / den
            c.integer = c.int4 = False
        else:
            c.drop = True  # "9/11", "24/7": a name or a date, not a fraction
        c.num_end = c.end = j + 2
    _read_sign(t, c, last_end)
    _read_scale(t, c)
    return c


def _mixed_fraction(t: _Tokens, c: _Cand) -> None:
    """"10 1/2 miles", "7 3/4 %", "10½": a whole number and a proper fraction."""
    j = c.num_end
    if t.words[j] in lx.VULGAR_FRACTIONS and t.gap(j) == 0:
        c.low = c.high = c.low + lx.VULGAR_FRACTIONS[t.words[j]]
        c.num_end = c.end = j + 1
    elif j + 2 < t.n and t.kinds[j] == "n" and t.gap(j) == 1 and t.words[j].isdigit() \
            and t.words[j + 1] == "/" and t.gap(j + 1) == 0 and t.gap(j + 2) == 0 \
            and t.words[j + 2].isdigit() and 0 < int(t.words[j]) < int(t.words[j + 2]):
        c.low = c.high = c.low + int(t.words[j]) / int(t.words[j + 2])
        c.num_end = c.end = j + 3
    else:
        return
    c.integer = c.int4 = False


def _and_a_half(t: _Tokens, c: _Cand) -> None:
    """"two and a half years", "2-and-a-half hours": add the half."""
    j = c.num_end
    words = t.lows[j:j + 5]
    if words[:3] == ["and", "a", "half"]:
        end = j + 3
    elif words == ["-", "and", "-", "a", "-"] and t.lows[j + 5:j + 6] == ["half"]:
        end = j + 6
    else:
        return
    c.low, c.high = c.low + 0.5, c.high + 0.5
    c.num_end = c.end = end
    c.integer = c.int4 = False


def _exponent(t: _Tokens, c: _Cand) -> None:
    """Scientific notation: "1.99×10-30", "3 x 10^8"."""
    j = c.num_end
    if not (j + 2 < t.n and t.lows[j] in ("×", "x", "*") and t.gap(j) <= 1
            and t.words[j + 1] == "10" and t.gap(j + 1) <= 1):
        return
    k, sign = j + 2, 1
    if t.words[k] == "^" and t.gap(k) == 0:
        k += 1
    if k < t.n and t.words[k] in ("-", "+") and t.gap(k) == 0:
        sign = -1 if t.words[k] == "-" else 1
        k += 1
    if k < t.n and t.kinds[k] == "n" and t.gap(k) == 0 and t.words[k].isdigit() \
            and len(t.words[k]) <= MAX_EXPONENT_DIGITS:
        c.low = c.high = c.low * 10.0 ** (sign * int(t.words[k]))
        c.num_end = c.end = k + 1
        c.integer = c.int4 = False


def _read_sign(t: _Tokens, c: _Cand, last_end: int) -> None:
    """A minus sign, "minus" or a leading "+" before the digits."""
    i = c.num
    if i >= 1 and t.words[i - 1] in ("-", "+") and t.gap(i) == 0:
        before = i - 2
        loose = before < 0 or t.gap(i - 1) > 0
        joined = before >= 0 and t.gap(i - 1) == 0 and (
            t.lows[before] == "minus" or t.words[before] in CURRENCY_PREFIXES)
        if (loose and last_end != i - 1 and (before < 0 or t.kinds[before] != "n")) or joined:
            c.sign = t.words[i - 1]
            c.first = i - 1
            if t.words[i - 1] == "-":
                c.low = c.high = -c.low
            if joined and t.lows[before] == "minus":
                c.first = before
        return
    if i >= 1 and t.lows[i - 1] == "minus" and t.spaced(i):
        c.sign, c.first = "-", i - 1
        c.low = c.high = -c.low


def _read_scale(t: _Tokens, c: _Cand) -> None:
    """Scale words and abbreviations after digits ("4 hundred million", "$1.2bn", "5k")."""
    j = c.num_end
    factor = 1.0
    while j < t.n and t.spaced(j):
        low = t.lows[j]
        if low == "hundred":
            factor *= 100
        elif low in lx.SCALE_WORDS:
            factor *= lx.SCALE_WORDS[low]
        elif t.words[j] in lx.SCALE_ABBREVIATIONS and (t.gap(j) == 0 or low in _SCALE_AFTER_SPACE) \
                and not _letter_follows(t, j):
            factor *= lx.SCALE_ABBREVIATIONS[t.words[j]]
        elif low in _SCALE_AFTER_SPACE:
            factor *= lx.SCALE_ABBREVIATIONS.get(low, 1e9)
        else:
            break
        j += 1
    if factor != 1.0:
        c.low, c.high, c.scale = c.low * factor, c.high * factor, factor
        c.num_end = c.end = j
        c.integer = True
        c.int4 = False


def _letter_follows(t: _Tokens, j: int) -> bool:
    """True when token j is glued to a following word or digit ("5M-year"? no: "5Mb")."""
    return j + 1 < t.n and t.gap(j + 1) == 0 and t.kinds[j + 1] != "s"


def _read_words(t: _Tokens, i: int) -> _Cand | None:
    """Number words: "a hundred thousand", "twenty-five", "two-thirds", "tens of millions"."""
    low = t.lows[i]
    if low in ("tens", "hundreds", "dozens") or low in lx.VAGUE_PLURALS:
        return _read_vague(t, i)
    if low in ("a", "an"):
        if not (i + 1 < t.n and t.lows[i + 1] in _A_FOLLOWERS and t.spaced(i + 1)):
            return None
    if low == "half":
        return _read_half(t, i)
    if low in ("hundred", "dozen") or low in lx.SCALE_WORDS:
        if i > 0 and t.lows[i - 1] in _BARE_WORD_BLOCKERS:
            return None
    total, current, j, seen = 0.0, 0.0, i, False
    while j < t.n and (j == i or t.spaced(j)):
        w = t.lows[j]
        if w in ("a", "an") and j == i:
            current = 1.0
        elif w in lx.SMALL_NUMBERS and (current % 100 == 0 or (
                current % 100 >= 20 and current % 10 == 0 and lx.SMALL_NUMBERS[w] < 10)):
            current += lx.SMALL_NUMBERS[w]
        elif w in lx.TENS and current % 100 == 0:
            current += lx.TENS[w]
        elif w == "-" and seen and j + 1 < t.n and t.gap(j + 1) == 0 \
                and (t.lows[j + 1] in lx.SMALL_NUMBERS or t.lows[j + 1] in lx.FRACTION_WORDS):
            j += 1
            continue
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w == "and" and seen and current >= 100 and j + 1 < t.n \
                and (t.lows[j + 1] in lx.SMALL_NUMBERS or t.lows[j + 1] in lx.TENS):
            j += 1
            continue
        elif w in lx.SCALE_WORDS:
            total += (current or 1.0) * lx.SCALE_WORDS[w]
            current = 0.0
        elif w == "dozen":
            current = (current or 1.0) * 12
        elif w in lx.FRACTION_WORDS and seen and (total + current) < 20 \
                and not (w in ("half", "halves") and current > 1) \
                and not (j + 1 < t.n and t.words[j + 1] == "-" and t.gap(j + 1) == 0):
            current = (current or 1.0) * lx.FRACTION_WORDS[w]
            j += 1
            seen = True
            if j < t.n and t.lows[j] in lx.SCALE_WORDS:  # "a quarter million"
                current *= lx.SCALE_WORDS[t.lows[j]]
                j += 1
            break
        else:
            break
        seen = True
        j += 1
    if not seen or (j == i + 1 and low in ("a", "an")):
        return None
    c = _Cand(i, j, total + current)
    _and_a_half(t, c)
    c.words = True
    c.integer = float(total + current).is_integer()
    if total:
        c.scale = 1e3
    return c


def _read_half(t: _Tokens, i: int) -> _Cand | None:
    """"half" as 0.5, and "half a million" as 500,000."""
    if i > 0 and (t.lows[i - 1] in _HALF_BLOCKERS or t.lows[i - 1].endswith("ern")):
        return None
    j = i + 1
    value = 0.5
    if j + 1 < t.n and t.lows[j] in ("a", "an") and t.lows[j + 1] in lx.SCALE_WORDS:
        value *= lx.SCALE_WORDS[t.lows[j + 1]]
        j += 2
    elif j + 1 < t.n and t.lows[j] in ("a", "an") and t.lows[j + 1] == "dozen":
        value, j = 6.0, j + 2
    elif j < t.n and t.lows[j] in lx.SCALE_WORDS:
        value *= lx.SCALE_WORDS[t.lows[j]]
        j += 1
    c = _Cand(i, j, value)
    c.words = True
    c.integer = False
    return c


def _read_vague(t: _Tokens, i: int) -> _Cand | None:
    """"dozens", "thousands", "tens of millions", "hundreds of thousands" as decade ranges."""
    low = t.lows[i]
    if low in ("tens", "hundreds") and i + 2 < t.n and t.lows[i + 1] == "of" \
            and t.lows[i + 2] in lx.VAGUE_PLURALS and t.lows[i + 2] != "dozens":
        base = lx.VAGUE_PLURALS[t.lows[i + 2]][0]
        mult = 10.0 if low == "tens" else 100.0
        c = _Cand(i, i + 3, base * mult)
        c.high = base * mult * 10
    elif low in lx.VAGUE_PLURALS:
        lo, hi = lx.VAGUE_PLURALS[low]
        c = _Cand(i, i + 1, lo)
        c.high = hi
    else:
        return None
    if i > 0 and t.lows[i - 1] in ("the", "their", "its", "his", "her"):
        return None
    c.vague = c.words = True
    c.qualifier = "range"
    return c


def _attach_unit(t: _Tokens, c: _Cand) -> None:
    """Currency before the figure, then a unit, rate or counted noun after it."""
    _currency_prefix(t, c)
    j = c.num_end
    if c.currency:
        j = _currency_scale(t, c, j)
        while j < t.n and t.words[j] in CURRENCY_ECHOES and t.spaced(j):
            j += 1
        if j + 3 < t.n and t.words[j:j + 4] == ["U", ".", "S", "."]:
            j += 4
        c.end = j
        _rate(t, c, j)
        return
    if j < t.n and t.words[j] == "+" and t.gap(j) == 0:
        c.plus = True
        j += 1
        c.end = j
    if c.vague or c.scale != 1.0:
        if j + 1 < t.n and t.lows[j] == "of" and t.spaced(j):
            j += 1
    elif 0 < c.low < 1 and j + 2 < t.n and t.lows[j] == "of":
        k = j + 2 if t.lows[j + 1] in ("a", "an", "the") else j + 1
        k += 1 if t.words[k] in CURRENCY_ECHOES else 0
        found = _unit_at(t, c, k)
        if found is not None and found[0].kind != "currency":
            c.unit, c.kind, c.end = found[0].name, found[0].kind, found[1]
            return
    if _million_m(t, c, j):
        j = c.num_end
    found = _unit_at(t, c, j)
    if found is not None:
        unit, e = found
        c.unit, c.kind = unit.name, unit.kind
        c.low, c.high = c.low * unit.factor, c.high * unit.factor
        c.end = e
        if unit.name == "pound-mass" and c.scale >= 1e6:
            c.unit, c.kind = "pound sterling", "currency"  # "361 million pounds" is money
        if c.kind == "currency" and unit.name not in lx.CENT_WORDS:
            _cents(t, c, e)
        _rate(t, c, c.end)
        return
    if c.num > 0 and t.lows[c.num - 1] in ("aged", "age") and not c.words:
        c.unit, c.kind = "year of age", "duration"  # "aged 45"
        return
    if c.integer or c.low >= 1:
        _count_noun(t, c, j)


def _cents(t: _Tokens, c: _Cand, e: int) -> None:
    """"3 dollars 50 cents", "thirteen dollars and forty-five cents" as one amount."""
    k = e + 1 if e < t.n and t.lows[e] == "and" else e
    if k >= t.n or not (t.kinds[k] == "n" or t.lows[k] in _WORD_STARTS) or not t.spaced(k):
        return
    sub = _read_number(t, k, -1)
    if sub is None or sub.low != sub.high or not 0 < sub.low < 100:
        return
    m = sub.num_end
    if m < t.n and t.lows[m] in lx.CENT_WORDS and t.spaced(m):
        c.low, c.high = c.low + sub.low / 100, c.high + sub.low / 100
        c.end = m + 1


def _million_m(t: _Tokens, c: _Cand, j: int) -> bool:
    """"3m shells", "between 1m and 3m shells": a glued "m" before a count is a million."""
    if j >= t.n or t.words[j] != "m" or t.gap(j) != 0 or c.scale != 1.0:
        return False
    k = j + 1
    while k < t.n and t.lows[k] in ("and", "to", "-", "or") or (k < t.n and t.kinds[k] == "n"):
        if t.kinds[k] == "n" and not (k + 1 < t.n and t.words[k + 1] == "m"):
            return False
        k += 2 if t.kinds[k] == "n" else 1
    if k >= t.n or not t.spaced(k) or not (t.lows[k] == "of" or looks_plural(t.words[k])):
        return False
    if match_unit(t.words, t.lows, k, min(t.n, k + 3)) is not None and t.lows[k] != "of":
        return False
    c.low, c.high, c.scale = c.low * 1e6, c.high * 1e6, 1e6
    c.num_end = c.end = j + 1
    return True


def _unit_at(t: _Tokens, c: _Cand, j: int) -> tuple[Unit, int] | None:
    """The unit written at token j (after an optional glued hyphen), if any."""
    if j >= t.n:
        return None
    if t.words[j] == "-" and t.gap(j) == 0 and j + 1 < t.n and t.gap(j + 1) == 0:
        j += 1
    elif not t.spaced(j):
        return None
    found = match_unit(t.words, t.lows, j, min(t.n, j + 6))
    if found is None:
        return None
    unit, e = found
    if unit.tight and t.gap(j) != 0:
        return None
    if e < t.n and t.gap(e) == 0 and t.kinds[e] in ("w", "n"):
        return None  # "5 min" yes; "5 minx", "24703L202", "5 $10 bills" no
    if len(t.words[j]) == 1 and t.kinds[j] == "w" and e == j + 1 and t.gap(j) != 0 \
            and e < t.n and t.kinds[e] == "w" and t.words[j] not in ("W", "C", "F", "V", "p"):
        return None
    return unit, e


def _currency_prefix(t: _Tokens, c: _Cand) -> None:
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


def _prefix_ok(t: _Tokens, c: _Cand, sym: str, sym_end: int) -> bool:
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


def _glued_scale(t: _Tokens, c: _Cand) -> bool:
    j = c.num_end
    return j < t.n and t.gap(j) == 0 and t.words[j] in lx.CURRENCY_ONLY_SCALES


def _currency_scale(t: _Tokens, c: _Cand, j: int) -> int:
    """"m" and "b" glued to a currency amount are scales ("$5m", "PS2.7m", "USD10m")."""
    if j < t.n and t.gap(j) == 0 and t.words[j] in lx.CURRENCY_ONLY_SCALES \
            and not _letter_follows(t, j) and c.scale == 1.0:
        f = lx.CURRENCY_ONLY_SCALES[t.words[j]]
        c.low, c.high, c.scale = c.low * f, c.high * f, f
        c.num_end = j + 1
        return j + 1
    return j


def _rate(t: _Tokens, c: _Cand, e: int, glued_only: bool = False) -> None:
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
    elif t.kinds[k] == "w" and t.lows[k] not in STOP_WORDS and (glued or t.lows[k] in RATE_NOUNS):
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


def _count_noun(t: _Tokens, c: _Cand, j: int) -> None:
    """The counted noun after a bare figure: first plural within a few words ("shells")."""
    k, phrase = j, []
    if k + 1 < t.n and t.words[k] == "-" and t.gap(k) == 0 and t.gap(k + 1) == 0 \
            and t.kinds[k + 1] == "w" and t.lows[k + 1] not in STOP_WORDS:
        word, end = _compound_word(t, k + 1)
        if word.lower() == "strong" and end < t.n and t.kinds[end] == "w" and t.spaced(end):
            word, end = _compound_word(t, end)  # "a 1,000-strong force"
        _set_count(t, c, word, end)  # "six-cylinder engines", "a 5-door car": the unit is glued
        return
    if k < t.n and t.gap(k) == 0:
        return  # "5G", "3D": glued letters are a name, not a noun
    if c.words and t.lows[c.num] == "one" and _one_of_superlative(t, c, k):
        return
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
    stop = k >= t.n or t.kinds[k] != "w" or t.lows[k] in STOP_WORDS
    if phrase[-1].lower() in COLLECTIVE_UNITS or (
            stop and len(phrase) > 1 and all(w.islower() for w in phrase)):
        _set_count(t, c, phrase[-1], k)


def _one_of_superlative(t: _Tokens, c: _Cand, k: int) -> bool:
    """"one of the best screens": NewsQuant counts it as 1 of that noun."""
    if k + 3 >= t.n or t.lows[k] != "of" or t.lows[k + 1] not in ("the", "its", "his", "her",
                                                                   "their", "our", "my", "your"):
        return False
    sup = t.lows[k + 2]
    if not (sup in ("most", "best", "worst", "least") or (sup.endswith("est") and len(sup) > 4)):
        return False
    m = k + 3
    while m < t.n and m < k + 3 + COUNT_PHRASE_MAX and t.kinds[m] == "w":
        if looks_plural(t.words[m]):
            _set_count(t, c, t.words[m], m + 1)
            return True
        m += 1
    return False


def _noun_like(t: _Tokens, k: int, inside: bool) -> bool:
    """Token k can belong to a counted-noun phrase."""
    low = t.lows[k]
    return t.kinds[k] == "w" and t.spaced(k) and low not in STOP_WORDS \
        and low not in NUMBER_WORDS and not low.endswith("ly") and t.words[k] not in lx.MONTHS


def _compound_word(t: _Tokens, k: int) -> tuple[str, int]:
    """The word at k, joined with a glued hyphenated tail ("first-team")."""
    if k + 2 < t.n and t.words[k + 1] == "-" and t.gap(k + 1) == 0 and t.gap(k + 2) == 0 \
            and t.kinds[k + 2] == "w":
        return t.words[k] + "-" + t.words[k + 2], k + 3
    return t.words[k], k + 1


def _set_count(t: _Tokens, c: _Cand, head: str, end: int) -> None:
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


def _filter(t: _Tokens, c: _Cand, blocked: set[int]) -> None:
    """Mark years, dates, times, ordinals, identifiers, list markers and lone "one"s."""
    c.drop = (c.drop or _is_year(t, c) or _is_date_or_time(t, c) or _is_identifier(t, c)
              or _is_list_marker(t, c) or _is_lone_one(t, c) or c.num_end - 1 in blocked
              or _is_bare_word(t, c) or _is_word_adjective(t, c) or _is_age_apposition(t, c)
              or _is_season_or_decade(t, c))


def _is_age_apposition(t: _Tokens, c: _Cand) -> bool:
    """"Senard, 65, now faces": an age set off by commas after a name is not a figure."""
    i, j = c.num, c.num_end
    return (not c.words and c.integer and not c.unit and 1 <= c.low <= 120 and i >= 2
            and j < t.n and t.words[i - 1] == "," and t.words[j] == ","
            and t.kinds[i - 2] == "w" and t.words[i - 2][0].isupper())


def _is_bare_word(t: _Tokens, c: _Cand) -> bool:
    """"the bottom three", "several hundred": a number word naming a rank or a vague size."""
    return c.words and not c.unit and not c.vague and c.num > 0 \
        and t.lows[c.num - 1] in _BARE_WORD_BLOCKERS


def _is_word_adjective(t: _Tokens, c: _Cand) -> bool:
    """"a five-year $700,000 award": a spelled-out duration used as an adjective."""
    if not c.words or c.kind != "duration" or c.num_end >= t.n or t.words[c.num_end] != "-":
        return False
    return c.end < t.n and (t.kinds[c.end] == "w" or t.words[c.end] in CURRENCY_PREFIXES)


def _is_year(t: _Tokens, c: _Cand) -> bool:
    if not c.int4 or c.currency or c.sign or not lx.YEAR_MIN <= c.low <= lx.YEAR_MAX:
        return False
    j = c.num_end
    if j < t.n and t.gap(j) <= 1 and t.lows[j] in ("s", "'s", "'") :
        return True
    if not c.unit:
        return True
    if c.kind == "count":
        prev = t.lows[c.num - 1] if c.num > 0 else ""
        return prev in lx.YEAR_CONTEXT or (
            lx.MODERN_YEAR_MIN <= c.low <= lx.MODERN_YEAR_MAX and prev not in lx.COUNT_LEADS)
    return False


def _is_season_or_decade(t: _Tokens, c: _Cand) -> bool:
    """"the 2023-24 season", "in his 60s", "the '90s"."""
    i, j = c.num, c.num_end
    if i >= 2 and t.words[i - 1] == "-" and t.gap(i) == 0 and t.gap(i - 1) == 0 \
            and t.words[i - 2].isdigit() and len(t.words[i - 2]) == 4 and c.integer \
            and len(t.words[i]) == 2:
        return True
    return (c.integer and not c.words and c.low % 10 == 0 and j < t.n and t.words[j] == "s"
            and t.gap(j) == 0 and c.low < 10_000)


def _is_date_or_time(t: _Tokens, c: _Cand) -> bool:
    i, j = c.num, c.num_end
    if not c.words and j < t.n and t.gap(j) == 0 and t.words[j] in lx.ORDINAL_SUFFIXES:
        return True
    if j < t.n and t.spaced(j) and (t.words[j] in lx.TIME_SUFFIXES or (
            t.lows[j] in ("a", "p") and j + 2 < t.n and t.words[j + 1] == "." and t.lows[j + 2] == "m")
            or (t.lows[j] == "o" and t.lows[j + 1:j + 3] == ["'", "clock"])):
        return not c.currency
    if c.words or not c.integer or c.currency or not 1 <= c.low <= 31:
        return False
    if j < t.n and t.words[j] == "s" and t.gap(j) == 0:
        return True
    p = i - 1 if i >= 1 and t.words[i - 1] != "." else i - 2
    if p >= 0 and _is_month(t, p, p):
        return True
    if j < t.n and t.spaced(j) and _is_month(t, j, i):
        return True
    return j + 1 < t.n and t.lows[j] == "of" and _is_month(t, j + 1, i)


def _is_month(t: _Tokens, k: int, anchor: int) -> bool:
    """Token k names a month; "may"/"march" only after a date preposition before anchor."""
    if t.words[k] in lx.MONTHS or t.lows[k] in lx.MONTHS_LOWER:
        return True
    return t.lows[k] in lx.AMBIGUOUS_MONTHS and anchor > 0 \
        and t.lows[anchor - 1] in lx.DATE_PREPOSITIONS


def _is_identifier(t: _Tokens, c: _Cand) -> bool:
    """"Section 427", "Channel 1", "COVID-19", "G7", "5G", "49 Zorro Ranch Road"."""
    if c.currency or c.vague:
        return False
    i, p = c.num, c.num - 1
    if p >= 1 and t.gap(i) == 0 and t.words[p] == "-" and t.gap(p) == 0 \
            and t.kinds[p - 1] == "w" and t.lows[p - 1] not in _HYPHEN_PREFIXES:
        return True  # "COVID-19", "scp-173m", "F-16"
    if (c.unit and c.kind != "count") or c.scale != 1.0:
        return False
    if not c.words and c.num_end < t.n and t.gap(c.num_end) == 0 and t.kinds[c.num_end] == "w" \
            and c.end == c.num_end:
        return True  # "5G", "3D", "1990s"
    if p >= 0 and t.gap(i) == 0 and not c.sign:
        if t.kinds[p] == "w":
            return True
        if t.words[p] in ("-", "#") and p >= 1 and t.gap(p) == 0 and t.kinds[p - 1] == "w" \
                and t.lows[p - 1] not in _HYPHEN_PREFIXES:
            return True
        if t.words[p] == "#":
            return True
    if p >= 1 and t.words[p] == "." and t.lows[p - 1] in _ID_AFTER_DOT and t.spaced(i):
        return True
    j = c.num_end
    if not c.unit and c.integer and "," not in t.words[i] and j < t.n and t.kinds[j] == "w" \
            and t.words[j][0].isupper() \
            and t.gap(j) == 1 and t.words[j] not in lx.MONTHS:
        return True  # "iPhone 11 Pro", "2017 National Bureau", "90049 ZIP Code"
    if not c.integer or c.first != i or p < 0 or not t.spaced(i):
        return _is_address(t, c)
    word = t.words[p]
    if t.kinds[p] == "w" and (t.lows[p] in lx.IDENTIFIER_WORDS or (
            any(ch.isupper() for ch in word) and t.lows[p] not in lx.FUNCTION_WORDS
            and word not in lx.MONTHS and t.lows[p] not in lx.CHANGE_WORDS)):
        return True
    return _is_address(t, c)


def _is_address(t: _Tokens, c: _Cand) -> bool:
    """A house number: figure followed by capitalised words ending in Street, Road, ..."""
    k = c.num_end
    for _ in range(5):
        if k < t.n and (t.kinds[k] == "n" or t.words[k] == "-"):
            k += 1
            continue
        if k >= t.n or t.kinds[k] != "w" or not t.words[k][0].isupper():
            return False
        if t.words[k] in lx.STREET_WORDS:
            return True
        k += 1
    return False


def _is_list_marker(t: _Tokens, c: _Cand) -> bool:
    """"1." or "2)" opening a line or following a colon."""
    i, j = c.num, c.num_end
    if c.words or not c.integer or c.low > 99 or j >= t.n or t.words[j] not in (".", ")"):
        return False
    if t.gap(j) != 0 or (j + 1 < t.n and t.gap(j + 1) == 0):
        return False
    return t.newline_before(i) or t.words[i - 1] in (":", ";", "(")


def _is_lone_one(t: _Tokens, c: _Cand) -> bool:
    """"one" counts only before a unit or noun, and not in "no one", "each one", "one of"."""
    if not c.words or t.lows[c.num] != "one" or c.num_end != c.num + 1:
        return False
    if c.num > 0 and t.lows[c.num - 1] in _ONE_BLOCKERS:
        return True
    return not c.unit


def _inherit_units(t: _Tokens, cands: list[_Cand]) -> None:
    """A bare figure takes the unit of its partner: "from 21 mpg to 23", "280 million of
    the 1.5 billion shekels"."""
    for n, b in enumerate(cands):
        if b.unit:
            continue
        if b.first > 0 and t.lows[b.first - 1] == "to":
            for a in reversed(cands[max(0, n - 3):n]):
                if a.unit and a.first > 0 and t.lows[a.first - 1] == "from" \
                        and b.first - a.end <= UNIT_INHERIT_WINDOW:
                    b.unit, b.kind = a.unit, a.kind
                    break
        lead = t.lows[max(0, b.first - 3):b.first]
        if not b.unit and n > 0 and cands[n - 1].unit and b.first - cands[n - 1].end <= \
                UNIT_INHERIT_WINDOW and (lead[-2:] in (["up", "from"], ["down", "from"])
                                         or lead[-2:] == ["compared", "with"]
                                         or lead[-1:] in (["versus"], ["vs"])):
            b.unit, b.kind = cands[n - 1].unit, cands[n - 1].kind  # "150,000, up from 100,000"
        if not b.unit and n + 1 < len(cands) and t.lows[b.end:b.end + 1] == ["of"]:
            nxt = cands[n + 1]
            gap = t.lows[b.end + 1:nxt.first]
            if nxt.unit and gap in ([], ["the"], ["its"], ["their"], ["a"], ["an"]):
                b.unit, b.kind = nxt.unit, nxt.kind


def _merge_ranges(t: _Tokens, cands: list[_Cand]) -> list[_Cand]:
    """Join "1 million to 3 million", "5-10W", "between $62 and $68" into ranges."""
    for connectors in (("-",), ("to", "and", "or", "through")):
        out: list[_Cand] = []
        for c in cands:
            prev = out[-1] if out else None
            if prev is not None and _joinable(t, prev, c, connectors):
                out[-1] = _join(prev, c)
            else:
                out.append(c)
        cands = out
    return cands


def _joinable(t: _Tokens, a: _Cand, b: _Cand, connectors: tuple[str, ...]) -> bool:
    if a.low != a.high or b.low != b.high or a.vague or b.vague:
        return False
    between = t.lows[a.end:b.first]
    if b.sign == "-" and b.first == b.num - 1 and not between and a.end == b.first:
        between = ["-"]  # "5 -10" read as a negative; a hyphen between figures is a range
    if not between or between[0] not in connectors or len(between) > 2:
        return False
    if len(between) == 2 and between != ["to", "-"]:
        return False
    word = between[0]
    lead = t.lows[a.first - 1] if a.first > 0 else ""
    if word == "and" and lead != "between":
        return False
    if word == "or" and (a.unit or not (a.words and b.words)):
        return False
    if a.unit and b.unit and a.unit != b.unit and not _same_base(a.unit, b.unit):
        return False
    if a.unit and not b.unit and word not in ("-",) and lead not in ("from", "between"):
        return False
    if word == "to" and lead not in ("from", "between") and _change_before(t, a.first, False) \
            and (lead != "by" or a.unit):
        return False  # "rose 5% to 7%": a change then a level; "fell by 1 to 1.5 degrees": range
    return True


def _same_base(u: str, v: str) -> bool:
    """"dollar" and "dollar per share" name one range ("between $62 and $68 per share")."""
    return u.startswith(v + " per ") or v.startswith(u + " per ")


def _join(a: _Cand, b: _Cand) -> _Cand:
    if b.sign == "-" and b.first == b.num - 1:
        b.low = b.high = -b.low
    if a.scale == 1.0 and b.scale != 1.0 and a.low * b.scale <= b.low:
        a.low = a.high = a.low * b.scale  # "1 to 3 million", "US $89 to $93 billion"
    if not b.unit or len(a.unit) > len(b.unit):
        b.unit, b.kind = a.unit, a.kind
    b.first = a.first
    b.low, b.high = min(a.low, b.low), max(a.low, b.low)
    b.qualifier = "range"
    return b


def _qualify(t: _Tokens, c: _Cand, prev: _Cand | None) -> None:
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
        change = _change_before(t, k, True)
        if change:
            c.change = change
    if c.sign == "+" and c.change == "none":
        c.change = "up"
    if c.plus and c.qualifier == "exact":
        c.qualifier = "at_least"
    _qualifier_after(t, c)
    if prev is not None and prev.end < t.n and t.words[prev.end] == "(" and c.first == prev.end + 1:
        _inherit(prev, c)  # "dropped by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)"
    if c.qualifier in ("more_than", "at_least"):
        c.high = math.inf
    elif c.qualifier in ("less_than", "at_most"):
        c.low = -math.inf


def _inherit(prev: _Cand, c: _Cand) -> None:
    """A figure in parentheses restates the one before it: same change and qualifier."""
    if c.change == "none":
        c.change = prev.change
    if c.qualifier == "exact" and prev.qualifier != "range":
        c.qualifier = prev.qualifier


def _qualifier_before(t: _Tokens, k: int) -> tuple[str, int] | None:
    """The longest qualifier phrase ending right before token k, skipping "just", "well"."""
    for size in range(lx.QUALIFIER_MAX_WORDS, 0, -1):
        s = k - size
        if s < 0:
            continue
        key = tuple(t.lows[s:k])
        if key in lx.QUALIFIER_PHRASES and all(t.spaced(x) for x in range(s + 1, k + 1)):
            return lx.QUALIFIER_PHRASES[key], s
    if k >= 2 and t.words[k - 1] == "-" and t.lows[k - 2] == "sub":
        return "less_than", k - 2
    return None


def _change_before(t: _Tokens, k: int, allow_blockers: bool) -> str:
    """A change verb within a few words before token k ("rose 5%", "fell by about 3%")."""
    skipped = 0
    j = k - 1
    while j >= 0 and skipped <= CONTEXT_WINDOW:
        w = t.lows[j]
        if w in lx.CHANGE_WORDS and (w != "+" or t.gap(j + 1) == 0):
            if w in ("higher", "lower") and j + 1 < k and t.lows[j + 1] != "by":
                return ""
            if w in ("up", "down") and j > 0 and t.lows[j - 1] in _PHRASAL_VERBS:
                return ""
            return lx.CHANGE_WORDS[w]
        if w in lx.FILLER_WORDS or (t.kinds[j] == "s" and w in ("$", "€", "£")):
            j -= 1
            skipped += 1
            continue
        return ""
    return ""


def _qualifier_after(t: _Tokens, c: _Cand) -> None:
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


def _tidy(value: float) -> float:
    """Drop float noise from scaling ("16.4 million" is 16400000, not 16399999.999999998)."""
    if math.isinf(value) or value == 0:
        return float(value)
    return float(f"{value:.{SIGNIFICANT_DIGITS}g}")


def _to_quantity(text: str, t: _Tokens, c: _Cand) -> Quantity:
    start, end = t.starts[c.first], t.ends[c.end - 1]
    kind = c.kind if c.unit else "count"
    if c.unit in ("percentage", "percentage point", "basis point"):
        kind = "percent"
    return Quantity(low=_tidy(c.low), high=_tidy(c.high), unit=c.unit, unit_kind=kind,
                    qualifier=c.qualifier, change=c.change, surface=text[start:end],
                    start=start, end=end)
