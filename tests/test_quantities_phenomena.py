"""Quantity engine on the kinds of error seen on news it had never seen (issue 13).

One test per phenomenon; every sentence is written for this file.
"""

from __future__ import annotations

import math

import pytest

from crosscheck.quantities import parse_quantities, to_newsquant


def read(text: str) -> list[tuple[float, float, str]]:
    return [(q.low, q.high, q.unit) for q in parse_quantities(text)]


def only(text: str):
    found = parse_quantities(text)
    assert len(found) == 1, f"{text!r} gave {found}"
    return found[0]


@pytest.mark.parametrize("text", [
    "Los precios subieron 1,5 millones.",
    "El gobierno gastó 2,5 millones de euros en 2021.",
    "Se vendieron 300 millones de barriles.",
    "Exportó 2.500.000 toneladas de trigo.",
    "Die Firma zahlte 2 Milliarden Euro.",
    "Asistieron 5 mil personas.",
    "La inflación fue del 3,5 %.",
])
def test_numbers_in_other_languages_give_nothing_rather_than_a_wrong_value(text):
    assert parse_quantities(text) == []


def test_english_separators_still_read():
    assert read("Exports rose to 1,500 tonnes and 2.5 million barrels.") == [
        (1500, 1500, "tonne"), (2.5e6, 2.5e6, "barrel")]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The final drew 3.7m viewers.", 3.7e6, "viewer"),
    ("The final drew 3.7m British viewers.", 3.7e6, "viewer"),
    ("Tankers moved 1.8m barrels last week.", 1.8e6, "barrel"),
    ("The maker shipped 28m handsets.", 28e6, "handset"),
    ("The harvest reached 5m tonnes.", 5e6, "tonne"),
    ("A buyer paid 10m euros for it.", 10e6, "euro"),
    ("The takeover is worth £9bn.", 9e9, "pound sterling"),
    ("Its market value passed $2.2T.", 2.2e12, "dollar"),
    ("Retailers cut 25k jobs.", 25e3, "job"),
    ("The hull is 3.6 m long.", 3.6, "metre"),
    ("She won the 200m sprint.", 200, "metre"),
    ("He took bronze in the 400m hurdles.", 400, "metre"),
    ("Divers found a 37m wreck.", 37, "metre"),
    ("Pour 3 L of water into the pot.", 3, "litre"),
])
def test_scale_letters_are_read_from_what_follows(text, value, unit):
    q = only(text)
    assert (q.low, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(("text", "unit", "base"), [
    ("The car hit 120 m.p.h. on the straight.", "mile per hour", "metre per second"),
    ("Trucks are held to 80 kph.", "kilometre per hour", "metre per second"),
    ("The limit in town is 30 km/h.", "kilometre per hour", "metre per second"),
    ("Wind gusts of 60 MPH were forecast.", "mile per hour", "metre per second"),
    ("The studio measures 28 sq m.", "square metre", "square metre"),
    ("The site covers 4 sq. km.", "square kilometre", "square metre"),
    ("The bolts are rated at 150 ksi.", "kilopound per square inch", "pascal"),
    ("The concrete is rated at 40 MPa.", "megapascal", "pascal"),
    ("Inflate the tyres to 35 psi.", "pound per square inch", "pascal"),
    ("The field reached 3 kV/cm near the tip.", "kilovolt per centimetre", "volt per metre"),
    ("The battery stores 13.5 kWh.", "kilowatt hour", "joule"),
    ("A small pack holds 60 Wh.", "watt hour", "joule"),
    ("The new plant adds 1.2 GW.", "gigawatt", "watt"),
    ("It reached 104°F by noon.", "fahrenheit", "celsius"),
    ("It reached 104 degF by noon.", "fahrenheit", "celsius"),
    ("Water was held at 4 deg C.", "celsius", "celsius"),
    ("The blast yielded 1.2 Mt.", "megatonne", "kilogram"),
    ("The lake holds 12 km^3 of water.", "cubic kilometre", "cubic metre"),
    ("Fibre delivers 900 Mbps to homes.", "megabit per second", "byte per second"),
    ("The layers are 0.3 pm apart.", "picometre", "metre"),
    ("The rocks formed 48 Ma ago.", "megayear", "second"),
    ("The crossing took 3 hrs.", "hour", "second"),
])
def test_unit_spellings(text, unit, base):
    q = only(text)
    assert (q.unit, q.base_unit) == (unit, base)


@pytest.mark.parametrize("text", ["The talks resume at 2.30 pm.", "Doors open at 7 pm.",
                                  "The patrol left at 0600 hrs.", "We met at 9.15 am."])
def test_clock_times_are_still_times(text):
    assert parse_quantities(text) == []


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Ms Okafor, 52, said the ward was full.", 52, 52),
    ('"We waited," said Tom Reyes, 37.', 37, 37),
    ("The girl, who was 9 at the time, was unhurt.", 9, 9),
    ("He will be 35 by the spring.", 35, 35),
    ("She turned 60 last week.", 60, 60),
    ("A 15-year-old was detained.", 15, 15),
    ("He died at the age of 81.", 81, 81),
    ("Voters aged 18 to 34 backed the plan.", 18, 34),
    ("Most 18- to 24-year-olds stream music.", 18, 24),
    ("Patients aged between 40 and 59 were enrolled.", 40, 59),
])
def test_ages(text, low, high):
    q = only(text)
    assert (q.low, q.high, q.unit) == (low, high, "year of age")


