"""The kinds of cross-checking error real reporting produces, each with articles written for
this test (the real quantity engine, claims, matching and assessment; no Prefect)."""

from __future__ import annotations

from datetime import datetime

import pytest

from crosscheck.assess import PublisherFacts, assess
from crosscheck.claims import extract_claims
from crosscheck.match import match_claims
from crosscheck.models import Article, Finding

Text = tuple[str, str, str, str]  # source, ISO date, title, text


def findings_of(texts: list[Text], credibility: float = 0.7) -> list[Finding]:
    """Findings of a few invented articles, one publisher each."""
    articles, publishers, claims = {}, {}, []
    for i, (source, day, title, text) in enumerate(texts):
        a = Article(id=f"a{i}", source_id=source, url=f"https://example.test/{i}",
                    canonical_url=f"https://example.test/{i}", title=title, text=text,
                    content_hash=str(i), published=datetime.fromisoformat(day))
        articles[a.id] = a
        publishers[source] = PublisherFacts(source, f"Outlet {source}", credibility=credibility)
        claims += extract_claims(a)[0]
    return assess(claims, match_claims(claims), articles, publishers, {})


def of_kind(findings: list[Finding], kind: str) -> list[Finding]:
    return [f for f in findings if f.kind == kind]


def lows(f: Finding) -> set[float]:
    return {x["low"] for x in f.details["figures"]}  # type: ignore[index, union-attr]


def one_day(title: str, *texts: str) -> list[Finding]:
    """Findings of articles by outlets a, b, c... on one day, under one title."""
    return findings_of([(chr(ord("a") + i), "2025-03-02", title, text)
                        for i, text in enumerate(texts)])


def test_different_counted_things_are_different_facts() -> None:
    found = findings_of([
        ("a", "2024-01-01", "Strikes on Ukraine", "Drones hit 8 provinces of Ukraine overnight, "
                                                   "the governor said."),
        ("b", "2024-01-01", "Strikes on Ukraine", "Russia launched 30 drones at Ukraine "
                                                   "overnight, the air force said."),
    ])
    assert not of_kind(found, "contradiction")


def test_two_sources_in_one_article_can_contradict() -> None:
    text = ("Russia's defence minister Sergei Shoigu said on Wednesday that 5,937 Russian soldiers "
            "had been killed in Ukraine, while Ukraine's general staff put the number of Russian "
            "soldiers killed at 55,110.")
    (f,) = of_kind(findings_of([("a", "2022-09-22", "Russia admits losses", text)]),
                   "contradiction")
    assert lows(f) == {5937.0, 55110.0}
    assert "Shoigu" in f.explanation and "general staff" in f.explanation
    assert f.details["slots"]["measure"] == "deaths"  # type: ignore[index]


def test_one_figure_with_no_source_in_one_article_is_no_contradiction() -> None:
    text = ("The flood killed 3,000 people in Libya. In the east 2,000 more people died in the "
            "mountains.")
    assert not of_kind(findings_of([("a", "2023-09-12", "Libya flood", text)]), "contradiction")


def test_alternatives_in_one_sentence_contradict_nothing() -> None:
    found = findings_of([
        ("a", "2024-01-02", "Fuel", "Poland's army has fuel for 40 days, or 25 days at wartime "
                                    "rates, officials said."),
        ("b", "2024-01-02", "Fuel", "Poland's army has fuel for 40 days, the ministry said."),
    ])
    assert not of_kind(found, "contradiction")


def test_a_revision_is_a_revision_finding_not_a_contradiction() -> None:
    found = findings_of([
        ("a", "2024-01-10", "Missing revised", "Peru's interior ministry revised the number of "
                                               "missing from 385 to 97 on Tuesday."),
        ("b", "2024-01-05", "Landslide in Peru", "Some 385 people are missing after the "
                                                 "landslide in Peru, a local official said."),
    ])
    (rev,) = of_kind(found, "revision")
    assert rev.details["old"]["display"] == "385" and rev.details["new"]["display"] == "97"
    assert "interior ministry" in str(rev.details["by"])
    assert not of_kind(found, "contradiction")


def test_other_periods_are_other_facts() -> None:
    found = findings_of([
        ("a", "2024-03-01", "Chile exports", "Chile's exports grew 12% in 2023, the statistics "
                                             "office said."),
        ("b", "2024-03-02", "Chile exports", "Chile's exports grew 18% in the first half of "
                                             "2023, according to the customs service."),
        ("c", "2024-03-02", "Chile exports", "Chile's exports grew 9% in 2022, the central bank "
                                             "said."),
    ])
    assert not of_kind(found, "contradiction")


def test_the_same_period_in_other_words_is_compared() -> None:
    found = findings_of([
        ("a", "2024-03-01", "Chile exports", "Chile's exports grew 12% in 2023, the statistics "
                                             "office said."),
        ("b", "2024-03-02", "Chile exports", "Chile's exports grew 4% last year, the central "
                                             "bank said."),
    ])
    (f,) = of_kind(found, "contradiction")
    assert lows(f) == {12.0, 4.0}


