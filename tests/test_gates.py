"""The great-expectations gates really pass good tables and name what fails in bad ones."""

from __future__ import annotations

import math

import pandas as pd

from checks.gates import check_claims, check_findings


def claim_row(**overrides):
    row = dict(id="c1", article_id="a1", source_id="meridian", sentence="About 100,000 troops.",
               low=1e5, high=1e5, unit="troop", unit_kind="count", qualifier="approx",
               change="none")
    row.update(overrides)
    return row


def failures(results):
    return {(g.expectation, g.column): g.unexpected_count for g in results if not g.success}


def test_good_claims_pass_every_expectation():
    df = pd.DataFrame([claim_row(), claim_row(id="c2", low=4300.0, high=math.inf,
                                               qualifier="more_than")])
    results = check_claims(df, ["meridian"])
    assert len(results) == 8
    assert failures(results) == {}


def test_bad_claims_fail_naming_expectation_and_column():
    df = pd.DataFrame([
        claim_row(),
        claim_row(id="c2", low=5.0, high=3.0),  # low > high
        claim_row(id="c3", source_id="nobody"),  # unknown source
        claim_row(id="c4", qualifier="roughly"),  # not in the vocabulary
        claim_row(id="c5", sentence=""),  # empty sentence
    ])
    got = failures(check_claims(df, ["meridian"]))
    assert got == {
        ("expect_column_pair_values_a_to_be_greater_than_b", "high >= low"): 1,
        ("expect_column_values_to_be_in_set", "source_id"): 1,
        ("expect_column_values_to_be_in_set", "qualifier"): 1,
        ("expect_column_value_lengths_to_be_between", "sentence"): 1,
    }


def test_findings_gate_catches_unknown_kind_and_empty_explanation():
    df = pd.DataFrame([
        dict(id="f1", kind="contradiction", severity="high", explanation="x", n_claims=2,
             independent_origins=2),
        dict(id="f2", kind="rumour", severity="high", explanation="", n_claims=0,
             independent_origins=1),
    ])
    got = failures(check_findings(df))
    assert ("expect_column_values_to_be_in_set", "kind") in got
    assert ("expect_column_value_lengths_to_be_between", "explanation") in got
    assert ("expect_column_values_to_be_between", "n_claims") in got


def test_empty_run_passes_both_gates():
    assert failures(check_claims(pd.DataFrame(), ["meridian"])) == {}
    assert failures(check_findings(pd.DataFrame())) == {}
