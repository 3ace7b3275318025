"""Assessment: interval agreement, contradictions, trajectories, unsupported, credibility."""

from __future__ import annotations

from datetime import datetime

import pytest

from crosscheck.assess import (
    AssessOptions,
    PublisherFacts,
    agree,
    assess,
    facts_from_source,
)
from crosscheck.claims import extract_claims
from crosscheck.match import match_claims
from crosscheck.models import Article, Finding, Quantity
from tests.test_claims_support import INF, article, parser_for

PARSE = parser_for({
    "1 million to 3 million artillery shells": (1e6, 3e6, "shell", "count", "range"),
    "more than 1 million artillery shells": (1e6, INF, "shell", "count", "more_than"),
    "5 million artillery shells": (5e6, 5e6, "shell", "count"),
    "40%": (40, 40, "percent", "percent"),
    "55%": (55, 55, "percent", "percent"),
    "133 people": (133, 133, "person", "count"),
    "137 people": (137, 137, "person", "count"),
    "62 people": (62, 62, "person", "count"),
    "150 people": (150, 150, "person", "count"),
    "115 people": (115, 115, "person", "count"),
    "719,549 tonnes": (719549, 719549, "tonne", "mass"),
    "721,449 tonnes": (721449, 721449, "tonne", "mass"),
    "4,300 kilometres": (4300, 4300, "kilometre", "length"),
})


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
])
def test_interval_agreement(a: Quantity, b: Quantity, expected: bool) -> None:
    assert agree(a, b) is expected
    assert agree(b, a) is expected


def run(texts: list[tuple[str, str, datetime]], publishers: dict[str, PublisherFacts] | None = None,
        copies: dict[str, str] | None = None) -> list[Finding]:
    arts: dict[str, Article] = {}
    claims = []
    for i, (source, text, when) in enumerate(texts):
        a = article(f"a{i}", text, source, when)
        arts[a.id] = a
        claims += extract_claims(a, PARSE)[0]
    pubs = publishers or {s: PublisherFacts(s, f"Outlet {s}", credibility=0.8)
                          for s, _, _ in texts}
    return assess(claims, match_claims(claims), arts, pubs, copies or {})


def kinds(findings: list[Finding]) -> list[str]:
    return sorted(f.kind for f in findings)


D1, D2, D3 = datetime(2024, 3, 23), datetime(2024, 3, 24), datetime(2024, 5, 12)


