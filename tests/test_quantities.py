"""Quantity engine: one test per phenomenon the engine must read, or must skip."""

from __future__ import annotations

import math

import pytest

from crosscheck.models import QUALIFIERS, UNIT_KINDS
from crosscheck.quantities import newsquant_unit, parse_quantities, to_newsquant

INF = math.inf


def only(text: str):
    """The single quantity of text (fails when there are none or several)."""
    found = parse_quantities(text)
    assert len(found) == 1, f"{text!r} gave {found}"
    return found[0]


def values(text: str) -> list[tuple[float, float, str]]:
    return [(q.low, q.high, q.unit) for q in parse_quantities(text)]


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("a border of 4,300 kilometres", 4300, 4300, "kilometre"),
    ("prices rose to 1.5 dollars", 1.5, 1.5, "dollar"),
    ("a harvest of 816 000 tonnes", 816_000, 816_000, "tonne"),
    ("temperatures of -3.5 degrees Celsius", -3.5, -3.5, "celsius"),
    ("at minus 20 degrees Fahrenheit", -20, -20, "fahrenheit"),
    ("a profit of $.5 billion", 5e8, 5e8, "dollar"),
])
def test_digits_with_separators_decimals_and_signs(text, low, high, unit):
    q = only(text)
    assert (q.low, q.high, q.unit) == (low, high, unit)


@pytest.mark.parametrize("text", ["gas was 40% of the total", "gas was 40 percent of the total",
                                  "gas was 40 per cent of the total", "gas was 40 pct of it"])
def test_percentages_in_every_spelling(text):
    q = only(text)
    assert (q.low, q.unit, q.unit_kind) == (40, "percentage", "percent")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("a deal worth $1.2bn", 1.2e9, "dollar"),
    ("a deal worth €3bn", 3e9, "euro"),
    ("a deal worth £5m", 5e6, "pound sterling"),
    ("2 million barrels", 2e6, "barrel"),
    ("3 thousand troops", 3000, "troop"),
    ("a 10k run", 10_000, ""),
    ("5 lakh people", 500_000, "person"),
    ("a fine of 1 million rubles", 1e6, "russian ruble"),
    ("loans of 10 billion yuan", 1e10, "chinese yuan"),
    ("a USD10m yacht", 1e7, "dollar"),
    ("shares at HK$5.4m", 5.4e6, "hong kong dollar"),
    ("worth US $58.24 per barrel", 58.24, "dollar per barrel"),
    ("a $3,500 a month mortgage", 3500, "dollar per month"),
])
def test_scales_and_currencies(text, value, unit):
    q = only(text)
    assert (q.low, q.high, q.unit) == (value, value, unit)


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("A hundred thousand Russian troops are massed", 1e5, 1e5, "troop"),
    ("one third of the family", 100 / 3, 100 / 3, "percentage"),
    ("two-thirds of voters", 200 / 3, 200 / 3, "percentage"),
    ("almost half of the country", 50, 50, "percentage"),
    ("twenty-five soldiers", 25, 25, "troop"),
    ("three hundred and twenty people", 320, 320, "person"),
    ("Dozens of people were killed", 12, 120, "person"),
    ("tens of millions of people", 1e7, 1e8, "person"),
    ("hundreds of thousands of refugees", 1e5, 1e6, "refugee"),
    ("thousands of tests", 1e3, 1e4, "test"),
    ("half a million voters", 5e5, 5e5, "voter"),
    ("One out of three Germans", 100 / 3, 100 / 3, "percentage"),
])
def test_number_words_and_vague_amounts(text, low, high, unit):
    q = only(text)
    assert (q.low, q.high) == pytest.approx((low, high))
    assert q.unit == unit


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("sold 1 million to 3 million artillery shells", 1e6, 3e6, "shell"),
    ("sold 1 to 3 million artillery shells", 1e6, 3e6, "shell"),
    ("between 1m and 3m shells", 1e6, 3e6, "shell"),
    ("from 5 to 7 per cent", 5, 7, "percentage"),
    ("a 5-10 km walk", 5, 10, "kilometre"),
    ("20% to 25% of the vote", 20, 25, "percentage"),
    ("between $62 and $68 per share", 62, 68, "dollar per share"),
    ("from $200 to $4 million", 200, 4e6, "dollar"),
    ("US $89 to $93 billion", 89e9, 93e9, "dollar"),
    ("three or four years", 3, 4, "year"),
    ("dropping from 208 pounds to 193", 193, 208, "pound-mass"),
])
def test_ranges(text, low, high, unit):
    q = only(text)
    assert (q.low, q.high, q.unit, q.qualifier) == (low, high, unit, "range")


