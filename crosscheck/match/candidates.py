"""Candidate pairs: blocking and vectorized pruning, so only pairs that can match are scored."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process, utils

from crosscheck.match.measures import Features, block_key, features
from crosscheck.match.options import (
    _DEFAULT,
    MAX_BLOCK_ALL_PAIRS,
    NEUTRAL,
    PRECISE_REL,
    PRUNE_CUTOFF,
    PRUNE_MARGIN,
    SAME_CLASS_MEASURED,
    SAME_THING_MEASURED,
    MatchOptions,
)
from crosscheck.models import Claim


def _blocks(claims: Sequence[Claim]) -> list[list[int]]:
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        by_key[block_key(c)].append(i)
    out: list[list[int]] = []
    for members in by_key.values():
        out.extend(_split_large(claims, members) if len(members) > MAX_BLOCK_ALL_PAIRS
                   else [members])
    return [b for b in out if len(b) > 1]


def _split_large(claims: Sequence[Claim], members: list[int]) -> list[list[int]]:
    """Split an oversized block by measured head word and by entity (a claim may be in several).

    Two claims of one fact that share neither are not compared: the price of not going
    quadratic on a large block (measured with `benchmarks/matching.py --scale`).
    """
    keys: dict[str, list[int]] = defaultdict(list)
    for i in members:
        c = claims[i]
        head = utils.default_process(c.measured).split()[-1:] or [""]
        keys["m:" + head[0]].append(i)
        for e in c.entities:
            keys["e:" + e].append(i)
    return list(keys.values())


def candidate_pairs(claims: Sequence[Claim], prune_cutoff: int = PRUNE_CUTOFF,
                    feats: Sequence[Features] | None = None,
                    options: MatchOptions | None = None) -> dict[tuple[int, int], float]:
    """(i, j) → frame similarity for pairs worth scoring, found block by block.

    Frames and measured phrases are compared all-against-all inside a block with rapidfuzz on
    every core; a pair is kept only when its frame passes `prune_cutoff` and an upper bound of
    its combined score (best case for entities and the precise-value bonus) reaches the
    threshold, so the per-pair Python scoring only sees pairs that can match.
    """
    o = options or _DEFAULT
    feats = feats or [features(c) for c in claims]
    pairs: dict[tuple[int, int], float] = {}
    for block in _blocks(claims):
        frames = process.cdist([claims[i].frame for i in block], [claims[i].frame for i in block],
                               scorer=fuzz.token_set_ratio, processor=utils.default_process,
                               score_cutoff=prune_cutoff, dtype=np.uint8, workers=-1)
        bf = [feats[i] for i in block]
        approx = o.frame_weight * frames.astype(np.float32) / 100 \
            + o.measured_weight * _measured_bound(bf) + o.entity_weight * _entity_matrix(bf) \
            + o.precise_value_bonus * _precise_matrix(bf)
        keep = np.triu((frames > 0) & (approx >= o.threshold - PRUNE_MARGIN), k=1)
        for r, c in zip(*(a.tolist() for a in np.nonzero(keep)), strict=True):
            i, j = sorted((block[r], block[c]))
            pairs[(i, j)] = float(frames[r, c]) / 100
    return pairs


def _measured_bound(feats: Sequence[Features]) -> np.ndarray:
    """Matrix of the measured similarity each pair can reach (fuzzy, class and neutral rules)."""
    texts = [f.measured for f in feats]
    sim = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, dtype=np.uint8,
                        workers=-1).astype(np.float32) / 100
    classes = np.array([hash(f.measure) if f.measure else 0 for f in feats])
    same = (classes[:, None] == classes[None, :]) & (classes[:, None] != 0)
    sim = np.maximum(sim, same * SAME_CLASS_MEASURED)
    vague = np.array([not f.measured or f.bare_unit for f in feats])
    sim = np.maximum(sim, (vague[:, None] | vague[None, :]) * NEUTRAL)
    return np.maximum(sim, SAME_THING_MEASURED * _shared_things(feats))


def _onehot(sets: Sequence[frozenset[str]]) -> np.ndarray:
    names = {t: k for k, t in enumerate(sorted({t for s in sets for t in s}))}
    out = np.zeros((len(sets), max(1, len(names))), dtype=np.float32)
    for row, s in enumerate(sets):
        for t in s:
            out[row, names[t]] = 1
    return out


def _entity_matrix(feats: Sequence[Features]) -> np.ndarray:
    """Entity overlap of every pair as `_entity_overlap` computes it (neutral when one is empty)."""
    onehot = _onehot([f.entities for f in feats])
    shared = onehot @ onehot.T
    sizes = onehot.sum(axis=1)
    smaller = np.minimum(sizes[:, None], sizes[None, :])
    return np.where(smaller > 0, shared / np.maximum(smaller, 1), NEUTRAL).astype(np.float32)


def _precise_matrix(feats: Sequence[Features]) -> np.ndarray:
    """1 where both figures are specific and within PRECISE_REL of each other."""
    values = np.array([f.precise if f.precise is not None else np.nan for f in feats])
    close = np.abs(values[:, None] - values[None, :]) <= \
        PRECISE_REL * np.fmax(values[:, None], values[None, :])
    return np.nan_to_num(close.astype(np.float32))


def _shared_things(feats: Sequence[Features]) -> np.ndarray:
    """1 where two claims count the same class of thing, else 0."""
    names = sorted({t for f in feats for t in f.things})
    if not names:
        return np.zeros((len(feats), len(feats)), dtype=np.float32)
    index = {t: k for k, t in enumerate(names)}
    onehot = np.zeros((len(feats), len(names)), dtype=np.float32)
    for row, f in enumerate(feats):
        for t in f.things:
            onehot[row, index[t]] = 1
    return (onehot @ onehot.T > 0).astype(np.float32)
