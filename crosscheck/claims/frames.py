"""Claim frames: the measured thing, entities, predicate and the text the matcher compares."""

from __future__ import annotations

import re

from crosscheck.claims.lexicon import (
    _ALIAS_RE,
    _ALIASES,
    _AUXILIARIES,
    _CASE_SENSITIVE_ALIASES,
    _CONTAINER_NOUNS,
    _DETERMINERS,
    _MEASURE_WORDS,
    _MODALS,
    _MONTHS,
    _NOT_NAMES,
    _NUMBER_WORDS,
    _PREPOSITIONS,
    _QUALIFIER_WORDS,
    _REPORTING,
    _SOURCE_WORDS,
    _STOP,
    _TITLES,
    _VERBS,
    PLACE_COUNTRY,
)
from crosscheck.models import Quantity

FRAME_WINDOW = 8  # content words kept on each side of the figure in the frame
MEASURED_MAX_WORDS = 4  # words in the measured-thing phrase ("natural gas imports")
MAX_PP_JUMPS = 3  # prepositional phrases skipped to reach a subject's head noun
PHRASE_SCAN_WORDS = 12  # words read back from a figure while looking for its subject
TITLE_WORDS = 8  # title words lent to the frame of a sentence that names no entity itself

_TOKEN_RE = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z]|[A-Za-z]|\d(?:[\d,.]*\d)?%?|%|[,;:()“”\"$€£+]")


def _tokens(text: str) -> list[str]:
    return [t.rstrip(".") if t.endswith(".") and t.count(".") == 1 else t
            for t in _TOKEN_RE.findall(text.replace("’", "'"))]


def _norm(word: str) -> str:
    """Lower case, possessive dropped, simple plural folded ("shells" → "shell")."""
    w = word.lower().replace("’", "'")
    w = re.sub(r"'s?$", "", w)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    return w[:-3] + "ter" if w.endswith("tre") else w  # metre/meter spellings agree


def _is_numeric(tok: str) -> bool:
    return tok[0].isdigit() or tok.lower() in _NUMBER_WORDS


def _unit_words(unit: str) -> set[str]:
    return {_norm(w) for w in re.split(r"[\s/_-]+", unit.lower()) if w}


def measured_thing(sentence: str, q: Quantity) -> str:
    """The thing a figure counts or measures, e.g. 'artillery shells', 'natural gas imports'."""
    units = _unit_words(q.unit) | {"percent", "percentage", "cent", "%"}
    if q.unit_kind != "count":  # words of the surface name the unit ("4,300 km"), not the thing
        units |= {_norm(t) for t in _tokens(q.surface) if t[0].isalpha()}
    inside = len(_tokens(sentence[q.start:q.end]))
    words = _phrase_after(_tokens(sentence[q.start:]), units, q.unit_kind, inside)
    if words and (q.unit_kind == "count" or not all(_norm(w) in units for w in words)):
        return " ".join(words)  # a counted noun is the thing itself ("shells")
    before = _phrase_before(_tokens(sentence[:q.start]))
    if before:
        return " ".join(before)
    return " ".join(words) or (q.unit if q.unit_kind == "count" else "")


def _phrase_after(tokens: list[str], units: set[str], q_kind: str, inside: int) -> list[str]:
    """Content words from the figure on: '3 million artillery shells', 'tonnes of grain'.

    `inside` is how many tokens the figure's own surface has: qualifier words ("more than",
    "to") are skipped there, but after the figure a "to" starts another clause.
    """
    out: list[str] = []
    for i, tok in enumerate(tokens):
        low = tok.lower()
        qualifier = i < inside and (low in _QUALIFIER_WORDS or _is_numeric(tok))
        if not out and (qualifier or low in _DETERMINERS or low in ("of", "$", "€", "£", "+")
                        or (i < inside and _is_numeric(tok))
                        or (low == "in" and q_kind == "currency")):  # "$61 billion in aid"
            continue
        if low == "of" and out and all(_norm(w) in units for w in out):
            out = []  # "tonnes of grain": the thing is the grain
            continue
        if low in _MEASURE_WORDS:
            return out + [tok]
        if low == "counting" and not out:
            break  # "150 and counting": the thing is named before the figure
        if low in _ALIASES and tok[0].isupper():
            continue  # entities are kept apart from the measured thing
        if low in _STOP or low in _VERBS or not tok[0].isalpha() or len(out) >= MEASURED_MAX_WORDS:
            break
        if low.endswith("ly") and i > 0:
            break
        out.append(tok)
    return out


