"""Figures that are not quantities: years, dates, times, ordinals, identifiers, addresses,
list markers, ages after names and stray number words.
"""

from __future__ import annotations

from crosscheck.quantities import lexicon as lx
from crosscheck.quantities.ages import AGE_UNIT
from crosscheck.quantities.tokens import NUMBER, WORD, WORD_STARTS, Cand, Tokens
from crosscheck.quantities.units import (
    CURRENCY_PREFIXES,
)
from crosscheck.words import AMBIGUOUS_MONTHS, MONTH_WORDS, MONTHS_LOWER

_ONE_BLOCKERS = {"no", "any", "each", "every", "the", "this", "that", "which", "some",
                 "someone", "anyone", "everyone", "no-one", "another", "a", "like",
                 "could", "would", "might", "may", "will", "can", "should", "must"}  # "one day"

_HYPHEN_PREFIXES = {"minus", "sub", "to", "mid", "over", "under", "up", "pre", "post", "than",
                    "and", "or", "from", "about", "around", "nearly", "now", "then", "age",
                    "aged", "top", "all", "early", "late", "just", "some", "almost"}

_ID_AFTER_DOT = {"no", "nos", "art", "sec", "vol", "fig", "ch", "pp", "p", "op", "ref"}



def mark_dropped(t: Tokens, c: Cand, blocked: set[int]) -> None:
    """Mark years, dates, times, ordinals, identifiers, list markers and lone "one"s."""
    c.drop = (c.drop or _is_year(t, c) or _is_date_or_time(t, c) or _is_identifier(t, c)
              or _is_list_marker(t, c) or _is_lone_one(t, c) or c.num_end - 1 in blocked
              or _is_bare_word(t, c) or _is_word_adjective(t, c) or _is_season_or_decade(t, c))


def _is_bare_word(t: Tokens, c: Cand) -> bool:
    """"the bottom three", "several hundred": a number word naming a rank or a vague size."""
    return c.words and not c.unit and not c.vague and c.num > 0 \
        and t.lows[c.num - 1] in lx.BARE_WORD_BLOCKERS


def _is_word_adjective(t: Tokens, c: Cand) -> bool:
    """"a five-year $700,000 award": a spelled-out duration used as an adjective."""
    if not c.words or c.kind != "duration" or c.num_end >= t.n or t.words[c.num_end] != "-":
        return False
    if c.unit == AGE_UNIT:
        return False  # "a seven-year-old girl": her age, as "an 8-year-old girl" is
    return c.end < t.n and (t.kinds[c.end] == WORD or t.words[c.end] in CURRENCY_PREFIXES)


def _is_year(t: Tokens, c: Cand) -> bool:
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


def _is_season_or_decade(t: Tokens, c: Cand) -> bool:
    """"the 2023-24 season", "in his 60s", "the '90s"."""
    i, j = c.num, c.num_end
    if i >= 2 and t.words[i - 1] == "-" and t.gap(i) == 0 and t.gap(i - 1) == 0 \
            and t.words[i - 2].isdigit() and len(t.words[i - 2]) == 4 and c.integer \
            and len(t.words[i]) == 2:
        return True
    return (c.integer and not c.words and c.low % 10 == 0 and j < t.n and t.words[j] == "s"
            and t.gap(j) == 0 and c.low < 10_000)


# Suffixes that follow clock times and also name units: "2.1 pm" is no time (picometres), nor
# "3 hrs" (hours); "2.10 pm", "5 pm" and "0900 hrs" are.
CLOCK_OR_UNIT = {"am", "pm", "hrs"}
CLOCK_HOURS_MAX = 12  # before am/pm
MINUTE_DIGITS = 2
MILITARY_DIGITS = 4  # "0900 hrs", "1430 hrs"
LAST_MINUTE = 59


