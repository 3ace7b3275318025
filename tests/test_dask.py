"""Scale-out: the nightly flow on Dask gives the default runner's claims and findings exactly."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from crosscheck.errors import ConfigError
from flows.nightly import nightly, with_runner
from tests.tiny_corpus import findings_summary, write_tiny_corpus

# One article per extraction task, so the four batches really spread over the Dask workers.
BATCH = 1


def _claim_rows(out: Path) -> list[dict[str, str]]:
    with (out / "claims.csv").open(newline="") as f:
        return sorted(csv.DictReader(f), key=lambda r: r["claim_id"])


def _run(flow_fn, sources: Path, root: Path, name: str) -> Path:
    out = root / name
    result = flow_fn(sources=str(sources), out=str(out), db=f"sqlite:///{root / name}.db",
                     batch_size=BATCH)
    assert result["stats"]["articles_seen"] == 4
    return out


@pytest.mark.slow
def test_dask_runner_gives_the_same_claims_and_findings(prefect_harness, tmp_path):
    sources = write_tiny_corpus(tmp_path / "corpus")
    default_out = _run(with_runner("default"), sources, tmp_path, "default")
    dask_out = _run(with_runner("dask"), sources, tmp_path, "dask")
    findings = findings_summary(default_out)
    assert "contradiction" in {kind for _, kind in findings}
    assert findings_summary(dask_out) == findings
    claims = _claim_rows(default_out)
    assert claims and _claim_rows(dask_out) == claims


def test_dask_runner_is_a_dask_task_runner_with_one_process_per_core():
    from prefect_dask import DaskTaskRunner

    runner = with_runner("dask").task_runner
    assert isinstance(runner, DaskTaskRunner)
    assert runner.cluster_kwargs["processes"] is True
    assert runner.cluster_kwargs["threads_per_worker"] == 1


def test_dask_address_points_at_an_existing_cluster():
    runner = with_runner("dask", "tcp://10.0.0.5:8786").task_runner
    assert runner.address == "tcp://10.0.0.5:8786"


def test_default_runner_is_the_flow_itself_and_unknown_runners_are_rejected():
    assert with_runner("default") is nightly
    with pytest.raises(ConfigError, match="runner 'ray' is unknown"):
        with_runner("ray")
