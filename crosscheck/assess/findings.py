"""Building a finding: figures, credibility parts, explanation, severity."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from rapidfuzz import fuzz, utils

from crosscheck.assess.credibility import credibility_parts
from crosscheck.assess.holders import AssessOptions, _Context, _Holder
from crosscheck.assess.intervals import is_cumulative, relative_gap, widened
from crosscheck.claims import COUNTRY_NAMES, subject_entities
from crosscheck.match import Cluster, Features, features
from crosscheck.match.options import _DEFAULT
from crosscheck.match.scoring import _score
from crosscheck.models import Claim, Finding, stable_id

HIGH_SEVERITY_GAP = 0.25  # relative gap between competing figures that makes it "high"
CREDIBLE = 0.6  # publisher credibility from which a side counts as credible for severity
# A contradiction is only "high" when matching is this sure the two figures state one fact
# (pair score; the match threshold is 0.55 — between the two the finding says "medium").
CONFIDENT = 0.65


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
        "cumulative": ctx.of_holders("cumulative", holders,
                                     lambda: is_cumulative([h.claim for h in holders])),
        "conflicts": [[a.claim.id, b.claim.id] for a, b in conflicts],
        "match_confidence": round(match_confidence(conflicts, ctx), 3) if conflicts else None,
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


def match_confidence(conflicts: Sequence[tuple[_Holder, _Holder]],
                     ctx: _Context | None = None) -> float:
    """How sure matching is that the disagreeing claims state one fact (lowest pair score)."""
    if ctx is None:
        ctx = _Context({}, {}, {}, AssessOptions(), {})
    return min((_pair_score(a.claim, b.claim, ctx) for a, b in conflicts), default=1.0)


def _pair_score(a: Claim, b: Claim, ctx: _Context) -> float:
    """`score_pair(a, b, frame similarity)[0]`, with features and processed frames memoized."""
    key = (a.id, b.id)
    score = ctx.pair_scores.get(key)
    if score is None:
        frame = fuzz.token_set_ratio(_frame(a, ctx), _frame(b, ctx)) / 100
        score = _score(_features(a, ctx), _features(b, ctx), frame, _DEFAULT)[0]
        ctx.pair_scores[key] = score
    return score


def _frame(c: Claim, ctx: _Context) -> str:
    text = ctx.frames.get(c.id)
    if text is None:
        text = ctx.frames[c.id] = utils.default_process(c.frame)
    return text


def _features(c: Claim, ctx: _Context) -> Features:
    f = ctx.features.get(c.id)
    if f is None:
        f = ctx.features[c.id] = features(c)
    return f


def _with_copies(h: _Holder, ctx: _Context) -> list[Claim]:
    return [h.claim] + [ctx.claims[c] for c in h.copies if c in ctx.claims]


def figure_groups(holders: Sequence[_Holder]) -> list[list[_Holder]]:
    """Holders grouped by figure: each group agrees with its first member, lowest first."""
    groups: list[list[_Holder]] = []
    spans: list[list[tuple[float, float]]] = []  # each group's widened intervals, computed once
    for h in sorted(holders, key=lambda h: (h.claim.quantity.low, h.claim.quantity.high)):
        lo, hi = widened(h.claim.quantity)
        for g, gs in zip(groups, spans, strict=True):
            if all(lo <= ohi and olo <= hi for olo, ohi in gs):  # `agree` on widened spans
                g.append(h)
                gs.append((lo, hi))
                break
        else:
            groups.append([h])
            spans.append([(lo, hi)])
    return groups


def _bound(value: float) -> float | None:
    return value if math.isfinite(value) else None  # JSON has no infinity: open bound → null


def _figure(c: Claim, ctx: _Context) -> dict[str, object]:
    return {"claim_id": c.id, "source_id": c.source_id, "display": c.quantity.display(),
            "low": _bound(c.quantity.low), "high": _bound(c.quantity.high),
            "unit": c.quantity.unit, "qualifier": c.quantity.qualifier,
            "credibility": ctx.credibility(c.source_id), "attribution": c.attribution,
            "as_of": c.as_of.isoformat() if isinstance(c.as_of, date) else None}


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
    if gap >= HIGH_SEVERITY_GAP and credible >= 2 and match_confidence(conflicts, ctx) >= CONFIDENT:
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
