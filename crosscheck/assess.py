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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import fuzz, utils

from crosscheck.claims import COUNTRY_NAMES, subject_entities
from crosscheck.independence import independent_origin
from crosscheck.match import Cluster, measure_class, score_pair
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
# Figures of a count, mass or sum this many days apart, the later one larger, are a change over
# time even without a word like "so far" (grain shipped: 33 ships in Aug 2022, 1,000 in Jul 2023).
LONG_GAP_DAYS = 30
_GROWING_KINDS = frozenset({"count", "mass", "volume", "currency"})
HIGH_SEVERITY_GAP = 0.25  # relative gap between competing figures that makes it "high"
CREDIBLE = 0.6  # publisher credibility from which a side counts as credible for severity
# A contradiction is only "high" when matching is this sure the two figures state one fact
# (pair score; the match threshold is 0.55 — between the two the finding says "medium").
CONFIDENT = 0.65
# Weights of the credibility parts; chosen so the publisher rating matters most and a claim with
# a named source, corroborated by two more independent origins, can outweigh an unknown rating.
CREDIBILITY_WEIGHTS = {"publisher": 0.4, "attribution": 0.2, "corroboration": 0.2,
                       "agreement": 0.2}
CORROBORATION_SATURATION = 3  # independent agreeing origins beyond which support stops adding
_CUMULATIVE_RE = re.compile(
    r"\b(since|so far|to date|in total|in all|a total of|cumulative|risen|rose|climbed|"
    r"increased to|"
    r"and counting|has reached|have reached|now stands|death toll|toll)\b", re.IGNORECASE)
_NOT_CUMULATIVE_KINDS = frozenset({"percent", "rate", "speed", "temperature"})  # shares, levels
_CUMULATIVE_CLASSES = frozenset({"deaths", "injuries", "arrests", "missing"})
_VAGUE_RE = re.compile(r"(?:(?:about|some|over|nearly|more than|several)\s+)?"
                       r"(?:dozens|scores|hundreds|thousands|millions|billions|tens|several|"
                       r"a few|many|numerous)\b", re.IGNORECASE)
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
    claims: Mapping[str, Claim]

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
    by_id = {c.id: c for c in claims}
    ctx = _Context(articles, publishers, copies, options or AssessOptions(), by_id)
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
    cumulative = is_cumulative(members)
    conflicts = _conflicts(holders)
    unexplained = [p for p in conflicts if not _grew(p, cumulative)]
    explained = [p for p in conflicts if _grew(p, cumulative)]
    out: list[Finding] = []
    if unexplained:
        outliers = _outliers(holders, unexplained, ctx)
        rest = [h for h in holders if h not in outliers]
        growing = [(a, b) for a, b in explained if a in rest and b in rest]
        out.append(_finding("contradiction", cluster, holders, holders, origin_of, ctx,
                            unexplained, outliers=outliers, growing=bool(outliers and growing)))
        if outliers and growing:
            out.append(_finding("trajectory", cluster, rest, holders, origin_of, ctx, growing))
    elif explained:
        out.append(_finding("trajectory", cluster, holders, holders, origin_of, ctx, explained))
    contested = {id(h) for pair in unexplained for h in pair}
    out.extend(_group_findings(cluster, holders, origin_of, ctx, contested))
    return out


def _group_findings(cluster: Cluster, holders: Sequence[_Holder], origin_of: Mapping[str, str],
                    ctx: _Context, contested_ids: set[int]) -> list[Finding]:
    """Unsupported or corroborated, judged for each figure the cluster's outlets state."""
    out: list[Finding] = []
    for group in figure_groups(holders):
        why = _unsupported_reason(group, ctx)
        origins = len({h.origin_key for h in group})
        contradicted = any(id(h) in contested_ids for h in group)
        if why and ctx.options.report_unsupported:
            if contradicted:
                why += "; other outlets state a different figure"
            out.append(_finding("unsupported", cluster, group, holders, origin_of, ctx, [], why,
                                contested=contradicted))
        elif not why and origins >= 2 and not contradicted and ctx.options.report_corroborated:
            out.append(_finding("corroborated", cluster, group, holders, origin_of, ctx, []))
    return out


