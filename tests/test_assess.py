"""Assessment: interval agreement, timing, contradictions, trajectories, unsupported figures,
copies and owners, credibility parts — with the real quantity engine on invented articles."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date, datetime

import pytest

from crosscheck.assess import (
    AssessOptions,
    PublisherFacts,
    agree,
    assess,
    facts_from_source,
    timing,
)
from crosscheck.claims import extract_claims
from crosscheck.match import match_claims
from crosscheck.models import Article, Finding, Quantity
from crosscheck.quantities import parse_quantities
from tests.records import INF, article

D1, D2, D3 = datetime(2024, 3, 23), datetime(2024, 3, 24), datetime(2024, 5, 12)


def q(low: float, high: float | None = None, kind: str = "count", qualifier: str = "exact",
      unit: str = "shell") -> Quantity:
    return Quantity(low, low if high is None else high, unit, kind, qualifier, "none", "", 0, 0)


@pytest.mark.parametrize("a,b,expected", [
    (q(1e6, INF, qualifier="more_than"), q(3e6), True),
    (q(1e5, qualifier="approx"), q(1e5), True),
    (q(1e5, qualifier="approx"), q(95_000), True),
    (q(1e6, 3e6, qualifier="range"), q(5e6), False),
    (q(40, kind="percent", unit="percent"), q(55, kind="percent", unit="percent"), False),
    (q(40, kind="percent", unit="percent"), q(40.5, kind="percent", unit="percent"), True),
    (q(719_549, kind="mass", unit="tonne"), q(721_449, kind="mass", unit="tonne"), True),
    (q(100), q(130), False),
    (q(85), q(86), False),  # small exact counts are exact
    (q(12_241, qualifier="approx"), q(12_815), False),  # "an estimated 12,241" is precise
    (q(1e5, INF, qualifier="more_than"), q(-INF, 1e5, qualifier="at_most"), False),
    (q(1e5, INF, qualifier="at_least"), q(-INF, 1e5, qualifier="at_most"), True),
    (q(30, INF, qualifier="more_than"), q(30), True),  # "more than 30" restates a stated 30
    (q(30, INF, qualifier="more_than"), q(29), False),
    (q(6.14), q(6.2), False),  # a small decimal is exact to its last digit: two readings
    (q(6.2), q(6.2), True),
    (q(6.2), q(6.24), True), (q(6.2), q(6.26), False),  # 6.2 stands for 6.15-6.25
])
def test_interval_agreement(a: Quantity, b: Quantity, expected: bool) -> None:
    assert agree(a, b) is expected
    assert agree(b, a) is expected


@pytest.mark.parametrize("a,b,expected", [
    ("a depth of 10 km", "6 miles deep", True),  # 6 miles is 5.5-6.5 miles: 8.9-10.5 km
    ("a 1.6-mile bridge", "a 2.6 km bridge", True),  # 2.57 km, both rounded to one decimal
    ("a depth of 10 km", "11 km", False),  # the roundings only touch
    ("12 tonnes", "13 tonnes", False),
    ("a depth of 7 km", "2 km", False),
])
def test_a_length_or_mass_agrees_within_its_rounding(a: str, b: str, expected: bool) -> None:
    first, second = parse_quantities(a)[0], parse_quantities(b)[0]
    assert agree(first, second) is expected and agree(second, first) is expected


def run(texts: Sequence[tuple[str, str, datetime | None]],
        publishers: dict[str, PublisherFacts] | None = None,
        copies: dict[str, str] | None = None, title: str = "") -> list[Finding]:
    arts: dict[str, Article] = {}
    claims = []
    for i, (source, text, when) in enumerate(texts):
        a = article(f"a{i}", text, source, when)
        if title:
            a = Article(**{**{f: getattr(a, f) for f in a.__slots__}, "title": title})
        arts[a.id] = a
        claims += extract_claims(a)[0]
    pubs = publishers or {s: PublisherFacts(s, f"Outlet {s}", credibility=0.8)
                          for s, _, _ in texts}
    return assess(claims, match_claims(claims), arts, pubs, copies or {})


def kinds(findings: list[Finding]) -> list[str]:
    return sorted(f.kind for f in findings)


SHELLS_RANGE = ("North Korea has sold 1 million to 3 million artillery shells to Russia, "
                "Hal Brands wrote in Bloomberg.")


def test_range_contradicted_by_a_figure_outside_it() -> None:
    findings = run([
        ("s1", SHELLS_RANGE, D3),
        ("s2", "North Korea has sold 5 million artillery shells to Russia, a defector said.", D3),
    ])
    (f,) = [f for f in findings if f.kind == "contradiction"]
    assert "Outlet s1" in f.explanation and "Outlet s2" in f.explanation
    assert "5,000,000" in f.explanation and "1,000,000–3,000,000" in f.explanation
    assert f.independent_origins == 2
    figures = f.details["figures"]
    assert {x["source_id"] for x in figures} == {"s1", "s2"}
    assert {"claim_id", "display", "low", "high", "unit", "credibility"} <= set(figures[0])
    parts = next(iter(f.details["credibility"].values()))
    assert {"publisher", "attribution", "corroboration", "agreement", "score"} <= set(parts)
    assert f.details["slots"]["measure"] == "shells supplied"
    assert f.details["slots"]["partner"] == "Russia"


def test_more_than_agrees_with_a_value_inside() -> None:
    findings = run([
        ("s1", SHELLS_RANGE, D3),
        ("s2", "North Korea has sold more than 1 million artillery shells to Russia, "
               "Seoul's spy agency said.", D3),
    ])
    assert kinds(findings) == ["corroborated"]


def test_forty_versus_fifty_five_percent_contradicts() -> None:
    findings = run([
        ("s1", "Russia supplied 40% of Germany's gas, analysts said.", D1),
        ("s2", "Russia supplied 55% of Germany's gas, the economy ministry said.", D2),
    ])
    assert "contradiction" in kinds(findings)


def test_close_tonnages_agree() -> None:
    findings = run([
        ("s1", "Ships carried around 719,549 tonnes of grain from Ukraine, the ministry said.", D1),
        ("s2", "Ships carried 721,449 tonnes of grain from Ukraine, the JCC said.", D1),
    ])
    assert kinds(findings) == ["corroborated"]


def test_a_central_unattributed_figure_is_unsupported() -> None:
    (f,) = run([("s1", "Russia and China share a border of 4,300 kilometres.", D1)])
    assert f.kind == "unsupported" and f.independent_origins == 1
    assert "names no source" in f.explanation and "leads its article" in f.explanation
    assert f.severity == "low"


def test_an_unattributed_figure_deep_in_the_text_is_not_flagged() -> None:
    text = ("Leaders of Russia and China met in Beijing, officials said.\n"
            "Russia and China share a border of 4,300 kilometres.")
    assert run([("s1", text, D1)]) == []


def test_a_digit_of_another_number_in_the_title_does_not_make_a_figure_central() -> None:
    text = ("Leaders of Russia and China met in Beijing, officials said.\n"
            "Their border runs for 4 kilometres along the river.")
    assert run([("s1", text, D1)], title="Summit of 2024 in Beijing") == []
    (f,) = run([("s1", text, D1)], title="The 4 kilometres that matter")
    assert f.kind == "unsupported"


def test_single_attributed_figure_is_not_unsupported() -> None:
    findings = run([("s1", "Russia and China share a border of 4,300 kilometres, the foreign "
                           "ministry said.", D1)])
    assert findings == []


def test_only_low_credibility_publishers_is_unsupported() -> None:
    # one origin (the second outlet copies the first) carried only by low-rated outlets; a
    # weak source named ("a defector") does not stand behind it
    pubs = {"s1": PublisherFacts("s1", "Rumour Daily", credibility=0.1),
            "s2": PublisherFacts("s2", "Gossip Wire", credibility=0.2)}
    text = "North Korea has sold 5 million artillery shells to Russia, a defector said."
    findings = run([("s1", text, D3), ("s2", text, D3)], publishers=pubs, copies={"a1": "a0"})
    (f,) = [f for f in findings if f.kind == "unsupported"]
    assert "low-credibility" in f.explanation and f.severity == "medium"
    assert "0.10" in f.explanation


def test_copies_count_once_under_the_origin() -> None:
    text = "North Korea has sold 5 million artillery shells to Russia."
    findings = run([("s1", text, D1), ("s2", text, D2)], copies={"a1": "a0"})
    (f,) = findings
    assert f.kind == "unsupported" and f.independent_origins == 1
    assert list(f.details["origin_of"].values()) == [
        x["claim_id"] for x in f.details["figures"] if x["source_id"] == "s1"]


def test_same_owner_is_one_origin_and_an_unknown_owner_is_no_owner() -> None:
    text = "North Korea has sold 5 million artillery shells to Russia."
    pubs = {"s1": PublisherFacts("s1", "A", owner="Big Media Group", credibility=0.8),
            "s2": PublisherFacts("s2", "B", owner="big media group", credibility=0.8)}
    (f,) = run([("s1", text, D1), ("s2", text + " More follows.", D2)], publishers=pubs)
    assert f.kind == "unsupported" and f.independent_origins == 1
    unknown = {"s1": PublisherFacts("s1", "A", owner="unknown", credibility=0.8),
               "s2": PublisherFacts("s2", "B", owner="Unknown", credibility=0.8)}
    (g,) = run([("s1", text, D1), ("s2", text + " More follows.", D2)], publishers=unknown)
    assert g.kind == "corroborated" and g.independent_origins == 2


def test_finding_ids_are_stable() -> None:
    texts = [("s1", "North Korea has sold 5 million artillery shells to Russia.", D1),
             ("s2", SHELLS_RANGE, D1)]
    assert [f.id for f in run(texts)] == [f.id for f in run(texts)]


def test_two_hundred_copies_from_one_outlet_give_one_finding() -> None:
    text = "North Korea has sold 5 million artillery shells to Russia."
    findings = run([("s1", text, D1)] * 200)
    assert len(findings) == 1 and findings[0].independent_origins == 1


def test_options_can_silence_corroboration() -> None:
    arts, claims = {}, []
    for i, src in enumerate(("s1", "s2")):
        a = article(f"a{i}", "North Korea has sold 5 million artillery shells to Russia, "
                             "Seoul said.", src, D1)
        arts[a.id] = a
        claims += extract_claims(a)[0]
    pubs = {s: PublisherFacts(s, s, credibility=0.9) for s in ("s1", "s2")}
    assert assess(claims, match_claims(claims), arts, pubs, {},
                  AssessOptions(report_corroborated=False)) == []


def test_facts_from_source_reads_attributes() -> None:
    class P:
        name, owner, country, media_type, credibility = "Pub", "Own", "DE", "news", 0.7

    class S:
        id, name, publisher = "src", "Source", P()

    assert facts_from_source(S()) == PublisherFacts("src", "Pub", "Own", "DE", "news", 0.7)


# --- running counts, outliers, vague figures, time ---------------------------------------
TOLL_TEXTS = [
    ("s1", "The death toll in the Moscow concert hall attack has risen to 62 people, the health "
           "ministry said.", datetime(2024, 3, 22)),
    ("s2", "The death toll in the Moscow concert hall attack has risen to 133 people, the "
           "Investigative Committee said.", datetime(2024, 3, 23)),
    ("s3", "The death toll in the Moscow concert hall attack has risen to 150 people and "
           "counting.", datetime(2024, 3, 23)),
    ("s4", "The death toll in the Moscow concert hall attack has risen to 137 people, the "
           "Investigative Committee said.", datetime(2024, 3, 24)),
]


def test_a_report_running_ahead_is_split_from_the_running_count() -> None:
    pubs = {s: PublisherFacts(s, f"Outlet {s}", credibility=0.8) for s in ("s1", "s2", "s4")}
    pubs["s3"] = PublisherFacts("s3", "Rumour Daily", credibility=0.3)
    findings = run(TOLL_TEXTS, pubs)
    by_kind = {f.kind: f for f in findings}
    assert set(by_kind) >= {"contradiction", "trajectory", "unsupported"}
    contradiction = by_kind["contradiction"]
    assert {x["low"] for x in contradiction.details["figures"]} == {133.0, 150.0}
    assert "Rumour Daily" in contradiction.explanation
    trajectory = by_kind["trajectory"]
    assert {x["low"] for x in trajectory.details["figures"]} == {62.0, 133.0, 137.0}
    unsupported = by_kind["unsupported"]
    assert [x["low"] for x in unsupported.details["figures"]] == [150.0]
    assert unsupported.severity == "medium"


def test_vague_figures_never_contradict() -> None:
    findings = run([
        ("s1", "Dozens of people were injured in the Moscow attack, officials said.", D1),
        ("s2", "Some 145 people were injured in the Moscow attack, officials said.", D1),
    ])
    assert "contradiction" not in kinds(findings)


def test_a_running_total_growing_over_months_is_a_trajectory() -> None:
    findings = run([
        ("s1", "Ukraine has shipped 33 ships of grain from Odesa since August 1, the ministry "
               "said.", datetime(2022, 8, 23)),
        ("s2", "Ukraine has shipped 1,000 ships of grain from Odesa since August 1, 2022, the "
               "EU said.", datetime(2023, 7, 18)),
    ])
    assert kinds(findings) == ["trajectory"]


def test_troop_levels_two_days_apart_are_one_moment() -> None:
    findings = run([
        ("s1", "Russia has massed 100,000 troops near Ukraine, US officials said.",
         datetime(2021, 12, 2)),
        ("s2", "Russia has massed 175,000 troops near Ukraine, US intelligence said.",
         datetime(2021, 12, 4)),
    ])
    assert kinds(findings) == ["contradiction"]


def test_counts_of_the_missing_a_day_apart_are_not_compared() -> None:
    findings = run([
        ("s1", "Some 850 people were missing in Hawaii, the mayor said.", datetime(2023, 8, 21)),
        ("s2", "Some 1,100 people were missing in Hawaii, officials said.",
         datetime(2023, 8, 22)),
    ])
    assert "contradiction" not in kinds(findings)


def test_timing_of_two_claims() -> None:
    claims = extract_claims(article("a", "China had 410 warheads in January 2023, SIPRI said.",
                                    "s", datetime(2024, 6, 18)))[0]
    later = extract_claims(article("b", "China has about 500 warheads, SIPRI said.", "s",
                                   datetime(2023, 6, 1)))[0]
    t = timing(claims[0], later[0])
    assert t.relation == "same" and "2023-01" in t.reason  # warheads change slowly


# --- the demo corpus: five outlets, real figures, the findings data/demo/EXPECTED.md lists ----
def _demo_findings() -> tuple[list[Finding], dict[str, object]]:
    from pathlib import Path

    from crosscheck.config import load_sources
    from crosscheck.independence import find_copies
    from crosscheck.ingest import ingest_source

    root = Path(__file__).resolve().parents[1]
    if not (root / "data" / "demo").is_dir() or not (root / "sources.yaml").is_file():
        pytest.skip("demo corpus or sources.yaml absent")
    config = load_sources(root / "sources.yaml")
    arts = [a for s in config.sources if s.enabled for a in ingest_source(s).articles]
    claims = [c for a in arts for c in extract_claims(a)[0]]
    pubs = {s.id: facts_from_source(s) for s in config.sources}
    by_id = {a.id: a for a in arts}
    found = assess(claims, match_claims(claims), by_id, pubs, find_copies(arts))
    return found, {c.id: c for c in claims}


def _figures(f: Finding, claims: dict[str, object]) -> set[float]:
    return {claims[i].quantity.low for i in f.claim_ids}  # type: ignore[attr-defined]


def test_demo_corpus_gives_the_expected_findings() -> None:
    findings, claims = _demo_findings()
    shapes = [(f.kind, _figures(f, claims)) for f in findings]
    assert ("corroborated", {1e5}) in shapes  # troops near Ukraine: ~100,000 in three outlets
    assert ("contradiction", {40.0, 55.0}) in shapes  # German gas share
    assert ("unsupported", {150.0}) in shapes  # "150 and counting", unattributed
    assert ("trajectory", {62.0, 133.0, 137.0, 144.0}) in shapes  # the toll as it grew
    assert ("corroborated", {1e6}) in shapes  # shells: 1–3 million / more than 1 million
    assert ("corroborated", {719_549.0, 721_449.0}) in shapes  # grain, August 2022
    assert ("corroborated", {33e6}) in shapes  # grain, July 2023
    assert ("trajectory", {719_549.0, 721_449.0, 33e6}) in shapes  # one count, growing


def test_demo_corpus_must_nots() -> None:
    findings, claims = _demo_findings()
    for f in findings:
        figures = _figures(f, claims)
        if f.kind == "contradiction":
            assert not figures <= {62.0, 133.0, 137.0, 144.0}  # a growing toll never conflicts
            assert not {145.0, 97.0} & figures  # injured / in hospital are other measures
            assert not ({33.0} <= figures and 33e6 in figures)
            assert 1.75e5 not in figures  # a planned offensive's 175,000 is not a count
        if 1e6 in figures and f.kind == "corroborated":
            assert f.independent_origins == 2  # the Ironvale copy counts once, under Meridian


# --- bad input: no crash, a sensible finding or none, the reason kept -----------------------
def test_unknown_unit_missing_article_and_publisher_do_not_crash() -> None:
    a0 = article("a0", "The plant in Chile made 7 zorbs last year.", "s1", None)
    a1 = article("a1", "The plant in Chile made 9 zorbs last year.", "s2", None)
    claims = extract_claims(a0)[0] + extract_claims(a1)[0]
    findings = assess(claims, match_claims(claims), {"a0": a0}, {}, {})  # a1, publishers unknown
    for f in findings:
        assert f.explanation and f.id
        assert "credibility unknown" in f.explanation


def test_undated_conflict_is_not_excused_as_growth() -> None:
    findings = run([
        ("s1", "The death toll in the Derna flood has risen to 100 people, officials said.", None),
        ("s2", "The death toll in the Derna flood has risen to 300 people, medics said.", None),
    ])
    assert "trajectory" not in kinds(findings)


def test_empty_input_gives_no_findings() -> None:
    assert assess([], [], {}, {}, {}) == []
    assert match_claims([]) == []
    assert extract_claims(article("a", ""))[0] == []


def test_finding_details_are_plain_json() -> None:
    findings = run([
        ("s1", "North Korea has sold more than 1 million artillery shells to Russia.", D3),
        ("s2", "North Korea has sold 1 million to 3 million artillery shells to Russia, a "
               "defector said.", D3),
    ])
    text = json.dumps([f.details for f in findings], allow_nan=False)
    assert '"high": null' in text  # "more than 1 million" has no upper bound
    assert not math.isnan(findings[0].independent_origins)


def test_as_of_is_the_date_in_the_sentence() -> None:
    (c,) = extract_claims(article("a", "By 23 August 2022 Ukraine had shipped 721,449 tonnes of "
                                       "grain.", "s", datetime(2023, 7, 19)))[0]
    assert c.as_of == date(2022, 8, 23)


def test_witnesses_and_residents_are_anonymous_sources_wherever_they_stand() -> None:
    from crosscheck.assess.credibility import attribution_strength

    # capitalised as a sentence's first word, they are still nobody a reader can check
    for who in ("Eyewitnesses", "witnesses", "Residents", "locals", "Reports",
                "Official reports", "media reports"):
        assert attribution_strength(who)[0] == 0.5, who
    assert attribution_strength("Serbia's interior ministry")[0] == 1.0
    assert attribution_strength("Archive of Public Gatherings")[0] == 1.0
