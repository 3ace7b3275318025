"""Number words: "a hundred thousand", "twenty-five", "two-thirds", "half a million",
"tens of millions", "tripled", "fivefold"."""

from __future__ import annotations

from crosscheck.quantities import lexicon as lx
from crosscheck.quantities.tokens import WORD, Cand, Tokens
from crosscheck.quantities.units import match_unit
from crosscheck.words import FRACTION_WORDS, SCALE_WORDS, SMALL_NUMBERS, TENS, VAGUE_PLURALS

_A_FOLLOWERS = {"hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "third",
                "quarter", "fifth", "sixth", "eighth", "tenth"}

# Words after "half" that keep it a fraction ("half of", "half the", "almost half.").
_HALF_FOLLOWERS = {"of", "a", "an", "the", "its", "their", "his", "her", "our", "those",
                   "these", "that", "this", "all", "which", "were", "are", "is", "was", "said",
                   "say", "to", "in", "and", "or", "as"}
_HALF_BLOCKERS = {"the", "first", "second", "other", "latter", "former", "this", "that", "each",
                  "its", "their", "his", "her", "one", "last", "next", "a", "an", "upper", "lower"}


def and_a_half(t: Tokens, c: Cand) -> None:
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


def read_words(t: Tokens, i: int) -> Cand | None:
    """Number words: "a hundred thousand", "twenty-five", "two-thirds", "tens of millions"."""
    low = t.lows[i]
    if low in lx.MULTIPLIERS:
        return _read_multiplier(t, i)
    if low in ("tens", "hundreds", "dozens") or low in VAGUE_PLURALS:
        return _read_vague(t, i)
    if low == "half":
        return _read_half(t, i)
    if low in ("quarter", "third") and i + 1 < t.n and t.lows[i + 1] in SCALE_WORDS:
        c = Cand(i, i + 2, FRACTION_WORDS[low] * SCALE_WORDS[t.lows[i + 1]])
        c.words, c.integer = True, True
        return c  # "quarter million"
    if not _word_start_ok(t, i):
        return None
    value, scale, j = _word_sequence(t, i)
    if j == i or (j == i + 1 and low in ("a", "an")):
        return None
    c = Cand(i, j, value)
    and_a_half(t, c)
    c.words = True
    c.integer = float(value).is_integer()
    c.scale = scale
    return c


def _word_start_ok(t: Tokens, i: int) -> bool:
    """"a" only before "hundred", "third"...; no bare scale after "the", "several"."""
    low = t.lows[i]
    if low in ("a", "an"):
        return i + 1 < t.n and t.lows[i + 1] in _A_FOLLOWERS and t.spaced(i + 1)
    if low in ("hundred", "dozen") or low in SCALE_WORDS:
        return not (i > 0 and t.lows[i - 1] in lx.BARE_WORD_BLOCKERS)
    return True


def _word_sequence(t: Tokens, i: int) -> tuple[float, float, int]:
    """Value, last scale factor and end index of a run of number words."""
    total, current, scale, j = 0.0, 0.0, 1.0, i
    while j < t.n and (j == i or t.spaced(j)):
        w = t.lows[j]
        if j > i and _joiner(t, j, current):
            j += 1
            continue
        if j > i and w in FRACTION_WORDS and _fraction_ok(t, j, total + current):
            current, j = _fraction_tail(t, j, current)
            return total + current, scale, j
        if w in SCALE_WORDS:
            total += (current or 1.0) * SCALE_WORDS[w]
            current, scale = 0.0, SCALE_WORDS[w]
        else:
            step = _word_step(w, current, j == i)
            if step is None:
                break
            current = step
        j += 1
    return total + current, scale, j


def _word_step(w: str, current: float, first: bool) -> float | None:
    """The running value after one more number word, or None when the word ends the run."""
    if w in ("a", "an") and first:
        return 1.0
    if w in SMALL_NUMBERS and (current % 100 == 0 or (
            current % 100 >= 20 and current % 10 == 0 and SMALL_NUMBERS[w] < 10)):
        return current + SMALL_NUMBERS[w]
    if w in TENS and current % 100 == 0:
        return current + TENS[w]
    if w == "hundred":
        return (current or 1.0) * 100
    if w == "dozen":
        return (current or 1.0) * 12
    return None