def test_a_scope_on_one_side_only_is_another_fact() -> None:
    found = findings_of([
        ("a", "2024-02-01", "Kenya floods", "Kenya evacuated 5,000 people within 50 km of the "
                                            "river, officials said."),
        ("b", "2024-02-01", "Kenya floods", "Kenya evacuated 12,000 people, the army said."),
        ("c", "2024-02-01", "Chile vote", "Turnout in the capital of Chile was 41%, the "
                                          "commission said."),
        ("d", "2024-02-01", "Chile vote", "Turnout in Chile was 58%, the election "
                                          "commission said."),
    ])
    assert not of_kind(found, "contradiction")


def test_projections_plans_and_capacities_are_not_counts() -> None:
    found = findings_of([
        ("a", "2024-02-01", "China's navy", "China has about 370 ships, the Pentagon said."),
        ("b", "2024-02-01", "China's navy", "China's fleet is expected to reach 435 ships by "
                                            "2030, the report said."),
        ("c", "2024-02-01", "Russia's army", "Russia has 150,000 troops near the border, the "
                                             "ministry said."),
        ("d", "2024-02-01", "Russia's army", "Russia planned an offensive with 300,000 troops, "
                                             "officials said."),
    ])
    assert not of_kind(found, "contradiction")


def test_a_level_is_not_a_change() -> None:
    found = findings_of([
        ("a", "2024-02-01", "Chile copper", "Chile's copper exports rose 15% last year, the "
                                            "ministry said."),
        ("b", "2024-02-01", "Chile copper", "Chile's copper exports stand at 15 million tonnes, "
                                            "the ministry said."),
    ])
    assert not of_kind(found, "contradiction")


def test_a_growing_toll_is_a_trajectory() -> None:
    found = findings_of([
        ("a", "2024-03-23", "Moscow attack", "The death toll in Moscow has risen to 133, the "
                                             "Investigative Committee said."),
        ("b", "2024-03-24", "Moscow attack", "The death toll in Moscow has risen to 137, the "
                                             "Investigative Committee said."),
    ])
    assert not of_kind(found, "contradiction")
    (t,) = of_kind(found, "trajectory")
    assert lows(t) == {133.0, 137.0}


def test_a_toll_that_runs_ahead_on_the_same_day_contradicts() -> None:
    found = findings_of([
        ("a", "2024-03-23", "Moscow attack", "The death toll in Moscow has risen to 133, the "
                                             "Investigative Committee said."),
        ("b", "2024-03-23", "Moscow attack", "The death toll in Moscow has risen to 150 and "
                                             "counting."),
    ])
    (f,) = of_kind(found, "contradiction")
    assert lows(f) == {133.0, 150.0}
    assert "Why:" in f.explanation and f.details["reason"]


def test_bounds_that_cannot_both_hold_contradict() -> None:
    found = findings_of([
        ("a", "2022-11-10", "Russian losses", "Well over 100,000 Russian soldiers have been "
                                              "killed or wounded, General Mark Milley said."),
        ("b", "2022-11-10", "Russian losses", "Up to 100,000 Russian soldiers have been killed "
                                              "or wounded, Ukraine's defence ministry said."),
    ])
    assert of_kind(found, "contradiction")


def test_one_share_phrased_two_ways_is_compared() -> None:
    found = findings_of([
        ("a", "2023-08-01", "Uranium", "France gets 33% of its uranium from Niger, according to "
                                       "Euratom."),
        ("b", "2023-08-02", "Uranium", "Niger supplies about 18% of France's uranium, the energy "
                                       "ministry said."),
    ])
    (f,) = of_kind(found, "contradiction")
    assert lows(f) == {33.0, 18.0}


def test_entities_the_article_gives_are_used_and_said_to_be() -> None:
    found = findings_of([
        ("a", "2023-01-05", "Chile's borders", "Chile has three neighbours. The border with "
                                               "Argentina is the longest, at over 5,000 km, the "
                                               "institute said."),
        ("b", "2023-01-05", "Chile and Argentina", "The border between Chile and Argentina is "
                                                   "3,100 km long, officials said."),
    ])
    (f,) = of_kind(found, "contradiction")
    assert "article" in str(f.details["slots"]["subject"])  # type: ignore[index]


def test_one_length_in_miles_and_in_km_is_one_figure() -> None:
    found = findings_of([
        ("a", "2023-01-05", "Pipeline", "Russia's Power of Siberia pipeline runs 2,615 miles, "
                                        "the operator said."),
        ("b", "2023-01-05", "Pipeline", "Russia's Power of Siberia pipeline is 4,209 km long, "
                                        "engineers said."),
        ("c", "2023-01-05", "Pipeline", "Russia's Power of Siberia pipeline is 3,000 km long, a "
                                        "blogger said."),
    ])
    (f,) = of_kind(found, "contradiction")
    groups = f.details["groups"]  # type: ignore[index]
    assert sorted(len(g) for g in groups) == [1, 2]  # 2,615 miles = 4,209 km against 3,000 km


