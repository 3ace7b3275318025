"""Write every report file for one run into an output folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

from crosscheck.report.build import build_view
from crosscheck.report.exports import claims_frame, findings_json
from crosscheck.report.html import render_html
from crosscheck.report.markdown import report_markdown
from crosscheck.report.model import ReportInput

REPORT_FILES = {
    "html": "report.html",
    "markdown": "report.md",
    "findings": "findings.json",
    "claims": "claims.csv",
}


def _replace(path: Path, text: str) -> None:
    """Write through a temporary file so a failed run never leaves half a report."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_report(inp: ReportInput, out_dir: Path) -> dict[str, Path]:
    """Write report.html, report.md, findings.json and claims.csv; return their paths by role.

    Roles are the keys of REPORT_FILES: html, markdown, findings, claims.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    view = build_view(inp)
    paths = {role: out_dir / name for role, name in REPORT_FILES.items()}
    texts = {
        "html": render_html(view),
        "markdown": report_markdown(view),
        "findings": json.dumps(findings_json(view), indent=2, ensure_ascii=False,
                               allow_nan=False) + "\n",
        "claims": claims_frame(view).to_csv(index=False),
    }
    for role, text in texts.items():
        _replace(paths[role], text)
    return paths