@pytest.mark.parametrize("text", ["The toll was 35 by Monday.", "It was 9 at the close.",
                                  "They were 12 in the first round."])
def test_other_bare_figures_are_not_ages(text):
    assert only(text).unit != "year of age"


@pytest.mark.parametrize(("text", "low", "change"), [
    ("In Tokyo the Nikkei -0.8% and the Topix -1.1%.", -0.8, "down"),
    ("Brent +2.4% on the day.", 2.4, "up"),
    ("The FTSE -35 points by noon.", -35, "down"),
    ("The deposit rate is -0.5%.", -0.5, "none"),
    ("Analysts see growth of -0.8% this year.", -0.8, "none"),
])
def test_signed_percentages_are_changes_unless_stated_as_levels(text, low, change):
    q = parse_quantities(text)[0]
    assert (q.low, q.change) == (low, change)


@pytest.mark.parametrize(("text", "value", "change"), [
    ("Profits rose fivefold after the merger.", 5, "up"),
    ("Sales tripled after the launch.", 3, "up"),
    ("Its debt has doubled since the merger.", 2, "up"),
    ("Imports saw a tenfold increase.", 10, "up"),
    ("Output suffered a 3-fold drop.", 3, "down"),
])
def test_multipliers(text, value, change):
    q = only(text)
    assert (q.low, q.unit, q.change) == (value, "count", change)


@pytest.mark.parametrize("text", ["The senator doubled down on the claim.",
                                  "That is twice as loud as a siren.",
                                  "The barn doubled as a clinic."])
def test_comparisons_and_idioms_are_not_multipliers(text):
    assert parse_quantities(text) == []


@pytest.mark.parametrize(("text", "share"), [
    ("The island buys a third of its fuel abroad.", 100 / 3),
    ("Half the flats on the estate are empty.", 50),
    ("Nearly half of the members voted.", 50),
    ("One in five drivers failed the test.", 20),
    ("Two out of three firms agreed.", 200 / 3),
    ("Three-quarters of the budget is spent.", 75),
    ("About 1/4 of the stock was sold.", 25),
])
def test_fractions_of_a_whole_are_shares(text, share):
    q = only(text)
    assert (q.low, q.unit, q.unit_kind) == (pytest.approx(share), "percentage", "percent")


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Rates rose by half a percentage point.", 0.5, "percentage point"),
    ("The ferry takes half an hour.", 0.5, "hour"),
    ("He walked a quarter mile.", 0.25, "mile"),
    ("The index has a ratio of 0.5.", 0.5, ""),
])
def test_fractions_of_a_unit_and_decimals_stay_as_they_are(text, value, unit):
    q = only(text)
    assert (q.low, q.unit) == (value, unit)


def test_newsquant_rows_write_shares_as_fractions():
    assert to_newsquant(parse_quantities("a third of its gas and 40% of its oil")) == [
        {"value": pytest.approx(1 / 3), "unit": "percentage", "change": "="},
        {"value": 40.0, "unit": "percentage", "change": "="}]