def test_a_quakes_magnitude_is_a_magnitude_and_agencies_disagree_on_it() -> None:
    found = findings_of([
        ("a", "2025-03-02", "Quake in Peru", "A 6.4 magnitude earthquake struck southern Peru on "
                                             "Sunday, the USGS said."),
        ("b", "2025-03-02", "Quake in Peru", "Peru's geophysical institute put the magnitude of "
                                             "the earthquake at 6.9."),
    ])
    (f,) = of_kind(found, "contradiction")
    assert lows(f) == {6.4, 6.9}
    assert f.details["slots"]["measure"] == "magnitude"  # type: ignore[index]


def test_counted_quakes_and_aftershocks_are_no_magnitude() -> None:
    found = one_day("Quake in Peru",
                    "Five aftershocks followed the earthquake in Peru, the USGS said.",
                    "A magnitude 6.4 earthquake hit Peru, the USGS said.")
    assert not of_kind(found, "contradiction")


def test_damage_counted_over_days_is_a_trajectory() -> None:
    found = findings_of([
        ("a", "2025-03-02", "Floods in Chile", "The floods destroyed 1,240 homes in Chile, the "
                                               "interior ministry said."),
        ("b", "2025-03-05", "Floods in Chile", "More than 3,100 homes have been destroyed by the "
                                               "floods in Chile, the interior ministry said."),
    ])
    assert not of_kind(found, "contradiction")


def test_more_than_a_figure_agrees_with_the_figure() -> None:
    found = findings_of([
        ("a", "2025-03-02", "Drone attack", "The army said Russia launched 40 drones at Ukraine "
                                            "overnight."),
        ("b", "2025-03-02", "Drone attack", "Russia launched more than 40 drones at Ukraine "
                                            "overnight, the army said."),
    ])
    assert not of_kind(found, "contradiction")


def test_a_lead_figure_credited_further_down_is_not_unsupported() -> None:
    lead = "A fuel depot blast in Ukraine killed 125 people on Monday."
    credited = lead + " The health minister said at least 125 people were killed in Kharkiv."
    found = findings_of([("a", "2025-03-02", "Blast kills 125 in Ukraine", credited)])
    assert not of_kind(found, "unsupported")  # the minister's 125, though of Kharkiv alone
    alone = findings_of([("a", "2025-03-02", "Blast kills 125 in Ukraine", lead)])
    assert of_kind(alone, "unsupported")  # with no one named anywhere it still is


def test_a_figure_of_a_past_years_period_is_background_not_unsupported() -> None:
    past = findings_of([("a", "2025-03-02", "Wildfires in Chile burn homes",
                         "In 2019 fires in Chile burned 9,000 homes.")])  # leads, yet 2019
    assert not [f for f in of_kind(past, "unsupported") if 9000.0 in lows(f)]
    recent = findings_of([("a", "2025-03-02", "Wildfires in Chile burn 9,000 homes",
                           "In 2025 fires in Chile burned 9,000 homes.")])
    assert [f for f in of_kind(recent, "unsupported") if 9000.0 in lows(f)]


def test_two_low_credibility_outlets_that_agree_corroborate_a_figure() -> None:
    title = "Quake in Chile kills 52"
    texts = [(src, "2025-03-02", title, "The quake in Chile killed 52 people on Sunday.")
             for src in ("a", "b")]
    texts[1] = ("b", "2025-03-02", title, "On Sunday 52 people died in the quake in Chile.")
    assert not of_kind(findings_of(texts, credibility=0.2), "unsupported")
    alone = findings_of(texts[:1], credibility=0.2)
    assert of_kind(alone, "unsupported")  # one low-credibility origin alone still is


def test_a_bound_that_agrees_with_a_figure_does_not_back_it() -> None:
    # "more than 30" holds 40 but says nothing of it: 40 has one origin and no source, while
    # "more than 40" names its number and backs it
    title = "Toll of the crush in India rises to 40"
    lead = ("a", "2025-01-29", title, "The toll of the crush in India rose to 40 on Wednesday.")
    floor = ("b", "2025-01-29", "Crush in India", "Police said more than 30 people died in the "
             "crush in India on Wednesday.")
    found = of_kind(findings_of([lead, floor], credibility=0.2), "unsupported")
    assert [lows(f) for f in found] == [{40.0}]
    same = ("b", "2025-01-29", "Crush in India", "Police said more than 40 people died in the "
            "crush in India on Wednesday.")
    assert not of_kind(findings_of([lead, same], credibility=0.2), "unsupported")


