"""Base units: every physical figure also carries its interval in one unit per kind (pint)."""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import asdict, replace

import pint
import pytest

from crosscheck.models import Quantity
from crosscheck.quantities import BASE_UNITS, base_interval, parse_quantities, unit_conversions

INF = math.inf


def only(text: str) -> Quantity:
    found = parse_quantities(text)
    assert len(found) == 1, f"{text!r} gave {found}"
    return found[0]


def test_every_physical_unit_has_a_base():
    table = unit_conversions()
    assert len(table) > 100
    for unit, (base, factor, offset) in table.items():
        assert base in BASE_UNITS, unit
        assert factor > 0 and math.isfinite(offset), unit


def test_miles_and_kilometres_meet_in_metres():
    miles, km = only("a pipeline of 1,200 miles"), only("a pipeline of 1,931 km")
    assert miles.base_unit == km.base_unit == "metre"
    assert miles.base_low == pytest.approx(km.base_low, rel=1e-3)
    assert (miles.unit, km.unit) == ("mile", "kilometre")  # the surface unit stays for display


@pytest.mark.parametrize(("a", "b"), [
    ("crops on 50 hectares", "crops on 0.5 square kilometres"),
    ("a 3 lb weight", "a 1.36 kg weight"),
    ("a 2 gallon can", "a 7.57 litre can"),
    ("a 90 minute film", "a 1.5 hour film"),
    ("wind of 60 mph", "wind of 96.56 km/h"),
    ("a 2 GW plant", "a 2,000 MW plant"),
    ("used 1 kWh of power", "used 3.6 million joules of power"),
])
def test_one_base_per_kind(a, b):
    qa, qb = only(a), only(b)
    assert qa.base_unit == qb.base_unit
    assert qa.base_low == pytest.approx(qb.base_low, rel=1e-3)


def test_temperature_levels_are_affine_and_changes_are_scaled():
    level = only("it was 95°F at noon")
    assert (level.base_unit, level.base_low) == ("celsius", pytest.approx(35.0))
    change = only("temperatures rose 9 °F")
    assert (change.change, change.base_low) == ("up", pytest.approx(5.0))


def test_open_ends_stay_open():
    q = only("more than 4,300 miles")
    assert (q.base_low, q.base_high) == (pytest.approx(4300 * 1609.344), INF)


@pytest.mark.parametrize(("text", "unit"), [
    ("13,000 workers", "worker"), ("40% of it", "percentage"), ("a $5m deal", "dollar"),
    ("a 60 basis point cut", "basis point"), ("trading at 2.5x sales", "count"),
])
def test_counts_percents_and_currencies_keep_their_unit(text, unit):
    q = only(text)
    assert (q.base_unit, q.base_low, q.base_high) == (unit, q.low, q.high)


def test_rates_convert_the_physical_parts():
    q = only("oil at $80 a barrel")
    assert q.base_unit == "dollar per cubic metre"
    assert q.base_low == pytest.approx(80 / 0.158987, rel=1e-4)
    q = only("two people per square kilometre")
    assert (q.base_unit, q.base_low) == ("person per square metre", pytest.approx(2e-6))


def test_ages_are_kept_apart_from_durations():
    assert only("a 15-year-old").base_unit == "year of age"
    assert only("an 18 month-old girl").base_low == pytest.approx(1.5)
    assert only("sentenced to 20 years").base_unit == "second"


def test_base_fields_serialize_and_follow_replace():
    q = only("a 5 mile walk")
    row = asdict(q)
    assert row["base_unit"] == "metre" and row["base_low"] == pytest.approx(8046.72)
    assert replace(q, low=10.0, high=10.0).base_low == pytest.approx(16093.44)


def test_records_rebuilt_from_plain_fields_get_the_same_base():
    """What the store reloads (the surface fields only) carries the same base as parsed."""
    q = only("a 5 mile walk")
    again = Quantity(q.low, q.high, q.unit, q.unit_kind, q.qualifier, q.change, q.surface,
                     q.start, q.end)
    assert (again.base_unit, again.base_low, again.base_high) == (
        q.base_unit, q.base_low, q.base_high)


def test_pint_is_not_called_per_sentence(monkeypatch):
    only("a 5 mile walk")  # the table is built from pint once, here at the latest

    def refuse(*args, **kwargs):
        raise AssertionError("pint was called while parsing")

    monkeypatch.setattr(pint.UnitRegistry, "__init__", refuse)
    monkeypatch.setattr(pint.Quantity, "to", refuse)
    found = parse_quantities("ran 26.2 miles at 12 km/h in 95°F heat, burning 2,000 kcal "
                             "for $3 per kilometre, or 40 people per square mile")
    assert [q.base_unit for q in found] == [
        "metre", "metre per second", "celsius", "joule", "dollar per metre",
        "person per square metre"]


def test_base_interval_of_unknown_units_is_the_interval_itself():
    assert base_interval("shell", 1e6, 3e6) == ("shell", 1e6, 3e6)
    assert base_interval("", 5, 5) == ("", 5, 5)


def test_pint_is_imported_only_when_a_physical_unit_needs_it():
    code = ("import sys; from crosscheck.quantities import parse_quantities; "
            "parse_quantities('40% of 3,000 workers'); a = 'pint' in sys.modules; "
            "parse_quantities('a 5 mile walk'); print(a, 'pint' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