def test_range_scale_applies_only_when_it_fits():
    """"$200 to $4 million" keeps 200: scaling it would pass the upper end."""
    assert only("ranging from $200 to $4 million").low == 200


@pytest.mark.parametrize(("text", "qualifier", "low", "high"), [
    ("about 100,000 troops", "approx", 1e5, 1e5),
    ("around 600 people", "approx", 600, 600),
    ("nearly 33 million tonnes", "approx", 33e6, 33e6),
    ("roughly 8 billion people", "approx", 8e9, 8e9),
    ("some 12 million shells", "approx", 12e6, 12e6),
    ("more than 4,300 kilometers", "more_than", 4300, INF),
    ("over 35 GWh", "more_than", 35, INF),
    ("the population exceeds one million", "more_than", 1e6, INF),
    ("upwards of 500 jobs", "more_than", 500, INF),
    ("at least 2.4 μm", "at_least", 2.4, INF),
    ("no less than 300,000 each", "at_least", 3e5, INF),
    ("20,000+ artillery shells a day", "at_least", 2e4, INF),
    ("up to 400 jobs", "at_most", -INF, 400),
    ("at most 5 days", "at_most", -INF, 5),
    ("less than 3.5 seconds", "less_than", -INF, 3.5),
    ("under $10 per gram", "less_than", -INF, 10),
    ("fewer than 25,000 fighters", "less_than", -INF, 25_000),
])
def test_qualifiers(text, qualifier, low, high):
    q = only(text)
    assert (q.qualifier, q.low, q.high) == (qualifier, low, high)


@pytest.mark.parametrize(("text", "change"), [
    ("the index rose 6.5%", "up"),
    ("the index fell 190 points", "down"),
    ("revenue increased by $43.6 billion", "up"),
    ("shares were down 2.3%", "down"),
    ("Dow +0.2%", "up"),
    ("up nearly 57%", "up"),
    ("electricity prices jumped by 25%", "up"),
    ("revenue rose to $7.36 billion", "none"),
    ("the team gave up 517 rushing yards", "none"),
])
def test_changes(text, change):
    assert only(text).change == change


def test_change_applies_to_the_amount_not_the_new_level():
    found = parse_quantities("Blackmores up 9.4 per cent to $84")
    assert [(q.low, q.change) for q in found] == [(9.4, "up"), (84, "none")]


def test_parenthetical_equivalent_keeps_change_and_qualifier():
    found = parse_quantities(
        "temperatures dropped by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)")
    assert [(q.low, q.high, q.change) for q in found] == [(1, 1.5, "down"), (1.8, 2.7, "down")]


@pytest.mark.parametrize(("text", "unit", "kind"), [
    ("a 20 km/h limit", "kilometre per hour", "speed"),
    ("87 mph", "mile per hour", "speed"),
    ("311 square miles", "square mile", "area"),
    ("15 square kilometers", "square kilometre", "area"),
    ("560,000 tonnes of grain", "tonne", "mass"),
    ("1 million barrels of oil", "barrel", "volume"),
    ("55 bcm of gas", "cubic metre", "volume"),
    ("500 degrees celsius", "celsius", "temperature"),
    ("sentenced to 20 years in prison", "year", "duration"),
    ("every 4 hours of travel", "hour", "duration"),
    ("a 6kW motor", "kilowatt", "power"),
    ("a 5.5kWh battery", "kilowatt hour", "energy"),
    ("a 2,900 year-old site", "year of age", "duration"),
    ("a 37m skeleton", "metre", "length"),
])
def test_units_and_kinds(text, unit, kind):
    q = only(text)
    assert (q.unit, q.unit_kind) == (unit, kind)


def test_bcm_is_billions_of_cubic_metres():
    assert only("55 bcm of gas").low == 55e9


@pytest.mark.parametrize(("text", "unit"), [
    ("North Korea has sold 3 million artillery shells", "shell"),
    ("13,000 workers", "worker"),
    ("13 people", "person"),
    ("two viruses", "virus"),
    ("800,000 eligible pensioners", "pensioner"),
    ("four different bosses", "boss"),
    ("70 companies", "company"),
    ("12 fishermen", "fisherman"),
])
def test_counted_nouns_are_lemmatised(text, unit):
    q = only(text)
    assert (q.unit, q.unit_kind) == (unit, "count")


def test_newsquant_unit_keeps_modifiers_of_counted_nouns():
    assert newsquant_unit(only("800,000 eligible pensioners")) == "eligible pensioner"
    assert newsquant_unit(only("9.3 million shipping containers")) == "shipping container"
    assert newsquant_unit(only("13 people")) == "people"