def _clock_like(t: Tokens, c: Cand) -> bool:
    """The digits read as a clock time before "am", "pm" or "hrs"."""
    word = t.words[c.num]
    if t.words[c.num_end] == "hrs":
        return word.isdigit() and len(word) == MILITARY_DIGITS and int(word[2:]) <= LAST_MINUTE
    hours, _, minutes = word.partition(".")
    if not hours.isdigit() or not 1 <= int(hours) <= CLOCK_HOURS_MAX:
        return False
    return not minutes or (len(minutes) == MINUTE_DIGITS and int(minutes) <= LAST_MINUTE)


def _is_date_or_time(t: Tokens, c: Cand) -> bool:
    i, j = c.num, c.num_end
    if not c.words and j < t.n and t.gap(j) == 0 and t.words[j] in lx.ORDINAL_SUFFIXES:
        return True
    if j < t.n and t.spaced(j) and (t.words[j] in lx.TIME_SUFFIXES or (
            t.lows[j] in ("a", "p") and j + 2 < t.n and t.words[j + 1] == "."
            and t.lows[j + 2] == "m")
            or (t.lows[j] == "o" and t.lows[j + 1:j + 3] == ["'", "clock"])):
        return not c.currency and (t.words[j] not in CLOCK_OR_UNIT or _clock_like(t, c))
    if c.words or not c.integer or c.currency or not 1 <= c.low <= 31:
        return False
    if j < t.n and t.words[j] == "s" and t.gap(j) == 0:
        return True
    p = i - 1 if i >= 1 and t.words[i - 1] != "." else i - 2
    if p >= 0 and _is_month(t, p, p):
        return True
    if p >= 2 and t.words[p] == "-" and t.kinds[p - 1] == NUMBER and _is_month(t, p - 2, p - 2):
        return True  # "September 10-11": the second day of a span
    if j < t.n and t.spaced(j) and _is_month(t, j, i):
        return True
    return j + 1 < t.n and t.lows[j] == "of" and _is_month(t, j + 1, i)


def _is_month(t: Tokens, k: int, anchor: int) -> bool:
    """Token k names a month; "may"/"march" only after a date preposition before anchor."""
    if t.words[k] in MONTH_WORDS or t.lows[k] in MONTHS_LOWER:
        return True
    return t.lows[k] in AMBIGUOUS_MONTHS and anchor > 0 \
        and t.lows[anchor - 1] in lx.DATE_PREPOSITIONS


def _is_identifier(t: Tokens, c: Cand) -> bool:
    """"Section 427", "Channel 1", "COVID-19", "G7", "5G", "49 Zorro Ranch Road"."""
    if c.currency or c.vague:
        return False
    if _is_glued_code(t, c):
        return True
    if (c.unit and c.kind != "count") or c.scale != 1.0:
        return False
    return _is_named_number(t, c) or _is_address(t, c)


def _is_glued_code(t: Tokens, c: Cand) -> bool:
    """Digits glued to letters or a "#": "MH17", "COVID-19", "#1", and "5G", "3D" without a unit."""
    i, p = c.num, c.num - 1
    if p >= 0 and t.gap(i) == 0 and not c.sign:
        if t.kinds[p] == WORD or t.words[p] == "#":
            return True
        if t.words[p] == "-" and p >= 1 and t.gap(p) == 0 and t.kinds[p - 1] == WORD \
                and t.lows[p - 1] not in _HYPHEN_PREFIXES:
            return True
    j = c.num_end
    return not c.words and not c.unit and j < t.n and t.gap(j) == 0 and t.kinds[j] == WORD \
        and c.end == c.num_end


# Sentence-opening adverbs whose capital says nothing ("Altogether 420 ships", "Overall 12
# million"); "Apollo 11", "Year 10" at the start of a sentence stay names.
_OPENING_ADVERBS = frozenset("altogether overall another still again also even almost".split())


# Nouns a count of people opens with; a model number ("Boeing 737", "Apollo 11") has none after it.
_PEOPLE_AFTER = frozenset("people persons men women children residents civilians soldiers "
                          "troops families villagers victims".split())


