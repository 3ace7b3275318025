"""Decide what a reviewer must see: contradictions, unsupported figures, trajectories.

Figures are intervals: a qualifier ("more than", "about") and a tolerance per unit kind widen them,
and two figures agree when their widened intervals overlap. A cluster whose figures do not all
agree is a contradiction — unless the figure is a running count that grew between the dates the
outlets reported it, which is a trajectory. Copies count once under their origin and outlets with
one owner are one origin, so a figure only one origin states, with nobody named as its source, is
unsupported. Each claim's credibility is shown as its parts, not one opaque number.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from crosscheck.independence import independent_origin
from crosscheck.match import Cluster, measure_class
from crosscheck.models import Article, Claim, Finding, Quantity, stable_id

# Relative difference two exact figures of a kind may have and still agree (each side is widened
# by half). Reported figures are rounded and revised by a percent or so: 719,549 vs 721,449
# tonnes differ by 0.26 % and agree; a toll of 133 vs 137 (3 %) or 31.9 vs 33 million tonnes
# (3.4 %) do not, so their dates must explain them (trajectory) or they contradict.
REL_TOLERANCE = {"count": 0.02, "mass": 0.02, "volume": 0.02, "currency": 0.02, "length": 0.02,
                 "area": 0.02, "energy": 0.02, "power": 0.02, "speed": 0.02, "rate": 0.02}
DEFAULT_REL_TOLERANCE = 0.02
PERCENT_POINTS = 1.0  # exact percentages agree within one point ("40%" vs "41%"), not 40 vs 55
APPROX_REL = 0.10  # "about", "nearly", "some": ±10 % ("about 100,000" agrees with 95,000)
APPROX_PERCENT_POINTS = 3.0  # "about 40%" agrees with 42%, not with 55%
LOW_CREDIBILITY = 0.4  # publisher credibility below this is "low" (config scale 0..1)
UNKNOWN_CREDIBILITY = 0.5  # stands in for a publisher with no rating, shown as "unknown"
HIGH_SEVERITY_GAP = 0.25  # relative gap between competing figures that makes it "high"
CREDIBLE = 0.6  # publisher credibility from which a side counts as credible for severity
# Weights of the credibility parts; chosen so the publisher rating matters most and a claim with
# a named source, corroborated by two more independent origins, can outweigh an unknown rating.
CREDIBILITY_WEIGHTS = {"publisher": 0.4, "attribution": 0.2, "corroboration": 0.2,
                       "agreement": 0.2}
CORROBORATION_SATURATION = 3  # independent agreeing origins beyond which support stops adding
_CUMULATIVE_RE = re.compile(
    r"\b(since|so far|to date|in total|a total of|cumulative|risen|rose|climbed|increased to|"
    r"and counting|has reached|have reached|now stands|death toll|toll)\b", re.IGNORECASE)
_NOT_CUMULATIVE_KINDS = frozenset({"percent", "rate", "speed", "temperature"})  # shares, levels
_CUMULATIVE_CLASSES = frozenset({"deaths", "injuries", "arrests", "missing"})
_ANONYMOUS_RE = re.compile(r"\b(a source|sources|an official|officials|insiders?|people familiar|"
                           r"anonymous|unnamed)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PublisherFacts:
    """What the config knows about the publisher behind a source."""

    source_id: str
    name: str
    owner: str | None = None
    country: str | None = None
    media_type: str | None = None
    credibility: float | None = None


def facts_from_source(source: Any) -> PublisherFacts:
    """PublisherFacts from a configured `crosscheck.config.Source` (read by attribute)."""
    p = getattr(source, "publisher", None)
    return PublisherFacts(
        source_id=source.id,
        name=getattr(p, "name", None) or getattr(source, "name", source.id),
        owner=getattr(p, "owner", None),
        country=getattr(p, "country", None),
        media_type=getattr(p, "media_type", None),
        credibility=getattr(p, "credibility", None),
    )


@dataclass(frozen=True)
class AssessOptions:
    """Switches for one assessment run."""

    low_credibility: float = LOW_CREDIBILITY
    report_corroborated: bool = True
    report_unsupported: bool = True


# -------------------------------------------------------------------------------------------
# Interval reasoning
# -------------------------------------------------------------------------------------------
def widened(q: Quantity) -> tuple[float, float]:
    """The interval a figure stands for, widened by its qualifier and its kind's tolerance."""
    approx = q.qualifier == "approx"
    if q.unit_kind == "percent":
        pad = APPROX_PERCENT_POINTS if approx else PERCENT_POINTS / 2
        return q.low - pad, q.high + pad
    rel = max(REL_TOLERANCE.get(q.unit_kind, DEFAULT_REL_TOLERANCE) / 2,
              APPROX_REL if approx else 0)
    low = q.low - abs(q.low) * rel if math.isfinite(q.low) else q.low
    high = q.high + abs(q.high) * rel if math.isfinite(q.high) else q.high
    return low, high