@pytest.mark.parametrize(("text", "unit"), [
    ("The trust sold 310 houses at auction and 95 by private sale.", "house"),
    ("The top estimate is 72.5 cents, the bottom 64.1.", "cent"),
    ("Police counted 3,000 marchers, organisers nearer 9,000.", "marcher"),
    ("The index closed at 7,204 points, after touching 7,150 earlier.", "point"),
    ("Exports rose 4 percent but imports fell by 2.", "percentage"),
    ("The heaviest bag weighed 23 kg, the lightest 9.", "kilogram"),
])
def test_a_unit_stated_once_is_carried_along_the_list(text, unit):
    assert [q.unit for q in parse_quantities(text)] == [unit, unit]


@pytest.mark.parametrize(("text", "second"), [
    ("Sales rose 5%, to 1,200.", ""),
    ("About 40% of 3,000 were surveyed.", ""),
    ("The cost is $4.25 and 32 is the quantity.", ""),
    ("It costs 15 dollars and 50.", ""),
    ("Doors shut (5 staff) and 3) the rest.", ""),
    ("The motion won with 3 abstentions; turnout 72.", ""),
])
def test_a_unit_is_not_carried_to_a_new_level_or_clause(text, second):
    assert parse_quantities(text)[1].unit == second


@pytest.mark.parametrize(("text", "unit"), [
    ("The bidder offered C$4.25 per share, then C$4.60 and C$5.", "canadian dollar per share"),
    ("Plans cost RM49, RM69 and RM89 a month.", "malaysian ringgit per month"),
    ("The app costs AU$59.99 per year, or AU$79.99 with music.", "australian dollar per year"),
])
def test_a_rate_stated_once_is_carried_along_a_list_of_prices(text, unit):
    assert {q.unit for q in parse_quantities(text)} == {unit}


def test_a_rate_is_not_carried_into_another_clause():
    found = parse_quantities("The app costs AU$59.99 per year; its makers raised AU$2 million.")
    assert [q.unit for q in found] == ["australian dollar per year", "australian dollar"]


@pytest.mark.parametrize(("text", "unit"), [
    ("It is one of the best budget phones.", "good budget phone"),
    ("It is one of the largest rail yards.", "large rail yard"),
    ("She runs one of the busiest ports.", "busy port"),
    ("Crews fought 3 forest fires.", "forest fire"),
])
def test_newsquant_names_superlatives_by_their_base_adjective(text, unit):
    assert to_newsquant(parse_quantities(text))[0]["unit"] == unit


@pytest.mark.parametrize(("text", "change"), [
    ("Russia has lost around 2,900 tanks since the invasion.", "none"),
    ("The economy added 200,000 jobs in May.", "none"),
    ("The death toll rose by 200 people overnight.", "up"),
    ("The index lost 475 points.", "down"),
])
def test_verbs_that_count_things_are_not_changes_of_a_level(text, change):
    assert only(text).change == change


def test_both_ends_of_a_range_keep_their_sign():
    q = only("Night temperatures ranged from -12 °C to -27 °C.")
    assert (q.low, q.high, q.unit) == (-27, -12, "celsius")


@pytest.mark.parametrize(("text", "change"), [
    ("The arsenal now holds about 500 warheads, 100 more than a year ago.", "up"),
    ("The clinic saw 3,000 fewer patients.", "down"),
    ("The base received 100 more troops.", "up"),
    ("Turnout was 2,000 less than expected.", "down"),
])
def test_a_difference_stated_after_the_figure_is_a_change(text, change):
    assert parse_quantities(text)[-1].change == change


@pytest.mark.parametrize(("text", "low"), [
    ("The signal peaks near 6e14 hertz.", 6e14),
    ("The dose was 2.5E-6 kg.", 2.5e-6),
    ("The drift was -2e-3 W/min.", -2e-3),
])
def test_e_notation(text, low):
    assert only(text).low == pytest.approx(low)


@pytest.mark.parametrize(("text", "qualifier", "change"), [
    ("Unemployment edged up to 3.9% in May.", "exact", "none"),
    ("Grants of up to $5,000 are offered.", "at_most", "none"),
    ("The central bank cut its rate by 25bps.", "exact", "down"),
    ("The city council trimmed spending by 4%.", "exact", "down"),
    ("Police counted 3,000, organisers nearer 9,000.", "approx", "none"),
])
def test_more_qualifier_and_change_phrasings(text, qualifier, change):
    q = parse_quantities(text)[-1]
    assert (q.qualifier, q.change) == (qualifier, change)


