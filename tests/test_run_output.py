"""What `crosscheck run` prints: a line per stage with its counts, the summary, and no
Prefect or great-expectations log line unless --verbose; those go to run.log. The rich display
is checked on a stream that says it is a terminal."""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from crosscheck import console, progress

from .servers import prefect_env
from .tiny_corpus import write_tiny_corpus

STAGES = ("load sources", "ingest", "extract", "read window", "copies", "match", "assess",
          "gates", "store results", "report")
# A Prefect or great-expectations log line as their console handlers print it.
LIBRARY_LINE = re.compile(r"\|\s*(INFO|WARNING|DEBUG)\s*\||great_expectations|Task run|Flow run")
RUN_TIMEOUT = 300  # the run with its temporary server: 10-25 s here, more on a loaded machine


def crosscheck_run(tmp: Path, home: Path, *extra: str) -> subprocess.CompletedProcess:
    sources = write_tiny_corpus(tmp / "corpus")
    code = "from crosscheck.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, "run", "--sources", str(sources), "--out",
         str(tmp / "out"), "--db", f"sqlite:///{tmp / 'store.db'}", *extra],
        env=prefect_env(home), capture_output=True, text=True, timeout=RUN_TIMEOUT)


@pytest.mark.slow
@pytest.mark.parametrize("runner", ["default", "dask"])
def test_a_run_prints_one_line_per_stage_and_no_library_logs(tmp_path, cli_prefect_home,
                                                             runner):
    # Dask's workers are processes of their own that print to the terminal they inherit
    done = crosscheck_run(tmp_path, cli_prefect_home, "--runner", runner)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    stage_lines = [ln.split("  ")[1].strip() for ln in lines if ln.startswith("  ")
                   and ln.split("  ")[1].strip() in STAGES]
    assert stage_lines == list(STAGES)
    assert any(re.search(r"extract\s+4 articles, \d+ claims", ln) for ln in lines)
    assert any(re.search(r"ingest\s+4 articles, 4 new or changed, 4 sources ok", ln)
               for ln in lines)
    assert any(ln.startswith("run ") and ln.endswith(" completed") for ln in lines)
    assert [ln for ln in lines + done.stderr.splitlines() if LIBRARY_LINE.search(ln)] == []
    if runner == "default":
        assert done.stderr == ""
    log = (tmp_path / "out" / "run.log").read_text()
    assert "Finished in state Completed" in log and "great_expectations" in log
    assert f"  log: {tmp_path / 'out' / 'run.log'}" in lines


@pytest.mark.slow
def test_verbose_shows_the_library_logs_too(tmp_path, cli_prefect_home):
    done = crosscheck_run(tmp_path, cli_prefect_home, "--verbose")
    assert done.returncode == 0, done.stderr
    assert "Finished in state Completed" in done.stderr
    assert "Finished in state Completed" in (tmp_path / "out" / "run.log").read_text()


class Terminal(io.StringIO):
    """A stream that says it is a terminal, as rich asks."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_progress_is_a_live_display_with_each_stage_and_its_counts():
    stream = Terminal()
    handler = console.attach_progress(stream)
    try:
        assert isinstance(handler, console.RichProgress)
        progress.emit(progress.StageEvent("extract", progress.START))
        progress.advance("extract", 1, 2)
        progress.advance("extract", 2, 2)
        progress.emit(progress.StageEvent("extract", progress.END,
                                          {"articles": 400, "claims": 912}, 3.25))
        progress.note("stopped", "run r1 interrupted")
    finally:
        console.detach_progress(handler)
    shown = stream.getvalue()
    assert "extract" in shown and "400 articles, 912 claims" in shown
    assert "run r1 interrupted" in shown


def test_piped_progress_is_one_plain_line_per_finished_stage():
    stream = io.StringIO()
    handler = console.attach_progress(stream)
    try:
        assert isinstance(handler, console.ProgressLines)
        progress.emit(progress.StageEvent("ingest", progress.START))
        progress.advance("ingest", 1, 3)
        progress.emit(progress.StageEvent("ingest", progress.END,
                                          {"articles": 1, "new": 1, "sources_ok": 1}, 0.04))
    finally:
        console.detach_progress(handler)
    assert stream.getvalue() == ("  ingest          1 article, 1 new or changed, 1 source ok"
                                 "  0.0 s\n")


def test_without_a_listener_progress_records_stay_silent(caplog):
    console.detach_progress(console.attach_progress(io.StringIO()))  # attached once before
    with caplog.at_level(logging.WARNING):  # the root level Prefect's logging config sets
        progress.emit(progress.StageEvent("ingest", progress.END, {"articles": 3}, 0.1))
    assert caplog.records == []
    with caplog.at_level(logging.INFO, logger=progress.LOGGER_NAME):
        progress.emit(progress.StageEvent("ingest", progress.END, {"articles": 3}, 0.1))
    assert [r.getMessage() for r in caplog.records] == ["ingest end 3 articles"]