def test_a_figure_another_outlet_states_with_another_subject_of_its_story_is_backed() -> None:
    def unsupported_lows(texts: list[Text]) -> set[float]:
        return {x for f in of_kind(findings_of(texts, credibility=0.2), "unsupported")
                for x in lows(f)}

    usgs = ("a", "2025-03-29", "Quake of 7.2 in Myanmar", "Models of the United States "
            "Geological Survey suggest that Friday's earthquake, of magnitude 7.2, was shallow.")
    other = ("b", "2025-03-29", "Myanmar quake", "Myanmar was hit by a quake of magnitude 7.2 "
             "on Friday.")
    assert 7.2 in unsupported_lows([usgs])  # alone, nobody backs it
    assert 7.2 not in unsupported_lows([usgs, other])  # read as two subjects, one figure
    elsewhere = ("b", "2025-03-29", "Quake in Peru", "Peru was hit by a quake of magnitude "
                 "7.2 on Friday.")
    assert 7.2 in unsupported_lows([usgs, elsewhere])  # another story's figure backs nothing


def test_a_places_population_is_the_setting_not_an_unsupported_figure() -> None:
    setting = findings_of([("a", "2025-03-29", "Quake hits Mandalay, home to 1.5 million",
                            "The quake struck Mandalay, home to 1.5 million people.")],
                          credibility=0.2)
    assert not of_kind(setting, "unsupported")
    toll = findings_of([("a", "2025-03-29", "Quake kills 150 in Mandalay",
                         "The quake killed 150 people in Mandalay.")], credibility=0.2)
    assert of_kind(toll, "unsupported")  # the news's own figure still is


def test_crowd_estimates_a_day_apart_are_of_one_protest() -> None:
    title = "Protest in Belgrade"
    police = ("a", "2025-03-15", title, "The police said 107,000 people took part in the "
              "protest in Belgrade.")
    group = ("b", "2025-03-16", title, "The Archive of Public Gatherings said 300,000 people "
             "took part in the protest in Belgrade.")
    assert of_kind(findings_of([police, group]), "contradiction")
    week = ("b", "2025-03-22", title, "The Archive of Public Gatherings said 300,000 people "
            "took part in the protest in Belgrade.")
    assert not of_kind(findings_of([police, week]), "contradiction")  # another week's rally


def test_a_vague_figure_is_never_unsupported() -> None:
    found = findings_of([("a", "2025-03-02", "Drone attack",
                          "Russia launched hundreds of drones at Ukraine overnight.")],
                        credibility=0.2)
    assert not of_kind(found, "unsupported")


def test_a_subject_the_article_lends_joins_the_side_other_reports_name() -> None:
    found = findings_of([
        ("a", "2025-03-02", "Drone attack", "Russia launched 30 cruise missiles at Ukraine "
                                            "overnight, the air force said."),
        ("b", "2025-03-02", "Ukraine hit by Russian missiles",
         "The air force said 45 cruise missiles were launched overnight."),
    ])
    (f,) = of_kind(found, "contradiction")
    assert lows(f) == {30.0, 45.0}
    assert f.details["slots"]["subject"].startswith("Russia")  # type: ignore[index]


def test_a_share_intercepted_is_one_measure_however_the_launches_are_named() -> None:
    found = findings_of([
        ("a", "2025-03-02", "Drone attack", "About 99% of the threats were intercepted by "
                                            "Ukraine, the air force said."),
        ("b", "2025-03-02", "Drone attack", "Ukraine managed to intercept 80 percent of the "
                                            "drones, the air force said."),
    ])
    (f,) = of_kind(found, "contradiction")
    assert lows(f) == {99.0, 80.0}


def test_a_running_toll_told_twice_in_a_day_without_sources_is_no_contradiction() -> None:
    # two outlets on one day, neither crediting anyone: the toll may have grown in between
    unsourced = one_day("Flood in Ruritania", "The flood in Ruritania has killed 40 people.",
                        "The flood in Ruritania has killed 52 people.")
    assert not of_kind(unsourced, "contradiction")
    sourced = one_day("Flood in Ruritania",
                      "The flood in Ruritania has killed 40 people, the interior ministry said.",
                      "The flood in Ruritania has killed 52 people, the Red Cross said.")
    (f,) = of_kind(sourced, "contradiction")
    assert lows(f) == {40.0, 52.0}


def test_figures_twenty_times_apart_are_a_misreading_not_a_dispute() -> None:
    found = one_day("Flood in Ruritania",
                    "The flood has killed 40 people in Ruritania, the interior ministry said.",
                    "The flood has killed 2,000 people in Ruritania, the Red Cross said.",
                    "The flood has killed 120 people in Ruritania, the UN said.")
    (f,) = of_kind(found, "contradiction")
    assert lows(f) == {40.0, 120.0, 2000.0}  # 40 and 2,000 meet only through the 120
    details: dict = f.details
    low = {x["claim_id"]: x["low"] for x in details["figures"]}
    pairs = {frozenset((low[a], low[b])) for a, b, _ in details["conflicts"]}
    assert frozenset((40.0, 2000.0)) not in pairs


