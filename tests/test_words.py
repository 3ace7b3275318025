"""The package's one word module: singular forms, spelled numbers, months."""

from __future__ import annotations

import re

import pytest

from crosscheck import words


@pytest.mark.parametrize(("plural", "single"), [
    ("shells", "shell"), ("casualties", "casualty"), ("buses", "bus"), ("cases", "case"),
    ("people", "person"), ("fishermen", "fisherman"), ("anti-tank-missiles", "anti-tank-missile"),
    ("boxes", "box"), ("status", "status"), ("troops", "troop"),
])
def test_singular(plural: str, single: str) -> None:
    assert words.singular(plural) == single


@pytest.mark.parametrize(("word", "plural"), [
    ("shells", True), ("people", True), ("women", True), ("bus", False), ("says", False),
    ("towards", False), ("physics", False), ("it's", False),
])
def test_looks_plural(word: str, plural: bool) -> None:
    assert words.looks_plural(word) is plural


@pytest.mark.parametrize(("text", "value"), [
    ("seven", 7), ("Eighteen", 18), ("twenty", 20), ("twenty-four", 24), ("ninety-nine", 99),
    ("twenty-eleven", None), ("hundred", None), ("sevens", None),
])
def test_spelled_number(text: str, value: int | None) -> None:
    assert words.spelled_number(text) == value


def test_spelled_number_pattern_takes_the_whole_word() -> None:
    found = [m.group(0) for m in re.finditer(rf"\b{words.SPELLED_NUMBER_RE}\b",
                                               "seventeen, twenty-four and six")]
    assert found == ["seventeen", "twenty-four", "six"]


@pytest.mark.parametrize(("word", "month"), [
    ("january", 1), ("sept", 9), ("sep", 9), ("september", 9), ("jun", 6), ("june", 6), ("dec", 12),
])
def test_month_names_and_abbreviations(word: str, month: int) -> None:
    assert words.MONTH_NUMBERS[word] == month
    assert re.fullmatch(words.MONTH_RE, word)
    assert word.capitalize() in words.MONTH_WORDS


def test_month_pattern_prefers_the_longest_form() -> None:
    longest, prefix = (re.match(words.MONTH_RE, text) for text in ("september 9", "septic"))
    assert longest and longest.group(0) == "september"
    assert prefix and prefix.group(0) == "sept"  # callers add \b where they need it


def test_may_and_march_are_months_only_in_context() -> None:
    assert {"may", "march"} <= words.AMBIGUOUS_MONTHS
    assert not {"may", "march", "mar"} & words.MONTHS_LOWER


def test_number_words_cover_every_table() -> None:
    assert {"seven", "ninety", "lakh", "crores", "dozens", "thirds", "hundred", "tens"} \
        <= words.NUMBER_WORDS
    assert not words.NUMBER_WORDS & words.FUNCTION_WORDS