def _conflicts(holders: Sequence[_Holder]) -> list[tuple[_Holder, _Holder]]:
    """Pairs whose figures cannot both be right; vague figures ("dozens") never conflict."""
    pairs = []
    for i, a in enumerate(holders):
        for b in holders[i + 1:]:
            if is_vague(a.claim.quantity) or is_vague(b.claim.quantity):
                continue
            if not agree(a.claim.quantity, b.claim.quantity):
                pairs.append((a, b))
    return pairs


def is_vague(q: Quantity) -> bool:
    """"Dozens", "hundreds of", "tens of thousands": too loose to contradict anything."""
    return bool(_VAGUE_RE.match(q.surface.strip()))


def _grew(pair: tuple[_Holder, _Holder], cumulative: bool) -> bool:
    """The later of two disagreeing figures is the larger: a count that grew, not a conflict."""
    a, b = pair
    da, db = a.claim.as_of, b.claim.as_of
    if da is None or db is None or da == db:
        return False
    early, late = (a, b) if da < db else (b, a)
    if late.claim.quantity.low < early.claim.quantity.low:
        return False
    if cumulative:
        return True
    kind = a.claim.quantity.unit_kind
    return kind in _GROWING_KINDS and abs((db - da).days) >= LONG_GAP_DAYS


def _outliers(holders: Sequence[_Holder], unexplained: Sequence[tuple[_Holder, _Holder]],
              ctx: _Context) -> list[_Holder]:
    """The few figures that cause every unexplained conflict (weakest first), or none."""
    left = list(unexplained)
    out: list[_Holder] = []
    while left:
        counts: dict[int, int] = {}
        for a, b in left:
            counts[id(a)] = counts.get(id(a), 0) + 1
            counts[id(b)] = counts.get(id(b), 0) + 1
        worst = max((h for h in holders if id(h) in counts),
                    key=lambda h: (counts[id(h)], -_strength(h, ctx)))
        out.append(worst)
        left = [(a, b) for a, b in left if a is not worst and b is not worst]
    return out if len(out) * 2 < len(holders) else []


def _strength(h: _Holder, ctx: _Context) -> float:
    rating = ctx.credibility(h.claim.source_id)
    return attribution_strength(h.claim.attribution)[0] + (
        UNKNOWN_CREDIBILITY if rating is None else rating)


def _unsupported_reason(group: Sequence[_Holder], ctx: _Context) -> str | None:
    creds = [ctx.credibility(h.claim.source_id) for h in group]
    if creds and all(c is not None and c < ctx.options.low_credibility for c in creds):
        return "only low-credibility publishers state it"
    if len({h.origin_key for h in group}) == 1 and not any(h.claim.attribution for h in group):
        return "one independent origin states it and names no source for it"
    return None


# -------------------------------------------------------------------------------------------
# Building a finding: figures, credibility parts, explanation, severity
# -------------------------------------------------------------------------------------------
def _finding(kind: str, cluster: Cluster, scope: Sequence[_Holder], holders: Sequence[_Holder],
             origin_of: Mapping[str, str], ctx: _Context,
             conflicts: Sequence[tuple[_Holder, _Holder]], why: str | None = None,
             outliers: Sequence[_Holder] = (), contested: bool = False,
             growing: bool = False) -> Finding:
    """One finding about `scope` (the whole cluster or one of its figures)."""
    members = [m for h in scope for m in _with_copies(h, ctx)]
    groups = figure_groups(scope)
    origins = len({h.origin_key for h in scope})
    details: dict[str, object] = {
        "figures": [_figure(c, ctx) for c in members],
        "origin_of": {c.id: origin_of[c.id] for c in members if c.id in origin_of},
        "credibility": {h.claim.id: credibility_parts(h, holders, ctx) for h in scope},
        "groups": [[h.claim.id for h in g] for g in groups],
        "cumulative": is_cumulative([h.claim for h in holders]),
        "conflicts": [[a.claim.id, b.claim.id] for a, b in conflicts],
        "match_confidence": round(match_confidence(conflicts), 3) if conflicts else None,
    }
    if why:
        details["reason"] = why
    if outliers:
        details["outliers"] = [h.claim.id for h in outliers]
    whole = len(scope) == len(holders)
    ids = sorted(c.id for c in members)
    return Finding(
        id=stable_id(kind, cluster.id) if whole else stable_id(kind, cluster.id, *ids),
        kind=kind,
        severity=_severity(kind, conflicts, scope, ctx, why, contested),
        explanation=_explain(kind, members, groups, origins, ctx, why, outliers, growing)
        + _confidence_note(kind, details["match_confidence"]),
        claim_ids=tuple(c.id for c in members),
        cluster_id=cluster.id,
        independent_origins=origins,
        details=details,
    )


