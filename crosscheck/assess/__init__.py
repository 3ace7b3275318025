"""Decide what a reviewer must see: contradictions, unsupported figures, trajectories.

Figures are intervals: a qualifier ("more than", "about") and a tolerance per unit kind widen them,
and two figures agree when their widened intervals overlap. A cluster whose figures do not all
agree is a contradiction — unless the figure is a running count that grew between the dates the
outlets reported it, which is a trajectory. Copies count once under their origin and outlets with
one owner are one origin, so a figure only one origin states, with nobody named as its source, is
unsupported. Each claim's credibility is shown as its parts, not one opaque number.

Modules, in reading order: `intervals` (widened figures, agreement, running counts),
`holders` (publisher facts, options, copies folded under their origin), `credibility`,
`findings` (one finding: figures, explanation, severity) and `verdicts` (the stage).
"""

from __future__ import annotations

from crosscheck.assess.credibility import (
    CORROBORATION_SATURATION,
    CREDIBILITY_WEIGHTS,
    UNKNOWN_CREDIBILITY,
    attribution_strength,
    credibility_parts,
)
from crosscheck.assess.findings import (
    CONFIDENT,
    CREDIBLE,
    HIGH_SEVERITY_GAP,
    figure_groups,
    match_confidence,
)
from crosscheck.assess.holders import (
    LOW_CREDIBILITY,
    AssessOptions,
    PublisherFacts,
    facts_from_source,
    origin_claims,
)
from crosscheck.assess.intervals import (
    APPROX_PERCENT_POINTS,
    APPROX_REL,
    DEFAULT_REL_TOLERANCE,
    PERCENT_POINTS,
    REL_TOLERANCE,
    agree,
    is_cumulative,
    is_vague,
    relative_gap,
    widened,
)
from crosscheck.assess.verdicts import LONG_GAP_DAYS, assess, assess_cluster

__all__ = ["AssessOptions", "PublisherFacts", "agree", "assess", "assess_cluster",
           "attribution_strength", "credibility_parts", "facts_from_source", "figure_groups",
           "is_cumulative", "is_vague", "origin_claims", "relative_gap", "widened",
           # tuned constants and helpers, importable from here as before the split
           "APPROX_PERCENT_POINTS", "APPROX_REL", "CONFIDENT", "CORROBORATION_SATURATION",
           "CREDIBILITY_WEIGHTS", "CREDIBLE", "DEFAULT_REL_TOLERANCE", "HIGH_SEVERITY_GAP",
           "LONG_GAP_DAYS", "LOW_CREDIBILITY", "PERCENT_POINTS", "REL_TOLERANCE",
           "UNKNOWN_CREDIBILITY", "match_confidence"]