def test_a_change_restated_after_or_keeps_its_direction():
    found = parse_quantities("The index lost 475.84 points, or 1.3%, to 36,120.35.")
    assert [q.change for q in found] == ["down", "down", "none"]


@pytest.mark.parametrize(("text", "value"), [
    ("The plot sold for 23,45,678.5 rupees.", 2345678.5),
    ("The fine was Rs 1,00,000.", 100000),
    ("The state spent 5,00,000 crore rupees.", 5e12),
])
def test_indian_digit_grouping(text, value):
    assert only(text).low == pytest.approx(value)


@pytest.mark.parametrize(("text", "unit"), [
    ("The firm sold Mex$ 25 million of bonds.", "mexican peso"),
    ("The ticket is AUD$ 40.", "australian dollar"),
    ("The ticket is NZD$32.", "new zealand dollar"),
    ("It costs MXN 200.", "mexican peso"),
])
def test_currency_codes_before_a_dollar_sign(text, unit):
    assert only(text).unit == unit


@pytest.mark.parametrize("text", ["The dancer did a half spin.",
                                  "The bill needs a two-thirds majority."])
def test_a_fraction_before_the_noun_it_modifies_is_no_share(text):
    assert all(q.unit != "percentage" for q in parse_quantities(text))


def test_a_unit_inside_a_compound_is_not_lent_to_a_count_before_it():
    assert read("They moored four of the two-ton buoys.")[0] == (4, 4, "")


@pytest.mark.parametrize(("text", "unit"), [
    ("The fleet burns 1.7 billion litres of diesel a year.", "litre per year"),
    ("The mine ships 21,000 tonnes of zinc a year.", "tonne per year"),
    ("Teenagers need 9 hours of sleep a night.", "hour per night"),
    ("The field has produced 1 million barrels of oil.", "barrel"),
])
def test_a_period_after_what_is_measured_makes_a_rate(text, unit):
    assert only(text).unit == unit


def test_newsquant_names_tonnes_in_rates_metric_tons():
    rows = to_newsquant(parse_quantities("The mine ships 21,000 tonnes of zinc a year."))
    assert rows[0]["unit"] == "metric ton per year"


@pytest.mark.parametrize(("text", "low", "high"), [
    ("The stockpile was in the low 200s.", 200, 250),
    ("Highs will be in the mid-30s.", 33, 37),
    ("His approval is in the high 40s.", 45, 49),
])
def test_low_mid_and_high_parts_of_a_hundred_or_a_decade(text, low, high):
    q = only(text)
    assert (q.low, q.high, q.qualifier) == (low, high, "range")


@pytest.mark.parametrize("text", ["She is in her late 40s.", "It was built in the 1990s."])
def test_decades_of_life_and_years_stay_out(text):
    assert parse_quantities(text) == []


def test_the_second_day_of_a_span_is_a_date():
    assert read("The night of September 10-11 was the worst.") == []


def test_thousands_after_number_as_a_verb():
    assert read("The missing may number 10,000 or more.") == [(10000, math.inf, "")]


def test_newsquant_rows_join_from_x_to_y_into_one_range():
    text = "Mileage rose from 20 mpg in 2008 to 29 mpg in 2020, and from up to 250 miles to 290."
    found = parse_quantities(text)
    assert [(q.low, q.high) for q in found][:2] == [(20, 20), (29, 29)]  # two levels, two years
    assert [r["value"] for r in to_newsquant(found, text)] == [[20, 29], [250, 290]]
    assert [r["value"] for r in to_newsquant(found)][:2] == [20, 29]


@pytest.mark.parametrize(("text", "share"), [
    ("One-fifth of the land is forest.", 20),
    ("A tenth of the budget goes to defence.", 10),
    ("Two-fifths of voters stayed home.", 40),
])
def test_more_fraction_words_of_a_whole(text, share):
    assert only(text).low == pytest.approx(share)


@pytest.mark.parametrize("text", ["She won a third term.", "It was a fifth straight win.",
                                  "He lost the quarter final.", "She ran a half marathon.",
                                  "It was his sixth visit."])
def test_fraction_words_used_as_ordinals_are_no_figures(text):
    assert parse_quantities(text) == []
