"""Markdown renderings: a short summary (Prefect artifact, chat) and the full report.md.

Article text is escaped for Markdown *and* HTML, because Markdown viewers (the Prefect UI among
them) may pass raw HTML through.
"""

from __future__ import annotations

import re

from crosscheck.report.build import (
    ClaimView,
    FindingView,
    ReportView,
    build_view,
    fmt_time,
    shorten_text,
)
from crosscheck.report.figures import human_figure
from crosscheck.report.model import ReportInput

SUMMARY_FINDINGS = 10  # findings listed in the short summary; the rest are in report.html
SUMMARY_SKIPS = 5  # skipped inputs listed in the short summary (config/ingest ones first)
REPORT_SKIPS = 30  # ... and in report.md; a chat message should not scroll for pages
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")
_URL_UNSAFE = {" ": "%20", "<": "%3C", ">": "%3E", "\n": "%0A"}
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md_escape(text: object) -> str:
    """Text safe to drop into Markdown: no markup, no HTML, one line."""
    flat = " ".join(str(text).split())
    flat = "".join(_HTML_ENTITIES.get(ch, ch) for ch in flat)
    return _MD_SPECIAL.sub(r"\\\1", flat)


def md_url(url: str) -> str:
    """URL that cannot break out of a Markdown <...> link target."""
    return "".join(_URL_UNSAFE.get(ch, ch) for ch in url)


def md_sentence(cv: ClaimView) -> str:
    """The sentence escaped, with the figure in bold."""
    text = cv.claim.sentence
    if cv.span is None:
        return md_escape(text)
    start, end = cv.span
    return f"{md_escape(text[:start])} **{md_escape(text[start:end])}** {md_escape(text[end:])}"


def figures_line(fv: FindingView) -> str:
    """'1–3 million shells (Outlet A) vs 5 million (Outlet B)'."""
    parts = [f"{fig.display} ({fig.source_name}"
             + (f", +{fig.copies} copies" if fig.copies else "") + ")" for fig in fv.figures]
    return " vs ".join(parts)


def _stats_lines(view: ReportView) -> list[str]:
    """Headline numbers of the run as Markdown bullets."""
    inp = view.inp
    kinds = ", ".join(f"{n} {k}" for k, n in view.kind_counts) or "none"
    new = "first run" if view.first_run else str(len(view.new_findings))
    return [
        f"- Run `{inp.run_id}`: {fmt_time(inp.started_at)} → {fmt_time(inp.finished_at)}"
        f" ({view.duration_seconds:.0f} s)",
        f"- Sources: {view.health_counts['ok']} ok, {view.health_counts['failed']} failed,"
        f" {view.health_counts['disabled']} disabled",
        f"- Articles: {len(inp.articles)} ({view.new_articles} new) · claims: {len(inp.claims)}",
        f"- Findings: {len(view.findings)} ({kinds}) · new: {new}"
        f" · resolved: {len(view.resolved_ids)} · to review: {view.to_review}",
    ]


def _alert_lines(view: ReportView, max_skips: int) -> list[str]:
    """Failed checks, skipped inputs and failed sources as bullets."""
    lines = []
    for g in view.failed_gates:
        where = md_escape(g.suite) + ("." + md_escape(g.column) if g.column else "")
        detail = ": " + md_escape(g.detail) if g.detail else ""
        lines.append(f"- ❌ check failed: **{md_escape(g.expectation)}** on {where}"
                     f" ({g.unexpected_count} unexpected){detail}")
    for s in view.skips[:max_skips]:
        lines.append(f"- ⚠️ skipped ({md_escape(s.stage)}, {md_escape(s.source_id)}):"
                     f" {md_escape(s.item)} — {md_escape(s.reason)}")
    if len(view.skips) > max_skips:
        counts = ", ".join(f"{n} at {md_escape(stage)}" for stage, n in view.skip_counts)
        lines.append(f"- …{len(view.skips) - max_skips} more skipped inputs"
                     f" ({len(view.skips)} in all: {counts}); see report.html")
    for row in view.health_rows:
        if row.health and row.health.status == "failed":
            lines.append(f"- ⚠️ source **{md_escape(row.source.name)}** failed:"
                         f" {md_escape(row.health.error or 'no error given')}")
    return lines + _note_lines(view, max_skips)


