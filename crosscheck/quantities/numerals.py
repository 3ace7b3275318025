"""Reading the number expression at a token: digits, separators, fractions, signs,
scientific notation, scale words and abbreviations ("number_words" reads the words).
"""

from __future__ import annotations

import math

from crosscheck.quantities import lexicon as lx
from crosscheck.quantities.foreign import (
    foreign_number_end,
    foreign_scale_at,
    indian_number,
)
from crosscheck.quantities.number_words import and_a_half, read_words
from crosscheck.quantities.tokens import NUMBER, SYMBOL, WORD, Cand, Tokens
from crosscheck.quantities.units import CURRENCY_PREFIXES
from crosscheck.words import SCALE_WORDS, SMALL_NUMBERS, TENS, looks_plural

_SCALE_AFTER_SPACE = {"bn", "bln", "mn", "mln", "tn", "trn"}

MAX_EXPONENT_DIGITS = 3  # 10^999 at most: beyond that the float is inf and is skipped

# Denominators that make "a/b" a fraction; "9/11", "24/7", "7/7" are names and dates.
FRACTION_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 32, 64, 100, 128, 1000}


def read_out_of(t: Tokens, c: Cand) -> None:
    """"one out of three", "1 in 5" as a fraction."""
    j = c.num_end
    if j + 2 < t.n and t.lows[j] == "out" and t.lows[j + 1] == "of":
        k = j + 2
    elif j + 1 < t.n and t.lows[j] == "in" and (c.low == 1 or _plural_after(t, j + 2)):
        k = j + 1  # "one in five", "two in five adults"
    else:
        return
    if t.kinds[k] == NUMBER and t.words[k].isdigit():
        den = float(t.words[k])
    elif t.lows[k] in SMALL_NUMBERS or t.lows[k] in TENS:
        den = float(SMALL_NUMBERS.get(t.lows[k]) or TENS[t.lows[k]])
    else:
        return
    if den > c.low:
        c.low = c.high = c.low / den
        c.num_end = c.end = k + 1
        c.integer = c.int4 = False


def _plural_after(t: Tokens, k: int) -> bool:
    return k < t.n and t.kinds[k] == WORD and looks_plural(t.words[k])


def read_number(t: Tokens, i: int, last_end: int) -> Cand | None:
    """Read the number expression starting at token i, digits or words."""
    if t.kinds[i] == NUMBER:
        return _read_digits(t, i, last_end)
    if t.words[i] in lx.VULGAR_FRACTIONS:
        c = Cand(i, i + 1, lx.VULGAR_FRACTIONS[t.words[i]])
        c.integer = False
        return c
    return read_words(t, i)


def _parse_digits(word: str) -> float:
    if word.startswith("."):
        return float("0" + word)
    return float(word.replace(",", ""))


def _read_digits(t: Tokens, i: int, last_end: int) -> Cand:
    """Digits with separators, space-grouped thousands, fractions, sign and scale words."""
    w = t.words[i]
    value = _parse_digits(w)
    indian = indian_number(t, i)
    if indian is not None:
        c = Cand(i, indian[1], indian[0])
        c.integer = float(indian[0]).is_integer()
        _read_scale(t, c)
        return c
    foreign = foreign_number_end(t, i)
    if foreign is not None:
        c = Cand(i, foreign, value)
        c.drop = True  # "1,5", "1.234.567": another language's number, read as nothing
        return c
    j = i + 1
    if w.isdigit() and len(w) <= 3:
        while (j < t.n and t.kinds[j] == NUMBER and len(t.words[j]) == 3 and t.words[j].isdigit()
               and t.gap(j) == 1 and t.text[t.starts[j] - 1] == " "
               and not (j + 1 < t.n and t.kinds[j + 1] == NUMBER and t.gap(j + 1) == 1
                        and len(t.words[j + 1]) != 3)):
            value = value * 1000 + int(t.words[j])
            j += 1
    c = Cand(i, j, value)
    c.integer = "." not in w
    c.int4 = w.isdigit() and len(w) == 4 and j == i + 1
    if c.integer and j < t.n:
        _mixed_fraction(t, c)
    _exponent(t, c)
    and_a_half(t, c)
    if j + 1 < t.n and t.words[j] == "/" and t.gap(j) == 0 and t.gap(j + 1) == 0 \
            and t.kinds[j + 1] == NUMBER and t.words[j + 1].isdigit() and c.integer:
        den = float(t.words[j + 1])
        if den in FRACTION_DENOMINATORS and not (j + 2 < t.n and t.words[j + 2] == "/"):
            c.low = c.high = value / den
            c.integer = c.int4 = False
        else:
            c.drop = True  # "9/11", "24/7": a name or a date, not a fraction
        c.num_end = c.end = j + 2
    _read_sign(t, c, last_end)
    _read_scale(t, c)
    _low_mid_high(t, c)
    if foreign_scale_at(t, c.num_end):
        c.drop = True  # "300 millones", "2 Milliarden": not an English scale
        c.num_end = c.end = c.num_end + 1
    return c


# "in the low 200s", "the mid-30s", "the high 90s": parts of a hundred or a decade, as
# (start, end) fractions of its width ("low 200s" is 200-250).
SPAN_PARTS = {"low": (0.0, 0.5), "lower": (0.0, 0.5), "mid": (0.3, 0.7), "middle": (0.3, 0.7),
              "high": (0.5, 1.0), "upper": (0.5, 1.0)}
DECADE, HUNDRED = 10, 100


