"""Sentences: the splitter, site furniture, and which figures of a sentence are claims."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from crosscheck.claims.lexicon import ABBREVIATIONS
from crosscheck.models import Quantity
from crosscheck.words import MONTH_RE

# Sentences that are site furniture, not text (kept short: the cleaner removes most).
_BOILERPLATE_RE = re.compile(
    r"^\W*(must read|read more|read also|also read|see also|related( articles?| stories)?:?|"
    r"recommended|you may also like|click here|subscribe|sign up|follow us|share this|"
    r"advertisement|whatsapp channel|telegram (group|channel)|leave a comment|privacy|"
    r"this (site|website) uses|cookie|all rights reserved|©|home »|editor in charge)",
    re.IGNORECASE)
HEADLINE_MAX_WORDS = 24  # a line with no end punctuation and at most this many words is a heading
_END_PUNCT = tuple('.!:;"”’)…')

# "the two countries", "both two ...": a spelled "two" after a determiner refers to things the
# text already named; "its five crew members", "the 62 victims" stay figures.
REFERENCE_MAX = 2


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article with its position."""

    index: int
    start: int
    text: str
    paragraph: int


_BOUNDARY_RE = re.compile(r"([.!?…]+)([\"”’)\]]*)(\s+)(?=[\"“‘(\[]?[A-Z0-9])")
# Longest sentence in the seed articles is 598 characters, in the NewsQuant dev set 424. Every
# figure's frame reads its whole sentence, so a text with no sentence end (2 MB of "1 1 1 ...")
# made one sentence and cost figures x length: longer pieces are cut at a space to stay linear.
MAX_SENTENCE_CHARS = 1000


def split_sentences(text: str) -> list[Sentence]:
    """Split text into sentences: each line is a paragraph, then split at safe boundaries."""
    out: list[Sentence] = []
    pos = 0
    for paragraph, line in enumerate(text.split("\n")):
        for start, piece in _split_line(line):
            for offset, chunk in _bounded(piece):
                stripped = chunk.strip()
                if stripped:
                    lead = len(chunk) - len(chunk.lstrip())
                    out.append(Sentence(len(out), pos + start + offset + lead, stripped,
                                        paragraph))
        pos += len(line) + 1
    return out


def _bounded(piece: str) -> Iterator[tuple[int, str]]:
    """The piece in chunks of at most MAX_SENTENCE_CHARS, cut after the last space that fits."""
    start = 0
    while len(piece) - start > MAX_SENTENCE_CHARS:
        cut = piece.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        end = cut + 1 if cut > start else start + MAX_SENTENCE_CHARS
        yield start, piece[start:end]
        start = end
    yield start, piece[start:]


def _split_line(line: str) -> Iterator[tuple[int, str]]:
    start = 0
    for m in _BOUNDARY_RE.finditer(line):
        # Only the last word before the period matters; a bounded window keeps a line of
        # abbreviations ("A. 1 A. 1 ...") from re-reading all the text since `start`.
        before = line[max(start, m.start() - MAX_SENTENCE_CHARS):m.start()]
        if m.group(1) == "." and is_abbreviation(before):
            continue
        yield start, line[start:m.end(2)]
        start = m.end()
    yield start, line[start:]


_DECIMAL_RE = re.compile(r"[$€£]?\d[\d,]*\.\d+%?")


def is_abbreviation(before: str) -> bool:
    """True when the period ending `before` belongs to an abbreviation or an initial."""
    token = before.rsplit(None, 1)[-1] if before.strip() else ""
    token = token.lstrip("(\"“'‘")
    if not token:
        return False
    if len(token) == 1 and token.isupper():
        return True  # an initial: "George W. Bush"
    if _DECIMAL_RE.fullmatch(token):
        return False  # "the USGS put it at 5.6. No quake ...": a number ends the sentence
    if "." in token:
        return True  # "U.S.", "e.g"
    return token.lower() in ABBREVIATIONS


def boilerplate_reason(sentence: str) -> str | None:
    """Why a sentence is site furniture rather than text, or None when it is text."""
    if _BOILERPLATE_RE.search(sentence):
        return "boilerplate or link line (e.g. 'MUST READ', 'See also')"
    words = sentence.split()
    if not sentence.endswith(_END_PUNCT) and not sentence.endswith("?") \
            and len(words) <= HEADLINE_MAX_WORDS:
        return "heading or link line (no sentence punctuation)"
    if sentence.endswith("?"):
        return "question, not a claim"
    return None


def skip_reason(sentence: str, q: Quantity) -> str | None:
    """Why a figure is not a claim (a year, a date, an ordinal, a list marker), or None."""
    before = sentence[max(0, q.start - 12):q.start].lower()
    after = sentence[q.end:q.end + 12].lower()
    surface = q.surface.strip()
    if re.fullmatch(r"(1[89]|20)\d\d(s)?", surface) and not q.unit:
        return "a year, not a figure"
    if re.search(MONTH_RE + r"\.?\s*$", before) and re.fullmatch(r"\d{1,2}", surface):
        return "part of a date"
    if re.match(r"^\s*" + MONTH_RE + r"\b", after) and re.fullmatch(r"\d{1,2}", surface):
        return "part of a date"
    if re.match(r"^(st|nd|rd|th)\b", after) or re.fullmatch(r"\d+(st|nd|rd|th)", surface):
        return "an ordinal, not a figure"
    if q.start <= 1 and re.match(r"^[.)]", after) and not q.unit:
        return "a list marker"
    ranking = r"\s*of\s+(?:the|its|their|his|her)\s+(?:\w+\s+){0,2}?\w*(?:est|most)\b"
    if q.low == 1 and (re.match(ranking, sentence[q.end:q.end + 50].lower()) or
                       re.match(r"\s*(?:one|1)" + ranking, surface.lower())):
        return "'one of the deadliest ...': a ranking, not a figure"
    if re.search(r"\b(?:the|these|those|both|its|their|our|his|her)\s*$", before) and \
            not re.search(r"\d", surface) and q.low == q.high and q.low <= REFERENCE_MAX:
        return "a reference to things already named ('the two countries'), not a figure"
    if re.fullmatch(r"(?i:a|an)\s+\S.*", surface) and q.low == q.high == 1 and \
            q.unit_kind in ("count", "duration"):
        return "an indefinite article ('a day of mourning'), not a figure"
    return None
