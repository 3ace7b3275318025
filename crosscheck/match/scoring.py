"""Pair scores from frame, measured thing and entities, with the reason a reviewer reads."""

from __future__ import annotations

from rapidfuzz import fuzz

from crosscheck.match.measures import Features, _measured_text, features
from crosscheck.match.options import (
    _DEFAULT,
    MEASURED_CLASH,
    NEUTRAL,
    PRECISE_REL,
    SAME_CLASS_MEASURED,
    SAME_THING_MEASURED,
    MatchOptions,
)
from crosscheck.models import Claim


def _entity_overlap(ea: frozenset[str], eb: frozenset[str]) -> tuple[float, frozenset[str]]:
    if not ea or not eb:
        return NEUTRAL, frozenset()  # one side names nobody: no evidence either way
    shared = ea & eb
    return len(shared) / min(len(ea), len(eb)), shared  # overlap: Jaccard measured worse


def score_pair(a: Claim, b: Claim, frame_sim: float, options: MatchOptions = _DEFAULT
               ) -> tuple[float, str]:
    """Combined similarity in 0..1 and the reason a reviewer reads."""
    score, measured, entities, shared = _score(features(a), features(b), frame_sim, options)
    return score, _reason(a, b, frame_sim, measured, entities, shared)


def _score(fa: Features, fb: Features, frame_sim: float, o: MatchOptions
           ) -> tuple[float, float, float, frozenset[str]]:
    measured = 1.0 if fa.measured == fb.measured else \
        fuzz.token_set_ratio(fa.measured, fb.measured) / 100
    if not fa.measured or not fb.measured or fa.bare_unit or fb.bare_unit:
        measured = max(measured, NEUTRAL)  # "721,449 tonnes" names no thing: no evidence
    if fa.measure and fa.measure == fb.measure:
        measured = max(measured, SAME_CLASS_MEASURED)  # "killed" / "death toll": one measure
    elif fa.things and fa.things == fb.things:
        measured = max(measured, SAME_THING_MEASURED)
    entities, shared = _entity_overlap(fa.entities, fb.entities)
    score = o.frame_weight * frame_sim + o.measured_weight * measured + o.entity_weight * entities
    if fa.informative and fb.informative and measured < MEASURED_CLASH:
        score -= o.measured_clash_penalty  # "inflation" vs "policy rate": two named things
    if fa.precise is not None and fb.precise is not None and \
            abs(fa.precise - fb.precise) <= PRECISE_REL * max(fa.precise, fb.precise):
        score += o.precise_value_bonus  # 719,549 ≈ 721,449 t: such figures rarely meet by chance
    if fa.countries and fb.countries and not fa.countries & fb.countries:
        score -= o.no_shared_country_penalty
    return round(max(0.0, score), 4), measured, entities, shared


def _reason(a: Claim, b: Claim, frame_sim: float, measured: float, entities: float,
            shared: frozenset[str]) -> str:
    return (f"frame {frame_sim:.2f}, measured {measured:.2f} "
            f"('{_measured_text(a)}' / '{_measured_text(b)}'), "
            f"entities {entities:.2f} (shared: {', '.join(sorted(shared)) or 'none'}), "
            f"unit {a.quantity.unit_kind}/{a.quantity.unit or '-'}")
