"""Tuned numbers of matching and the options object that carries them."""

from __future__ import annotations

from dataclasses import dataclass

# Tuned on benchmarks/data/matching_pairs.yaml (92 passages, 50 facts, 4,186 labelled pairs) with
# `python benchmarks/matching.py --sweep`: thresholds 0.45–0.65 with average-link 0.45–0.55
# form a plateau at pairwise F1 0.92 (0.55/0.55: P 0.896, R 0.945); average-link 0.35 lets
# chains through (P 0.70–0.75). The held-out set (matching_pairs_holdout.yaml, 33 passages)
# scored F1 0.76 before the last measured-phrase fixes and 0.97 after (see the final report).
MATCH_THRESHOLD = 0.55  # combined score a pair needs to be called the same claim
CLUSTER_AVERAGE_MIN = 0.55  # mean score between two clusters (unscored pairs count 0) to merge
PRUNE_CUTOFF = 35  # token_set_ratio on frames below which a pair is not scored at all
# Pairs whose vectorized score estimate is this far under the threshold are not scored one by
# one: they could not link, and in an average they would count little (unscored pairs count 0).
PRUNE_MARGIN = 0.15
FRAME_WEIGHT = 0.40
MEASURED_WEIGHT = 0.35
ENTITY_WEIGHT = 0.25
NEUTRAL = 0.5  # similarity used when one side gives nothing to compare
PRECISE_DIGITS = 3  # significant digits from which a figure is specific (719,549; 26.3 million)
PRECISE_REL = 0.01  # two specific figures this close are very likely the same report
PRECISE_VALUE_BONUS = 0.15  # added to the score of such a pair
MEASURED_CLASH = 0.4  # measured similarity under which two specific phrases name two things
MEASURED_CLASH_PENALTY = 0.15
SAME_CLASS_MEASURED = 1.0  # measured similarity when both name the same measure class
SAME_THING_MEASURED = 0.8  # ... when both count the same class of thing
NO_SHARED_COUNTRY_PENALTY = 0.25  # both name countries, none in common: another country's figure
# Blocks larger than this are split by measured head word and entity before the all-pairs
# comparison: 1,000² frame pairs take about a second on one core of this machine.
MAX_BLOCK_ALL_PAIRS = 1000
MAX_SPLIT_DEPTH = 3  # a part still too large is split on a second and a third key, no further
# Partners each claim keeps among a block part's later claims, best score estimate first: the
# scored pairs, and with them scoring and clustering, grow linearly in the claims instead of
# with the square of the largest block. Chosen on the benchmarks/pipeline.py corpus of 5,000
# articles against its generator's story labels: 200 keeps recall (0.926, all pairs 0.919);
# 100 and 50 lose some (0.918, 0.884). Below 200 candidates a claim is scored as before.
MAX_CANDIDATES = 200


@dataclass(frozen=True)
class MatchOptions:
    """Tuned numbers of one matching run (defaults: the module constants)."""

    threshold: float = MATCH_THRESHOLD
    cluster_average_min: float = CLUSTER_AVERAGE_MIN
    prune_cutoff: int = PRUNE_CUTOFF
    frame_weight: float = FRAME_WEIGHT
    measured_weight: float = MEASURED_WEIGHT
    entity_weight: float = ENTITY_WEIGHT
    no_shared_country_penalty: float = NO_SHARED_COUNTRY_PENALTY
    precise_value_bonus: float = PRECISE_VALUE_BONUS
    measured_clash_penalty: float = MEASURED_CLASH_PENALTY


_DEFAULT = MatchOptions()
