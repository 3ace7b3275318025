"""Decide what a reviewer must see: contradictions, revisions, unsupported figures, trajectories.

Figures are intervals ("more than", "about" and the rounding of reporting decide how wide); two
claims of one fact conflict when their intervals cannot both hold at one moment. Time decides
the rest: a running total that grows is a trajectory, an authority replacing its figure is a
revision. Copies count once under their origin and outlets with one owner are one origin, so a
figure only one origin states, with nobody named as its source, may be unsupported. Each
claim's credibility is shown as its parts, not one opaque number.

Modules, in reading order: `intervals` (what a figure stands for), `timing` (when two claims
are of one moment), `holders` (publisher facts, copies folded under their origin), `pairs`
(does a pair conflict, and why), `credibility`, `findings` (building one finding) and `stage`
(the stage itself).
"""

from __future__ import annotations

from crosscheck.assess.credibility import (
    CORROBORATION_SATURATION,
    CREDIBILITY_WEIGHTS,
    UNKNOWN_CREDIBILITY,
    attribution_strength,
    credibility_parts,
)
from crosscheck.assess.findings import figure_groups
from crosscheck.assess.holders import (
    LOW_CREDIBILITY,
    AssessContext,
    AssessOptions,
    Holder,
    PublisherFacts,
    facts_from_source,
    holders_of,
    origin_claims,
)
from crosscheck.assess.intervals import agree, is_vague, relative_gap, widened
from crosscheck.assess.pairs import Revision, judge, same_authority
from crosscheck.assess.stage import assess, assess_fact, find_revisions, finding_order
from crosscheck.assess.timing import is_cumulative, timing

__all__ = ["CORROBORATION_SATURATION", "CREDIBILITY_WEIGHTS", "LOW_CREDIBILITY",
           "UNKNOWN_CREDIBILITY", "AssessContext", "AssessOptions", "Holder", "PublisherFacts",
           "Revision", "agree", "assess", "assess_fact", "attribution_strength",
           "credibility_parts", "facts_from_source", "figure_groups", "find_revisions",
           "finding_order",
           "holders_of", "is_cumulative", "is_vague", "judge", "origin_claims", "relative_gap",
           "same_authority", "timing", "widened"]
