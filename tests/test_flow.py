"""The nightly flow end to end: a real Prefect flow run, real SQLite, real great-expectations."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from crosscheck.errors import ConfigError
from crosscheck.store import Store

pytestmark = pytest.mark.usefixtures("prefect_harness")


def run_flow(sources: Path, out: Path, db: str) -> dict:
    from flows.nightly import nightly

    return nightly(sources=str(sources), out=str(out), db=db)


def write_sources(folder: Path, entries: str) -> Path:
    path = folder / "sources.yaml"
    path.write_text("sources:\n" + entries)
    return path


def files_source(source_id: str, path: str, credibility: float = 0.8, owner: str = "") -> str:
    owner_line = f"      owner: {owner}\n" if owner else ""
    return (f"  - id: {source_id}\n    name: {source_id.title()}\n    kind: files\n"
            f"    path: {path}\n    publisher:\n      name: {source_id.title()} Media\n"
            f"{owner_line}      credibility: {credibility}\n")


def article(folder: Path, name: str, title: str, published: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(
        f"---\ntitle: {title}\nurl: https://{folder.name}.example/{name}\n"
        f"published: {published}\n---\n{body}\n", encoding="utf-8")


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Two outlets that disagree on German gas imports, one with a broken neighbour."""
    article(tmp_path / "ledger", "gas.md", "Berlin's gas bind", "2022-01-20",
            "Germany imported about 55% of its natural gas from Russia last year, "
            "according to the German economy ministry.")
    article(tmp_path / "review", "gas.md", "Moscow's leverage", "2021-12-23",
            "Russia supplies 40% of German gas consumption, the columnist wrote.")
    return tmp_path


def test_small_run_finds_the_gas_contradiction_and_is_idempotent(small_corpus: Path):
    sources = write_sources(small_corpus, files_source("ledger", "ledger")
                            + files_source("review", "review", 0.4))
    db = f"sqlite:///{small_corpus / 'store.db'}"
    out = small_corpus / "out"
    first = run_flow(sources, out, db)
    assert {p.name for p in out.iterdir()} >= {"report.html", "report.md", "findings.json",
                                                "claims.csv", "credibility.json"}
    findings = json.loads((out / "findings.json").read_text())
    gas = [f for f in findings if f["kind"] == "contradiction"]
    assert len(gas) == 1
    claims = pd.read_csv(out / "claims.csv")
    source = claims.set_index("claim_id")["source_id"]  # a finding's claims: their rows
    figures = sorted((source[c["claim_id"]], c["low"]) for c in gas[0]["claims"])
    assert figures == [("ledger", 55.0), ("review", 40.0)]
    assert {"article_title", "published", "source_id", "sentence", "low", "high", "unit",
            "qualifier", "attribution"} <= set(claims.columns)

    store = Store(db)
    counts = {t: store.count(t) for t in ("articles", "claims")}
    second = run_flow(sources, out, db)
    assert {t: store.count(t) for t in ("articles", "claims")} == counts
    assert second["stats"]["articles_new_or_changed"] == 0
    assert first["stats"]["articles_new_or_changed"] == 2
    again = json.loads((out / "findings.json").read_text())
    assert [f["id"] for f in again] == [f["id"] for f in findings]  # stable ids
    assert [r["status"] for r in store.list_runs()] == ["completed", "completed"]


def test_bad_input_is_skipped_with_reasons_and_the_rest_runs(small_corpus: Path):
    # Bad files beside a good article: the good one is read, the bad ones skipped with reasons.
    (small_corpus / "review" / "bad.txt").write_bytes(
        "Caf\xe9 owners paid 40 euros.".encode("latin-1"))
    article(small_corpus / "review", "empty.md", "Nothing", "2024-01-01", "")
    entries = (files_source("ledger", "ledger") + files_source("review", "review", 0.4)
               + files_source("ghost", "no_such_folder")
               + "  - id: typo\n    name: Typo\n    kind: files\n    path: ledger\n"
                 "    colour: red\n    publisher: {name: T}\n")
    sources = write_sources(small_corpus, entries)
    db = f"sqlite:///{small_corpus / 'store.db'}"
    result = run_flow(sources, small_corpus / "out", db)
    assert result["stats"]["sources_ok"] == 2
    assert result["stats"]["sources_failed"] == 1  # the missing folder
    assert result["stats"]["findings"] == {"contradiction": 1}  # the good articles still ran
    run = Store(db).list_runs()[-1]
    assert run["status"] == "completed"
    reasons = " | ".join(f"{s['source_id']}: {s['item']}: {s['reason']}"
                         for s in run["problems"]["skipped"])
    assert "bad.txt" in reasons and "UTF-8" in reasons
    assert "empty.md" in reasons
    assert "typo" in reasons and "colour" in reasons
    html = (small_corpus / "out" / "report.html").read_text()
    assert "no_such_folder" in html and "bad.txt" in html