def agree(a: Quantity, b: Quantity) -> bool:
    """True when two figures can both be right: their widened intervals overlap."""
    al, ah = widened(a)
    bl, bh = widened(b)
    return al <= bh and bl <= ah


def relative_gap(a: Quantity, b: Quantity) -> float:
    """How far apart two figures are, relative to the larger bound (0 when they overlap)."""
    if a.low > b.high:
        a, b = b, a
    if a.high >= b.low:
        return 0.0
    top = max(abs(b.low), abs(a.high), 1e-12)
    return (b.low - a.high) / top


def is_cumulative(claims: Sequence[Claim]) -> bool:
    """A running count (a toll, exports since a date): it may only grow over time."""
    if any(c.quantity.unit_kind in _NOT_CUMULATIVE_KINDS for c in claims):
        return False
    return any(_CUMULATIVE_RE.search(c.sentence) or measure_class(c) in _CUMULATIVE_CLASSES
               for c in claims)


# -------------------------------------------------------------------------------------------
# Holders: the claims that count, copies folded under their origin
# -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Holder:
    claim: Claim
    origin_key: str
    copies: tuple[str, ...]  # claim ids folded into this one


def origin_claims(claims: Sequence[Claim], articles: Mapping[str, Article],
                  copies: Mapping[str, str]) -> dict[str, str]:
    """Copy claim id → the claim in the origin article that states the same figure."""
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
    out: dict[str, str] = {}
    for c in claims:
        origin = _origin_article(c.article_id, copies)
        if origin == c.article_id:
            continue
        same = [o for o in by_article.get(origin, []) if _same_figure(o.quantity, c.quantity)]
        if same:
            out[c.id] = min(same, key=lambda o: (o.sentence != c.sentence, o.id)).id
    return out


def _origin_article(article_id: str, copies: Mapping[str, str]) -> str:
    seen = {article_id}
    while article_id in copies and copies[article_id] not in seen:
        article_id = copies[article_id]
        seen.add(article_id)
    return article_id


def _same_figure(a: Quantity, b: Quantity) -> bool:
    return (a.low, a.high, a.unit) == (b.low, b.high, b.unit)


def _holders(members: Sequence[Claim], origin_of: Mapping[str, str], ctx: _Context
             ) -> list[_Holder]:
    ids = {c.id for c in members}
    folded: dict[str, list[str]] = {}
    for c in members:
        target = origin_of.get(c.id)
        if target in ids:
            folded.setdefault(target, []).append(c.id)
    return [_Holder(c, ctx.origin_key(c), tuple(sorted(folded.get(c.id, ()))))
            for c in members if origin_of.get(c.id) not in ids]


@dataclass
class _Context:
    articles: Mapping[str, Article]
    publishers: Mapping[str, PublisherFacts]
    copies: Mapping[str, str]
    options: AssessOptions

    def origin_key(self, claim: Claim) -> str:
        return independent_origin(claim.article_id, self.articles, self.copies,
                                  self.publishers).key

    def credibility(self, source_id: str) -> float | None:
        facts = self.publishers.get(source_id)
        return facts.credibility if facts else None

    def name(self, source_id: str) -> str:
        facts = self.publishers.get(source_id)
        return facts.name if facts else source_id


# -------------------------------------------------------------------------------------------
# Findings
# -------------------------------------------------------------------------------------------
def assess(claims: list[Claim], clusters: list[Cluster], articles: dict[str, Article],
           publishers: Mapping[str, PublisherFacts], copies: Mapping[str, str],
           options: AssessOptions | None = None) -> list[Finding]:
    """Findings for every cluster: contradiction, trajectory, unsupported or corroborated."""
    ctx = _Context(articles, publishers, copies, options or AssessOptions())
    by_id = {c.id: c for c in claims}
    origin_of = origin_claims(claims, articles, copies)
    findings: list[Finding] = []
    for cluster in clusters:
        members = [by_id[i] for i in cluster.claim_ids if i in by_id]
        if members:
            findings.extend(assess_cluster(cluster, members, origin_of, ctx))
    return sorted(findings, key=lambda f: (_SEVERITY_ORDER[f.severity], f.kind, f.id))


_SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2, "info": 3}


