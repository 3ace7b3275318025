"""Ages written as bare numbers: "Ms Lee, 52, said", "who was 9 at the time", "aged 45"."""

from __future__ import annotations

from crosscheck.quantities.lexicon import STOP_WORDS
from crosscheck.quantities.tokens import WORD, Cand, Tokens

AGE_MAX = 120
# "aged 45", "age 45", "at the age of 45", "ages 18 to 34", "aged between 40 and 59".
AGE_LEADS = (("aged",), ("age",), ("ages",), ("age", "of"), ("aged", "between"),
             ("ages", "between"))
# A person's pronoun, then a form of "be" or "turn", then the number ("she turned 60").
AGE_PRONOUNS = {"he", "she", "who", "i"}
AGE_VERBS = {"is", "was", "be", "been", "turned", "turns", "turning", "'s"}
PRONOUN_WINDOW = 3  # tokens between the pronoun and the number ("he would have been 40")
AGE_UNIT = "year of age"


def read_age(t: Tokens, c: Cand) -> bool:
    """Give a bare whole number its age unit when the words around it say it is an age."""
    if c.unit or c.words or c.currency or not c.integer or not 1 <= c.low <= AGE_MAX:
        return False
    if not (_after_age_word(t, c.num) or _apposition(t, c) or _after_person_be(t, c)):
        return False
    c.unit, c.kind = AGE_UNIT, "duration"
    return True


def _after_age_word(t: Tokens, i: int) -> bool:
    return any(tuple(t.lows[max(0, i - len(lead)):i]) == lead for lead in AGE_LEADS)


def _apposition(t: Tokens, c: Cand) -> bool:
    """"Senard, 65, now faces", "said Ahmad Bahaa, 37.": an age set off after a name."""
    i, j = c.num, c.num_end
    return (i >= 2 and j < t.n and t.words[i - 1] == "," and t.words[j] in (",", ".")
            and t.kinds[i - 2] == WORD and t.words[i - 2][0].isupper())


def _after_person_be(t: Tokens, c: Cand) -> bool:
    """"who was 9 at the time", "He will be 35 by then": not followed by a counted noun."""
    i, j = c.num, c.num_end
    if i < 2 or t.lows[i - 1] not in AGE_VERBS:
        return False
    if j < t.n and t.kinds[j] == WORD and t.lows[j] not in STOP_WORDS:
        return False
    return any(w in AGE_PRONOUNS for w in t.lows[max(0, i - 1 - PRONOUN_WINDOW):i - 1])
