"""The report stage: report.html, report.md, findings.json, claims.csv and Prefect tables.

    from crosscheck.report import ReportInput, write_report
    paths = write_report(inp, Path("data/out"))
"""

from crosscheck.report.build import build_view, figures_key, is_new
from crosscheck.report.exports import findings_table
from crosscheck.report.markdown import summary_markdown
from crosscheck.report.model import (
    GateResult,
    ReportInput,
    ReviewVerdict,
    RunSummary,
    SourceHealth,
    SourceInfo,
)
from crosscheck.report.write import REPORT_FILES, write_report

__all__ = [
    "REPORT_FILES",
    "GateResult",
    "ReportInput",
    "ReviewVerdict",
    "RunSummary",
    "SourceHealth",
    "SourceInfo",
    "build_view",
    "figures_key",
    "findings_table",
    "is_new",
    "summary_markdown",
    "write_report",
]