def assess_cluster(cluster: Cluster, members: Sequence[Claim], origin_of: Mapping[str, str],
                   ctx: _Context) -> list[Finding]:
    """The findings of one cluster (none when there is nothing to say)."""
    holders = _holders(members, origin_of, ctx)
    origins = len({h.origin_key for h in holders})
    conflicts = _conflicts(holders)
    out: list[Finding] = []
    if conflicts:
        growing = _explained_by_growth(conflicts, members)
        kind = "trajectory" if growing else "contradiction"
        out.append(_finding(kind, cluster, members, holders, origins, origin_of, ctx, conflicts))
    unsupported = _unsupported_reason(holders, origins, ctx)
    if unsupported and ctx.options.report_unsupported:
        out.append(_finding("unsupported", cluster, members, holders, origins, origin_of, ctx,
                            conflicts, unsupported))
    elif not conflicts and origins >= 2 and ctx.options.report_corroborated:
        out.append(_finding("corroborated", cluster, members, holders, origins, origin_of, ctx,
                            conflicts))
    return out


def _conflicts(holders: Sequence[_Holder]) -> list[tuple[_Holder, _Holder]]:
    pairs = []
    for i, a in enumerate(holders):
        for b in holders[i + 1:]:
            if not agree(a.claim.quantity, b.claim.quantity):
                pairs.append((a, b))
    return pairs


def _explained_by_growth(conflicts: Sequence[tuple[_Holder, _Holder]],
                         members: Sequence[Claim]) -> bool:
    """Every disagreement is a later, larger figure of a running count."""
    if not is_cumulative(members):
        return False
    for a, b in conflicts:
        da, db = a.claim.as_of, b.claim.as_of
        if da is None or db is None or da == db:
            return False
        early, late = (a, b) if da < db else (b, a)
        if late.claim.quantity.low < early.claim.quantity.low:
            return False
    return True


def _unsupported_reason(holders: Sequence[_Holder], origins: int, ctx: _Context) -> str | None:
    creds = [ctx.credibility(h.claim.source_id) for h in holders]
    if creds and all(c is not None and c < ctx.options.low_credibility for c in creds):
        return "only low-credibility publishers state it"
    if origins == 1 and not any(h.claim.attribution for h in holders):
        return "one independent origin states it and names no source for it"
    return None


# -------------------------------------------------------------------------------------------
# Building a finding: figures, credibility parts, explanation, severity
# -------------------------------------------------------------------------------------------
def _finding(kind: str, cluster: Cluster, members: Sequence[Claim], holders: Sequence[_Holder],
             origins: int, origin_of: Mapping[str, str], ctx: _Context,
             conflicts: Sequence[tuple[_Holder, _Holder]], why: str | None = None) -> Finding:
    groups = figure_groups([h for h in holders])
    details: dict[str, object] = {
        "figures": [_figure(c, ctx) for c in members],
        "origin_of": {c.id: origin_of[c.id] for c in members if c.id in origin_of},
        "credibility": {h.claim.id: credibility_parts(h, holders, ctx) for h in holders},
        "groups": [[h.claim.id for h in g] for g in groups],
        "cumulative": is_cumulative(members),
    }
    if why:
        details["reason"] = why
    return Finding(
        id=stable_id(kind, cluster.id),
        kind=kind,
        severity=_severity(kind, conflicts, holders, ctx, why),
        explanation=_explain(kind, members, groups, origins, ctx, why),
        claim_ids=tuple(c.id for c in members),
        cluster_id=cluster.id,
        independent_origins=origins,
        details=details,
    )


def figure_groups(holders: Sequence[_Holder]) -> list[list[_Holder]]:
    """Holders grouped by figure: each group agrees with its first member, lowest first."""
    groups: list[list[_Holder]] = []
    for h in sorted(holders, key=lambda h: (h.claim.quantity.low, h.claim.quantity.high)):
        for g in groups:
            if all(agree(h.claim.quantity, o.claim.quantity) for o in g):
                g.append(h)
                break
        else:
            groups.append([h])
    return groups


def _bound(value: float) -> float | None:
    return value if math.isfinite(value) else None  # JSON has no infinity: open bound → null


def _figure(c: Claim, ctx: _Context) -> dict[str, object]:
    return {"claim_id": c.id, "source_id": c.source_id, "display": c.quantity.display(),
            "low": _bound(c.quantity.low), "high": _bound(c.quantity.high),
            "unit": c.quantity.unit, "qualifier": c.quantity.qualifier,
            "credibility": ctx.credibility(c.source_id), "attribution": c.attribution,
            "as_of": c.as_of.isoformat() if isinstance(c.as_of, date) else None}


