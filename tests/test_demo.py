"""The bundled demo corpus end to end: the findings data/demo/EXPECTED.md promises, and none
of the ones it forbids. Then a reviewer's verdict sticks on the next night."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from .conftest import REPO

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, prefect_harness) -> dict:
    from flows.nightly import nightly

    tmp = tmp_path_factory.mktemp("demo")
    db = f"sqlite:///{tmp / 'store.db'}"
    result = nightly(sources=str(REPO / "sources.yaml"), out=str(tmp / "out"), db=db)
    findings = json.loads((tmp / "out" / "findings.json").read_text())
    claims = pd.read_csv(tmp / "out" / "claims.csv")
    return {"tmp": tmp, "db": db, "result": result, "findings": with_rows(findings, claims),
            "claims": claims}


def with_rows(findings: list[dict], claims: pd.DataFrame) -> list[dict]:
    """Each finding's claims with their source and attribution from their claims.csv row."""
    rows = claims.set_index("claim_id")
    for c in (c for f in findings for c in f["claims"]):
        row = rows.loc[c["claim_id"]]
        c.update(source_id=row["source_id"],
                 attribution=row["attribution"] if isinstance(row["attribution"], str) else None)
    return findings


def of_kind(demo: dict, kind: str) -> list[dict]:
    return [f for f in demo["findings"] if f["kind"] == kind]


def figures(finding: dict) -> set[tuple[str, float]]:
    return {(c["source_id"], c["low"]) for c in finding["claims"]}


def test_all_sources_read_and_gates_pass(demo):
    stats = demo["result"]["stats"]
    assert (stats["sources_ok"], stats["sources_failed"], stats["articles_seen"]) == (5, 0, 15)
    assert stats["gate_failures"] == 0


def test_troop_figures_agree_and_the_planned_offensive_is_not_a_count(demo):
    (troops,) = [f for f in of_kind(demo, "corroborated")
                 if ("meridian_ledger", 100000.0) in figures(f)]
    assert {low for _, low in figures(troops)} == {100000.0}
    # Meridian and Baltic share an owner: three outlets, two independent origins.
    assert troops["independent_origins"] == 2
    # N1's 175,000 is the force of "a possible multi-front offensive": a plan, never compared
    # with the troops already there.
    assert not [f for f in demo["findings"] if ("northgate_wire", 175000.0) in figures(f)
                and f["kind"] == "contradiction"]


def test_german_gas_share_40_vs_55_is_a_contradiction(demo):
    (gas,) = [f for f in of_kind(demo, "contradiction")
              if {c["unit"] for c in f["claims"]} == {"percentage"}]
    assert figures(gas) == {("eastern_frontier_review", 40.0), ("baltic_lantern_daily", 55.0)}
    assert "German economy ministry" in gas["explanation"]


def test_150_and_counting_is_unsupported_and_the_rising_toll_a_trajectory(demo):
    (unsupported,) = of_kind(demo, "unsupported")
    assert figures(unsupported) == {("ironvale_gazette", 150.0)}
    assert unsupported["claims"][0]["attribution"] is None
    tolls = [f for f in of_kind(demo, "trajectory") if ("northgate_wire", 144.0) in figures(f)]
    assert len(tolls) == 1
    assert {low for _, low in figures(tolls[0])} == {62.0, 133.0, 137.0, 144.0}
    # The official counts never contradict each other: any contradiction on the toll is 150's.
    for f in of_kind(demo, "contradiction"):
        if ("northgate_wire", 144.0) in figures(f):
            assert ("ironvale_gazette", 150.0) in figures(f)
            assert "Ironvale Gazette" in f["explanation"]


def test_shell_figures_agree_and_the_copy_counts_once(demo):
    (shells,) = [f for f in of_kind(demo, "corroborated")
                 if any(c["unit"] == "shell" for c in f["claims"])]
    assert ("meridian_ledger", 1e6) in figures(shells)
    assert ("northgate_wire", 1e6) in figures(shells)
    assert shells["independent_origins"] == 2  # Ironvale's word-for-word copy is not a third
    brands = [c for c in shells["claims"] if c["source_id"] == "meridian_ledger"][0]
    assert "Hal Brands" in brands["attribution"] and "Bloomberg" in brands["attribution"]


def test_grain_figures_agree_within_tolerance(demo):
    agreed = [figures(f) for f in of_kind(demo, "corroborated")]
    assert {("baltic_lantern_daily", 719549.0), ("northgate_wire", 721449.0)} in agreed
    assert {("meridian_ledger", 33e6), ("northgate_wire", 33e6)} in agreed


def test_what_must_not_be_compared_or_extracted(demo):
    for f in demo["findings"]:
        units = {c["unit"] for c in f["claims"]}
        assert not {"shell", "container"} <= units
        lows = {low for _, low in figures(f)}
        assert not (145.0 in lows and 144.0 in lows)  # injured never compared with deaths
    sentences = demo["claims"]["sentence"]
    assert not sentences.str.contains(r"MUST READ|See also|Join our", regex=True).any()


def test_report_page_and_markdown_name_the_findings(demo):
    out = demo["tmp"] / "out"
    html = (out / "report.html").read_text()
    markdown = (out / "report.md").read_text()
    for f in of_kind(demo, "contradiction"):
        assert f["id"] in html and f["id"] in markdown
    assert html.count("<svg") >= len(of_kind(demo, "contradiction"))


def test_a_dismissed_finding_stays_dismissed_and_not_new_the_next_night(demo):
    from crosscheck.cli import app
    from flows.nightly import nightly

    gas = [f for f in of_kind(demo, "contradiction")
           if {c["unit"] for c in f["claims"]} == {"percentage"}][0]
    result = CliRunner().invoke(app, ["review", gas["id"], "--verdict", "dismissed",
                                      "--note", "different scopes", "--reviewer", "ana",
                                      "--db", demo["db"]])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(app, ["review", "--list", "--db", demo["db"]])
    assert gas["id"] in listed.output and "dismissed" in listed.output

    out2 = demo["tmp"] / "out2"
    second = nightly(sources=str(REPO / "sources.yaml"), out=str(out2), db=demo["db"])
    assert second["stats"]["articles_new_or_changed"] == 0
    again = {f["id"]: f for f in json.loads((out2 / "findings.json").read_text())}
    assert again[gas["id"]]["review"]["verdict"] == "dismissed"
    assert again[gas["id"]]["review"]["reviewer"] == "ana"
    assert not any(f["new"] for f in again.values())
    assert set(again) == {f["id"] for f in demo["findings"]}