def test_a_sum_over_two_events_is_another_fact_than_one_events_figure() -> None:
    found = one_day("Blasts in Ruritania",
                    "Both attacks killed 37 people in Ruritania, the health ministry said.",
                    "The blasts killed 25 people in Ruritania, the Red Cross said.",
                    "The two days of blasts killed 37 people in Ruritania, the UN said.")
    assert not of_kind(found, "contradiction")
    (f,) = of_kind(found, "corroborated")
    assert lows(f) == {37.0} and "combined" in f.details["slots"]["scope"]  # type: ignore[index]


def test_a_revision_holds_the_reports_of_the_old_figure_made_before_it() -> None:
    found = findings_of([
        ("a", "2025-03-02", "Blasts in Ruritania",
         "The blasts in Ruritania wounded 2,800 people, the health ministry said."),
        ("b", "2025-03-04", "Blasts in Ruritania",
         "The number of injured in Ruritania was 2,323 and not about 2,800 as first announced, "
         "the health minister said."),
    ])
    (f,) = of_kind(found, "revision")
    assert lows(f) == {2800.0, 2323.0} and len(f.claim_ids) == 3
    assert len(f.details["outdated"]) == 1  # type: ignore[arg-type]
    assert "reported before it by" in f.explanation
    assert not of_kind(found, "contradiction")


def test_an_authority_replacing_its_own_figure_on_a_later_day_is_a_revision() -> None:
    found = findings_of([
        ("a", "2025-03-02", "Bridge in Poland", "Poland's transport ministry puts the cost of "
                                                "rebuilding the bridge in Poland at $2 billion."),
        ("b", "2025-03-20", "Bridge in Poland", "Poland's transport ministry now puts the cost of "
                                                "rebuilding the bridge in Poland at $3.5 billion."),
    ])
    (f,) = of_kind(found, "revision")
    assert f.details["old"]["display"].startswith("2,000,000,000")  # type: ignore[index]
    assert f.details["new"]["display"].startswith("3,500,000,000")  # type: ignore[index]
    assert not of_kind(found, "contradiction")


def test_an_authority_updating_twice_gives_two_revisions_with_their_own_ids() -> None:
    texts = [(day, f"Poland's transport ministry puts the cost of rebuilding the bridge in "
                   f"Poland at ${cost} billion.")
             for day, cost in (("2025-03-02", "2"), ("2025-03-10", "3.5"), ("2025-03-20", "4"))]
    found = findings_of([(f"s{i}", day, "Bridge in Poland", text)
                         for i, (day, text) in enumerate(texts)])
    revisions = of_kind(found, "revision")
    steps = {(f.details["old"]["display"][:5], f.details["new"]["display"][:5])  # type: ignore[index]
             for f in revisions}
    assert steps == {("2,000", "3,500"), ("3,500", "4,000")}  # each step from the latest figure
    assert len({f.id for f in found}) == len(found)


def test_tolls_of_two_events_of_one_story_are_two_facts() -> None:
    # a tells of both blasts; b and c each of one: a's days tell b's and c's events apart too
    found = findings_of([
        ("a", "2024-03-06", "Blasts in Lebanon", "Pagers exploded across Lebanon on Monday, "
         "killing 12 people, the health minister said. On Tuesday radios blew up in Lebanon "
         "and 25 people were killed, the civil defence said."),
        ("b", "2024-03-06", "Blasts in Lebanon", "Radios blew up across Lebanon on Tuesday, "
         "killing 25 people, the Red Cross said."),
        ("c", "2024-03-06", "Blasts in Lebanon", "Pagers exploded across Lebanon on Monday, "
         "killing 12 people, hospital officials said."),
    ])
    assert not of_kind(found, "contradiction")
    assert not of_kind(found, "trajectory")  # the radios' toll is no later count of the pagers'
    told = {(min(lows(f)), len(f.claim_ids)) for f in of_kind(found, "corroborated")}
    assert told == {(12.0, 2), (25.0, 2)}  # each blast's toll is one fact, held by two


def test_one_long_event_dated_by_two_outlets_on_two_days_is_still_compared() -> None:
    found = findings_of([
        ("a", "2024-03-06", "Hill fire in Greece", "A fire broke out in the hills on Monday. "
         "It has killed 40 people, the governor said."),
        ("b", "2024-03-06", "Hill fire in Greece", "The fire struck the town on Tuesday. "
         "It has killed 55 people, the fire service said."),
    ])
    (f,) = of_kind(found, "contradiction")
    assert lows(f) == {40.0, 55.0}


def test_a_toll_summed_over_two_events_is_no_toll_of_one() -> None:
    found = findings_of([
        ("a", "2024-03-06", "Blasts in Lebanon", "Pagers exploded across Lebanon on Monday and "
         "radios on Tuesday; both sets of explosions killed 37 people, the health minister "
         "said."),
        ("b", "2024-03-06", "Blasts in Lebanon", "Radios blew up across Lebanon on Tuesday, "
         "killing 25 people, the Red Cross said."),
    ])
    assert not of_kind(found, "contradiction")
    assert not of_kind(found, "trajectory")


