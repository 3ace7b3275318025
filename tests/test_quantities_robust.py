"""Quantity engine on bad input: never raises, stays linear; clear errors for bad files."""

from __future__ import annotations

import cProfile
import json
import pstats

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.errors import CrosscheckError
from crosscheck.quantities import QuantityInputError, convert_file, parse_quantities, to_newsquant

# Text built from the characters the engine reacts to, plus any Unicode.
_PIECES = st.sampled_from([
    "1", "42", "4,300", "1.5", ".5", "-", "\u2212", "\u2013", "/", "%", "$", "€", "£", "US$",
    " ", "\u00a0", "\u2009", "\n", "\uff11", "m", "bn", "k", "million", "one", "a", "hundred",
    "thousand", "half", "third", "dozens", "tens of", "of", "to", "and", "between", "from",
    "more than", "about", "up to", "rose", "fell", "by", "km", "per", "a year", "people",
    "shells", "(", ")", ".", ",", ":", "+", "May", "Section", "2019", "s", "th", "pm", "x", "×",
    "10", "^", "½", "out", "in", "cents", "dollars", "or", "more", "less", "so", "aged", "the",
    "best", "of the", "'", "o", "clock", "-year-old", "p", "C$", "USD", "Rs", "PS", "Y=", "=",
    "square", "per cent", "sub", "twenty", "-five", "strong", "compared with", "exceeds",
    "at least", "#", "No", "Road", "E", "1/2", "9/11", "24/7", "1:30", "dozen", "tens",
    "1,5", "12,34,567.89", "1.234.567", "1e5", "e", "510", "2.5E-6", "millones", "T", "Mex$",
    "RM79", "a month", "fifth", "low", "mid", "high", "200s", "-fold", "fivefold", "tripled",
    "fewer", "he", "was", "said", "Smith", "°F", "degF", "m.p.h.", "sq m", "kV/cm", "ksi", "hrs",
])
_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=60).map("".join),
)
# Linear work: 10x the text may make at most this many times more function calls (linear is
# 10x, measured 10.00-10.01x on every text below; quadratic would be 100x). Calls are counted,
# not timed, so a busy machine cannot fail the test.
LINEAR_RATIO_LIMIT = 12.0
# Text sizes for the growth check: 10x apart, small enough to profile in about a second.
SMALL_TEXT, LARGE_TEXT = 2_000, 20_000


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_any_text_gives_well_formed_quantities(text):
    found = parse_quantities(text)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert text[q.start:q.end] == q.surface
        assert q.low <= q.high and q.base_low <= q.base_high
    assert len(to_newsquant(found, text)) <= len(found)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\u200b", "\ufeff", "%", "$", "-", "1e5e5"])
def test_empty_and_degenerate_strings(text):
    assert isinstance(parse_quantities(text), list)


@pytest.mark.parametrize("value", [None, 42, b"10 km", ["10 km"]])
def test_non_strings_give_nothing(value):
    assert parse_quantities(value) == []


def test_three_hundred_digit_numbers():
    found = parse_quantities("1" * 300 + " km")
    assert len(found) == 1 and found[0].unit == "kilometre" and found[0].low > 1e299


def test_numbers_beyond_float_range_are_skipped():
    assert [q.low for q in parse_quantities("9" * 400 + " km and 5 km")] == [5]


@pytest.mark.parametrize("text", ["3 x 10^500 people and 5 km", "1e510 km and 5 km",
                                  "0e999 m and 5 km", "2×10-400 kg and 5 km"])
def test_exponents_beyond_float_range_are_skipped(text):
    assert [q.low for q in parse_quantities(text)] == [5]


def test_odd_unicode_spaces_digits_and_minus():
    text = "\uff14\uff10\uff10\u00a0km, \u22125\u2009%, 1\u202f000 people"
    assert [(q.low, q.unit) for q in parse_quantities(text)] == [
        (400, "kilometre"), (-5, "percentage"), (1000, "person")]


_REPEATED = ["1 ", "one ", "$1.2bn to $3bn, ", "North Korea sold 1 million to 3 million shells. ",
             "aged 18 to 34, 4.1m viewers, C$6 per share, ", "a third of 2,615 miles at 95°F; "]


@pytest.mark.parametrize("unit", _REPEATED)
def test_work_grows_linearly_with_the_text(unit):
    parse_quantities(unit)  # one-off work (the base-unit table) before counting
    small, large = (unit * (size // len(unit)) for size in (SMALL_TEXT, LARGE_TEXT))
    ratio = _calls(large) / _calls(small)
    assert ratio <= LINEAR_RATIO_LIMIT, f"10x the text made {ratio:.1f}x the calls"


@pytest.mark.parametrize("unit", ["x", *_REPEATED])
def test_hundred_kilobyte_texts_parse(unit):
    text = unit * (100_000 // len(unit))
    for q in parse_quantities(text):
        assert text[q.start:q.end] == q.surface


def _calls(text: str) -> int:
    """Function calls (Python and built-in) made while parsing text: work, not seconds."""
    profile = cProfile.Profile()
    profile.enable()
    parse_quantities(text)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]  # untyped in typeshed
    return sum(calls for _, calls, _, _, _ in stats.values())


def test_convert_file_writes_scorer_rows(tmp_path):
    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"text": "about 40% of 3 km"}, {"text": "nothing"}]))
    out = tmp_path / "out.json"
    assert convert_file(src, out) == 2
    rows = json.loads(out.read_text())
    assert rows[0]["quantities"] == [{"value": 40.0, "unit": "percentage", "change": "~"},
                                     {"value": 3.0, "unit": "kilometre", "change": "="}]
    assert rows[1] == {"text": "nothing", "quantities": []}


def test_convert_file_to_stdout(tmp_path, capsys):
    src = tmp_path / "in.json"
    src.write_text(json.dumps([{"text": "5 km", "quantities": []}]))
    assert convert_file(src, None) == 1
    assert json.loads(capsys.readouterr().out)[0]["quantities"][0]["unit"] == "kilometre"


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    ("{not json", "not valid JSON"),
    ('{"text": "5 km"}', "expected a JSON list"),
    ('[{"txt": "5 km"}]', 'item 0 has no string "text"'),
    ('["5 km"]', 'item 0 has no string "text"'),
    (b"\xff\xfe\x00", "UTF-8"),
])
def test_convert_file_errors_name_the_file_and_the_fix(tmp_path, content, message):
    src = tmp_path / "in.json"
    if isinstance(content, bytes):
        src.write_bytes(content)
    elif content is not None:
        src.write_text(content)
    with pytest.raises(QuantityInputError) as err:
        convert_file(src, tmp_path / "out.json")
    assert str(src) in str(err.value) and message in str(err.value)
    assert isinstance(err.value, CrosscheckError)  # one tree: the CLI reports it in one line
