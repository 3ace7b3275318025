"""Building a finding: its claims, figures, the slots that matched, why it fired, severity."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date

from crosscheck.assess.credibility import Agreement, credibility_parts
from crosscheck.assess.holders import AssessContext, Holder
from crosscheck.assess.intervals import agree, relative_gap, widened
from crosscheck.match import describe_key
from crosscheck.models import Claim, Finding, stable_id

HIGH_SEVERITY_GAP = 0.25  # relative gap between competing figures that makes it "high"
CREDIBLE = 0.6  # publisher credibility from which a side counts as credible for severity
_SLOT_NAMES = ("measure", "subject", "partner", "period", "scope", "modality", "event")
# What a slot the article lent says of where it came from, when not from the article's lead.
_LENT = {"event": " (the article's only recent event)"}


def figure_groups(holders: Sequence[Holder]) -> list[list[Holder]]:
    """Holders grouped by figure, lowest first: every two members of a group agree.

    Intervals that meet pairwise share a point (one dimension), so a group is kept as the
    intersection of its members' intervals and a figure joins the first group it meets.
    """
    groups: list[list[Holder]] = []
    common: list[tuple[float, float]] = []
    for h in sorted(holders, key=lambda h: (*widened(h.claim.quantity)[:2], h.claim.id)):
        lo, hi, lo_open, hi_open = widened(h.claim.quantity)
        for g, (glo, ghi) in zip(groups, common, strict=True):
            if lo <= ghi and glo <= hi and all(agree(h.claim.quantity, o.claim.quantity)
                                               for o in g[-GROUP_CHECK:]):
                g.append(h)
                common[groups.index(g)] = (max(glo, lo), min(ghi, hi))
                break
        else:
            groups.append([h])
            common.append((lo, hi))
    return groups


GROUP_CHECK = 3  # members a figure is checked against exactly (open ends), past the intersection


def matched_slots(claims: Sequence[Claim]) -> dict[str, str]:
    """The slots the claims share, as a reviewer reads them (value and words of the first)."""
    first = claims[0].slots
    if first is None:
        return {}
    out = {}
    for name in _SLOT_NAMES:
        slot = getattr(first, name)
        if slot.read and slot.value:
            values = {getattr(c.slots, name).value for c in claims if c.slots}
            shown = slot.value if len(values) == 1 else " / ".join(sorted(values))
            where = _LENT.get(name, " (from the article's lead)") \
                if slot.origin == "article" else ""
            out[name] = f"{shown}{where}"
    out["kind"] = f"{first.change}{', per ' + first.rate if first.rate else ''}"
    return out


def build(kind: str, key: str, anchor: str, holders: Sequence[Holder], ctx: AssessContext,
          why: str, conflicts: Sequence[tuple[Holder, Holder, str]] = (),
          extra: Mapping[str, object] | None = None, severity: str | None = None) -> Finding:
    """One finding about `holders` (copies included in its claims)."""
    members = [m for h in holders for m in _with_copies(h, ctx)]
    groups = figure_groups(holders)
    origins = len({h.origin_key for h in holders})
    agreement = Agreement(holders)
    details: dict[str, object] = {
        "figures": [_figure(c, ctx) for c in members],
        "origin_of": {m.id: h.claim.id for h in holders for m in _with_copies(h, ctx)[1:]},
        "credibility": {h.claim.id: credibility_parts(h, holders, ctx, agreement)
                        for h in holders},
        "groups": [[h.claim.id for h in g] for g in groups],
        "slots": matched_slots([h.claim for h in holders]),
        "fact": describe_key(key) if key else "",
        "reason": why,
        "conflicts": [[a.claim.id, b.claim.id, r] for a, b, r in conflicts],
    }
    details.update(extra or {})
    return Finding(
        id=stable_id(kind, key or anchor, anchor),
        kind=kind,
        severity=severity or _severity(kind, holders, conflicts, ctx),
        explanation=_explain(kind, holders, groups, origins, ctx, why, details),
        claim_ids=tuple(c.id for c in members),
        cluster_id=stable_id("fact", key) if key else stable_id("cluster", anchor),
        independent_origins=origins,
        details=details,
    )


def _with_copies(h: Holder, ctx: AssessContext) -> list[Claim]:
    return [h.claim] + [ctx.claims[c] for c in h.copies if c in ctx.claims]


def _bound(value: float) -> float | None:
    return value if math.isfinite(value) else None  # JSON has no infinity: open bound → null


def _figure(c: Claim, ctx: AssessContext) -> dict[str, object]:
    return {"claim_id": c.id, "source_id": c.source_id, "display": c.quantity.display(),
            "low": _bound(c.quantity.low), "high": _bound(c.quantity.high),
            "unit": c.quantity.unit, "qualifier": c.quantity.qualifier,
            "credibility": ctx.credibility(c.source_id), "attribution": c.attribution,
            "as_of": c.as_of.isoformat() if isinstance(c.as_of, date) else None}


def _severity(kind: str, holders: Sequence[Holder],
              conflicts: Sequence[tuple[Holder, Holder, str]], ctx: AssessContext) -> str:
    if kind in ("trajectory", "corroborated"):
        return "info"
    if kind == "revision":
        return "low"
    if kind == "unsupported":
        low_only = all((ctx.credibility(h.claim.source_id) or 1.0) < ctx.options.low_credibility
                       for h in holders)
        return "medium" if low_only or conflicts else "low"
    gap = max((relative_gap(a.claim.quantity, b.claim.quantity) for a, b, _ in conflicts),
              default=0.0)
    credible = sum(1 for h in holders if (ctx.credibility(h.claim.source_id) or 0) >= CREDIBLE
                   or h.claim.attribution)
    if gap >= HIGH_SEVERITY_GAP and credible >= 2:
        return "high"
    return "medium" if credible >= 1 else "low"


def who(c: Claim, ctx: AssessContext) -> str:
    """'UPI (credibility 0.75, attributed to X, as of 2023-01-02)'."""
    rating = ctx.credibility(c.source_id)
    cred = "credibility unknown" if rating is None else f"credibility {rating:.2f}"
    said = f", attributed to {c.attribution}" if c.attribution else ", no source named"
    when = f", as of {c.as_of.isoformat()}" if isinstance(c.as_of, date) else ""
    return f"{ctx.name(c.source_id)} ({cred}{said}{when})"


def subject_line(holders: Sequence[Holder]) -> str:
    """What the claims are about: measure, subject and period, from their slots."""
    s = holders[0].claim.slots
    if s is None or not s.measure.read:
        c = holders[0].claim
        return c.measured or c.quantity.unit or "a figure"
    words = s.measure.value
    if s.subject.read:
        words += f" ({s.subject.value})"
    if s.period.read:
        words += f", {s.period.value}"
    if s.scope.value:
        words += f", {s.scope.value}"
    return words


def _explain(kind: str, holders: Sequence[Holder], groups: Sequence[Sequence[Holder]],
             origins: int, ctx: AssessContext, why: str, details: dict[str, object]) -> str:
    subject = subject_line(holders)
    sides = "; ".join(
        f"{g[0].claim.quantity.display()} from " + ", ".join(who(h.claim, ctx) for h in g)
        for g in groups)
    count = f"{origins} independent origin(s) among {len(holders)} claim(s)"
    slots = details.get("slots") or {}
    matched = "; ".join(f"{k}: {v}" for k, v in slots.items()) if isinstance(slots, dict) else ""
    if kind == "contradiction":
        return (f"Outlets disagree on {subject}: {sides}. Why: {why}. Same fact because the "
                f"slots match ({matched}). {count}.")
    if kind == "revision":
        return f"Revised figure for {subject}: {why}. {count}."
    if kind == "trajectory":
        return (f"The running count of {subject} grew between reports: {sides}. The figures "
                f"differ because they were reported on different dates — a trajectory, not a "
                f"contradiction. {count}.")
    if kind == "unsupported":
        return f"Unsupported figure on {subject}: {sides}. {why}. {count}."
    return f"Independent outlets agree on {subject}: {sides}. {count}."