@pytest.mark.parametrize("text", [
    "in 2019 the company grew", "since 1985", "on May 6 he said", "on December 23, 2021",
    "the 22nd summit", "his fifth term", "Section 427 of the code", "state TV Channel 1",
    "call 555-123-4567 now", "clauses:\n1. NATO ceases support", "at 10.45pm last night",
    "in the 1990s", "the COVID-19 crisis", "a G7 meeting", "no one came", "the iPhone 11 Pro",
    "49 Zorro Ranch Road", "the S&P 500 index", "on 12/25/2020", "at 4:39 left",
    "call +44 20 7946 0958", "the bottom three during a run", "several hundred guests",
    "Citycarver 2019 review", "Apollo 11 landed", "Year 10 pupils", "the 9/11 attacks",
    "open 24/7", "at 5 o'clock", "at 4:17am local time", "call 020 7946 0958",
    "H1 2024 forecasts", "the 2023-24 season", "in his 60s", "Windows 11 shipped",
])
def test_not_quantities(text):
    assert parse_quantities(text) == []


def test_a_count_of_people_after_a_place_name_is_a_quantity():
    # "Apollo 11 landed" is a name; "in Rukum West 52 people have died" a place, then a count
    assert values("while in Rukum West 52 people have died") == [(52, 52, "person")]
    assert values("In Gaza 31 children were hurt.") == [(31, 31, "child")]


def test_spans_point_into_the_original_text():
    text = "Russia\u00a0has\u2009massed about 100,000 troops and \uff14\uff10% of its tanks."
    for q in parse_quantities(text):
        assert text[q.start:q.end] == q.surface
    assert values(text) == [(1e5, 1e5, "troop"), (40, 40, "percentage")]


def test_unicode_minus_and_dashes():
    assert values("\u22123.5 degrees") == [(-3.5, -3.5, "degree")]
    assert values("5\u201310 km") == [(5, 10, "kilometre")]


def test_records_use_the_model_vocabularies():
    text = "Over 1,000 people, about 40% more, fell 3 km to between $5m and $9m."
    for q in parse_quantities(text):
        assert q.unit_kind in UNIT_KINDS and q.qualifier in QUALIFIERS
        assert q.change in ("none", "up", "down") and q.low <= q.high


def test_to_newsquant_rows():
    rows = to_newsquant(parse_quantities(
        "more than 4,300 km, 1 to 3 million shells, up to $8 million, rose 5%"))
    assert rows == [
        {"value": 4300.0, "unit": "kilometre", "change": ">"},
        {"value": [1e6, 3e6], "unit": "shell", "change": "="},
        {"value": 8e6, "unit": "dollar", "change": "<"},
        {"value": 5.0, "unit": "percentage", "change": "up"},
    ]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("more than 10 1/2 miles of cable", 10.5, "mile"),
    ("7 3/4 % bonds", 7.75, "percentage"),
    ("½ teaspoon of salt", 0.5, "teaspoon"),
    ("1/16 of a US pint", 1 / 16, "pint"),
])
def test_fractions(text, value, unit):
    q = only(text)
    assert (q.low, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("it only cost 3 dollars 50 cents", 3.5, "dollar"),
    ("thirteen dollars and forty-five cents", 13.45, "dollar"),
    ("buy this item for USD 200", 200, "dollar"),
    ("10 $ is not much", 10, "dollar"),
    ("profit of 361 million pounds", 361e6, "pound sterling"),
    ("he weighs 208 pounds", 208, "pound-mass"),
    ("It costs half million usd", 5e5, "dollar"),
    ("a quarter million dollars", 2.5e5, "dollar"),
    ("the c $ 300 million charge", 3e8, "canadian dollar"),
    ("a 15 % per annum rise", 15, "percentage per year"),
])
def test_money_forms(text, value, unit):
    q = only(text)
    assert (q.low, q.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "paid nov. 6 to shares of record", "on may 19, the fda", "on 1 may that year",
    "part number 24703L202", "item scp-173m", "at exit 436",
])
def test_more_dates_and_identifiers(text):
    assert parse_quantities(text) == []


def test_may_as_a_verb_is_not_a_month():
    assert values("5 may be enough") == [(5, 5, "")]


def test_scaling_leaves_no_float_noise():
    assert only("c $ 16.4 million").low == 16_400_000


def test_one_of_a_superlative_counts_one():
    q = only("one of the best wireless speakers around")
    assert (q.low, q.unit) == (1, "speaker")


def test_age_after_a_name_is_an_age():
    assert values("Senard, 65, now faces a 43.4 percent stake") == [
        (65, 65, "year of age"), (43.4, 43.4, "percentage")]