def _is_named_number(t: Tokens, c: Cand) -> bool:
    """A name around the number: "No. 10", "iPhone 11 Pro", "Section 427", "channel 1"."""
    i, p, j = c.num, c.num - 1, c.num_end
    if p >= 1 and t.words[p] == "." and t.lows[p - 1] in _ID_AFTER_DOT and t.spaced(i):
        return True
    if not c.unit and c.integer and "," not in t.words[i] and j < t.n and t.kinds[j] == WORD \
            and t.words[j][0].isupper() and t.gap(j) == 1 and t.words[j] not in MONTH_WORDS:
        return True  # "iPhone 11 Pro", "2017 National Bureau", "90049 ZIP Code"
    if p >= 2 and t.words[p] == "-" and t.gap(i) == 0 and t.gap(p) == 0 \
            and t.kinds[p - 1] == NUMBER:
        i, p = p - 1, p - 2  # "Celtics 112-104": the score's second figure follows the name too
    if not c.integer or p < 0 or not t.spaced(i) or t.kinds[p] != WORD \
            or (c.first != c.num and i == c.num):
        return False
    if j < t.n and t.lows[j] in _PEOPLE_AFTER:
        return False  # "in Gaza 52 people died": a place, then a count of people
    word, low = t.words[p], t.lows[p]
    if low in lx.IDENTIFIER_WORDS and "," in t.words[i]:
        return False  # "may number 10,000 or more": names carry no thousands separator
    opening = p == 0 and (low.endswith("ly") or low in _OPENING_ADVERBS)  # "Altogether 420"
    return low in lx.IDENTIFIER_WORDS or (
        any(ch.isupper() for ch in word) and low not in lx.NAME_FREE_LEADS and not opening
        and word not in MONTH_WORDS and low not in lx.CHANGE_WORDS)


def _is_address(t: Tokens, c: Cand) -> bool:
    """A house number: figure followed by capitalised words ending in Street, Road, ..."""
    k = c.num_end
    for _ in range(5):
        if k < t.n and (t.kinds[k] == NUMBER or t.words[k] == "-"):
            k += 1
            continue
        if k >= t.n or t.kinds[k] != WORD or not t.words[k][0].isupper():
            return False
        if t.words[k] in lx.STREET_WORDS:
            return True
        k += 1
    return False


def _is_list_marker(t: Tokens, c: Cand) -> bool:
    """"1." or "2)" opening a line or following a colon."""
    i, j = c.num, c.num_end
    if c.words or not c.integer or c.low > 99 or j >= t.n or t.words[j] not in (".", ")"):
        return False
    if t.gap(j) != 0 or (j + 1 < t.n and t.gap(j + 1) == 0):
        return False
    return t.newline_before(i) or t.words[i - 1] in (":", ";", "(")


def _is_lone_one(t: Tokens, c: Cand) -> bool:
    """"one" counts only before a unit or noun, and not in "no one", "each one", "one of"."""
    if not c.words or t.lows[c.num] != "one" or c.num_end != c.num + 1:
        return False
    if c.num > 0 and t.lows[c.num - 1] in _ONE_BLOCKERS:
        return True
    j = c.num_end
    if j + 1 < t.n and t.lows[j] in ("to", "or", "-") and (
            t.kinds[j + 1] == NUMBER or t.lows[j + 1] in WORD_STARTS):
        return False  # "one to three million people": the start of a range
    if _last_of_a_list(t, c):
        return False  # "three in Castilla-La Mancha and one in Andalucia"
    return not c.unit


LIST_REACH = 8  # tokens back from a list's "and one" to the item before it


def _last_of_a_list(t: Tokens, c: Cand) -> bool:
    """"one" after "and" or a comma, with a number a few tokens before it: an item of a list
    of figures, each given for its own place or group. "and one of the" is not."""
    i, j = c.num, c.num_end
    if i == 0 or t.lows[i - 1] not in ("and", ",") or (j < t.n and t.lows[j] == "of"):
        return False
    return any(t.kinds[k] == NUMBER or t.lows[k] in WORD_STARTS
               for k in range(max(0, i - LIST_REACH), i - 1))
