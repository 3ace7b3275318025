"""Numbers written the way other languages write them, which the engine must not misread.

"1,5 millones" is 1.5 million in Spanish; read as English it gives 1, or 5, or "1,5" as a
list: every reading is wrong, and a wrong figure is worse than none. Until the engine reads
other languages, such numbers give no quantity at all.
"""

from __future__ import annotations

import re

from crosscheck.quantities.tokens import NUMBER, Tokens

# Scale words of other languages after a number ("300 millones", "2 Milliarden", "5 mil").
FOREIGN_SCALES = frozenset("""
mil millones millón millon billones billón milhões milhão milhoes milhao bilhões bilhão
milliard milliards milliarde milliarden millionen mio mrd mld milioni milione miliardi
miliardo mila miljoen miljard miljarden miljoner miljarder miliony milionów miliardów
tys тыс млн млрд
""".split())
ENGLISH_GROUP = 3  # digits between thousands separators in English ("1,500,000")
# Indian English groups by lakh and crore: "1,00,000" is 100,000 and "12,34,567.89" 1,234,567.89;
# the tokenizer leaves the last group with its thousands ("34,567.89").
INDIAN_GROUP = 2
_INDIAN_TAIL = re.compile(r"[0-9]{2},[0-9]{3}(?:\.[0-9]+)?")


def indian_number(t: Tokens, i: int) -> tuple[float, int] | None:
    """(value, end) of a number at token i grouped the Indian way, or None."""
    if not (t.words[i].isdigit() and len(t.words[i]) <= INDIAN_GROUP):
        return None
    digits, j = t.words[i], i + 1
    while _glued_digits_after(t, j) or (j + 1 < t.n and t.words[j] == "," and t.gap(j) == 0
                                         and t.gap(j + 1) == 0
                                         and _INDIAN_TAIL.fullmatch(t.words[j + 1])):
        group = t.words[j + 1]
        if _INDIAN_TAIL.fullmatch(group):
            return float(digits + group.replace(",", "")), j + 2
        if len(group) != INDIAN_GROUP:
            return None
        digits, j = digits + group, j + 2
    return None


def foreign_number_end(t: Tokens, i: int) -> int | None:
    """End of a number at token i written with a decimal comma or dotted thousands, or None.

    "1,5" and "12,75" (a comma before other than three digits) and "1.234.567" (dots between
    groups of three) are not English numbers.
    """
    j = i + 1
    if not _glued_digits_after(t, j):
        return None
    sep, group = t.words[j], t.words[j + 1]
    if sep == "," and len(group) != ENGLISH_GROUP:
        return _end_of_groups(t, j + 2)
    if sep == "." and "." in t.words[i] and len(group) == ENGLISH_GROUP:
        return _end_of_groups(t, j + 2)
    return None


def foreign_scale_at(t: Tokens, j: int) -> bool:
    """True when token j, after a number, is a scale word of another language."""
    return j < t.n and t.spaced(j) and t.lows[j] in FOREIGN_SCALES


def _glued_digits_after(t: Tokens, j: int) -> bool:
    """Token j is a "," or "." touching plain digits on both sides."""
    return (j + 1 < t.n and t.words[j] in (",", ".") and t.gap(j) == 0 and t.gap(j + 1) == 0
            and t.kinds[j + 1] == NUMBER and t.words[j + 1].isdigit())


def _end_of_groups(t: Tokens, k: int) -> int:
    """Past any further glued separator-and-digits groups ("1.234.567,89")."""
    while _glued_digits_after(t, k):
        k += 2
    return k
