"""Render the self-contained report.html from a ReportView with Jinja2 (autoescape on).

CSS and JavaScript are inlined; a Content-Security-Policy allows only this page's own script
(by hash) and no network at all, so a page that escaped something wrongly still cannot run it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from crosscheck.report.build import (
    EXPLANATION_CHARS,
    MAX_COPIES_SHOWN,
    MAX_GROUPS_SHOWN,
    MAX_NAMES_SHOWN,
    ClaimView,
    ReportView,
    fmt_time,
    shorten_text,
)
from crosscheck.report.figures import exact_interval
from crosscheck.report.page_data import (
    fmt_cred,
    page_data,
    page_reason,
    part_label,
    script_json,
    shared_weights,
)
from crosscheck.report.svg import (
    CRED_BANDS,
    UNKNOWN_COLOUR,
    arrow_markers,
    credibility_band,
    number_line,
)

TEMPLATES = resources.files("crosscheck.report") / "templates"


def highlight(cv: ClaimView) -> Markup:
    """The sentence escaped, with the figure wrapped in <mark> (escape first, then mark)."""
    text = cv.claim.sentence
    if cv.span is None:
        return escape(text)
    start, end = cv.span
    return Markup("{}<mark>{}</mark>{}").format(text[:start], text[start:end], text[end:])


# Findings the page shows at once; "Show more" adds as many. The filters and the search go
# over all of them. Only the first page is HTML: report.js builds the others' cards from the
# data block (page_data.py) when they are asked for.
PAGE_SIZE = 100
# Rows of the skipped-inputs table: a 20,000-article run skipped 10,638 inputs (10,602 of them
# sentences), 2.2 MB of the page; those of whole sources and files come first.
MAX_SKIPS_SHOWN = 500
LIMITS = {"explanation": EXPLANATION_CHARS, "names": MAX_NAMES_SHOWN,
          "copies": MAX_COPIES_SHOWN, "page": PAGE_SIZE, "skips": MAX_SKIPS_SHOWN,
          "groups": MAX_GROUPS_SHOWN}


def legend() -> list[tuple[str, str]]:
    """Colour and label of each credibility band, for the legend under the filters."""
    out, upper = [], None
    for floor, colour, name in CRED_BANDS:
        if upper is None:
            span = f"≥ {floor:g}"
        elif floor <= 0:
            span = f"< {upper:g}"
        else:
            span = f"{floor:g}–{upper:g}"
        out.append((colour, f"{name} ({span})"))
        upper = floor
    return [*out, (UNKNOWN_COLOUR, "unrated")]


def _read(name: str) -> str:
    """A template file's text."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


def script_hash(script: str) -> str:
    """CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _environment() -> Environment:
    """The Jinja2 environment: autoescape on, undefined names are errors."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(highlight=highlight, fmt_time=fmt_time, fmt_cred=fmt_cred,
                       shorten_text=shorten_text, page_reason=page_reason)
    env.globals.update(credibility_band=credibility_band, number_line=number_line,
                       arrow_markers=arrow_markers,
                       exact_interval=exact_interval, part_label=part_label,
                       legend=legend(), limits=LIMITS)
    return env


def _options(view: ReportView) -> dict[str, list[tuple[str, str]]]:
    """Choices for the filter selects, only those that occur in the findings."""
    sources = {sid for f in view.findings for sid in f.source_ids}
    countries = sorted({c for f in view.findings for c in f.countries})
    names = view.sources_by_id
    return {
        "kinds": [(k, k) for k, _ in view.kind_counts],
        "sources": sorted(((s, names[s].name if s in names else s) for s in sources),
                          key=lambda p: p[1].lower()),
        "countries": [(c, c) for c in countries],
        "statuses": [(s, s) for s in ("unreviewed", "confirmed", "needs-work", "dismissed")],
    }


# The static page may load nothing: no network, no forms, only its own script (by hash).
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {script}; "
       "base-uri 'none'; form-action 'none'")
# The review app's page is the same but may send its verdicts back to the app that served it.
APP_CSP = CSP.replace("default-src 'none'; ", "default-src 'none'; connect-src 'self'; ")


@dataclass(frozen=True, slots=True)
class AppPage:
    """What the review app adds to the page: its session's token, buttons, its store."""

    csrf_token: str
    store: str  # the store URL verdicts go to, password hidden
    files: tuple[str, ...] = ()  # report files the app serves under /files/
    max_note: int = 2000
    verdicts: tuple[tuple[str, str], ...] = (("confirmed", "Confirm"), ("dismissed", "Dismiss"),
                                             ("needs-work", "Needs work"))


def page_script(app: AppPage | None) -> str:
    """The page's one inline script: the filters, plus the verdict buttons in the app."""
    script = _read("report.js")
    return script if app is None else script + "\n" + _read("review.js")


def content_security_policy(app: AppPage | None) -> str:
    """The page's Content-Security-Policy, allowing exactly its own script."""
    return (APP_CSP if app else CSP).format(script=script_hash(page_script(app)))


# A line's indentation: the template's, repeated on every line of every finding (1.4 MB of
# a 21 MB page at 20,000 articles). The page has no preformatted text, so it goes.
_INDENT = re.compile(r"\n[ \t]+")


def render_html(view: ReportView, app: AppPage | None = None, rendered: int = PAGE_SIZE) -> str:
    """The whole page as one string (the review app's page when `app` is given), the first
    `rendered` findings as HTML and the others in its data block."""
    script = page_script(app)
    weights = shared_weights(view)
    template = _environment().get_template("report.html.j2")
    page = template.render(
        view=view, inp=view.inp, options=_options(view), app=app,
        rendered=rendered, weights=weights,
        data=Markup(script_json(page_data(view, rendered, weights))),
        css=Markup(_read("report.css")), js=Markup(script),
        csp=Markup(content_security_policy(app)),
    )
    markup, script_tag, rest = page.rpartition("<script>")  # the script stays as hashed
    return _INDENT.sub("\n", markup) + script_tag + rest
