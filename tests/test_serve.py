"""The nightly deployment on a real Prefect server: schedule, a run, a failing run, prefect.yaml.

One `prefect server start` (own PREFECT_HOME, free port) serves the whole module; `serve` runs
in a subprocess from the repository, as an operator would start it.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from crosscheck.store import Store
from flows.serve import deployment_parameters, nightly_schedule, serve_nightly
from tests.servers import VENV_BIN, prefect_env, prefect_server, stop_group
from tests.tiny_corpus import findings_summary, write_tiny_corpus

REPO = Path(__file__).resolve().parents[1]
DEPLOYMENT = "nightly/tonight"
CRON, TIMEZONE = "30 1 * * *", "Europe/Berlin"
REGISTER_TIMEOUT = 60  # serve imports the flow (~5 s) then registers; slow shared cores
RUN_TIMEOUT = 120  # a served run takes 13-25 s here (../shared/STACK.md)
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="crosscheck-server-") as home:
        with prefect_server(Path(home)) as api:
            yield api


@pytest.fixture(scope="module")
def corpus() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="crosscheck-serve-") as tmp:
        root = Path(tmp)
        write_tiny_corpus(root / "corpus")
        yield root


@pytest.fixture(scope="module")
def served(server: str, corpus: Path) -> Iterator[dict[str, str]]:
    """`python -m flows.serve` registering `nightly/tonight` and running its flow runs."""
    params = {"sources": str(corpus / "corpus" / "sources.yaml"), "out": str(corpus / "out"),
              "db": f"sqlite:///{corpus / 'store.db'}"}
    args = ["--cron", CRON, "--timezone", TIMEZONE, "--name", "tonight",
            *(a for k, v in params.items() for a in (f"--{k}", v))]
    log = corpus / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "flows.serve", *args], cwd=REPO,
                                env=prefect_env(corpus / "serve-home", server), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_registered(server, proc, log)
        yield params
    finally:
        stop_group(proc)


@contextlib.contextmanager
def _client(api: str) -> Iterator[Any]:
    """A sync Prefect client talking to this server."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: api}), get_client(sync_client=True) as c:
        yield c


def _wait_registered(api: str, proc: subprocess.Popen, log: Path) -> None:
    from prefect.exceptions import ObjectNotFound

    deadline = time.monotonic() + REGISTER_TIMEOUT
    with _client(api) as client:
        while time.monotonic() < deadline:
            assert proc.poll() is None, f"serve exited:\n{log.read_text()[-3000:]}"
            try:
                client.read_deployment_by_name(DEPLOYMENT)
                return
            except ObjectNotFound:
                time.sleep(1)
    raise AssertionError(f"{DEPLOYMENT} not registered in {REGISTER_TIMEOUT} s:\n"
                         f"{log.read_text()[-3000:]}")


def _wait_final(client: Any, run_ids: list[Any]) -> dict[Any, Any]:
    """Poll the flow runs until every one reaches a final state."""
    deadline = time.monotonic() + RUN_TIMEOUT
    final: dict[Any, Any] = {}
    while time.monotonic() < deadline and len(final) < len(run_ids):
        for run_id in set(run_ids) - set(final):
            run = client.read_flow_run(run_id)
            if run.state and run.state.type.value in FINAL:
                final[run_id] = run
        time.sleep(1)
    assert len(final) == len(run_ids), f"flow runs not final after {RUN_TIMEOUT} s"
    return final


@pytest.fixture(scope="module")
def runs(server: str, served: dict[str, str], corpus: Path) -> dict[str, Any]:
    """Two runs of the served deployment, triggered together: as deployed, and with a
    sources file that does not exist. The runner executes them side by side."""
    overrides = {"ok": {}, "missing": {"sources": str(corpus / "nowhere" / "sources.yaml")}}
    with _client(server) as client:
        deployment = client.read_deployment_by_name(DEPLOYMENT)
        ids = {key: client.create_flow_run_from_deployment(deployment.id, parameters=params).id
               for key, params in overrides.items()}
        final = _wait_final(client, list(ids.values()))
    return {key: final[run_id] for key, run_id in ids.items()}


@pytest.mark.server
def test_served_deployment_has_the_timezone_aware_cron_schedule(server, served):
    with _client(server) as client:
        deployment = client.read_deployment_by_name(DEPLOYMENT)
    (schedule,) = deployment.schedules
    assert schedule.active
    assert (schedule.schedule.cron, schedule.schedule.timezone) == (CRON, TIMEZONE)
    assert deployment.parameters == served
    assert not deployment.paused