def _note_lines(view: ReportView, most: int) -> list[str]:
    """Warnings on inputs that were still used (bad dates, cut texts, feed summaries)."""
    notes = view.inp.notes
    lines = [f"- ℹ️ warning ({md_escape(n.stage)}, {md_escape(n.source_id)}):"
             f" {md_escape(n.item)} — {md_escape(n.message)}" for n in notes[:most]]
    if len(notes) > most:
        lines.append(f"- …{len(notes) - most} more warnings ({len(notes)} in all); "
                     "see report.html")
    return lines


def _finding_head(fv: FindingView) -> str:
    """Severity, kind, flags and explanation (cut, whole in findings.json) on one line."""
    f = fv.finding
    flags = (" · 🆕 new" if fv.new else "") + (f" · {fv.review.verdict}" if fv.review else "")
    return (f"**[{f.severity.upper()}] {f.kind}**{flags} — {md_escape(shorten_text(f.explanation))}"
            f" (`{f.id}`)")


def summary_markdown(inp: ReportInput) -> str:
    """Short summary for a Prefect markdown artifact or a chat message."""
    view = build_view(inp)
    lines = ["# crosscheck run " + fmt_time(inp.finished_at), "", *_stats_lines(view)]
    alerts = _alert_lines(view, SUMMARY_SKIPS)
    if alerts:
        lines += ["", "## Needs attention", *alerts]
    shown = view.findings[:SUMMARY_FINDINGS]
    if shown:
        lines += ["", "## Top findings"]
        lines += [f"{i}. {_finding_head(fv)}  \n   {md_escape(figures_line(fv))}"
                  for i, fv in enumerate(shown, 1)]
    if len(view.findings) > len(shown):
        lines.append(f"\n…and {len(view.findings) - len(shown)} more in report.html")
    return "\n".join(lines) + "\n"


def _claim_lines(cv: ClaimView) -> list[str]:
    """A claim's source, figure, attribution, link, sentence and copies."""
    src = cv.source
    cred = "unrated" if src.credibility is None else f"{src.credibility:.2f}"
    meta = ", ".join(md_escape(x) for x in (src.country, src.media_type, src.owner) if x)
    attribution = md_escape(cv.claim.attribution) if cv.claim.attribution else "_no attribution_"
    title = md_escape(cv.article.title if cv.article and cv.article.title else "article")
    link = f"[{title}](<{md_url(cv.link)}>)" if cv.link else title
    figure = md_escape(human_figure(cv.claim.quantity))
    lines = [f"- **{md_escape(src.name)}** (credibility {cred}{', ' + meta if meta else ''}):"
             f" {figure} — according to {attribution} — {link}",
             f"  > {md_sentence(cv)}"]
    for cp in cv.copies:
        lines.append(f"  - copy in **{md_escape(cp.source.name)}**"
                     + (f": <{md_url(cp.link)}>" if cp.link else ""))
    return lines


def report_markdown(view: ReportView) -> str:
    """The full report.md: summary then every finding with its sentences."""
    lines = ["# crosscheck report " + fmt_time(view.inp.finished_at), "", *_stats_lines(view)]
    alerts = _alert_lines(view, REPORT_SKIPS)
    if alerts:
        lines += ["", "## Needs attention", *alerts]
    lines += ["", "## Findings", ""] + ([] if view.findings else ["No findings in this run."])
    for fv in view.findings:
        lines += [f"### {_finding_head(fv)}", "",
                  f"Figures: {md_escape(figures_line(fv))}  ",
                  f"Independent origins: {fv.finding.independent_origins}", ""]
        for cv in fv.shown:
            lines += _claim_lines(cv)
        if fv.claims_not_shown:
            lines.append(f"- …{fv.claims_not_shown} more claims: all in findings.json and "
                         "claims.csv")
        if fv.review:
            r = fv.review
            lines += ["", f"Review: **{r.verdict}** by {md_escape(r.reviewer)} on {fmt_time(r.at)}"
                      + (f" — {md_escape(r.note)}" if r.note else "")
                      + (" (figures changed since)" if fv.review_stale else "")]
        lines.append("")
    if view.resolved_ids:
        lines += ["## Resolved since the previous run", "",
                  ", ".join(f"`{rid}`" for rid in view.resolved_ids), ""]
    return "\n".join(lines)
