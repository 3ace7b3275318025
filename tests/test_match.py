"""Matching: same fact across outlets, and the measures that must stay apart."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime

from crosscheck.claims import extract_claims
from crosscheck.match import (
    MAX_BLOCK_ALL_PAIRS,
    MAX_CANDIDATES,
    block_key,
    candidate_pairs,
    match_claims,
)
from crosscheck.match.candidates import _blocks
from crosscheck.models import Claim
from tests.test_claims_support import INF, article, parser_for

PARSE = parser_for({
    "1 million to 3 million artillery shells": (1e6, 3e6, "shell", "count", "range"),
    "more than 1 million artillery shells": (1e6, INF, "shell", "count", "more_than"),
    "5 million shells": (5e6, 5e6, "shell", "count"),
    "40%": (40, 40, "percent", "percent"),
    "about 55%": (55, 55, "percent", "percent", "approx"),
    "62": (62, 62, "", "count"),
    "145": (145, 145, "", "count"),
    "20,000 artillery shells": (2e4, 2e4, "shell", "count"),
    "6,000 artillery shells": (6e3, 6e3, "shell", "count"),
    "12 million shells": (12e6, 12e6, "shell", "count"),
    "4,300 kilometres": (4300, 4300, "kilometre", "length"),
})


def claims_of(*texts: tuple[str, str]) -> list[Claim]:
    out: list[Claim] = []
    for i, (source, text) in enumerate(texts):
        out += extract_claims(article(f"a{i}", text, source, datetime(2024, 5, 1)), PARSE)[0]
    return out


def groups(claims: list[Claim]) -> set[frozenset[str]]:
    by_id = {c.id: c.sentence for c in claims}
    return {frozenset(by_id[i] for i in cl.claim_ids) for cl in match_claims(claims)}


def together(claims: list[Claim], a: int, b: int) -> bool:
    clusters = match_claims(claims)
    return any({claims[a].id, claims[b].id} <= set(cl.claim_ids) for cl in clusters)


def test_same_shell_figure_across_outlets_matches_with_a_reason() -> None:
    claims = claims_of(
        ("s1", "North Korea has sold 1 million to 3 million artillery shells to Russia."),
        ("s2", "Pyongyang shipped more than 1 million artillery shells to Russia, Seoul said."),
        ("s3", "North Korean factories sent 5 million shells to Russia, a blogger claimed."),
    )
    clusters = match_claims(claims)
    big = max(clusters, key=lambda c: len(c.claim_ids))
    assert len(big.claim_ids) == 3
    assert all(link.reason and 0 < link.score <= 1 for link in big.links)


def test_share_of_german_gas_matches_across_phrasings() -> None:
    claims = claims_of(
        ("s1", "Imports from Russia accounted for 40% of Germany's total natural gas consumption."),
        ("s2", "Russia supplied about 55% of the gas Germany imported, the ministry said."),
    )
    assert together(claims, 0, 1)


def test_killed_and_injured_never_match() -> None:
    claims = claims_of(("s1", "The attack left 62 dead, officials said."),
                       ("s2", "The attack left 145 injured, officials said."))
    assert not together(claims, 0, 1)


def test_daily_rate_and_yearly_total_never_match() -> None:
    claims = claims_of(("s1", "Russia fires 20,000 artillery shells a day in Ukraine."),
                       ("s2", "Russia fired 12 million shells in Ukraine in 2022."))
    assert block_key(claims[0]) != block_key(claims[1])
    assert not together(claims, 0, 1)


def test_different_units_are_different_blocks() -> None:
    claims = claims_of(("s1", "Russia and China share a border of 4,300 kilometres."),
                       ("s2", "Russia and China share 40% of the border trade."))
    assert not together(claims, 0, 1)


def test_unrelated_facts_with_one_unit_stay_apart() -> None:
    claims = claims_of(
        ("s1", "North Korea has sold 1 million to 3 million artillery shells to Russia."),
        ("s2", "Germany's electricity price rose 40% after Russia cut supplies."),
        ("s3", "Germany's natural gas imports from Russia accounted for 40% of consumption."),
    )
    assert not together(claims, 1, 2)


def test_two_figures_of_one_article_do_not_merge() -> None:
    claims = claims_of(("s1", "The attack left 62 dead. Later the count was 145 dead."))
    assert len(claims) == 2 and not together(claims, 0, 1)


def test_cluster_ids_are_stable_and_every_claim_is_in_one_cluster() -> None:
    claims = claims_of(("s1", "North Korea has sold 1 million to 3 million artillery shells."),
                       ("s2", "North Korea sold more than 1 million artillery shells."))
    first, second = match_claims(claims), match_claims(list(reversed(claims)))
    assert {c.id for c in first} == {c.id for c in second}
    assert sorted(i for c in first for i in c.claim_ids) == sorted(c.id for c in claims)


def test_many_near_identical_claims_cluster_quickly() -> None:
    text = "North Korea has sold 1 million to 3 million artillery shells to Russia."
    claims = claims_of(*[("s1", text)] * 200)
    clusters = match_claims(claims)
    assert len(clusters) == 1 and len(clusters[0].claim_ids) == 200


def test_dev_set_pairwise_f1_stays_above_the_floor() -> None:
    """The evaluation gate: matching on benchmarks/data/matching_pairs.yaml keeps F1 >= 0.90."""
    import pytest

    from tests.test_claims_support import real_parser

    if real_parser() is None:
        pytest.skip("quantity engine crosscheck.quantities not installed")
    from benchmarks.matching import F1_FLOOR, load_items, score

    result, _ = score(load_items())
    assert result.f1 >= F1_FLOOR, (result.precision, result.recall)


def test_injured_in_two_countries_do_not_match() -> None:
    parse = parser_for({"145 people": (145, 145, "person", "count"),
                        "140 people": (140, 140, "person", "count")})
    claims = []
    for i, (src, text) in enumerate([
        ("s1", "Some 145 people were injured in the attack in Moscow, officials said."),
        ("s2", "Some 140 people were injured in the earthquake in Turkey, officials said."),
    ]):
        claims += extract_claims(article(f"a{i}", text, src, datetime(2024, 3, 23)), parse)[0]
    assert not together(claims, 0, 1)


def test_specific_figures_link_even_when_the_sentences_say_little() -> None:
    parse = parser_for({"719,549 tonnes": (719549, 719549, "tonne", "mass"),
                        "721,449 tonnes": (721449, 721449, "tonne", "mass")})
    claims = []
    for i, (src, text) in enumerate([
        ("s1", "Ukraine has exported around 719,549 tonnes of grain through its Black Sea ports."),
        ("s2", "By then, 721,449 tonnes had been carried from Black Sea ports."),
    ]):
        claims += extract_claims(article(f"a{i}", text, src, datetime(2022, 8, 23)), parse)[0]
    assert together(claims, 0, 1)


def test_one_article_may_give_a_count_at_two_dates() -> None:
    parse = parser_for({"721,449 tonnes": (721449, 721449, "tonne", "mass"),
                        "33 million tonnes": (33e6, 33e6, "tonne", "mass")})
    text = ("Ukraine shipped 33 million tonnes of grain under the Black Sea deal.\n"
            "By 23 August 2022 Ukraine had shipped 721,449 tonnes of grain under the Black Sea "
            "deal.")
    claims = extract_claims(article("a", text, "s1", datetime(2023, 7, 19)), parse)[0]
    assert claims[0].as_of != claims[1].as_of
    assert together(claims, 0, 1)


def test_usage_and_supply_of_shells_stay_apart() -> None:
    claims = claims_of(
        ("s1", "Russia fired 12 million shells in Ukraine, RUSI estimated."),
        ("s2", "North Korea sold 5 million shells to Russia for Ukraine, Seoul said."),
    )
    assert not together(claims, 0, 1)


def test_two_countries_firing_shells_are_two_facts() -> None:
    claims = claims_of(
        ("s1", "Russia is firing 20,000 artillery shells a day in eastern Ukraine, Kyiv said."),
        ("s2", "Ukraine is firing 6,000 artillery shells a day in the east, Kyiv said."),
    )
    assert not together(claims, 0, 1)


def test_seller_and_buyer_of_one_delivery_are_one_fact() -> None:
    claims = claims_of(
        ("s1", "North Korea has sold 1 million to 3 million artillery shells to Russia."),
        ("s2", "Russia has received more than 1 million artillery shells from North Korea."),
    )
    assert together(claims, 0, 1)


def _many_facts(n: int) -> list[Claim]:
    """n claims of one block: one entity every claim names, and a place for each fact of 5."""
    base = claims_of(("s1", "North Korea has sold 1 million to 3 million artillery shells."))[0]
    return [replace(base, id=f"c{k}", article_id=f"a{k}",
                    entities=("North Korea", f"Place{k // 5}"), frame=f"{base.frame} place{k // 5}")
            for k in range(n)]


def test_oversized_blocks_are_split_to_the_all_pairs_limit() -> None:
    claims = _many_facts(3 * MAX_BLOCK_ALL_PAIRS)
    parts = _blocks(claims)
    assert max(len(p) for p in parts) <= MAX_BLOCK_ALL_PAIRS
    # the five claims of each fact still share a part
    shared = {frozenset(p) for p in parts}
    assert all(any({5 * f + i for i in range(5)} <= p for p in shared) for f in range(0, 600, 97))


def test_each_claim_keeps_at_most_max_candidates_later_partners() -> None:
    claims = _many_facts(MAX_CANDIDATES + 100)
    pairs = candidate_pairs(claims)
    partners = Counter(pairs.i.tolist())
    assert max(partners.values()) == MAX_CANDIDATES
    # the partners kept are the best estimates: a claim keeps the other claims of its fact
    kept = set(zip(pairs.i.tolist(), pairs.j.tolist(), strict=True))
    assert all((5 * f, 5 * f + 1) in kept for f in range(len(claims) // 5))


def test_vectorized_rules_agree_with_the_scalar_ones_on_every_dev_set_pair() -> None:
    """vectors.exact_scores / cannot_link give what scoring._score / incompatibility give."""
    import numpy as np

    from benchmarks.matching import load_items
    from crosscheck.match import features, incompatibility
    from crosscheck.match import vectors as v
    from crosscheck.match.options import _DEFAULT
    from crosscheck.match.scoring import _score

    claims = [i.claim for i in load_items() if i.claim is not None]
    feats = [features(c) for c in claims]
    table = v.feature_table(claims, feats)
    everyone = np.arange(len(claims))
    strip = v.strip(table, everyone, everyone)
    r, c = (x.ravel() for x in np.meshgrid(everyone, everyone, indexing="ij"))
    frames = np.linspace(0, 1, len(r))  # any frame similarity: the rule must hold for each
    scores = v.exact_scores(table, strip, r, c, frames, _DEFAULT)
    cannot = v.cannot_link(table, r, c)
    for k, (i, j) in enumerate(zip(r.tolist(), c.tolist(), strict=True)):
        expected = _score(feats[i], feats[j], float(frames[k]), _DEFAULT)[0]
        assert round(float(scores[k]), 4) == expected, (claims[i].sentence, claims[j].sentence)
        clash = incompatibility(claims[i], claims[j], feats[i], feats[j]) is not None
        assert bool(cannot[k]) == clash, (claims[i].sentence, claims[j].sentence)
    assert cannot.any() and (scores > 0.55).any()  # both sides of each rule were exercised
