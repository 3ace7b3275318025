"""Words of a sentence with their spans, and the clause a figure sits in.

Slot readers look at the words around one figure: those of its own clause first (bounded by
the other figures of the sentence and by clause breaks), then the rest of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from crosscheck.models import Quantity

_WORD_RE = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z]|[A-Za-z]|\d(?:[\d,.]*\d)?(?:%|s\b)?|"
                      r"[;:,()\[\]—–\"“”]")  # "200s" (in the low 200s) is one word
# A comma opens a new clause when one of these follows it.
_CLAUSE_OPENERS = frozenset(
    "which while whereas but although though compared comparing against versus who whom as "
    "after before when according up down and or with including among of".split())
_HARD_BREAKS = frozenset(";:—–()[]")


LIST_JOINERS = frozenset(", and or as well".split())  # words between the items of a list


@dataclass(frozen=True, slots=True)
class Word:
    """One word (or punctuation mark) of a sentence."""

    text: str
    low: str
    start: int
    end: int


def words_of(text: str) -> list[Word]:
    """The sentence's words and punctuation, in order, with character spans."""
    out = []
    for m in _WORD_RE.finditer(text.replace("’", "'")):
        w = m.group(0)
        if w.endswith(".") and w.count(".") == 1:
            w = w[:-1]
        out.append(Word(w, w.lower(), m.start(), m.start() + len(w)))
    return out


@dataclass(frozen=True, slots=True)
class FigureContext:
    """The words around one figure: its clause on each side, and the whole sentence."""

    sentence: str
    words: list[Word]
    inside: list[Word]  # words of the figure's own surface
    left: list[Word]  # words of its clause before the figure, nearest last
    right: list[Word]  # words of its clause after the figure, nearest first
    before: list[Word]  # every word of the sentence before the figure
    after: list[Word]  # every word after it
    quantity: Quantity
    clause_start: int  # where the clause opens, other figures in it included ("will raise
    # spending by 7.1% to $229 billion": the clause of $229 billion opens at "will")

    @property
    def clause_text(self) -> str:
        """The clause as text, the figure's own words included."""
        ws = self.left + self.inside + self.right
        return self.sentence[ws[0].start:ws[-1].end] if ws else ""

    def left_text(self) -> str:
        return self.sentence[self.left[0].start:self.quantity.start] if self.left else ""

    def holds(self, start: int, end: int) -> bool:
        """The text start..end lies in the figure's clause (asides set off by commas are not
        part of it)."""
        words = [w for w in self.left + self.inside + self.right if start <= w.start < end]
        return bool(words) and all(w.end <= end for w in words) and not any(
            start <= w.start < end for w in self.words if w not in words and w.text[0].isalnum())

    def opening_text(self) -> str:
        """The clause from its opening to the figure, across other figures in it."""
        return self.sentence[self.clause_start:self.quantity.start]

    def list_opening(self) -> list[Word]:
        """For an item of a list of figures whose own clause opens after the item before
        ("fired 170 drones, 120 ballistic missiles and 30 cruise missiles"), the words of
        the clause before the list's first figure; else no words."""
        if any(w.low not in LIST_JOINERS for w in self.left):
            return []
        opening = [w for w in self.before if w.start >= self.clause_start]
        first = next((i for i, w in enumerate(opening) if w.text[0].isdigit()), None)
        return opening[:first] if first else []

    def clause_after(self) -> list[Word]:
        """The words after the figure up to its clause break, across other figures in it
        ("99% of the 300 missiles": the whole's count is part of the share's phrase)."""
        return _clause_right(self.after)

    def right_text(self) -> str:
        return self.sentence[self.quantity.end:self.right[-1].end] if self.right else ""


def figure_context(sentence: str, q: Quantity, others: Sequence[Quantity]) -> FigureContext:
    """The context of figure `q` among the sentence's other figures."""
    words = words_of(sentence)
    before = [w for w in words if w.end <= q.start]
    after = [w for w in words if w.start >= q.end]
    inside = [w for w in words if w.start >= q.start and w.end <= q.end]
    # Durations ("the first 15 months") are part of a time phrase: they bound no clause.
    bounding = [o for o in others if o.unit_kind != "duration"]
    prev_end = max((o.end for o in bounding if o.end <= q.start), default=0)
    next_start = min((o.start for o in bounding if o.start >= q.end), default=len(sentence))
    left = _after_coordination(_clause_left([w for w in before if w.start >= prev_end]),
                               prev_end > 0)
    right = _clause_right([w for w in after if w.end <= next_start])
    opening = _clause_left(before)
    return FigureContext(sentence, words, inside, left, right, before, after, q,
                         opening[0].start if opening else q.start)


def _clause_left(words: list[Word]) -> list[Word]:
    """The words back to the nearest clause break before the figure.

    A participle phrase set off by commas ("Under the deal, brokered by Turkey a year ago,
    nearly 33 million tonnes ...") is an aside: the clause resumes after it.
    """
    kept = list(words)
    i = len(kept) - 1
    while i >= 0:
        w = kept[i]
        if w.text in _HARD_BREAKS:
            return kept[i + 1:]
        if w.text == "," and i + 1 < len(kept) and _opens_clause(kept[i + 1]):
            rest = kept[i + 1:]
            commas = [k for k, x in enumerate(rest) if x.text == ","]
            if not (_participle(kept[i + 1]) and commas):
                return rest
            kept = kept[:i] + rest[commas[0] + 1:]  # drop the aside, read on before it
        i -= 1
    return kept


def _participle(w: Word) -> bool:
    return len(w.low) > 4 and w.low.endswith("ed") and w.text[0].islower()


def _opens_clause(w: Word) -> bool:
    return w.low in _CLAUSE_OPENERS or _participle(w)


def _after_coordination(left: list[Word], after_figure: bool) -> list[Word]:
    """After another figure, the clause of this one opens at the last 'and', 'or', 'but'
    ('1,852 houses flooded on the Ukrainian side and 2,700 houses on the pro-Russian side')."""
    if not after_figure:
        return left
    for i in range(len(left) - 1, -1, -1):
        if left[i].low in ("and", "or", "but", "while", "whereas"):
            return left[i + 1:]
    return left


def _clause_right(words: list[Word]) -> list[Word]:
    """The words up to the nearest clause break after the figure."""
    for i, w in enumerate(words):
        if w.text in _HARD_BREAKS or w.text == ",":
            return words[:i]
    return words