def test_a_failed_run_is_recorded_and_keeps_what_earlier_runs_stored(small_corpus: Path):
    sources = write_sources(small_corpus, files_source("ledger", "ledger")
                            + files_source("review", "review", 0.4))
    db = f"sqlite:///{small_corpus / 'store.db'}"
    run_flow(sources, small_corpus / "out", db)
    store = Store(db)
    before = {t: store.count(t) for t in ("articles", "claims", "findings")}
    broken = small_corpus / "broken.yaml"
    broken.write_text("sources: [\n  - {id: x\n")
    with pytest.raises(ConfigError, match="broken.yaml"):
        run_flow(broken, small_corpus / "out2", db)
    runs = store.list_runs()
    assert [r["status"] for r in runs] == ["completed", "failed"]
    assert "broken.yaml" in runs[-1]["error"]
    assert {t: store.count(t) for t in ("articles", "claims", "findings")} == before


def test_seed_articles_give_the_brands_claim_and_no_link_line_claims(seeds: Path,
                                                                    tmp_path: Path):
    for name in ("axis", "epoch"):
        shutil.copytree(seeds / name, tmp_path / name)
    sources = write_sources(tmp_path, files_source("axis", "axis")
                            + files_source("epoch", "epoch"))
    out = tmp_path / "out"
    run_flow(sources, out, f"sqlite:///{tmp_path / 'store.db'}")
    claims = pd.read_csv(out / "claims.csv")
    shells = claims[claims["sentence"].str.contains("artillery shells to Russia", regex=False)]
    assert len(shells) == 1
    row = shells.iloc[0]
    assert (row["low"], row["high"]) == (1_000_000, 3_000_000)
    assert row["unit"] in ("shell", "artillery shell")
    assert "Hal Brands" in row["attribution"] and "Bloomberg" in row["attribution"]
    link_lines = claims["sentence"].str.contains(r"MUST READ|See also", regex=True)
    assert not link_lines.any()


def test_a_run_that_died_after_ingest_is_caught_up_by_the_next(small_corpus: Path):
    from crosscheck import pipeline as p
    from crosscheck.config import load_sources

    sources = write_sources(small_corpus, files_source("ledger", "ledger")
                            + files_source("review", "review", 0.4))
    db = f"sqlite:///{small_corpus / 'store.db'}"
    store = Store(db)
    store.begin_run("crashed", str(sources))  # the crash: ingest stored, nothing after it ran
    p.ingest_stage(store, "crashed", load_sources(sources).sources)
    assert store.count("articles") == 2 and store.pending_extraction() != []

    result = run_flow(sources, small_corpus / "out", db)
    assert result["stats"]["articles_new_or_changed"] == 0  # nothing new arrived tonight...
    assert result["stats"]["claims"] == 2  # ...but the left-behind articles were extracted
    assert result["stats"]["findings"] == {"contradiction": 1}
    assert store.pending_extraction() == []


def test_the_run_publishes_prefect_artifacts(small_corpus: Path):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    from flows.nightly import nightly

    sources = write_sources(small_corpus, files_source("ledger", "ledger")
                            + files_source("review", "review", 0.4))
    state = nightly(sources=str(sources), out=str(small_corpus / "out"),
                    db=f"sqlite:///{small_corpus / 'store.db'}", return_state=True)
    flow_run_id = state.state_details.flow_run_id
    assert flow_run_id is not None
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))
    by_key = {a.key: a for a in found}
    assert set(by_key) == {"crosscheck-summary", "crosscheck-findings"}
    assert "contradiction" in str(by_key["crosscheck-summary"].data).lower()
    assert "ledger" in str(by_key["crosscheck-findings"].data)