def _phrase_before(tokens: list[str]) -> list[str]:
    """Noun phrase before the figure: 'a border of [N]' → 'border'; subject before its verb."""
    i = len(tokens) - 1
    while i >= 0 and (tokens[i].lower() in _QUALIFIER_WORDS or _is_numeric(tokens[i])):
        i -= 1
    if i >= 0 and tokens[i].lower() in ("of", "to", "by", "for", "at", "reached", "exceeds",
                                         "exceeded", "totaled", "is", "was", "were", "are"):
        i -= 1
    while i >= 0 and (tokens[i].lower() in _VERBS or tokens[i].lower() in _AUXILIARIES
                      or tokens[i].lower().endswith("ly") or tokens[i].lower() in _MODALS
                      or tokens[i].lower() in ("to", "by")):
        i -= 1
    out: list[str] = []
    jumps = 0
    while i >= 0 and len(out) < PHRASE_SCAN_WORDS:
        tok, low = tokens[i], tokens[i].lower()
        if low in _DETERMINERS and i > 0 and tokens[i - 1].lower() in _PREPOSITIONS:
            i -= 1  # "the toll from [the earthquake]": the head comes before the preposition
            low = tokens[i].lower()
        if low == "of" and out and i > 0 and tokens[i - 1].lower() in _CONTAINER_NOUNS:
            break  # "the number of [bodies recovered]": the thing is what is counted
        if low in _PREPOSITIONS and jumps < MAX_PP_JUMPS:
            out, jumps, i = [], jumps + 1, i - 1
            continue
        if low == "and" and not out:
            i -= 1
            continue  # "Turkey and Syria"
        if not tok[0].isalpha() or low in _STOP or low in _VERBS:
            break
        if not low.endswith("ly") and not _is_entity_word(tok):
            out.insert(0, tok)
        i -= 1
    return out[-MEASURED_MAX_WORDS:]


def _is_entity_word(tok: str) -> bool:
    return tok[0].isupper() and (_norm(tok) in _ALIASES or tok.lower() in _ALIASES)


_DATELINE_RE = re.compile(r"^[A-Z][A-Z .,'’-]{2,40}(?:\([^)]{1,40}\))?\s*[—–-]+\s*")


def find_entities(sentence: str) -> tuple[str, ...]:
    """Countries (demonyms folded: 'Russian' → Russia), organisations and named people."""
    found: set[str] = set()
    if m := _DATELINE_RE.match(sentence):  # "MOSCOW (Northgate) — ": place kept, outlet dropped
        place = m.group(0).split("(")[0].strip(" —–-,").title()
        sentence = place + ", " + sentence[m.end():]
    for m in _country_mentions(sentence):
        found.add(_ALIASES[m.group(1).lower()])
    masked = _ALIAS_RE.sub(lambda m: " " * len(m.group(0)), sentence)
    for name in _capitalised_spans(masked):
        found.add(name)
    return tuple(sorted(found))


def _country_mentions(text: str) -> list[re.Match[str]]:
    """Country, demonym and bloc mentions ('Russian', 'the US'), minus lower-case look-alikes."""
    out = []
    for m in _ALIAS_RE.finditer(text):
        word = m.group(1)
        if word.lower() in _CASE_SENSITIVE_ALIASES and not word[0].isupper():
            continue
        if word.lower() in ("us", "un") and word != word.upper():
            continue
        out.append(m)
    return out


def figure_actor(sentence: str, q: Quantity, attribution: str | None = None) -> str | None:
    """The country (or bloc) that is the subject of the figure's clause: who fired or massed it.

    Read in the clause before the figure, or the one before that when it names none: the first
    country not governed by a preposition ('Russia is planning an offensive against Ukraine
    involving 175,000 troops' → Russia; 'in eastern Ukraine Russia fired' → Russia), a place
    only when no country is named ('Moscow has sent ...' → Russia, but not '... in Istanbul
    had counted'). A country named only as the source ('Ukraine's army said ...') or in the
    dateline ('WASHINGTON (Northgate) — Russia is planning ...') is not it.
    """
    before = sentence[:q.start]
    named = [(False, m.start(), _ALIASES[m.group(1).lower()]) for m in _country_mentions(before)]
    named += [(True, m.start(), PLACE_COUNTRY[m.group(1)]) for m in _PLACE_RE.finditer(before)]
    named = [n for n in named if not attribution or n[2] not in attribution]
    dateline = _DATELINE_RE.match(before)  # "WASHINGTON (Northgate) — ": where it was filed
    opening = dateline.end() if dateline else 0
    breaks = [opening, *(m.end() for m in _CLAUSE_END_RE.finditer(before, opening))]
    for start, end in reversed(list(zip(breaks, [*breaks[1:], len(before)], strict=True))):
        inside = [(place, at, name) for place, at, name in named
                  if start <= at < end and not _after_preposition(before, at)]
        if inside:
            return min(inside)[2]
    return None


