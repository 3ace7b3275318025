"""A read-only --out and a full disk (issue 17, case 10): one line, non-zero exit, no *.tmp left.

The disk and the read-only folder are real tmpfs mounts; where this machine does not allow
`mount` (not root, or a container without the capability) the tests skip and say why.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from crosscheck.cli import OneLineErrors, app
from crosscheck.errors import ConfigError, ReportError
from crosscheck.report import write_report
from crosscheck.report.sample import sample_input
from crosscheck.report.write import check_out_dir
from crosscheck.store import Store
from tests.tiny_corpus import write_tiny_corpus

DISK_BYTES = 64 * 1024  # the tiny disk: the sample report (~100 KB) cannot fit on it
LEFT_FREE = 12 * 1024  # what the filler leaves: the previous report fits, a new one does not


@contextlib.contextmanager
def tmpfs(where: Path, options: str) -> Iterator[Path]:
    """A real tmpfs mounted at `where` with these options, unmounted afterwards."""
    if shutil.which("mount") is None:
        pytest.skip("no mount command here: the full-disk and read-only tests need a tmpfs")
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'mount failed'}); "
                    "these tests need root with the mount capability")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


def fill(disk: Path, leave: int) -> None:
    """Write a filler file so that about `leave` bytes stay free."""
    stats = os.statvfs(disk)
    (disk / "filler").write_bytes(b"\0" * max(stats.f_bavail * stats.f_frsize - leave, 0))


def free_bytes(disk: Path) -> int:
    stats = os.statvfs(disk)
    return stats.f_bavail * stats.f_frsize


def test_a_full_disk_keeps_the_previous_report_and_leaves_no_temporary(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", f"size={DISK_BYTES}") as disk:
        (disk / "report.html").write_text("previous report\n")
        fill(disk, LEFT_FREE)
        before = free_bytes(disk)
        with pytest.raises(ReportError) as info:
            write_report(sample_input(), disk)
        assert str(info.value) == (f"cannot write the report into {disk}: No space left on "
                                   "device; free some space there, or write the report to a "
                                   "folder on another disk")
        assert info.value.setting == "out"  # the CLI names its flag, the library does not
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "report.html"]
        assert (disk / "report.html").read_text() == "previous report\n"
        assert free_bytes(disk) == before  # nothing half-written keeps the disk full


def test_a_read_only_folder_is_one_clear_error(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "ro,size=1m") as folder:
        for attempt in (lambda: write_report(sample_input(), folder),
                        lambda: check_out_dir(folder), lambda: check_out_dir(folder / "sub")):
            with pytest.raises(ReportError) as info:
                attempt()
            assert "Read-only file system; write the report to a folder this user can " \
                   "write" in str(info.value)
            assert "\n" not in str(info.value)
        assert list(folder.iterdir()) == []


def test_run_refuses_a_read_only_out_before_it_starts(tmp_path: Path) -> None:
    sources = write_tiny_corpus(tmp_path / "corpus")
    db = tmp_path / "store.db"
    with tmpfs(tmp_path / "ro", "ro,size=1m") as folder:
        result = CliRunner().invoke(app, ["run", "--sources", str(sources), "--out",
                                          str(folder), "--db", f"sqlite:///{db}"])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"crosscheck: --out: cannot write the report into {folder}: Read-only file system; "
        "write the report to a folder this user can write"]
    assert not db.exists()  # refused before the flow (and the store) started


@pytest.mark.usefixtures("prefect_harness")
def test_a_disk_that_fills_during_the_run_fails_it_in_one_line(tmp_path: Path) -> None:
    sources = write_tiny_corpus(tmp_path / "corpus")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    with tmpfs(tmp_path / "disk", f"size={DISK_BYTES}") as disk:
        fill(disk, LEFT_FREE)  # room for the write check, not for the report
        result = CliRunner().invoke(app, ["run", "--sources", str(sources), "--out",
                                          str(disk), "--db", db])
        # the run's log (issue 15) and nothing else: no *.tmp keeps the disk full
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "run.log"]
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"crosscheck: the run failed in report: --out: cannot write the report into {disk}: "
        "No space left "
        "on device; free some space there, or write the report to a folder on another disk")
    assert "Traceback" not in result.output
    assert [r["status"] for r in Store(db).list_runs()] == ["failed"]


def test_prefect_logs_crosscheck_errors_without_their_traceback() -> None:
    def record(exc: BaseException) -> logging.LogRecord:
        try:
            raise exc
        except BaseException:
            info = sys.exc_info()
        return logging.LogRecord("prefect.flow_runs", logging.ERROR, __file__, 1,
                                 "Encountered exception", None, info)

    ours, bug = record(ConfigError("sources.yaml: malformed")), record(KeyError("x"))
    assert OneLineErrors().filter(ours) and OneLineErrors().filter(bug)
    assert ours.exc_info is None and bug.exc_info is not None
