"""The claims' matching features as arrays, and the pair rules evaluated on whole strips at once.

`scoring._score` and `measures.incompatibility` judge one pair; on a busy night matching sees
millions of candidate pairs, so the candidates module evaluates the same rules here with numpy
over a strip of a block (rows × later columns). Each function states which scalar rule it
mirrors; `tests/test_match.py` checks that both give the same scores and cannot-links.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from crosscheck.match.measures import Features, _rates_clash, _things_clash
from crosscheck.match.options import (
    MEASURED_CLASH,
    NEUTRAL,
    PRECISE_REL,
    SAME_CLASS_MEASURED,
    SAME_THING_MEASURED,
    MatchOptions,
)
from crosscheck.models import Claim


def _codes(values: Sequence[Hashable], none: Hashable = None) -> tuple[np.ndarray, list]:
    """An int code per value (equal values, equal codes; `none` → 0) and the values by code."""
    table: dict[Hashable, int] = {none: 0}
    codes = np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int64,
                        count=len(values))
    return codes, list(table)


def _incidence(sets: Sequence[frozenset[str]], vocabulary: dict[str, int]) -> sparse.csr_matrix:
    """Claims × names 0/1 matrix (float32, so products count shared names exactly)."""
    rows = [k for k, s in enumerate(sets) for _ in s]
    cols = [vocabulary[t] for s in sets for t in s]
    return sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                             shape=(len(sets), len(vocabulary)))


@dataclass(frozen=True)
class FeatureTable:
    """Every claim's `Features` (and the claim fields the same-article rule reads) as arrays."""

    measured: np.ndarray  # code of the measured text
    measured_text: list[str]
    measure: np.ndarray  # code of the measure class, 0 for none
    things: np.ndarray  # code of the set of things counted, 0 for none
    things_overlap: np.ndarray  # [code, code]: the two sets share a thing
    things_clash: np.ndarray  # [code, code]: `_things_clash`
    neutral: np.ndarray  # no measured phrase, or only the unit
    informative: np.ndarray
    precise: np.ndarray  # the specific value, NaN when there is none
    rate_clash: np.ndarray  # [code, code]: `_rates_clash` (code 0 is never used)
    rate: np.ndarray
    year: np.ndarray
    actor: np.ndarray  # the actor's column in `named`, -1 for none
    article: np.ndarray
    interval: np.ndarray
    as_of: np.ndarray
    entities: sparse.csr_matrix
    n_entities: np.ndarray
    countries: sparse.csr_matrix
    named_keys: np.ndarray  # sorted claim * width + name column of every entity or country
    width: int


def feature_table(claims: Sequence[Claim], feats: Sequence[Features]) -> FeatureTable:
    """Arrays of the features of these claims, indexed like them."""
    measured, measured_text = _codes([f.measured for f in feats], none="\0")
    things, thing_sets = _codes([f.things or None for f in feats])
    sets = [s or frozenset() for s in thing_sets]
    rate, rates = _codes([f.rate for f in feats], none="\0")  # None is a rate value here
    names = {t: k for k, t in enumerate(sorted(
        {t for f in feats for t in (*f.entities, *f.countries, *([f.actor] if f.actor else []))}
        or {""}))}
    entities = _incidence([f.entities for f in feats], names)
    countries = _incidence([f.countries for f in feats], names)
    actor = np.array([names[f.actor] if f.actor else -1 for f in feats], dtype=np.int64)
    width = len(names)
    named = entities + countries
    rows, cols = named.nonzero()
    return FeatureTable(
        measured=measured, measured_text=[str(t) for t in measured_text],
        measure=_codes([f.measure for f in feats])[0],
        things=things,
        things_overlap=np.array([[bool(a & b) for b in sets] for a in sets]),
        things_clash=np.array([[_things_clash(a, b) for b in sets] for a in sets]),
        neutral=np.array([not f.measured or f.bare_unit for f in feats], dtype=bool),
        informative=np.array([f.informative for f in feats], dtype=bool),
        precise=np.array([np.nan if f.precise is None else f.precise for f in feats]),
        rate_clash=np.array([[_rates_clash(a, b) for b in rates] for a in rates]),
        rate=rate, year=_codes([f.year for f in feats])[0], actor=actor,
        article=_codes([c.article_id for c in claims])[0],
        interval=_codes([(c.quantity.low, c.quantity.high, c.quantity.unit) for c in claims])[0],
        as_of=_codes([c.as_of for c in claims])[0],
        entities=entities, n_entities=np.asarray(entities.sum(axis=1)).ravel(),
        countries=countries, named_keys=np.unique(rows * width + cols), width=width)


@dataclass(frozen=True)
class Strip:
    """What the rules need about rows × columns of one block, computed once per strip."""

    rows: np.ndarray  # claim indices
    cols: np.ndarray
    shared_entities: np.ndarray  # float32 counts
    smaller_entities: np.ndarray  # float32: the smaller entity count of each pair
    country_clash: np.ndarray  # both name countries and none in common


def strip(t: FeatureTable, rows: np.ndarray, cols: np.ndarray) -> Strip:
    """Shared entity counts and country clashes of every row/column pair."""
    shared = (t.entities[rows] @ t.entities[cols].T).toarray()
    smaller = np.minimum(t.n_entities[rows][:, None], t.n_entities[cols][None, :])
    countries_r, countries_c = t.countries[rows], t.countries[cols]
    in_common = (countries_r @ countries_c.T).toarray() > 0
    has_r, has_c = np.diff(countries_r.indptr) > 0, np.diff(countries_c.indptr) > 0
    clash = has_r[:, None] & has_c[None, :] & ~in_common
    return Strip(rows, cols, shared, smaller.astype(np.float32), clash)