def match_confidence(conflicts: Sequence[tuple[_Holder, _Holder]]) -> float:
    """How sure matching is that the disagreeing claims state one fact (lowest pair score)."""
    scores = []
    for a, b in conflicts:
        frame = fuzz.token_set_ratio(a.claim.frame, b.claim.frame,
                                     processor=utils.default_process) / 100
        scores.append(score_pair(a.claim, b.claim, frame)[0])
    return min(scores, default=1.0)


def _with_copies(h: _Holder, ctx: _Context) -> list[Claim]:
    return [h.claim] + [ctx.claims[c] for c in h.copies if c in ctx.claims]


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
              holders: Sequence[_Holder], ctx: _Context, why: str | None,
              contested: bool = False) -> str:
    if kind in ("trajectory", "corroborated"):
        return "info"
    if kind == "unsupported":
        low_only = all((ctx.credibility(h.claim.source_id) or 1.0) < ctx.options.low_credibility
                       for h in holders)
        return "medium" if low_only or contested else "low"
    gap = max(relative_gap(a.claim.quantity, b.claim.quantity) for a, b in conflicts)
    credible = sum(1 for h in holders if (ctx.credibility(h.claim.source_id) or 0) >= CREDIBLE
                   or h.claim.attribution)
    if gap >= HIGH_SEVERITY_GAP and credible >= 2 and match_confidence(conflicts) >= CONFIDENT:
        return "high"
    return "medium" if credible >= 1 else "low"


def _who(c: Claim, ctx: _Context) -> str:
    rating = ctx.credibility(c.source_id)
    cred = "credibility unknown" if rating is None else f"credibility {rating:.2f}"
    said = f", attributed to {c.attribution}" if c.attribution else ", no source named"
    when = f", as of {c.as_of.isoformat()}" if isinstance(c.as_of, date) else ""
    return f"{ctx.name(c.source_id)} ({cred}{said}{when})"


def _subject(members: Sequence[Claim]) -> str:
    """What the claims are about: the most common measured thing and the shared entities."""
    things = Counter(c.measured for c in members if c.measured)
    thing = things.most_common(1)[0][0] if things else members[0].quantity.unit or "a figure"
    counts = Counter(e for c in members for e in set(subject_entities(c.entities, c.attribution)))
    ents = sorted((e for e, n in counts.items() if n * 2 >= len(members)),
                  key=lambda e: (-counts[e], e not in COUNTRY_NAMES, e))[:4]
    return f"{thing}" + (f" ({', '.join(ents)})" if ents else "")


def _confidence_note(kind: str, confidence: object) -> str:
    if kind != "contradiction" or not isinstance(confidence, float) or confidence >= CONFIDENT:
        return ""
    return (f" The figures were matched with moderate confidence ({confidence:.2f}): check that "
            f"they describe the same thing before calling it a contradiction.")


def _explain(kind: str, members: Sequence[Claim], groups: Sequence[Sequence[_Holder]],
             origins: int, ctx: _Context, why: str | None, outliers: Sequence[_Holder] = (),
             growing: bool = False) -> str:
    subject = _subject(members)
    sides = "; ".join(
        f"{g[0].claim.quantity.display()} from " + ", ".join(_who(h.claim, ctx) for h in g)
        for g in groups)
    count = f"{origins} independent origin(s) among {len(members)} claim(s)"
    if kind == "contradiction" and outliers:
        odd = ", ".join(f"{h.claim.quantity.display()} ({ctx.name(h.claim.source_id)})"
                        for h in outliers)
        rest = ("; the other figures differ only as a count growing over time" if growing
                else "")
        return (f"Outlets disagree on {subject}: {sides}. The conflict comes from {odd}{rest}. "
                f"{count}.")
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
           "is_cumulative", "is_vague", "origin_claims", "relative_gap", "widened"]