def test_scientific_notation():
    assert only("approximately 1.99×10−30 kilograms").low == pytest.approx(1.99e-30)


def test_bare_figure_takes_its_partners_unit():
    found = parse_quantities("climbed from 21 mpg combined to 23 for FWD models")
    assert [(q.low, q.unit) for q in found] == [(21, "mile per gallon"), (23, "mile per gallon")]
    found = parse_quantities("raised 280 million of the 1.5 billion shekels")
    assert [(q.low, q.unit) for q in found] == [(280e6, "shekel"), (1.5e9, "shekel")]


def test_glued_compound_noun_is_the_unit():
    assert only("four-cylinder engine options").unit == "cylinder"
    assert only("a 5-door car").unit == "door"


def test_up_from_takes_the_unit_of_the_new_figure():
    found = parse_quantities("150,000 troops near the border, up from 100,000 in November")
    assert [(q.low, q.unit) for q in found] == [(150_000, "troop"), (100_000, "troop")]


def test_strong_compounds_count_the_following_noun():
    assert only("a 1,000-strong force").unit == "troop"


def test_x_in_y_fractions():
    assert only("Two in five adults said so").low == pytest.approx(40)


def test_aged_gives_an_age():
    q = only("The singer, aged 45, is touring")
    assert (q.low, q.unit) == (45, "year of age")


def test_canadian_hyphenated_scales():
    assert values("spend $1.5-billion, or $300-million a year") == [
        (1.5e9, 1.5e9, "dollar"), (3e8, 3e8, "dollar per year")]


def test_change_carries_over_a_short_list():
    found = parse_quantities("House prices rose 0.3% month-on-month and 4.5% year-on-year.")
    assert [q.change for q in found] == ["up", "up"]
    found = parse_quantities("Ross were down 2.3%, Burlington by 2.6% and Foot Locker 1.9%")
    assert [q.change for q in found] == ["down", "down", "down"]
    found = parse_quantities("Sales rose 3% while 40% of stores closed")
    assert [q.change for q in found] == ["up", "none"]


def test_multiples():
    assert only("trading at 2.5x sales").unit == "count"


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Water boils at 100° Celsius", 100, "celsius"),
    ("The angle is 0.8rad", 0.8, "radian"),
    ("capacity is 100t", 100, "tonne"),
    ("It costs quarter million us dollars", 2.5e5, "dollar"),
])
def test_more_unit_spellings(text, value, unit):
    q = only(text)
    assert (q.low, q.unit) == (value, unit)


def test_spaced_digits_are_not_part_of_a_unit():
    assert values("The length is 12 m 2 dm") == [(12, 12, "metre"), (2, 2, "decimetre")]


@pytest.mark.parametrize("text", ["deposits to 1111-22223333-4444", "Flight MH17", "scp173m"])
def test_account_numbers_and_glued_codes(text):
    assert parse_quantities(text) == []


@pytest.mark.parametrize("text", [
    "see https://x.example/world/2022/01/20/germany-gas", "write to desk5@paper.example",
    'title: "Moscow concert hall attack rises to 133"', "flags flew at half mast",
    "the gap could one day close",
])
def test_links_headline_quotes_and_idioms(text):
    assert [(q.low, q.unit) for q in parse_quantities(text)] in ([], [(133, "")])


def test_inch_mark():
    assert only('The neck is 25.5" from nut to saddle.').unit == "inch"


def test_half_a_unit():
    q = only("raised its rate by half a percentage point")
    assert (q.low, q.unit) == (0.5, "percentage point")


def test_score_after_a_team_name_is_skipped():
    assert values("The Lakers beat the Celtics 112-104 as James scored 35 points") == [
        (35, 35, "point")]


def test_one_closing_a_list_of_figures_is_a_figure() -> None:
    text = ("The toll stands at 215, with 211 deaths in Valencia, three in Castilla-La Mancha "
            "and one in Andalucia.")
    assert [q.low for q in parse_quantities(text)] == [215, 211, 3, 1]
    # "one" that is no list item stays out
    assert [q.low for q in parse_quantities("Three men were held, and one of them was "
                                            "charged.")] == [3]
    assert parse_quantities("He said that one day he would return.") == []


def test_a_spelled_out_age_is_an_age_and_a_spelled_out_duration_adjective_is_not() -> None:
    (q,) = parse_quantities("The attack injured a seven-year-old girl.")
    assert (q.low, q.unit) == (7, "year of age")  # as "an 8-year-old girl"
    assert [q.surface for q in parse_quantities("a five-year $700,000 award")] == ["$700,000"]
