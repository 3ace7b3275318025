"""Figures as people read them: readable intervals, the competing figures of a finding, their key.

A finding's figures come from its claims (one per independent origin, copies folded) or, for
claims this run does not hold, from `Finding.details["figures"]`. Agreeing figures are grouped
for the side-by-side boxes; the number line keeps one interval per origin.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from crosscheck.models import Claim, Finding, Quantity, stable_id

KEY_DIGITS = 6  # significant digits kept in figures_key: float noise below this is not a change
PERCENT_UNITS = ("percent", "percentage", "%")
BIG_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
QUALIFIER_WORDS = {"approx": "about", "more_than": "more than", "less_than": "less than"}
# Rows of a finding's number line in report.html: at 20,000 articles a contradiction had up
# to 16 competing figures from hundreds of origins, one row each (findings.json has them all).
MAX_FIGURES_DRAWN = 4
T = TypeVar("T")


@dataclass(slots=True)
class FigureView:
    """One figure competing in a finding (one row of the number line)."""

    source_id: str
    source_name: str
    display: str
    low: float
    high: float
    unit: str
    credibility: float | None
    copies: int = 0
    claim_id: str | None = None


@dataclass(slots=True)
class FigureGroup:
    """Figures that agree with each other: one box in the side-by-side row."""

    figures: list[FigureView] = field(default_factory=list)

    @property
    def displays(self) -> list[str]:
        """Distinct readable figures in the group, in order."""
        return list(dict.fromkeys(f.display for f in self.figures))

    @property
    def best_credibility(self) -> float | None:
        """Highest publisher credibility behind the group (None when none is rated)."""
        rated = [f.credibility for f in self.figures if f.credibility is not None]
        return max(rated) if rated else None


def human_number(value: float) -> str:
    """'1.5 million', '719,549', '0.25'."""
    for size, word in BIG_WORDS:
        if abs(value) >= size:
            return f"{value / size:.3g} {word}"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.4g}"


def _with_unit(text: str, unit: str, value: float) -> str:
    """Number text with its unit: '%' glued on, other units pluralized."""
    if unit in PERCENT_UNITS:
        return f"{text}%"
    if not unit:
        return text
    plural = abs(value) != 1 and not unit.endswith("s")
    return f"{text} {unit}{'s' if plural else ''}"


def _range_text(low: float, high: float) -> str:
    """'1–3 million' when both ends share a scale word, else both in full."""
    lo_text, hi_text = human_number(low), human_number(high)
    lo_parts, hi_parts = lo_text.split(" "), hi_text.split(" ")
    if len(lo_parts) == 2 and len(hi_parts) == 2 and lo_parts[1] == hi_parts[1]:
        return f"{lo_parts[0]}–{hi_text}"  # '1–3 million'
    return f"{lo_text}–{hi_text}"


def exact_interval(q: Quantity) -> str:
    """The normalized interval with every digit ('1,000,000–3,000,000 shell')."""
    if math.isnan(q.low) or math.isnan(q.high):
        return "unreadable figure (not a number)"
    return q.display()


def human_interval(low: float, high: float, unit: str) -> str:
    """Readable figure: '1–3 million shells', '55%', 'at least 100,000 troops'."""
    if math.isnan(low) or math.isnan(high):
        return "unreadable figure"
    if math.isinf(low) and math.isinf(high):
        return _with_unit("any number of", unit, 2)
    if math.isinf(high):
        return "at least " + _with_unit(human_number(low), unit, low)
    if math.isinf(low):
        return "at most " + _with_unit(human_number(high), unit, high)
    if low == high:
        return _with_unit(human_number(low), unit, low)
    return _with_unit(_range_text(low, high), unit, high)


def human_figure(q: Quantity) -> str:
    """Figure as a reader would say it: 'about 5 million shells', 'more than 100,000 troops'."""
    word = QUALIFIER_WORDS.get(q.qualifier)
    if word is None:
        return human_interval(q.low, q.high, q.unit)
    if q.qualifier == "more_than" and math.isfinite(q.low):
        return f"{word} {_with_unit(human_number(q.low), q.unit, q.low)}"
    if q.qualifier == "less_than" and math.isfinite(q.high):
        return f"{word} {_with_unit(human_number(q.high), q.unit, q.high)}"
    return f"{word} {human_interval(q.low, q.high, q.unit)}"


def _key_number(value: float) -> str:
    """A bound rounded for figures_key, infinities spelled out."""
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return f"{value:.{KEY_DIGITS}g}"


def _figure_tokens(finding: Finding, claims_by_id: Mapping[str, Claim]) -> set[str]:
    """Distinct 'low..high unit' tokens of a finding's figures."""
    tokens = set()
    for cid in finding.claim_ids:
        claim = claims_by_id.get(cid)
        if claim is not None:
            q = claim.quantity
            tokens.add(f"{_key_number(q.low)}..{_key_number(q.high)} {q.unit}")
    if not tokens:
        for fig in detail_figures(finding):
            tokens.add(f"{_key_number(fig.low)}..{_key_number(fig.high)} {fig.unit}")
    return tokens