def _after_preposition(text: str, at: int) -> bool:
    """The mention at `at` is governed by a preposition ('against Ukraine', 'in the east of'),
    also through a coordination ('brokered by the United Nations and Turkey')."""
    words = _tokens(text[max(0, at - 60):at])[-6:]
    while words:
        word = words.pop()
        low = word.lower()
        if low in ("and", "or"):  # skip the name coordinated with this one
            while words and words[-1][:1].isupper():
                words.pop()
        elif low not in _DETERMINERS and low not in _NOT_NAMES - _ACTOR_PREPOSITIONS:
            return low in _ACTOR_PREPOSITIONS
    return False


# Prepositions that put a country in the object of its clause, not the subject.
_ACTOR_PREPOSITIONS = _PREPOSITIONS | frozenset("against with to into for by over toward towards "
                                                "between along within".split())
_CLAUSE_END_RE = re.compile(r"[,;:]\s")
_PLACE_RE = re.compile(r"(?<![\w])(" + "|".join(re.escape(p) for p in sorted(
    PLACE_COUNTRY, key=len, reverse=True)) + r")(?![\w])")
_CAP_SPAN_RE = re.compile(
    r"(?<![\w’'])([A-Z][\w’'.-]*(?:\s+(?:of|the|for|de|van|von|al|bin)?\s*[A-Z][\w’'.-]*)*)")


def _capitalised_spans(text: str) -> list[str]:
    """Capitalised name spans, minus sentence-initial function words, months and days."""
    out = []
    for m in _CAP_SPAN_RE.finditer(text):
        words = m.group(1).split()
        while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in _MONTHS
                         or (words[0].lower() in _TITLES and len(words) > 1)
                         or words[0].lower() == "of"):
            words = words[1:]
        while words and (words[-1].lower() in _NOT_NAMES or words[-1].lower() in _MONTHS):
            words = words[:-1]
        name = " ".join(words).rstrip(".,’'-").replace("’s", "").replace("'s", "")
        if len(name) > 1 and not name.isdigit() and name.lower() not in _NOT_NAMES \
                and not _common_opening(text, m.start(), name):
            out.append(name)
    return out


def _common_opening(text: str, start: int, name: str) -> bool:
    """A lone capitalised word opening the sentence ("Ships had...") is no name by itself."""
    if text[:start].strip(" “\"'‘(,") or " " in name:
        return False
    follows = text[start + len(name):start + len(name) + 3]
    return not (name in PLACE_COUNTRY or name.isupper() or follows.startswith(("'s", "’s")))


def find_predicate(sentence: str, q: Quantity) -> str:
    """Main verb nearest the figure, preferring a content verb over 'is'/'has'."""
    before = [t.lower() for t in _tokens(sentence[:q.start])][-8:]
    after = [t.lower() for t in _tokens(sentence[q.end:])][:6]
    for tok in reversed(before):
        if tok in _VERBS and tok not in _AUXILIARIES and tok not in _REPORTING:
            return tok
    for tok in after:
        if tok in _VERBS and tok not in _AUXILIARIES and tok not in _REPORTING:
            return tok
    for tok in reversed(before):
        if tok in _AUXILIARIES:
            return tok
    return ""


def frame_text(sentence: str, q: Quantity, measured: str, entities: tuple[str, ...],
               predicate: str, attribution: str | None = None, title: str = "") -> str:
    """Normalized text the matcher compares: measured thing, predicate, entities, context.

    Who said it is left out: two outlets citing different sources for one fact must still
    match, and one source giving two facts must not. A sentence that names no place or
    organisation of its own borrows the article title's words for context.
    """
    source = {_norm(t) for t in _tokens(attribution or "")} | _SOURCE_WORDS
    left = [_norm(t) for t in _tokens(sentence[:q.start]) if _content(t)][-FRAME_WINDOW:]
    right = [_norm(t) for t in _tokens(sentence[q.end:]) if _content(t)][:FRAME_WINDOW]
    parts = [_norm(w) for w in measured.split()] + [predicate] + left + right
    subject = subject_entities(entities, attribution)
    parts += [e.lower() for e in subject]
    if not subject and title:
        parts += [_norm(t) for t in _tokens(title) if _content(t)][:TITLE_WORDS]
    seen: dict[str, None] = {}
    for p in parts:
        if p and p not in seen and p not in source:
            seen[p] = None
    return " ".join(seen)


def subject_entities(entities: tuple[str, ...], attribution: str | None) -> tuple[str, ...]:
    """Entities the claim is about: those named as its source are left out."""
    if not attribution:
        return entities
    return tuple(e for e in entities if e not in attribution)


def _content(tok: str) -> bool:
    return tok[0].isalpha() and tok.lower() not in _STOP and not _is_numeric(tok)