def test_a_contradiction_on_an_events_toll_shows_the_event_it_matched() -> None:
    found = findings_of([
        ("a", "2024-03-06", "Depot blast in Kenya", "The depot blew up on Monday, killing 40 "
         "people, the governor said."),
        ("b", "2024-03-06", "Depot blast in Kenya", "The depot blew up on Monday, killing 55 "
         "people, the fire service said."),
    ])
    (f,) = of_kind(found, "contradiction")
    assert f.details["slots"]["event"] == "2024-03-04"  # type: ignore[index]
    assert "event: 2024-03-04" in f.explanation


def test_an_estimate_raised_by_its_authority_is_a_revision_finding() -> None:
    found = findings_of([
        ("a", "2024-03-04", "Floods in Kenya", "Floods in Kenya have displaced 9,000 people, "
         "the UN agency said."),
        ("b", "2024-03-06", "Floods in Kenya", "The UN agency raised its estimate of people "
         "displaced by the floods in Kenya to 14,000, up from 9,000."),
    ])
    assert not of_kind(found, "contradiction")
    (f,) = of_kind(found, "revision")
    assert lows(f) == {9000.0, 14000.0}

@pytest.mark.parametrize("sentence", [
    "An earlier count of 100 deaths in Kenya was increased to 670 by the agency on Sunday.",
    "The number of houses destroyed in Kenya is more than 150, the agency said, updating an "
    "earlier figure of 60.",
    # the revision verb far before the new figure
    "The Kenyan Red Cross revised its tally of homes swept away by the river near Garissa "
    "upward, from 40 to more than 90.",
    # the earlier figure's cue marks it, not the current figure after it
    "The Red Crescent, which had initially said 40 people died near Garissa in Kenya, now "
    "says 90 were killed.",
    # the earlier figure named after the current one, with no revising verb, and another
    # measure's figure between them
    "The governor of Garissa said 45 people were confirmed dead in Kenya and 47 were still "
    "missing; on Sunday morning she had put the toll at 43.",
    "The government had earlier reported that four people were missing in Kenya; the "
    "interior minister now says 10 people are missing.",
    # the earlier figure marked by the report that gave it, after it
    "Kenya's ministry now puts the toll at 385, up from the 97 it gave on Monday.",
    "The ministry in Kenya said 385 were dead, a sharp increase from the 97 reported on Monday.",
    "The ministry in Kenya updated the toll to 97, having reported 385 the day before.",
])
def test_an_earlier_figure_and_the_current_one_in_a_sentence_are_a_revision(sentence: str
                                                                             ) -> None:
    found = findings_of([("a", "2024-03-06", "Floods in Kenya", sentence)])
    (f,) = of_kind(found, "revision")
    assert len(lows(f)) == 2
    assert not of_kind(found, "contradiction")


def test_one_authority_giving_two_tolls_in_a_day_is_no_contradiction() -> None:
    found = findings_of([
        ("a", "2024-03-06", "Blasts in Kenya", "Fourteen people were killed in the blasts in "
         "Kenya on Wednesday, the health ministry said."),
        ("b", "2024-03-06", "Blasts in Kenya", "Health Minister Amina Otieno said 25 people "
         "were killed in Kenya's blasts on Wednesday."),
    ])
    assert not of_kind(found, "contradiction")
    other = findings_of([  # two authorities on one day still disagree
        ("a", "2024-03-06", "Blasts in Kenya", "Fourteen people were killed in the blasts in "
         "Kenya on Wednesday, the health ministry said."),
        ("b", "2024-03-06", "Blasts in Kenya", "The Kenya Red Cross said 25 people were killed "
         "in Kenya's blasts on Wednesday."),
    ])
    assert of_kind(other, "contradiction")


def test_police_and_organisers_disagreeing_on_a_crowd_is_a_contradiction() -> None:
    found = findings_of([("a", "2024-03-06", "Protest in Kenya", "The police put the crowd in "
                          "Nairobi at 5,000, while organisers said 50,000 people marched.")])
    (f,) = of_kind(found, "contradiction")
    assert lows(f) == {5000.0, 50000.0}


def test_a_contrasting_speaker_after_a_figure_is_not_its_source() -> None:
    found = findings_of([("a", "2024-03-06", "Floods in Kenya", "Local officials estimate "
                          "that 3,000 people were evacuated in Kenya, but aid groups say the "
                          "figure is closer to 1,800.")])
    (f,) = of_kind(found, "contradiction")
    assert lows(f) == {3000.0, 1800.0}