def attribution_strength(attribution: str | None) -> tuple[float, str]:
    """1 for a named source, 0.5 for an anonymous one, 0 for none — with its label."""
    if not attribution:
        return 0.0, "none"
    if _ANONYMOUS_RE.search(attribution):
        return 0.5, f"anonymous ({attribution})"
    return 1.0, f"named ({attribution})"


def credibility_parts(h: _Holder, holders: Sequence[_Holder], ctx: _Context
                      ) -> dict[str, object]:
    """Each part of a claim's credibility with its value and the weighted total."""
    rating = ctx.credibility(h.claim.source_id)
    attr, attr_label = attribution_strength(h.claim.attribution)
    others = {o.origin_key: o for o in holders if o.origin_key != h.origin_key}
    agreeing = [k for k, o in others.items() if agree(o.claim.quantity, h.claim.quantity)]
    agreement = len(agreeing) / len(others) if others else None
    parts = {
        "publisher": rating if rating is not None else UNKNOWN_CREDIBILITY,
        "attribution": attr,
        "corroboration": min(len(agreeing), CORROBORATION_SATURATION) / CORROBORATION_SATURATION,
        "agreement": agreement if agreement is not None else 0.5,
    }
    total = sum(CREDIBILITY_WEIGHTS[k] * v for k, v in parts.items())
    return {
        "publisher": {"value": rating, "label": "unknown" if rating is None else f"{rating:.2f}",
                      "name": ctx.name(h.claim.source_id)},
        "attribution": {"value": attr, "label": attr_label},
        "corroboration": {"value": len(agreeing), "label":
                          f"{len(agreeing)} other independent origin(s) agree"},
        "agreement": {"value": agreement, "label": "no other origin" if agreement is None
                      else f"{len(agreeing)} of {len(others)} other origins agree"},
        "weights": dict(CREDIBILITY_WEIGHTS),
        "score": round(total, 3),
    }


def _severity(kind: str, conflicts: Sequence[tuple[_Holder, _Holder]],
              holders: Sequence[_Holder], ctx: _Context, why: str | None) -> str:
    if kind in ("trajectory", "corroborated"):
        return "info"
    if kind == "unsupported":
        return "medium" if why and "low-credibility" in why else "low"
    gap = max(relative_gap(a.claim.quantity, b.claim.quantity) for a, b in conflicts)
    credible = sum(1 for h in holders if (ctx.credibility(h.claim.source_id) or 0) >= CREDIBLE
                   or h.claim.attribution)
    if gap >= HIGH_SEVERITY_GAP and credible >= 2:
        return "high"
    return "medium" if credible >= 1 else "low"


def _who(c: Claim, ctx: _Context) -> str:
    rating = ctx.credibility(c.source_id)
    cred = "credibility unknown" if rating is None else f"credibility {rating:.2f}"
    said = f", attributed to {c.attribution}" if c.attribution else ", no source named"
    when = f", as of {c.as_of.isoformat()}" if isinstance(c.as_of, date) else ""
    return f"{ctx.name(c.source_id)} ({cred}{said}{when})"


def _subject(members: Sequence[Claim]) -> str:
    c = members[0]
    thing = c.measured or c.quantity.unit or "a figure"
    ents = sorted({e for m in members for e in m.entities})[:4]
    return f"{thing}" + (f" ({', '.join(ents)})" if ents else "")


def _explain(kind: str, members: Sequence[Claim], groups: Sequence[Sequence[_Holder]],
             origins: int, ctx: _Context, why: str | None) -> str:
    subject = _subject(members)
    sides = "; ".join(
        f"{g[0].claim.quantity.display()} from " + ", ".join(_who(h.claim, ctx) for h in g)
        for g in groups)
    count = f"{origins} independent origin(s) among {len(members)} claim(s)"
    if kind == "contradiction":
        return f"Outlets disagree on {subject}: {sides}. {count}."
    if kind == "trajectory":
        return (f"The running count of {subject} grew between reports: {sides}. The figures "
                f"differ because they were reported on different dates — a trajectory, not a "
                f"contradiction. {count}.")
    if kind == "unsupported":
        return f"Unsupported figure on {subject}: {sides}. {why}. {count}."
    return f"Independent outlets agree on {subject}: {sides}. {count}."


__all__ = ["AssessOptions", "PublisherFacts", "agree", "assess", "assess_cluster",
           "attribution_strength", "credibility_parts", "facts_from_source", "figure_groups",
           "is_cumulative", "origin_claims", "relative_gap", "widened"]