def _low_mid_high(t: Tokens, c: Cand) -> None:
    """"the low 200s" as the range 200-250, "the high 90s" as 95-99."""
    i, j = c.num, c.num_end
    if not (j < t.n and t.words[j] == "s" and t.gap(j) == 0 and c.integer and c.scale == 1.0):
        return
    p = i - 2 if i >= 2 and t.words[i - 1] == "-" else i - 1
    width = HUNDRED if c.low >= HUNDRED and c.low % HUNDRED == 0 else DECADE
    if p < 0 or t.lows[p] not in SPAN_PARTS or c.low % width or c.low >= lx.YEAR_MIN:
        return
    start, end = SPAN_PARTS[t.lows[p]]
    c.low, c.high = c.low + start * width, min(c.low + end * width, c.low + width - 1)
    c.first, c.num_end, c.end = p, j + 1, j + 1
    c.vague, c.qualifier = True, "range"


def _mixed_fraction(t: Tokens, c: Cand) -> None:
    """"10 1/2 miles", "7 3/4 %", "10½": a whole number and a proper fraction."""
    j = c.num_end
    if t.words[j] in lx.VULGAR_FRACTIONS and t.gap(j) == 0:
        c.low = c.high = c.low + lx.VULGAR_FRACTIONS[t.words[j]]
        c.num_end = c.end = j + 1
    elif j + 2 < t.n and t.kinds[j] == NUMBER and t.gap(j) == 1 and t.words[j].isdigit() \
            and t.words[j + 1] == "/" and t.gap(j + 1) == 0 and t.gap(j + 2) == 0 \
            and t.words[j + 2].isdigit() and 0 < int(t.words[j]) < int(t.words[j + 2]):
        c.low = c.high = c.low + int(t.words[j]) / int(t.words[j + 2])
        c.num_end = c.end = j + 3
    else:
        return
    c.integer = c.int4 = False


def _exponent(t: Tokens, c: Cand) -> None:
    """Scientific notation: "1.99×10-30", "3 x 10^8", "4e14", "-1e-3"."""
    j = c.num_end
    if j + 1 < t.n and t.lows[j] == "e" and t.gap(j) == 0 and t.gap(j + 1) == 0:
        _e_notation(t, c, j + 1)
        return
    if not (j + 2 < t.n and t.lows[j] in ("×", "x", "*") and t.gap(j) <= 1
            and t.words[j + 1] == "10" and t.gap(j + 1) <= 1):
        return
    k, sign = j + 2, 1
    if t.words[k] == "^" and t.gap(k) == 0:
        k += 1
    if k < t.n and t.words[k] in ("-", "+") and t.gap(k) == 0:
        sign = -1 if t.words[k] == "-" else 1
        k += 1
    if k < t.n and t.kinds[k] == NUMBER and t.gap(k) == 0 and t.words[k].isdigit() \
            and len(t.words[k]) <= MAX_EXPONENT_DIGITS:
        c.low = c.high = _times_ten_to(c.low, sign * int(t.words[k]))
        c.num_end = c.end = k + 1
        c.integer = c.int4 = False


def _times_ten_to(value: float, exponent: int) -> float:
    """value x 10^exponent; beyond float range nan or inf, which the engine skips (10.0 ** 500
    raises, and 2 x 10^-400 would read as 0)."""
    result = value * float(f"1e{exponent}")
    return math.nan if result == 0 and value != 0 else result


def _e_notation(t: Tokens, c: Cand, k: int) -> None:
    """The exponent after a glued "e" at k: "14" in "4e14", "-3" in "1e-3"."""
    sign = 1
    if t.words[k] in ("-", "+") and k + 1 < t.n and t.gap(k + 1) == 0:
        sign = -1 if t.words[k] == "-" else 1
        k += 1
    if t.kinds[k] == NUMBER and t.words[k].isdigit() and len(t.words[k]) <= MAX_EXPONENT_DIGITS:
        c.low = c.high = _times_ten_to(c.low, sign * int(t.words[k]))
        c.num_end = c.end = k + 1
        c.integer = c.int4 = False


def _read_sign(t: Tokens, c: Cand, last_end: int) -> None:
    """A minus sign, "minus" or a leading "+" before the digits."""
    i = c.num
    if i >= 1 and t.words[i - 1] in ("-", "+") and t.gap(i) == 0:
        before = i - 2
        loose = before < 0 or t.gap(i - 1) > 0
        joined = before >= 0 and t.gap(i - 1) == 0 and (
            t.lows[before] == "minus" or t.words[before] in CURRENCY_PREFIXES)
        if (loose and last_end != i - 1 and (before < 0 or t.kinds[before] != NUMBER)) or joined:
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


def _read_scale(t: Tokens, c: Cand) -> None:
    """Scale words and abbreviations after digits ("4 hundred million", "$1.2bn", "5k")."""
    j = c.num_end
    factor = 1.0
    while j < t.n and t.spaced(j):
        low = t.lows[j]
        if low == "-" and t.gap(j) == 0 and j + 1 < t.n and t.gap(j + 1) == 0 \
                and t.lows[j + 1] in SCALE_WORDS and factor == 1.0:
            j += 1  # "$1.5-billion", "$300-million" (Canadian style)
            continue
        if low == "hundred":
            factor *= 100
        elif low in SCALE_WORDS:
            factor *= SCALE_WORDS[low]
        elif t.words[j] in lx.SCALE_ABBREVIATIONS and (t.gap(j) == 0 or low in _SCALE_AFTER_SPACE) \
                and not letter_follows(t, j):
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


def letter_follows(t: Tokens, j: int) -> bool:
    """True when token j is glued to a following word or digit ("5M-year"? no: "5Mb")."""
    return j + 1 < t.n and t.gap(j + 1) == 0 and t.kinds[j + 1] != SYMBOL