def figures_key(finding: Finding, claims_by_id: Mapping[str, Claim]) -> str:
    """Stable key of the distinct figures of a finding (intervals and units, not sources).

    Another outlet repeating a figure already there keeps the key; a new or changed figure
    changes it, which is what brings a dismissed finding back.
    """
    return stable_id(finding.kind, *sorted(_figure_tokens(finding, claims_by_id)))


def _bound(value: object, default: float) -> float:
    """A JSON bound as a float, null as the given infinity."""
    if value is None:
        return default
    if isinstance(value, int | float | str):
        return float(value)
    raise TypeError(f"figure bound must be a number or null, got {value!r}")


def _detail_figure(item: Mapping[str, object]) -> FigureView:
    """One entry of Finding.details['figures'] as a FigureView."""
    cred = item.get("credibility")
    low = _bound(item.get("low"), -math.inf)
    high = _bound(item.get("high"), math.inf)
    unit = str(item.get("unit") or "")
    claim_id = item.get("claim_id")
    return FigureView(
        source_id=str(item.get("source_id", "")),
        source_name=str(item.get("source_name") or item.get("source_id", "")),
        display=str(item.get("display") or human_interval(low, high, unit)),
        low=low, high=high, unit=unit,
        credibility=float(cred) if isinstance(cred, int | float) else None,
        claim_id=str(claim_id) if claim_id else None,
    )


def detail_figures(finding: Finding) -> list[FigureView]:
    """Figures listed in Finding.details['figures'], open ends (null) as infinities."""
    raw = finding.details.get("figures")
    if not isinstance(raw, list):
        return []
    figures = []
    for item in raw:
        try:
            figures.append(_detail_figure(item))
        except (TypeError, ValueError, AttributeError):
            continue  # a malformed entry is left out; the claims still show the figure
    return figures


def claim_figure(claim: Claim, source_name: str, credibility: float | None,
                 copies: int) -> FigureView:
    """The figure of one claim, readable."""
    q = claim.quantity
    return FigureView(source_id=claim.source_id, source_name=source_name,
                      display=human_figure(q), low=q.low, high=q.high, unit=q.unit,
                      credibility=credibility, copies=copies, claim_id=claim.id)


def merge_figures(from_claims: Sequence[FigureView], details: Sequence[FigureView],
                  copy_ids: Iterable[str]) -> list[FigureView]:
    """Claim figures first; detail figures only for claims this run does not hold (no copies)."""
    known = {f.claim_id for f in from_claims}
    skip = known | set(copy_ids)
    extra = [f for f in details if f.claim_id is None or f.claim_id not in skip]
    if from_claims and any(f.claim_id is None for f in extra):
        extra = [f for f in extra if f.claim_id is not None]  # unkeyed: cannot tell duplicates
    return [*from_claims, *extra]


def _agrees(a: FigureView, b: FigureView) -> bool:
    """Same unit and overlapping intervals."""
    return a.unit == b.unit and a.low <= b.high and b.low <= a.high


def group_figures(figures: Sequence[FigureView],
                  groups: Sequence[Sequence[str]] | None = None) -> list[FigureGroup]:
    """Agreeing figures together: by the finding's claim-id groups, else by overlap."""
    by_claim = {f.claim_id: f for f in figures if f.claim_id}
    out: list[FigureGroup] = []
    placed: set[int] = set()
    for ids in groups or ():
        members = [by_claim[cid] for cid in ids if cid in by_claim]
        if members:
            out.append(FigureGroup(members))
            placed.update(id(f) for f in members)
    for fig in (f for f in figures if id(f) not in placed):
        home = next((g for g in out if all(_agrees(fig, o) for o in g.figures)), None)
        if home is None:
            out.append(FigureGroup([fig]))
        else:
            home.figures.append(fig)
    return out


def one_of_each_first(groups: Sequence[Sequence[T]], most: int) -> list[T]:
    """At most `most` items: the first of each group, then the others, in group order."""
    firsts = [g[0] for g in groups if g]
    rest = [x for g in groups for x in g[1:]]
    return [*firsts, *rest][:most]


def drawn_figures(figures: list[FigureView], groups: Sequence[FigureGroup]) -> list[FigureView]:
    """The number line's rows: one figure of each group first, in the figures' order."""
    if len(figures) <= MAX_FIGURES_DRAWN:
        return figures
    picked = {id(f) for f in one_of_each_first([g.figures for g in groups], MAX_FIGURES_DRAWN)}
    return [f for f in figures if id(f) in picked]