def test_bodies_counted_are_a_floor_of_the_toll() -> None:
    # bodies brought to a morgue are the dead as they are found: at least as many died, so a
    # lower toll of that day contradicts them, and a later or higher count of bodies does not
    first = ("a", "2025-01-29", "Crush at the festival",
             "Reports say 40 bodies have been brought to the morgue so far after the crush "
             "in India.")
    later = ("b", "2025-01-30", "Crush at the festival",
             "Reuters counted 39 bodies in the morgue after the crush at the festival in India.")
    assert not of_kind(findings_of([first, later]), "contradiction")
    fewer = ("c", "2025-01-29", "Crush at the festival",
             "Reuters counted 25 bodies in the morgue after the crush at the festival in India.")
    assert not of_kind(findings_of([first, fewer]), "contradiction")
    toll = ("d", "2025-01-29", "Crush at the festival",
            "Police said 30 people died in the crush at the festival in India.")
    (f,) = of_kind(findings_of([first, toll]), "contradiction")
    assert lows(f) == {40, 30}
    assert not of_kind(findings_of([fewer, toll]), "contradiction")  # 25 found of 30 dead
    # a count at one of several places is a part of the toll, and so its floor: 39 dead at one
    # hospital's morgue are at least 39 in all
    morgue = ("e", "2025-01-29", "Crush at the festival",
              "Reuters counted 39 people dead at a hospital morgue after the crush at the "
              "festival in India.")
    (f,) = of_kind(findings_of([morgue, toll]), "contradiction")
    assert lows(f) == {39, 30}


def test_a_running_total_at_two_parts_of_one_day_is_ordered() -> None:
    # "on Sunday morning ... 43", "on Sunday afternoon ... 48": the toll grew during the day
    morning = ("a", "2023-10-29", "Storm in Mexico", "On Sunday morning the governor put the "
               "toll of the storm in Mexico at 43.")
    afternoon = ("b", "2023-10-29", "Storm in Mexico", "On Sunday afternoon federal "
                 "authorities said 48 people had died in the storm in Mexico.")
    found = findings_of([morning, afternoon])
    assert not of_kind(found, "contradiction") and of_kind(found, "trajectory")
    sunday = ("b", "2023-10-29", "Storm in Mexico", "On Sunday federal authorities said 48 "
              "people had died in the storm in Mexico.")
    (f,) = of_kind(findings_of([morning, sunday]), "contradiction")  # no order in the day
    assert lows(f) == {43.0, 48.0}


def test_a_count_at_one_of_several_places_is_a_part() -> None:
    # "at a local hospital" counts one hospital's dead: a part of the toll, no rival to it
    found = one_day(
        "Crush at the festival",
        "A reporter counted 20 bodies at a local hospital after the crush in India.",
        "Reuters counted 39 bodies after the crush in India, police said.")
    assert not of_kind(found, "contradiction")


def test_a_revision_whose_old_figure_is_in_another_sentence_is_found() -> None:
    text = ("Authorities on Thursday raised the official toll of the storm in Mexico to 50 "
            "dead and 30 missing. The new figure changes little: as of last week the official "
            "count stood at 49 dead.")
    found = findings_of([("a", "2023-11-23", "Storm toll in Mexico updated", text)])
    (f,) = of_kind(found, "revision")
    assert lows(f) == {49.0, 50.0}
    # two sources in two sentences are rival figures, not one revising itself
    text = ("Health Minister Ana Ruiz said at least 125 people were killed in the blast in "
            "Mexico. Late on Tuesday the region's ombudsman put the death toll at 68.")
    found = findings_of([("a", "2023-09-26", "Blast in Mexico", text)])
    assert not of_kind(found, "revision")
    # a lone new figure ("raised its estimate ... to 14,000") and its old one a sentence on
    text = ("The UN agency on Wednesday raised its estimate of people displaced by the floods "
            "in Kenya to 14,000. As of last week the agency counted 9,000 people displaced.")
    found = findings_of([("a", "2024-03-06", "Floods in Kenya", text)])
    (f,) = of_kind(found, "revision")
    assert lows(f) == {9000.0, 14000.0}


def test_a_built_things_length_reported_a_year_apart_is_one_fact() -> None:
    def contradicted(first: str, later: str) -> list[set[float]]:
        texts = [("a", "2024-03-26", "The cargo ship Sea Lark", first),
                 ("b", "2025-04-18", "The cargo ship Sea Lark", later)]
        return [lows(f) for f in of_kind(findings_of(texts), "contradiction")]

    # a ship's length does not move: 948 feet a year before 985 feet is a disagreement
    assert contradicted("The cargo ship Sea Lark hit the pier. The 948-foot ship lost power.",
                        "The crew of the Sea Lark sent a mayday call. The 985-foot vessel "
                        "hit the pier.") == [{948.0, 985.0}]
    # its speed does: 8 knots one year and 12 the next are two moments
    assert contradicted("The cargo ship Sea Lark was moving at 8 knots.",
                        "The cargo ship Sea Lark was moving at 12 knots.") == []


def test_a_toll_said_to_be_still_climbing_is_not_contradicted_by_a_higher_one() -> None:
    def contradicted(first: str, later: str) -> list[set[float]]:
        title = "Ferry sinking in Bangladesh"
        texts = [("a", "2024-07-14", title, first), ("b", "2024-07-14", title, later)]
        return [lows(f) for f in of_kind(findings_of(texts), "contradiction")]

    higher = "The coast guard chief said 58 people died in the ferry sinking in Bangladesh."
    # the police chief's 31 was counted so far, with more expected: 58 may be a later count
    assert contradicted("The police chief said 31 people had already died in the ferry sinking "
                        "in Bangladesh and the toll was expected to rise.", higher) == []
    # without that, two authorities on one day disagree
    assert contradicted("The police chief said 31 people died in the ferry sinking in "
                        "Bangladesh.", higher) == [{31.0, 58.0}]
    # and a count still climbing may not be above the other: 75 "so far" against 58 still is
    assert contradicted("The police chief said 75 people had already died in the ferry sinking "
                        "in Bangladesh and the toll was expected to rise.", higher) == \
        [{58.0, 75.0}]


