"""Write every report file for one run into an output folder, all or nothing.

Each file is written to a temporary beside it and the temporaries are moved into place only
once all of them are complete, so a full disk or a read-only folder leaves the previous
report as it was and no `*.tmp` behind (one that filled the disk would keep it full).
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from crosscheck.errors import ReportError
from crosscheck.report.build import build_view
from crosscheck.report.exports import claims_frame
from crosscheck.report.findings_file import report_json
from crosscheck.report.html import render_html
from crosscheck.report.markdown import report_markdown
from crosscheck.report.model import ReportInput

REPORT_FILES = {
    "html": "report.html",
    "markdown": "report.md",
    "findings": "findings.json",
    "claims": "claims.csv",
    "credibility": "credibility.json",
}
PROBE_NAME = ".crosscheck-write-check"  # written and removed by check_out_dir
_FULL = (errno.ENOSPC, errno.EDQUOT)
_READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)


def write_failure(out_dir: Path, exc: OSError) -> ReportError:
    """One line naming the folder, what the system said and the fix."""
    if exc.errno in _FULL:
        fix = "free some space there, or write the report to a folder on another disk"
    elif exc.errno in _READ_ONLY:
        fix = "write the report to a folder this user can write"
    else:
        fix = "check the folder, or write the report to another"
    return ReportError(f"cannot write the report into {out_dir}: {exc.strerror or exc}; {fix}",
                       setting="out")


def check_out_dir(out_dir: Path) -> None:
    """Create the report folder and write a probe file there; ReportError when it cannot."""
    out_dir = Path(out_dir)
    probe = out_dir / PROBE_NAME
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
    except OSError as exc:
        raise write_failure(out_dir, exc) from None
    finally:
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)


def _write_all(texts: dict[Path, str]) -> None:
    """Write each text beside its path, then move all into place; remove temporaries always."""
    temporaries = {path: path.with_name(path.name + ".tmp") for path in texts}
    try:
        for path, text in texts.items():
            temporaries[path].write_text(text, encoding="utf-8")
        for path, tmp in temporaries.items():
            os.replace(tmp, path)
    finally:
        for tmp in temporaries.values():
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)


def write_report(inp: ReportInput, out_dir: Path) -> dict[str, Path]:
    """Write report.html, report.md, findings.json, claims.csv and credibility.json; return
    their paths by role.

    Roles are the keys of REPORT_FILES: html, markdown, findings, claims, credibility.
    ReportError (one line with the fix) when the folder cannot take them; the previous report
    is then intact.
    """
    out_dir = Path(out_dir)
    view = build_view(inp)
    paths = {role: out_dir / name for role, name in REPORT_FILES.items()}
    findings, credibility = report_json(view)
    texts = {
        "html": render_html(view),
        "markdown": report_markdown(view),
        "findings": findings,
        "claims": claims_frame(view).to_csv(index=False),
        "credibility": credibility,
    }
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        _write_all({paths[role]: text for role, text in texts.items()})
    except OSError as exc:
        raise write_failure(out_dir, exc) from None
    return paths