def test_range_contradicted_by_a_figure_outside_it() -> None:
    findings = run([
        ("s1", "North Korea has sold 1 million to 3 million artillery shells to Russia, "
               "Hal Brands wrote in Bloomberg.", D3),
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


def test_more_than_agrees_with_a_value_inside() -> None:
    findings = run([
        ("s1", "North Korea has sold 1 million to 3 million artillery shells to Russia, "
               "Hal Brands wrote in Bloomberg.", D3),
        ("s2", "North Korea has sold more than 1 million artillery shells to Russia, "
               "Seoul's spy agency said.", D3),
    ])
    assert "contradiction" not in kinds(findings)
    assert "corroborated" in kinds(findings)


def test_forty_versus_fifty_five_percent_contradicts() -> None:
    findings = run([
        ("s1", "Germany's gas imports from Russia accounted for 40% of its consumption.", D1),
        ("s2", "Gas imports from Russia made up 55% of Germany's consumption, the ministry "
               "said.", D2),
    ])
    assert "contradiction" in kinds(findings)


def test_growing_toll_is_a_trajectory_not_a_contradiction() -> None:
    findings = run([
        ("s1", "The death toll has risen to 133 people, the Investigative Committee said.", D1),
        ("s2", "The death toll has risen to 137 people, the Investigative Committee said.", D2),
    ])
    assert "contradiction" not in kinds(findings)
    (f,) = [f for f in findings if f.kind == "trajectory"]
    assert "trajectory" in f.explanation and f.severity == "info"


def test_same_day_toll_that_runs_ahead_is_a_contradiction() -> None:
    findings = run([
        ("s1", "The death toll has risen to 115 people, the Investigative Committee said.", D1),
        ("s2", "The death toll has risen to 150 people and counting.", D1),
    ])
    assert "contradiction" in kinds(findings)


def test_shrinking_toll_is_not_explained_by_time() -> None:
    findings = run([
        ("s1", "The death toll has risen to 137 people, the Investigative Committee said.", D1),
        ("s2", "The death toll has risen to 62 people, the health ministry said.", D2),
    ])
    assert "contradiction" in kinds(findings)


def test_close_tonnages_agree() -> None:
    findings = run([
        ("s1", "Ships carried around 719,549 tonnes of grain from Ukraine, the ministry said.", D1),
        ("s2", "Ships carried 721,449 tonnes of grain from Ukraine, the JCC said.", D1),
    ])
    assert "contradiction" not in kinds(findings)


def test_single_unattributed_figure_is_unsupported() -> None:
    (f,) = run([("s1", "Russia and China share a border of 4,300 kilometres.", D1)])
    assert f.kind == "unsupported" and f.independent_origins == 1
    assert "names no source" in f.explanation
    assert f.severity == "low"


def test_single_attributed_figure_is_not_unsupported() -> None:
    findings = run([("s1", "Russia and China share a border of 4,300 kilometres, the foreign "
                           "ministry said.", D1)])
    assert findings == []


def test_only_low_credibility_publishers_is_unsupported() -> None:
    pubs = {"s1": PublisherFacts("s1", "Rumour Daily", credibility=0.1),
            "s2": PublisherFacts("s2", "Gossip Wire", credibility=0.2)}
    findings = run([
        ("s1", "North Korea has sold 5 million artillery shells to Russia, a defector said.", D3),
        ("s2", "North Korea has sold 5 million artillery shells to Russia, a defector said.", D3),
    ], publishers=pubs)
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


def test_same_owner_is_one_origin() -> None:
    text = "North Korea has sold 5 million artillery shells to Russia."
    pubs = {"s1": PublisherFacts("s1", "A", owner="Big Media Group", credibility=0.8),
            "s2": PublisherFacts("s2", "B", owner="big media group", credibility=0.8)}
    (f,) = run([("s1", text, D1), ("s2", text + " More follows.", D2)], publishers=pubs)
    assert f.kind == "unsupported" and f.independent_origins == 1


def test_finding_ids_are_stable() -> None:
    texts = [("s1", "North Korea has sold 5 million artillery shells to Russia.", D1),
             ("s2", "North Korea has sold 1 million to 3 million artillery shells to Russia.", D1)]
    assert [f.id for f in run(texts)] == [f.id for f in run(texts)]


def test_two_hundred_copies_from_one_outlet_give_one_finding() -> None:
    text = "North Korea has sold 5 million artillery shells to Russia."
    texts = [("s1", text, D1)] * 200
    findings = run(texts)
    assert len(findings) == 1 and findings[0].independent_origins == 1


def test_options_can_silence_corroboration() -> None:
    arts = {}
    claims = []
    for i, src in enumerate(("s1", "s2")):
        a = article(f"a{i}", "North Korea has sold 5 million artillery shells to Russia, "
                             "Seoul said.", src, D1)
        arts[a.id] = a
        claims += extract_claims(a, PARSE)[0]
    pubs = {s: PublisherFacts(s, s, credibility=0.9) for s in ("s1", "s2")}
    assert assess(claims, match_claims(claims), arts, pubs, {},
                  AssessOptions(report_corroborated=False)) == []


def test_facts_from_source_reads_attributes() -> None:
    class P:
        name, owner, country, media_type, credibility = "Pub", "Own", "DE", "news", 0.7

    class S:
        id, name, publisher = "src", "Source", P()

    assert facts_from_source(S()) == PublisherFacts("src", "Pub", "Own", "DE", "news", 0.7)


# --- running counts, outliers, vague figures, time gaps ----------------------------------
def run_with(table: dict[str, tuple], texts: list[tuple[str, str, datetime]],
             publishers: dict[str, PublisherFacts] | None = None) -> list[Finding]:
    parse = parser_for(table)
    arts: dict[str, Article] = {}
    claims = []
    for i, (source, text, when) in enumerate(texts):
        a = article(f"a{i}", text, source, when)
        arts[a.id] = a
        claims += extract_claims(a, parse)[0]
    pubs = publishers or {s: PublisherFacts(s, f"Outlet {s}", credibility=0.8)
                          for s, _, _ in texts}
    return assess(claims, match_claims(claims), arts, pubs, {})


TOLL = {f"{n} people": (n, n, "person", "count") for n in (62, 133, 137, 144, 150)}
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


def test_outlier_is_split_from_a_running_count() -> None:
    pubs = {s: PublisherFacts(s, f"Outlet {s}", credibility=0.8) for s in ("s1", "s2", "s4")}
    pubs["s3"] = PublisherFacts("s3", "Rumour Daily", credibility=0.3)
    findings = run_with(TOLL, TOLL_TEXTS, pubs)
    by_kind = {f.kind: f for f in findings}
    assert set(by_kind) == {"contradiction", "trajectory", "unsupported"}
    contradiction = by_kind["contradiction"]
    outlier = contradiction.details["outliers"]
    assert len(outlier) == 1 and "Rumour Daily" in contradiction.explanation
    trajectory = by_kind["trajectory"]
    assert outlier[0] not in trajectory.claim_ids and len(trajectory.claim_ids) == 3
    unsupported = by_kind["unsupported"]
    assert unsupported.claim_ids == tuple(outlier) and unsupported.severity == "medium"
    assert "different figure" in unsupported.explanation


def test_vague_figures_never_contradict() -> None:
    table = {"Dozens of people": (12, 120, "person", "count", "approx"),
             "145 people": (145, 145, "person", "count")}
    findings = run_with(table, [
        ("s1", "Dozens of people were injured in the Moscow attack, officials said.",
         datetime(2024, 3, 23)),
        ("s2", "Some 145 people were injured in the Moscow attack, officials said.",
         datetime(2024, 3, 23)),
    ])
    assert "contradiction" not in kinds(findings)


def test_growth_over_months_is_a_trajectory_even_without_a_running_word() -> None:
    table = {"33 ships": (33, 33, "ship", "count"), "1,000 ships": (1000, 1000, "ship", "count")}
    findings = run_with(table, [
        ("s1", "Ukraine's grain deal has moved 33 ships out of Odesa, the ministry said.",
         datetime(2022, 8, 23)),
        ("s2", "Ukraine's grain deal has moved 1,000 ships out of Odesa, the EU said.",
         datetime(2023, 7, 18)),
    ])
    assert kinds(findings) == ["trajectory"]


def test_growth_over_two_days_of_a_level_is_a_contradiction() -> None:
    table = {"100,000 troops": (1e5, 1e5, "troop", "count"),
             "175,000 troops": (1.75e5, 1.75e5, "troop", "count")}
    findings = run_with(table, [
        ("s1", "Russia has massed 100,000 troops near Ukraine, US officials said.",
         datetime(2021, 12, 2)),
        ("s2", "Russia has massed 175,000 troops near Ukraine, US intelligence said.",
         datetime(2021, 12, 4)),
    ])
    assert kinds(findings) == ["contradiction"]


# --- the demo corpus: five outlets, real figures, the findings data/demo/EXPECTED.md lists ----
def _demo_findings() -> tuple[list[Finding], dict[str, object]]:
    from pathlib import Path

    from crosscheck.independence import find_copies
    from tests.test_claims_support import real_parser

    root = Path(__file__).resolve().parents[1]
    if not (root / "data" / "demo").is_dir() or not (root / "sources.yaml").is_file():
        pytest.skip("demo corpus or sources.yaml absent")
    if real_parser() is None:
        pytest.skip("quantity engine crosscheck.quantities not installed")
    from crosscheck.config import load_sources
    from crosscheck.ingest import ingest_source

    config = load_sources(root / "sources.yaml")
    arts = [a for s in config.sources if s.enabled for a in ingest_source(s).articles]
    claims = [c for a in arts for c in extract_claims(a)[0]]
    pubs = {s.id: facts_from_source(s) for s in config.sources}
    by_id = {a.id: a for a in arts}
    found = assess(claims, match_claims(claims), by_id, pubs, find_copies(arts))
    return found, {c.id: c for c in claims}


def _figures(f: Finding, claims: dict[str, object]) -> set[float]:
    return {claims[i].quantity.low for i in f.claim_ids}  # type: ignore[attr-defined]


def test_demo_troops_and_grain_keep_all_their_claims() -> None:
    """EXPECTED.md: 175,000 (N1) against 100,000 from M1, B1 and E1; the August 2022 grain count
    and the July 2023 totals are one count growing, not two facts."""
    findings, claims = _demo_findings()
    troops = [f for f in findings if f.kind == "contradiction" and 1.75e5 in _figures(f, claims)]
    assert len(troops) == 1 and len(troops[0].claim_ids) == 4
    grain = [f for f in findings if f.kind == "trajectory" and 33e6 in _figures(f, claims)]
    assert [_figures(f, claims) for f in grain] == [{719_549.0, 721_449.0, 33e6}]


def test_demo_corpus_gives_the_expected_findings() -> None:
    findings, claims = _demo_findings()
    shapes = [(f.kind, _figures(f, claims)) for f in findings]
    assert ("contradiction", {1e5, 1.75e5}) in shapes  # troops near Ukraine
    assert ("contradiction", {40.0, 55.0}) in shapes  # German gas share
    assert ("unsupported", {150.0}) in shapes  # "150 and counting", unattributed
    assert ("trajectory", {62.0, 133.0, 137.0, 144.0}) in shapes  # the toll as it grew
    assert ("corroborated", {1e6}) in shapes  # shells: 1–3 million / more than 1 million
    assert ("corroborated", {719_549.0, 721_449.0}) in shapes  # grain, August 2022
    assert ("corroborated", {33e6}) in shapes  # grain, July 2023


def test_demo_corpus_must_nots() -> None:
    findings, claims = _demo_findings()
    for f in findings:
        figures = _figures(f, claims)
        if f.kind == "contradiction":
            assert not figures <= {62.0, 133.0, 137.0, 144.0}  # a growing toll never conflicts
            assert not {145.0, 97.0} & figures  # injured / in hospital are other measures
            assert not ({33.0} <= figures and 33e6 in figures)
        if 1e6 in figures and f.kind == "corroborated":
            assert f.independent_origins == 2  # the Ironvale copy counts once, under Meridian


# --- bad input: no crash, a sensible finding or none, the reason kept -----------------------
def test_unknown_unit_missing_article_and_publisher_do_not_crash() -> None:
    table = {"7 zorbs": (7, 7, "zorb", "other"), "9 zorbs": (9, 9, "zorb", "other")}
    parse = parser_for(table)
    a0 = article("a0", "The plant made 7 zorbs last year.", "s1", None)
    a1 = article("a1", "The plant made 9 zorbs last year.", "s2", None)
    claims = extract_claims(a0, parse)[0] + extract_claims(a1, parse)[0]
    clusters = match_claims(claims)
    findings = assess(claims, clusters, {"a0": a0}, {}, {})  # a1 and both publishers unknown
    assert findings, "two outlets, two figures, no dates: still reported"
    for f in findings:
        assert f.explanation and f.id
        assert "credibility unknown" in f.explanation


def test_undated_conflict_is_not_excused_as_growth() -> None:
    table = {"100 people": (100, 100, "person", "count"), "300 people": (300, 300, "person")}
    findings = run_with(table, [
        ("s1", "The death toll in the Derna flood has risen to 100 people, officials said.", None),
        ("s2", "The death toll in the Derna flood has risen to 300 people, medics said.", None),
    ])
    assert kinds(findings) == ["contradiction"]


def test_empty_input_gives_no_findings() -> None:
    assert assess([], [], {}, {}, {}) == []
    assert match_claims([]) == []
    assert extract_claims(article("a", ""), parser_for({}))[0] == []


def test_finding_details_are_plain_json() -> None:
    import json

    findings = run([
        ("s1", "North Korea has sold more than 1 million artillery shells to Russia.", D3),
        ("s2", "North Korea has sold 5 million artillery shells to Russia, a defector said.", D3),
    ])
    text = json.dumps([f.details for f in findings], allow_nan=False)
    assert '"high": null' in text  # "more than 1 million" has no upper bound
