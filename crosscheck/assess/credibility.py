"""Credibility shown as its parts: publisher rating, attribution, corroboration, agreement."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from crosscheck.assess.holders import AssessContext, Holder
from crosscheck.assess.intervals import AgreeKey, agree, agree_key

UNKNOWN_CREDIBILITY = 0.5  # stands in for a publisher with no rating, shown as "unknown"

# Weights of the credibility parts; chosen so the publisher rating matters most and a claim with
# a named source, corroborated by two more independent origins, can outweigh an unknown rating.
CREDIBILITY_WEIGHTS = {"publisher": 0.4, "attribution": 0.2, "corroboration": 0.2,
                       "agreement": 0.2}
CORROBORATION_SATURATION = 3  # independent agreeing origins beyond which support stops adding

# "a source", "officials", "a defector", "one diplomat": nobody the reader can check.
_ANONYMOUS_RE = re.compile(r"\b(a source|sources|an official|officials|insiders?|people familiar|"
                           r"reports|anonymous|unnamed|(?:eye)?witness(?:es)?|residents|locals|"
                           r"bystanders)\b|^(?:a|an|one|some|several)\s+[a-z]",
                           re.IGNORECASE)


# Bodies named without a capital letter still name someone ("the health ministry").
_BODY_RE = re.compile(r"\b(?:ministry|ministries|office|agency|committee|department|government|"
                      r"authorities|commission|council|bureau|police|army|military|institute|"
                      r"centre|center|service|court|bank|company|operator|governor|mayor|"
                      r"minister|spokes\w+|president|coast guard)\b", re.IGNORECASE)


def strength(h: Holder, ctx: AssessContext) -> float:
    """A claim's weight when deciding which side of a conflict is weaker: source plus rating."""
    rating = ctx.credibility(h.claim.source_id)
    return attribution_strength(h.claim.attribution)[0] + (
        UNKNOWN_CREDIBILITY if rating is None else rating)


class Agreement:
    """Per holder of one finding: (other origins whose figure agrees with its figure, other
    origins), each origin standing as its last holder. The origins' table is built once per
    finding and the origins agreeing with a figure found once per figure, not once per claim:
    a fact told by thousands of claims repeats a few figures."""

    def __init__(self, holders: Sequence[Holder]) -> None:
        self.reps = {o.origin_key: o for o in holders}
        self.by_figure: dict[AgreeKey, set[str]] = {}

    def __call__(self, h: Holder) -> tuple[int, int]:
        q = h.claim.quantity
        key = agree_key(q)
        found = self.by_figure.get(key)
        if found is None:
            found = {k for k, o in self.reps.items() if agree(o.claim.quantity, q)}
            self.by_figure[key] = found
        others = len(self.reps) - (h.origin_key in self.reps)
        return len(found) - (h.origin_key in found), others


@lru_cache(maxsize=65536)
def attribution_strength(attribution: str | None) -> tuple[float, str]:
    """1 for a named source, 0.5 for an anonymous one, 0 for none — with its label."""
    if not attribution:
        return 0.0, "none"
    if _ANONYMOUS_RE.search(attribution) or not (
            any(w[:1].isupper() for w in attribution.split()) or _BODY_RE.search(attribution)):
        return 0.5, f"anonymous ({attribution})"  # "a defector": nobody the reader can check
    return 1.0, f"named ({attribution})"


def credibility_parts(h: Holder, holders: Sequence[Holder], ctx: AssessContext,
                      agreement_of: Agreement | None = None) -> dict[str, object]:
    """Each part of a claim's credibility with its value and the weighted total
    (`agreement_of`: the Agreement of `holders`, when several of them are asked)."""
    rating = ctx.credibility(h.claim.source_id)
    attr, attr_label = attribution_strength(h.claim.attribution)
    agreeing, others = (agreement_of or Agreement(holders))(h)
    agreement = agreeing / others if others else None
    parts = {
        "publisher": rating if rating is not None else UNKNOWN_CREDIBILITY,
        "attribution": attr,
        "corroboration": min(agreeing, CORROBORATION_SATURATION) / CORROBORATION_SATURATION,
        "agreement": agreement if agreement is not None else 0.5,
    }
    total = sum(CREDIBILITY_WEIGHTS[k] * v for k, v in parts.items())
    return {
        "publisher": {"value": rating, "label": "unknown" if rating is None else f"{rating:.2f}",
                      "name": ctx.name(h.claim.source_id)},
        "attribution": {"value": attr, "label": attr_label},
        "corroboration": {"value": agreeing, "label":
                          f"{agreeing} other independent origin(s) agree"},
        "agreement": {"value": agreement, "label": "no other origin" if agreement is None
                      else f"{agreeing} of {others} other origins agree"},
        "weights": dict(CREDIBILITY_WEIGHTS),
        "score": round(total, 3),
    }
