"""Claims: sentences, boilerplate, figure filtering, frames, attribution, dates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from crosscheck.claims import (
    boilerplate_reason,
    extract_claims,
    figure_actor,
    find_entities,
    measured_thing,
    sentence_date,
    skip_reason,
    split_sentences,
)
from tests.test_claims_support import INF, article, one_claim, parser_for, quantity

BRANDS_TEXT = (
    "What's more serious is that Hal Brands, a senior researcher at the American Enterprise "
    "Institute, wrote in Bloomberg on May 12 that the war is becoming a wider conflict.\n"
    "Brands pointed out that Iran has provided drones to Russia, while North Korea has sold "
    "1 million to 3 million artillery shells to Russia.\n"
    "MUST READ: ☞  The United States shut down a ransomware network involved in more than "
    "$1 million\n"
    "See also  Russia sells 5 million barrels | Ukraine | Russia\n"
)
BRANDS_PARSE = parser_for({
    "1 million to 3 million artillery shells": (1e6, 3e6, "shell", "count", "range"),
    "more than $1 million": (1e6, INF, "dollar", "currency", "more_than"),
    "5 million barrels": (5e6, 5e6, "barrel", "count"),
})


def test_splitter_keeps_abbreviations_and_initials_inside_sentences() -> None:
    text = ("Former President George W. Bush spoke in the U.S. Senate on Jan. 5. Dr. Smith "
            "disagreed. Exports rose 3.5% in May! Did they?")
    got = [s.text for s in split_sentences(text)]
    assert got == ["Former President George W. Bush spoke in the U.S. Senate on Jan. 5.",
                   "Dr. Smith disagreed.", "Exports rose 3.5% in May!", "Did they?"]


def test_splitter_offsets_point_into_the_text() -> None:
    text = "First line here.\nSecond one. Third one."
    for s in split_sentences(text):
        assert text[s.start:s.start + len(s.text)] == s.text


@pytest.mark.parametrize("line", [
    "MUST READ: ☞  Airlines Alter Flight Paths Amid Middle East Tensions",
    "See also  Russian sea and land attack Ukraine closes ports | Ukraine | Russia",
    "WhatsApp Channel Join Now",
    "Sino-Russian Axis",
    "Will the third world war break out in Eastern Europe?",
])
def test_link_and_heading_lines_are_not_text(line: str) -> None:
    assert boilerplate_reason(line)


def test_an_ordinary_sentence_is_text() -> None:
    assert boilerplate_reason("Russia and China have a border of more than 4,300 km.") is None


def test_brands_figure_is_attributed_through_the_surname() -> None:
    claims, skips = extract_claims(article("a", BRANDS_TEXT, published=datetime(2024, 5, 14)),
                                   BRANDS_PARSE)
    claim = one_claim(claims, 1e6)
    assert (claim.quantity.low, claim.quantity.high) == (1e6, 3e6)
    assert claim.measured == "artillery shells"
    assert "Hal Brands" in claim.attribution and "Bloomberg" in claim.attribution
    assert {"North Korea", "Russia"} <= set(claim.entities)
    assert claim.predicate == "sold"
    assert claim.as_of == date(2024, 5, 14)
    assert len(claims) == 1  # the MUST READ and See also lines give none
    assert {s.reason for s in skips} >= {"boilerplate or link line (e.g. 'MUST READ', 'See also')"}


def test_claim_ids_are_stable() -> None:
    a = article("a", BRANDS_TEXT, published=datetime(2024, 5, 14))
    assert [c.id for c in extract_claims(a, BRANDS_PARSE)[0]] == \
        [c.id for c in extract_claims(a, BRANDS_PARSE)[0]]


@pytest.mark.parametrize("sentence,expected", [
    ("According to the defence ministry, 62 people were killed.", "defence ministry"),
    ("The toll rose to 133, the Investigative Committee said.", "Investigative Committee"),
    ("Song Guocheng told the media that 20 ships were seen.", "Song Guocheng"),
    ("The fund lost $5 billion, citing Reuters calculations.", "Reuters calculations"),
    ("A source close to the leadership said about 5,000 men were in the convoy.",
     "source close to the leadership"),
])
def test_attribution_patterns(sentence: str, expected: str) -> None:
    parse = parser_for({s: (1, 1, "", "count") for s in ("62", "133", "20", "$5 billion", "5,000")})
    claims, _ = extract_claims(article("a", sentence), parse)
    assert claims and claims[0].attribution is not None
    assert expected in claims[0].attribution


def test_pronoun_resolves_to_the_previous_speaker() -> None:
    text = ("Jack Watling of RUSI said the army fired heavily.\n"
            "He said some 12 million shells were used in 2022.")
    claims, _ = extract_claims(article("a", text), parser_for({"some 12 million shells": (
        12e6, 12e6, "shell", "count", "approx")}))
    assert claims[0].attribution.startswith("Jack Watling")


def test_unattributed_figure_has_no_attribution() -> None:
    text = "The toll increased to 150 and counting."
    claims, _ = extract_claims(article("a", text), parser_for({"150": (150, 150, "", "count")}))
    assert claims[0].attribution is None


@pytest.mark.parametrize("sentence,surface,reason", [
    ("Starting in 2017, imports grew.", "2017", "year"),
    ("Putin spoke on May 12 in Moscow.", "12", "date"),
    ("He began his fifth term on the 7th of May.", "7", "ordinal"),
    ("1. NATO ceases support.", "1", "list marker"),
])
def test_figures_that_are_not_claims_are_skipped_with_reason(sentence: str, surface: str,
                                                             reason: str) -> None:
    q = quantity(sentence, surface, float(surface))
    assert reason in (skip_reason(sentence, q) or "")


def test_real_figure_is_not_skipped() -> None:
    s = "Russia and Northeast China have a border of more than 4,300 kilometers."
    q = quantity(s, "more than 4,300 kilometers", 4300, INF, "kilometre", "length", "more_than")
    assert skip_reason(s, q) is None
    assert measured_thing(s, q) == "border"


@pytest.mark.parametrize("sentence,surface,args,expected", [
    ("Imports from Russia accounted for 40% of Germany's total natural gas consumption.",
     "40%", (40, 40, "percent", "percent"), "total natural gas consumption"),
    ("A hundred thousand Russian troops are massed near the border.", "A hundred thousand",
     (1e5, 1e5, "", "count"), "troops"),
    ("Germany's electricity price immediately jumped by 25%.", "25%",
     (25, 25, "percent", "percent", "exact", "up"), "electricity price"),
    ("Early reports said 62 killed and 145 injured.", "145", (145, 145, "", "count"),
     "injured"),
    ("Ukraine exported 719,549 tonnes of grain.", "719,549 tonnes",
     (719549, 719549, "tonne", "mass"), "grain"),
])
def test_measured_thing(sentence: str, surface: str, args: tuple, expected: str) -> None:
    assert measured_thing(sentence, quantity(sentence, surface, *args)) == expected


def test_entities_fold_demonyms_and_keep_names() -> None:
    got = find_entities("Russian and North Korean officials met Emmanuel Macron in Paris.")
    assert {"Russia", "North Korea", "Emmanuel Macron", "Paris"} <= set(got)
    assert "Russian" not in got


@pytest.mark.parametrize(("sentence", "surface", "attribution", "expected"), [
    ("Russia is planning an offensive against Ukraine involving up to 175,000 troops.",
     "175,000", None, "Russia"),
    ("In eastern Ukraine, Russia is firing 20,000 shells a day.", "20,000", None, "Russia"),
    ("In eastern Ukraine Russia is firing 20,000 shells a day.", "20,000", None, "Russia"),
    ("At the height of the Donbas battles Russian gunners fired 20,000 shells a day.", "20,000",
     None, "Russia"),
    ("Moscow has sent 50,000 troops to Belarus.", "50,000", None, "Russia"),
    ("Ukraine's defence ministry said Russia had gathered 94,300 troops near the border.",
     "94,300", "Ukraine's defence ministry", "Russia"),
    ("The Joint Coordination Centre in Istanbul had counted 721,449 tonnes.", "721,449", None,
     None),
    ("The attack killed 62 people in Moscow.", "62", None, None),
    ("WASHINGTON (Northgate) — Russia is planning an offensive involving 175,000 troops.",
     "175,000", None, "Russia"),
    ("Under the deal, brokered by the United Nations and Turkey, nearly 33 million tonnes left.",
     "33 million", None, None),
])
def test_figure_actor_is_the_country_the_clause_is_about(sentence: str, surface: str,
                                                         attribution: str | None,
                                                         expected: str | None) -> None:
    q = quantity(sentence, surface, 1)
    assert figure_actor(sentence, q, attribution) == expected


def test_lowercase_us_is_not_the_united_states() -> None:
    assert "United States" not in find_entities("They told us 5 ships left.")


def test_dates_take_the_year_from_the_article() -> None:
    pub = date(2024, 1, 5)
    assert sentence_date("On December 21 deliveries fell.", pub) == date(2023, 12, 21)
    assert sentence_date("On 3 January deliveries fell.", pub) == date(2024, 1, 3)
    assert sentence_date("No date here.", pub) is None
    assert sentence_date("On May 6 he spoke.", None) is None


def test_missing_date_and_no_entities_do_not_break_extraction() -> None:
    text = "some 300 boxes were counted."
    claims, _ = extract_claims(article("a", text, published=None),
                               parser_for({"some 300 boxes": (300, 300, "box", "count", "approx")}))
    assert claims[0].as_of is None and claims[0].entities == ()


# --- real seed articles, real quantity engine ---------------------------------------------
def _seed(folder: str) -> tuple[str, object]:
    from tests.test_claims_support import SEEDS, real_parser

    files = sorted((SEEDS / folder).glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        pytest.skip(f"seed corpus absent at {SEEDS / folder}")
    parse = real_parser()
    if parse is None:
        pytest.skip("quantity engine crosscheck.quantities not installed")
    return files[0].read_text(encoding="utf-8"), parse


def test_seed_axis_brands_claim_and_no_link_lines() -> None:
    text, parse = _seed("axis")
    claims, skips = extract_claims(article("axis", text, "axis", datetime(2024, 5, 14)), parse)
    brands = [c for c in claims if "North Korea has sold 1 million to 3 million" in c.sentence]
    assert len(brands) == 1
    c = brands[0]
    assert (c.quantity.low, c.quantity.high) == (1_000_000, 3_000_000)
    assert c.quantity.unit in ("shell", "shells")
    assert "Hal Brands" in c.attribution and "Bloomberg" in c.attribution
    assert {"North Korea", "Russia"} <= set(c.entities)
    assert not [c for c in claims if "MUST READ" in c.sentence or "See also" in c.sentence]
    assert any("MUST READ" in s.item or "boilerplate" in s.reason for s in skips)


def test_seed_epoch_figures_found_and_see_also_lines_skipped() -> None:
    text, parse = _seed("epoch")
    claims, _ = extract_claims(article("epoch", text, "epoch", datetime(2021, 12, 23)), parse)
    assert not [c for c in claims if c.sentence.startswith("See also")]
    by_low = {(c.quantity.low, c.quantity.unit_kind): c for c in claims}
    assert by_low[(1e5, "count")].measured  # a hundred thousand Russian troops
    assert "Russia" in by_low[(1e5, "count")].entities
    gas = by_low[(40.0, "percent")]
    assert "gas" in gas.measured and {"Germany", "Russia"} <= set(gas.entities)
    assert by_low[(4300.0, "length")].measured == "border"
    assert (25.0, "percent") in by_low and (20.0, "percent") in by_low
    assert by_low[(1e6, "currency")].measured == "fine"


def test_speaker_and_according_to_are_combined() -> None:
    text = "Health Minister Mikhail Murashko said 62 people had been killed, according to TASS."
    claims, _ = extract_claims(article("a", text), parser_for({"62 people": (62, 62, "person")}))
    assert claims[0].attribution == "Health Minister Mikhail Murashko (according to TASS)"


@pytest.mark.parametrize("sentence,expected", [
    ("The toll rose to 144, the Moscow region's social development ministry said.",
     "Moscow region's social development ministry"),
    ("Western intelligence services now count 100,000 troops near Ukraine.",
     "Western intelligence services"),
    ("Russia has massed 100,000 troops, US and Ukrainian officials said on Wednesday.",
     "US and Ukrainian officials"),
])
def test_organisation_speakers(sentence: str, expected: str) -> None:
    parse = parser_for({s: (1, 1, "", "count") for s in ("144", "100,000 troops")})
    claims, _ = extract_claims(article("a", sentence), parse)
    assert claims[0].attribution == expected


def test_dateline_outlet_is_not_an_entity() -> None:
    got = find_entities("MOSCOW (Northgate) — The toll rose to 144 in Russia.")
    assert "Northgate" not in got and "Moscow" in got and "MOSCOW" not in got


def test_measured_thing_is_not_the_source() -> None:
    s = "By 23 August, the Joint Coordination Centre had counted 721,449 tonnes carried on ships."
    parse = parser_for({"721,449 tonnes": (721449, 721449, "tonne", "mass")})
    claims, _ = extract_claims(article("a", s), parse)
    assert claims[0].attribution == "Joint Coordination Centre"
    assert claims[0].measured == "tonne"


def test_title_lends_context_to_a_sentence_without_entities() -> None:
    parse = parser_for({"62 people": (62, 62, "person", "count")})
    a = article("a", "Officials said 62 people had been killed.")
    a = type(a)(**{**{f: getattr(a, f) for f in a.__slots__}, "title": "Gunmen attack Moscow "
                                                                       "concert hall"})
    claims, _ = extract_claims(a, parse)
    assert "concert" in claims[0].frame and "moscow" in claims[0].frame