def _joiner(t: Tokens, j: int, current: float) -> bool:
    """A hyphen or "and" inside a number ("twenty-five", "one hundred and twenty")."""
    if j + 1 >= t.n:
        return False
    nxt = t.lows[j + 1]
    if t.lows[j] == "-":
        return t.gap(j + 1) == 0 and (nxt in SMALL_NUMBERS or nxt in FRACTION_WORDS)
    return t.lows[j] == "and" and current >= 100 and (nxt in SMALL_NUMBERS or nxt in TENS)


def _fraction_ok(t: Tokens, j: int, value: float) -> bool:
    """"two-thirds", "a quarter", but not "half" after a number or "third-party"."""
    w = t.lows[j]
    if value >= 20 or (w in ("half", "halves") and value > 1):
        return False
    return not (j + 1 < t.n and t.words[j + 1] == "-" and t.gap(j + 1) == 0)


def _fraction_tail(t: Tokens, j: int, current: float) -> tuple[float, int]:
    """Apply the fraction at j, and a scale after it ("a quarter million")."""
    current = (current or 1.0) * FRACTION_WORDS[t.lows[j]]
    j += 1
    if j < t.n and t.lows[j] in SCALE_WORDS:
        current *= SCALE_WORDS[t.lows[j]]
        j += 1
    return current, j


def _read_half(t: Tokens, i: int) -> Cand | None:
    """"half" as 0.5, and "half a million" as 500,000."""
    if i > 0 and (t.lows[i - 1] in _HALF_BLOCKERS or t.lows[i - 1].endswith("ern")):
        return None
    j = i + 1
    value = 0.5
    if j + 1 < t.n and t.lows[j] in ("a", "an") and t.lows[j + 1] in SCALE_WORDS:
        value *= SCALE_WORDS[t.lows[j + 1]]
        j += 2
    elif j + 1 < t.n and t.lows[j] in ("a", "an") and t.lows[j + 1] == "dozen":
        value, j = 6.0, j + 2
    elif j + 1 < t.n and t.lows[j] in ("a", "an") and match_unit(t.words, t.lows, j + 1,
                                                                min(t.n, j + 4)) is not None:
        j += 1  # "half a percentage point": the unit follows "a"
    elif j < t.n and t.lows[j] in SCALE_WORDS:
        value *= SCALE_WORDS[t.lows[j]]
        j += 1
    elif j < t.n and t.kinds[j] == WORD and t.lows[j] not in _HALF_FOLLOWERS \
            and match_unit(t.words, t.lows, j, j + 1) is None:
        return None  # "half mast", "half time": a compound, not a fraction
    c = Cand(i, j, value)
    c.words = True
    c.integer = False
    return c


def _read_multiplier(t: Tokens, i: int) -> Cand | None:
    """"tripled", "a fivefold rise": the factor as a count of times; the verbs are rises."""
    low = t.lows[i]
    if low in lx.MULTIPLIER_VERBS and i + 1 < t.n and t.lows[i + 1] in ("down", "up", "as"):
        return None  # "doubled down", "doubled up", "doubled as": idioms
    c = Cand(i, i + 1, lx.MULTIPLIERS[low])
    c.words = True
    c.unit, c.kind = "count", "other"
    if low in lx.MULTIPLIER_VERBS:
        c.change = "up"
    return c


def _read_vague(t: Tokens, i: int) -> Cand | None:
    """"dozens", "thousands", "tens of millions", "hundreds of thousands" as decade ranges."""
    low = t.lows[i]
    if low in ("tens", "hundreds") and i + 2 < t.n and t.lows[i + 1] == "of" \
            and t.lows[i + 2] in VAGUE_PLURALS and t.lows[i + 2] != "dozens":
        base = VAGUE_PLURALS[t.lows[i + 2]][0]
        mult = 10.0 if low == "tens" else 100.0
        c = Cand(i, i + 3, base * mult)
        c.high = base * mult * 10
    elif low in VAGUE_PLURALS:
        lo, hi = VAGUE_PLURALS[low]
        c = Cand(i, i + 1, lo)
        c.high = hi
    else:
        return None
    if i > 0 and t.lows[i - 1] in ("the", "their", "its", "his", "her"):
        return None
    c.vague = c.words = True
    c.qualifier = "range"
    return c
