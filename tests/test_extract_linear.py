"""Extraction stays linear in the text on hostile input (issue 17, case 5), counted in work.

2 MB of space-separated digits never finished: with no sentence end it was one sentence, and
every figure's reading re-read the whole of it (figures x length). The work counted here is
the characters handed to the steps that read a figure's sentence, plus what the splitter
re-reads to tell an abbreviation from a sentence end. No clock is read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from crosscheck.claims import sentences, stage
from crosscheck.claims.sentences import MAX_SENTENCE_CHARS, split_sentences
from crosscheck.models import Article

PER_FIGURE_STEPS = ("read_slots", "find_predicate")
# Sentences cut at 100 characters keep the texts below small enough to extract in a moment
# while still holding 10-40 sentence-sized pieces.
TEST_SENTENCE_CHARS = 100
LINEAR_SLACK = 2.2  # doubling the text may cost at most this factor (quadratic would be 4)


def article(text: str) -> Article:
    return Article(id="a", source_id="s", url="https://x.example/a",
                   canonical_url="https://x.example/a", title="", text=text, content_hash="h")


def work(text: str, monkeypatch: pytest.MonkeyPatch) -> int:
    """Characters read by the sentence-reading steps while extracting claims from text."""
    read = [0]

    def counting(step: Callable[..., Any]) -> Callable[..., Any]:
        def counted(first: str, *args: Any, **kwargs: Any) -> Any:
            read[0] += len(first)
            return step(first, *args, **kwargs)
        return counted

    with monkeypatch.context() as patch:
        patch.setattr(sentences, "MAX_SENTENCE_CHARS", TEST_SENTENCE_CHARS)
        for name in PER_FIGURE_STEPS:
            patch.setattr(stage, name, counting(getattr(stage, name)))
        patch.setattr(sentences, "is_abbreviation", counting(sentences.is_abbreviation))
        claims, _ = stage.extract_claims(article(text))
    assert claims, "the text must hold figures for the count to mean anything"
    return read[0]


# No sentence end in any of them (a digit after "A." reads as an initial, not a new sentence);
# each 100-character piece has over 24 words, so none is taken for a heading and skipped.
@pytest.mark.parametrize("unit", ["1 ", "A. 1 ", "1 km ", "40% of "])
def test_doubling_the_text_at_most_doubles_the_work(unit: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    small, large = (unit * (size // len(unit)) for size in (1000, 2000))
    assert work(large, monkeypatch) <= LINEAR_SLACK * work(small, monkeypatch)


def test_a_long_run_without_sentence_ends_is_cut_into_bounded_sentences() -> None:
    text = "1 " * 1_000_000  # the 2 MB article of the issue
    found = split_sentences(text)
    assert max(len(s.text) for s in found) <= MAX_SENTENCE_CHARS
    assert len(found) >= len(text) // MAX_SENTENCE_CHARS
    assert all(text[s.start:s.start + len(s.text)] == s.text for s in found[:50])
    assert "".join(s.text + " " for s in found).split() == text.split()  # nothing lost


def test_real_sentences_are_not_cut() -> None:
    sentence = ("Officials said about 100,000 Russian troops were massed near the border with "
                "Ukraine, according to satellite images reviewed by analysts.")
    long_one = sentence[:-1] + ", " + "and more " * 50 + "in all."  # ~600: the longest seen
    assert [s.text for s in split_sentences(f"{sentence} {long_one} {sentence}")] == [
        sentence, long_one, sentence]
