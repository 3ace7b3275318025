"""Claims: sentences, boilerplate, figure filtering, frames, attribution, dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from crosscheck.claims import (
    boilerplate_reason,
    extract_claims,
    mentions,
    skip_reason,
    split_sentences,
)
from crosscheck.claims.clauses import words_of
from crosscheck.models import Quantity
from tests.records import INF, article, one_claim, parser_for, quantity, slots_of

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


def test_a_sentence_ending_in_a_decimal_figure_ends_there() -> None:
    text = "The USGS put it at 5.6. Exports rose 2.5%. It hit at 11.47 p.m. local time."
    assert [s.text for s in split_sentences(text)] == [
        "The USGS put it at 5.6.", "Exports rose 2.5%.", "It hit at 11.47 p.m. local time."]


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
    assert claim.measured == "artillery shells sold"
    assert claim.attribution and "Hal Brands" in claim.attribution \
        and "Bloomberg" in claim.attribution
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
    # a speaker after an opening adjunct of time or manner
    ("In a first assessment Ana Ruiz, an official at the interior ministry, reported 62 "
     "deaths.", "Ana Ruiz"),
    ("On Friday evening the health ministry said 133 people had died.", "health ministry"),
    # an estimate's author is its source ("now expects", "estimate that")
    ("The Port Authority now expects the bridge to cost $5 billion.", "Port Authority"),
    ("Officials estimate that 5,000 men were in the convoy.", "Officials"),
    # whoever revises a count gives it
    ("The health ministry cut its estimate of the dead to 62 on Monday.", "health ministry"),
    ("The Kenyan Red Cross raised the toll to 133.", "Kenyan Red Cross"),
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
    assert (claims[0].attribution or "").startswith("Jack Watling")


@pytest.mark.parametrize("text,expected", [
    ("The toll increased to 150 and counting.", None),
    # a say verb that is a noun here ("the count", "its estimate") quotes no one by itself
    ("The count of the missing may fall, as 150 bodies still have to be identified.", None),
    ("The UN raised its estimate of the dead to 150.", "UN"),
])
def test_unattributed_figure_has_no_attribution(text: str, expected: str | None) -> None:
    claims, _ = extract_claims(article("a", text), parser_for({"150": (150, 150, "", "count")}))
    assert claims[0].attribution == expected


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


@pytest.mark.parametrize("sentence,surface,reason", [
    ("It was one of the deadliest attacks in decades.", "one", "ranking"),
    ("The two countries signed a deal.", "two", "reference"),
    ("Sunday was a day of mourning.", "a day", "indefinite article"),
])
def test_words_that_only_look_like_figures_are_skipped(sentence: str, surface: str,
                                                       reason: str) -> None:
    q = quantity(sentence, surface, 1 if surface != "two" else 2, kind="count")
    assert reason in (skip_reason(sentence, q) or "")


def test_small_spelled_counts_are_figures() -> None:
    s = "Four of its own workers died during rescue efforts."
    assert skip_reason(s, quantity(s, "Four", 4)) is None


def test_mentions_fold_demonyms_and_keep_names() -> None:
    s = "Russian and North Korean officials met Emmanuel Macron in Paris."
    got = {m.name: m.kind for m in mentions(words_of(s), s)}
    assert got["Russia"] == "country" and got["North Korea"] == "country"
    assert got["Paris"] == "place" and "Emmanuel Macron" in got


def test_lowercase_us_is_not_the_united_states() -> None:
    s = "They told us 5 ships left."
    assert "United States" not in {m.name for m in mentions(words_of(s), s)}


def test_missing_date_and_no_entities_do_not_break_extraction() -> None:
    text = "some 300 boxes were counted."
    claims, _ = extract_claims(article("a", text, published=None),
                               parser_for({"some 300 boxes": (300, 300, "box", "count", "approx")}))
    assert claims[0].as_of is None and claims[0].entities == ()
    assert claims[0].slots is not None and not slots_of(claims[0]).subject.read


# --- real seed articles, real quantity engine ---------------------------------------------
def _seed(folder: str) -> tuple[str, Callable[[str], list[Quantity]]]:
    from tests.records import SEEDS, real_parser

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
    assert c.attribution and "Hal Brands" in c.attribution and "Bloomberg" in c.attribution
    assert {"North Korea", "Russia"} <= set(c.entities)
    assert not [c for c in claims if "MUST READ" in c.sentence or "See also" in c.sentence]
    assert any("MUST READ" in s.item or "boilerplate" in s.reason for s in skips)


def test_seed_epoch_figures_found_and_see_also_lines_skipped() -> None:
    text, parse = _seed("epoch")
    claims, _ = extract_claims(article("epoch", text, "epoch", datetime(2021, 12, 23)), parse)
    assert not [c for c in claims if c.sentence.startswith("See also")]
    by_low = {(c.quantity.low, c.quantity.unit_kind): c for c in claims}
    troops = by_low[(1e5, "count")]  # a hundred thousand Russian troops
    assert slots_of(troops).measure.value == "troops" and slots_of(troops).subject.value == "Russia"
    gas = by_low[(40.0, "percent")]
    assert slots_of(gas).measure.value == "share of gas"
    assert {"Germany", "Russia"} <= set(gas.entities)
    assert slots_of(by_low[(4300.0, "length")]).measure.value == "border"
    assert (25.0, "percent") in by_low and (20.0, "percent") in by_low
    assert (1e6, "currency") in by_low


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


@pytest.mark.parametrize("sentence,expected", [
    ("The provincial authorities say 340 people are still missing.", "provincial authorities"),
    ("Officials who spoke to the BBC say 340 people are still missing.",
     "Officials who spoke to the BBC"),
])
def test_a_plural_speaker_in_the_present_and_one_with_a_relative_clause(sentence: str,
                                                                       expected: str) -> None:
    parse = parser_for({"340 people": (340, 340, "person")})
    claims, _ = extract_claims(article("a", sentence), parse)
    assert claims[0].attribution == expected


def test_a_figure_that_counts_the_speakers_states_no_fact() -> None:
    parse = parser_for({"Three officials": (3, 3, "official"), "400 soldiers": (400, 400, "troop")})
    claims, _ = extract_claims(article("a", "Three officials say 400 soldiers crossed the river."),
                               parse)
    speakers = one_claim(claims, 3)
    assert not slots_of(speakers).measure.read and slots_of(one_claim(claims, 400)).measure.read


def test_dateline_outlet_is_not_a_name() -> None:
    s = "MOSCOW (Northgate) — The toll rose to 144 in Russia."
    parse = parser_for({"144": (144, 144, "", "count")})
    claims, _ = extract_claims(article("a", s), parse)
    assert "Northgate" not in claims[0].entities


def test_source_is_not_the_subject() -> None:
    s = "By 23 August, the Joint Coordination Centre in Istanbul had counted 721,449 tonnes."
    parse = parser_for({"721,449 tonnes": (721449, 721449, "tonne", "mass")})
    claims, _ = extract_claims(article("a", s), parse)
    assert claims[0].attribution == "Joint Coordination Centre in Istanbul"
    assert slots_of(claims[0]).subject.value != "Turkey"