@pytest.mark.server
def test_a_triggered_run_completes_with_report_and_run_record(served, runs):
    run = runs["ok"]
    assert run.state.type.value == "COMPLETED", run.state.message
    assert run.name.startswith("nightly-") and run.name.endswith("-sources.yaml")
    out = Path(served["out"])
    for name in ("report.html", "report.md", "findings.json", "claims.csv"):
        assert (out / name).stat().st_size > 0, name
    (done,) = [r for r in Store(served["db"]).list_runs() if r["status"] == "completed"]
    assert done["stats"]["articles_seen"] == 4
    # Contradictions are findings, not failures: the run above is Completed with them.
    assert "contradiction" in {kind for _, kind in findings_summary(out)}


@pytest.mark.server
def test_a_missing_sources_file_fails_the_run_with_the_reason(served, runs):
    run = runs["missing"]
    assert run.state.type.value == "FAILED"
    assert "sources file not found" in run.state.message and "nowhere" in run.state.message
    (failed,) = [r for r in Store(served["db"]).list_runs() if r["status"] == "failed"]
    assert "nowhere" in failed["error"] and "sources file not found" in failed["error"]


@pytest.mark.server
def test_prefect_yaml_deploys_to_a_process_work_pool(server, corpus):
    env = prefect_env(corpus / "deploy-home", server)
    prefect = str(VENV_BIN / "prefect")
    subprocess.run([prefect, "work-pool", "create", "crosscheck-process", "--type", "process"],
                   env=env, cwd=REPO, check=True, capture_output=True, timeout=60)
    done = subprocess.run([prefect, "--no-prompt", "deploy", "--all"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    with _client(server) as client:
        deployment = client.read_deployment_by_name("nightly/nightly")
    (schedule,) = deployment.schedules
    assert (schedule.schedule.cron, schedule.schedule.timezone) == ("0 2 * * *", "UTC")
    assert deployment.work_pool_name == "crosscheck-process"
    assert deployment.entrypoint == "flows/nightly.py:nightly"
    assert deployment.pull_steps[0]["prefect.deployments.steps.set_working_directory"] == {
        "directory": str(REPO)}


def test_prefect_yaml_names_the_schedule_and_an_entrypoint_that_imports():
    """Without a server; `prefect deploy --all` above validates the whole file against one."""
    from prefect.utilities.importtools import import_object

    raw = yaml.safe_load((REPO / "prefect.yaml").read_text())
    (dep,) = raw["deployments"]
    assert dep["name"] == "nightly" and dep["work_pool"]["name"] == "crosscheck-process"
    (schedule,) = dep["schedules"]
    assert (schedule["cron"], schedule["timezone"]) == ("0 2 * * *", "UTC")
    flow = import_object(str(REPO / dep["entrypoint"]))
    assert flow.name == "nightly"
    assert set(dep["parameters"]) <= set(flow.parameters.properties)


def test_deployment_parameters_are_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    params = deployment_parameters("conf/sources.yaml", "reports")
    assert params == {"sources": str(tmp_path / "conf" / "sources.yaml"),
                      "out": str(tmp_path / "reports"),
                      "db": f"sqlite:///{tmp_path / 'data' / 'crosscheck.db'}"}
    assert deployment_parameters(db="postgresql+psycopg://h/db")["db"] == "postgresql+psycopg://h/db"


@pytest.mark.parametrize(("cron", "timezone", "setting", "message"), [
    ("every night", "UTC", "cron", "'every night' is not a valid cron string"),
    ("0 2 * * *", "Mars/Olympus", "timezone", "'Mars/Olympus' is not an IANA timezone"),
])
def test_bad_schedule_is_a_clear_config_error(cron, timezone, setting, message):
    from crosscheck.errors import ConfigError

    with pytest.raises(ConfigError, match=message) as bad:
        nightly_schedule(cron, timezone)
    assert bad.value.setting == setting  # the CLI leads the line with --cron / --timezone


def test_serving_without_a_prefect_server_is_a_clear_config_error():
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from crosscheck.errors import ConfigError

    with temporary_settings(restore_defaults={PREFECT_API_URL}), \
            pytest.raises(ConfigError, match="prefect server start"):
        serve_nightly(sources=str(REPO / "sources.yaml"))