def measured_sim(t: FeatureTable, rows: np.ndarray, cols: np.ndarray,
                 dtype: type = np.uint8) -> np.ndarray:
    """token_set_ratio of the measured texts of rows × cols, each distinct pair scored once."""
    ur, ri = np.unique(t.measured[rows], return_inverse=True)
    uc, ci = np.unique(t.measured[cols], return_inverse=True)
    sim = process.cdist([t.measured_text[k] for k in ur], [t.measured_text[k] for k in uc],
                        scorer=fuzz.token_set_ratio, dtype=dtype, workers=-1)
    return sim[np.ix_(ri.ravel(), ci.ravel())]


def score_estimate(t: FeatureTable, s: Strip, frames: np.ndarray,
                   o: MatchOptions) -> np.ndarray:
    """An upper bound of every pair's score: the prune and the per-claim cap rank by it.

    Measured similarity at its best case (fuzzy, class, neutral and shared-thing rules), entity
    overlap, and the precise-value bonus; the penalties are left out.
    """
    rows, cols = s.rows, s.cols
    sim = measured_sim(t, rows, cols).astype(np.float32) / 100
    mr, mc = t.measure[rows], t.measure[cols]
    same = (mr[:, None] == mc[None, :]) & (mr[:, None] != 0)
    sim = np.maximum(sim, same * SAME_CLASS_MEASURED)
    sim = np.maximum(sim, (t.neutral[rows][:, None] | t.neutral[cols][None, :]) * NEUTRAL)
    things = t.things_overlap[np.ix_(t.things[rows], t.things[cols])].astype(np.float32)
    measured = np.maximum(sim, SAME_THING_MEASURED * things)
    entities = np.where(s.smaller_entities > 0,
                        s.shared_entities / np.maximum(s.smaller_entities, 1),
                        NEUTRAL).astype(np.float32)
    pr, pc = t.precise[rows][:, None], t.precise[cols][None, :]
    precise = np.nan_to_num((np.abs(pr - pc) <= PRECISE_REL * np.fmax(pr, pc)).astype(np.float32))
    return o.frame_weight * frames.astype(np.float32) / 100 + o.measured_weight * measured \
        + o.entity_weight * entities + o.precise_value_bonus * precise


def cannot_link(t: FeatureTable, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`measures.incompatibility(a, b) is not None` for each pair of claim indices a[k], b[k]."""
    same_article = (t.article[a] == t.article[b]) & (t.interval[a] != t.interval[b]) \
        & (t.as_of[a] == t.as_of[b])
    ma, mb = t.measure[a], t.measure[b]
    ya, yb = t.year[a], t.year[b]
    return same_article | ((ma != 0) & (mb != 0) & (ma != mb)) \
        | t.things_clash[t.things[a], t.things[b]] | t.rate_clash[t.rate[a], t.rate[b]] \
        | ((ya != 0) & (yb != 0) & (ya != yb)) | _actors_clash(t, a, b)


def _actors_clash(t: FeatureTable, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`measures._actors_clash` on each pair."""
    xa, xb = t.actor[a], t.actor[b]
    both = (xa >= 0) & (xb >= 0) & (xa != xb)
    return both & (~_names(t, b, xa) | ~_names(t, a, xb))


def _names(t: FeatureTable, claim: np.ndarray, name: np.ndarray) -> np.ndarray:
    """Whether each claim names the entity or country in column `name` (sorted-key lookup)."""
    if not len(t.named_keys):
        return np.zeros(len(claim), dtype=bool)
    keys = claim * t.width + name
    at = np.minimum(np.searchsorted(t.named_keys, keys), len(t.named_keys) - 1)
    return t.named_keys[at] == keys


def exact_scores(t: FeatureTable, s: Strip, r: np.ndarray, c: np.ndarray, frames: np.ndarray,
                 o: MatchOptions) -> np.ndarray:
    """`scoring._score(...)[0]` of the strip's cells (r[k], c[k]), before its rounding.

    `frames` holds those cells' frame similarity (0..1); float64 throughout, in the scalar
    rule's order of operations, so the sums come out bit for bit the same.
    """
    a, b = s.rows[r], s.cols[c]
    measured = measured_sim(t, s.rows, s.cols, np.float64)[r, c] / 100
    measured[t.measured[a] == t.measured[b]] = 1.0
    neutral = t.neutral[a] | t.neutral[b]
    measured[neutral] = np.maximum(measured[neutral], NEUTRAL)
    same_class = (t.measure[a] != 0) & (t.measure[a] == t.measure[b])
    measured[same_class] = np.maximum(measured[same_class], SAME_CLASS_MEASURED)
    same_things = ~same_class & (t.things[a] != 0) & (t.things[a] == t.things[b])
    measured[same_things] = np.maximum(measured[same_things], SAME_THING_MEASURED)
    smaller = s.smaller_entities[r, c].astype(np.float64)
    entities = np.full(len(r), NEUTRAL)
    named = smaller > 0
    entities[named] = s.shared_entities[r, c][named].astype(np.float64) / smaller[named]
    score = o.frame_weight * frames + o.measured_weight * measured + o.entity_weight * entities
    clash = t.informative[a] & t.informative[b] & (measured < MEASURED_CLASH)
    score[clash] -= o.measured_clash_penalty
    pa, pb = t.precise[a], t.precise[b]
    with np.errstate(invalid="ignore"):
        close = np.abs(pa - pb) <= PRECISE_REL * np.maximum(pa, pb)
    score[close] += o.precise_value_bonus
    score[s.country_clash[r, c]] -= o.no_shared_country_penalty
    return np.maximum(score, 0.0)