def test_a_toll_in_an_article_that_expects_it_to_rise_is_still_being_counted() -> None:
    def contradicted(rising: str) -> list[set[float]]:
        title = "Mine collapse in Zambia"
        texts = [("a", "2024-11-02", title, "The mining ministry said 30 miners were killed in "
                  f"the mine collapse in Zambia. {rising}"),
                 ("b", "2024-11-02", title, "The Zambian Red Cross said 52 miners were killed "
                  "in the mine collapse in Zambia.")]
        return [lows(f) for f in of_kind(findings_of(texts), "contradiction")]

    assert contradicted("Rescuers expected the toll to rise as they reached the lower "
                        "galleries.") == []
    assert contradicted("The number of dead is likely to climb, the ministry added.") == []
    assert contradicted("Rescuers reached the lower galleries on Saturday.") == [{30.0, 52.0}]


def test_ambulances_sent_to_a_scene_on_two_days_are_two_moments() -> None:
    def contradicted(later_day: str) -> list[set[float]]:
        title = "Rail crash in Greece"
        texts = [("a", "2025-05-09", title, "The regional governor said 70 ambulances were at "
                  "the site of the crash in Greece."),
                 ("b", later_day, title, "About 180 ambulances were at work at the site of the "
                  "crash in Greece.")]
        return [lows(f) for f in of_kind(findings_of(texts), "contradiction")]

    assert contradicted("2025-05-09") == [{70.0, 180.0}]  # one day: two counts of one moment
    assert contradicted("2025-05-10") == []  # the next day more had been sent


def test_an_official_toll_is_the_toll_others_dispute() -> None:
    # "official" says who gives the count, not which part of it is counted: the ministry's
    # official 40 and the Red Cross's 90 are one toll reported two ways
    found = findings_of([
        ("a", "2025-02-10", "Landslide in Peru", "The official toll of the landslide in Peru "
         "reached 40, the interior ministry said."),
        ("b", "2025-02-10", "Landslide in Peru", "The Peruvian Red Cross said 90 people were "
         "killed in the landslide in Peru."),
    ])
    assert [lows(f) for f in of_kind(found, "contradiction")] == [{40.0, 90.0}]


def test_carriages_and_coaches_of_a_train_are_one_count() -> None:
    # a figure with its own noun names the train it belongs to ("of the express"): not a
    # part of a count the sentence gave before, and carriages are coaches
    found = one_day("Train derailment in Egypt",
                    "The transport ministry said 7 carriages of the train derailed near Tahta "
                    "in Egypt.",
                    "The Egyptian Red Crescent said the crash derailed 12 coaches of the "
                    "express near Tahta in Egypt.")
    assert [lows(f) for f in of_kind(found, "contradiction")] == [{7.0, 12.0}]


def test_the_old_figure_of_a_revision_is_never_unsupported() -> None:
    # the article itself says 385 was replaced: nothing for a reviewer to check in it
    found = findings_of([("a", "2024-03-06", "Floods in Kenya", "The number of missing in "
                          "Kenya was revised from 385 to 97.")])
    assert of_kind(found, "revision")
    assert {385.0} not in [lows(f) for f in of_kind(found, "unsupported")]


def test_tolls_of_one_country_years_apart_are_two_trajectories() -> None:
    found = findings_of([
        ("a", "2023-06-03", "Train crash in Egypt", "The health ministry said 30 people were "
         "killed in the train crash in Egypt."),
        ("b", "2023-06-05", "Train crash in Egypt", "The health ministry said 42 people were "
         "killed in the train crash in Egypt."),
        ("c", "2025-01-29", "Building collapse in Egypt", "The health ministry said 60 people "
         "were killed in the building collapse in Egypt."),
        ("d", "2025-01-31", "Building collapse in Egypt", "The health ministry said 75 people "
         "were killed in the building collapse in Egypt."),
    ])
    # each toll grew, and the later event's is larger still: yet 30 in 2023 and 60 in 2025
    # are two events' counts, not one count that doubled
    assert sorted(sorted(lows(f)) for f in of_kind(found, "trajectory")) == [[30.0, 42.0],
                                                                          [60.0, 75.0]]


def test_a_figure_up_from_last_years_report_is_a_change_not_a_revision() -> None:
    found = findings_of([("a", "2024-03-06", "Tea in Kenya", "Kenya exported 385 tonnes of tea "
                          "in March, up from 97 tonnes reported last year.")])
    assert not of_kind(found, "revision")
