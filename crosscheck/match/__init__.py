"""Find the same claim across outlets: block, score, cluster — with the reason on every link.

Claims are blocked by what their figures can be compared on (unit kind and unit, a change vs a
level, a rate period); inside a block, frames are compared all-against-all with rapidfuzz
`process.cdist` on every core, pairs below a cheap cut-off are dropped, and the survivors are scored
on frame text, measured thing and entity overlap. Clusters grow by average link over the scored
pairs, so one loose pair cannot chain two different facts together.

Modules, in reading order: `options` (tuned numbers), `measures` (what a figure measures,
incompatibilities), `candidates` (blocking, pruning), `scoring` (pair score and reason),
and `cluster` (average link, the stage itself).
"""

from __future__ import annotations

from crosscheck.match.candidates import candidate_pairs
from crosscheck.match.cluster import (
    IDENTICAL_REASON,
    Cluster,
    Link,
    clusters_by_claim,
    in_claim_order,
    match_claims,
    match_parts,
)
from crosscheck.match.measures import (
    Features,
    block_key,
    features,
    incompatibility,
    measure_class,
    period_year,
    rate_period,
    thing_classes,
)
from crosscheck.match.options import (
    CLUSTER_AVERAGE_MIN,
    ENTITY_WEIGHT,
    FRAME_WEIGHT,
    MATCH_THRESHOLD,
    MAX_BLOCK_ALL_PAIRS,
    MAX_CANDIDATES,
    MAX_SPLIT_DEPTH,
    MEASURED_CLASH,
    MEASURED_CLASH_PENALTY,
    MEASURED_WEIGHT,
    NEUTRAL,
    NO_SHARED_COUNTRY_PENALTY,
    PRECISE_DIGITS,
    PRECISE_REL,
    PRECISE_VALUE_BONUS,
    PRUNE_CUTOFF,
    PRUNE_MARGIN,
    SAME_CLASS_MEASURED,
    SAME_THING_MEASURED,
    MatchOptions,
)
from crosscheck.match.scoring import score_pair

__all__ = ["Cluster", "Features", "Link", "MatchOptions", "block_key", "candidate_pairs",
           "clusters_by_claim", "features", "in_claim_order", "incompatibility", "match_claims",
           "match_parts", "measure_class",
           "period_year", "rate_period", "score_pair", "thing_classes",
           # tuned constants, importable from here as before the split
           "CLUSTER_AVERAGE_MIN", "ENTITY_WEIGHT", "FRAME_WEIGHT", "IDENTICAL_REASON",
           "MATCH_THRESHOLD", "MAX_BLOCK_ALL_PAIRS", "MAX_CANDIDATES", "MAX_SPLIT_DEPTH",
           "MEASURED_CLASH", "MEASURED_CLASH_PENALTY",
           "MEASURED_WEIGHT", "NEUTRAL", "NO_SHARED_COUNTRY_PENALTY", "PRECISE_DIGITS",
           "PRECISE_REL", "PRECISE_VALUE_BONUS", "PRUNE_CUTOFF", "PRUNE_MARGIN",
           "SAME_CLASS_MEASURED", "SAME_THING_MEASURED"]
